"""`python -m tray_app` — same as the `mystatus-tray` console script."""

from tray_app.cli import main

raise SystemExit(main())
