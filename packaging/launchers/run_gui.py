"""Frozen entry point of the desktop application (``govreport-gui [FILE]``), for the PyInstaller build."""

import multiprocessing

from govreport_gui.ui.app import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # reviewing a batch of reports starts worker processes from this executable
    raise SystemExit(main())
