"""PyInstaller's entry script: the bundle runs the same `main` as the `mystatus-tray`
console script (no command = the tray; `status`, `doctor`, ... as usual)."""

from tray_app.cli import main

raise SystemExit(main())
