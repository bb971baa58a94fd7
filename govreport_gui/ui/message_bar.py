"""The red bar above the tabs that says why an edit was refused, hiding itself after a few seconds."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

MESSAGE_SECONDS = 10


class MessageBar(QLabel):
    """A word-wrapped red label; :meth:`show_for` shows a message and hides it again after ``seconds``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(
            "QLabel { background: #fde2e1; color: #8b0000; border: 1px solid #e0a0a0; padding: 6px; }"
        )
        self.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)

    def show_for(self, message: str, seconds: int = MESSAGE_SECONDS) -> None:
        self.setText(message)
        self.show()
        self._timer.start(seconds * 1000)
