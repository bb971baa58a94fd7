"""The PySide6 user interface: a thin layer of views over :mod:`govreport_gui.core` (never the other way round)."""
