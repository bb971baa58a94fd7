"""Why an edit was refused, said in the status bar: a reserved line, so a message never moves the layout.

A bar above the tabs used to push the whole page down by ~35 px and back again a few seconds later, so the next
click landed one row too high.  The status bar is always there at the same height: a refusal is shown in it, in dark
red on pink, and goes as soon as the clerk corrects the cell (any accepted edit clears it) or after
:data:`MESSAGE_SECONDS`.  Other status messages (就绪, 已保存) keep the bar's ordinary colours.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QStatusBar

MESSAGE_SECONDS = 10
_REFUSAL_STYLE = "QStatusBar { background: #fde2e1; color: #8b0000; }"


class MessageBar(QObject):
    """Refusal messages in ``status``: :meth:`show_for` shows one, :meth:`clear` takes it away."""

    def __init__(self, status: QStatusBar) -> None:
        super().__init__(status)
        self.status = status
        self._text = ""
        status.messageChanged.connect(self._on_message_changed)

    def show_for(self, message: str, seconds: int = MESSAGE_SECONDS) -> None:
        self._text = message
        self.status.setStyleSheet(_REFUSAL_STYLE)
        self.status.showMessage(message, seconds * 1000)

    def clear(self) -> None:
        """The refusal was answered (the cell corrected, or the old value restored): take the message away."""
        if self._text and self.status.currentMessage() == self._text:
            self.status.clearMessage()
        self._forget()

    def text(self) -> str:
        """The refusal on show, or ``""``."""
        return self._text

    def isVisible(self) -> bool:
        return bool(self._text)

    def _on_message_changed(self, message: str) -> None:
        if message != self._text:
            self._forget()

    def _forget(self) -> None:
        if self._text:
            self._text = ""
            self.status.setStyleSheet("")
