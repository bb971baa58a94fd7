"""The window's groundwork: its style, settings, message boxes and Qt's own dialogs in Chinese."""
