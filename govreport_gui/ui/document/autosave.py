"""Autosave: a recovery copy of the open report a few seconds after the last edit, at most every 30 s while typing.

The copy goes to the per-user data folder (:class:`~govreport_gui.core.recovery.RecoveryStore`); a clean save,
a discarded document or a clean close removes it.  Writing never disturbs the clerk: a failure is shown in the
status bar only.
"""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QObject, QTimer

from ...core.atomic import failure_text
from ...core.recovery import RecoveryStore
from .controller import DocumentController

IDLE_MS = int(os.environ.get("GOVREPORT_AUTOSAVE_IDLE_MS", "3000"))  # after the last edit
MAX_DELAY_S = float(os.environ.get("GOVREPORT_AUTOSAVE_MAX_S", "30"))  # at the latest, while typing on


class Autosaver(QObject):
    """Watches one window's document and keeps its recovery copy current."""

    def __init__(self, window: QObject, controller: DocumentController, store: RecoveryStore | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.store = store or RecoveryStore()
        self.key = "main"
        self.writes = 0
        self._pending_since: float | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.write_now)
        controller.changed.connect(self._edited)
        controller.stack.cleanChanged.connect(self._clean_changed)

    def _edited(self, *_: object) -> None:
        # called while the undo stack is still pushing: whether the document is modified is decided at write time
        now = time.monotonic()
        if self._pending_since is None:
            self._pending_since = now
        if now - self._pending_since >= MAX_DELAY_S:
            self.write_now()
            return
        self._timer.start(IDLE_MS)

    def _modified(self) -> bool:
        is_modified = getattr(self.window, "is_modified", None)
        return bool(is_modified()) if callable(is_modified) else not self.controller.stack.isClean()

    def _clean_changed(self, clean: bool) -> None:
        try:
            modified = self._modified()
        except RuntimeError:  # the window is being destroyed; its close already decided about the copy
            return
        if clean and not modified:
            self.discard()

    def write_now(self) -> None:
        """Write the recovery copy now (if the document has unsaved changes)."""
        self._timer.stop()
        self._pending_since = None
        if not self._modified():
            return
        try:
            self.store.write(self.key, self.controller.report, getattr(self.window, "path", None))
            self.writes += 1
        except OSError as exc:
            status = getattr(self.window, "statusBar", None)
            if callable(status):
                status().showMessage(f"自动保存恢复副本失败：{failure_text(exc)}", 10000)

    def discard(self) -> None:
        """Forget the recovery copy (saved cleanly, closed, or replaced by another document)."""
        self._timer.stop()
        self._pending_since = None
        self.store.remove(self.key)
