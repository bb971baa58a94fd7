"""The open report's link to last year's: its prose given to the report, so that the copied-text rule can see it.

When a report whose last year's file is remembered (:mod:`.memory`) is opened, that file is read and its prose set
as the report's ``last_texts`` (never saved), and the rules run again: a section copied from last year shows in the
findings panel.  A file that cannot be read any more is passed over quietly (the comparison asks again).  A report
started from last year's (文件 › 从上年报告新建…) knows last year's prose already; the file it came from is
remembered as its last year's once the report is saved — as is a file chosen for an unsaved report, and the link
follows the report to a new name (另存为).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer

from ...core.compare import CompareRefused
from ...core.compare.reading import read_any
from ...core.report import Report
from . import memory


class LastYearLink(QObject):
    """Installed on the main window (``window.last_year_link``)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.source: str | None = None  # the open report's last year's file, once known
        window.controller.replaced.connect(self._replaced)

    def _replaced(self) -> None:
        self.source = None
        QTimer.singleShot(0, self, self.attach_remembered)  # the window sets the new path after loading

    def attach_remembered(self) -> None:
        """Give the open report the prose of its remembered last year's file, if it can be read."""
        remembered = memory.last_year_file(self.window.path)
        if not remembered:
            return
        self.source = remembered
        try:
            last = read_any(remembered)
        except (CompareRefused, OSError):
            return
        self.attach(last)

    def attach(self, last: Report) -> None:
        """Give the open report ``last``'s prose and run the rules again."""
        report = self.window.current_report()
        texts = {k: t for k, t in last.texts.items() if t.strip()}
        if texts != report.last_texts:
            report.last_texts = texts
            self.window.controller.recheck()

    def chosen(self, last_path: str) -> None:
        """``last_path`` is the open report's last year's file: remembered now, or when the report is saved."""
        self.source = last_path
        if self.window.path:
            memory.remember(self.window.path, last_path)

    def carried_from(self, last_path: str) -> None:
        """The open (unsaved) report was started from ``last_path``."""
        self.source = last_path

    def saved(self, path: str) -> None:
        """The report was saved as ``path``: its last year's file, once known, is remembered for that path."""
        if self.source and memory.last_year_file(path) != memory.normal(self.source):
            memory.remember(path, self.source)
