"""Frozen entry point of the desktop application (``govreport-gui [FILE]``), for the PyInstaller build."""

from govreport_gui.ui.app import main

raise SystemExit(main())
