"""The core: pure Python, never imports PySide6 (a test enforces it)."""
