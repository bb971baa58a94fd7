"""``python -m govreport_gui`` starts the application."""

from govreport_gui.ui.app import main

raise SystemExit(main())
