"""Frozen entry point of the command line (``govreport …``), for the PyInstaller build."""

import multiprocessing

from govreport_gui.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # `govreport review` starts worker processes from this same executable
    raise SystemExit(main())
