"""The supervisor's review of a folder of reports: the dialog, its table, the worker that reads the files, and
opening a reviewed file in a window."""
