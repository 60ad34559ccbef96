"""`python -m bench [--smoke] [--json PATH]`: every figure of issue 5 with its target."""

from bench.run import main

raise SystemExit(main())
