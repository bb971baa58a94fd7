"""The open document: the controller that owns the report and its undo stack, autosave and recovery, opening and
saving files, and the guard on the file (its lock and content hash)."""
