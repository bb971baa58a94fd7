"""Frozen entry point of the command line (``govreport …``), for the PyInstaller build."""

from govreport_gui.cli import main

raise SystemExit(main())
