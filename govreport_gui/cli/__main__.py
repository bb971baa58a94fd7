"""``python -m govreport_gui.cli`` runs the command line."""

from govreport_gui.cli import main

raise SystemExit(main())
