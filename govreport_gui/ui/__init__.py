"""The PySide6 user interface: a thin layer of views over :mod:`govreport_gui.core` (never the other way round).

The shell is here (the application, the main window, its menus, tabs and bars); the rooms below it are grouped by
what the clerk works on — ``base``, ``document``, ``grid``, ``text``, ``findings``, ``register``, ``review``,
``compare``, ``export``, ``imports``.  A room never imports the shell; rooms import ``base`` and each other
without circles (``tests/test_ui_layers.py``).
"""
