"""tests/desktop/bundle checks the PyInstaller app, so it runs only in the `bundle` phase of
tools/run-tests.sh, which builds it and sets MYSTATUS_BUNDLE_EXE to the built executable
(inside tools/ci-desktop.sh). Without that variable these tests are not collected at all:
the ordinary pytest phases have no bundle to test."""

from __future__ import annotations

import os

collect_ignore_glob = [] if os.environ.get("MYSTATUS_BUNDLE_EXE") else ["test_*.py"]
