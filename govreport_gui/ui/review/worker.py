"""The thread that runs a batch review for the window: finds the files, drives the review, reports progress.

:func:`~govreport_gui.core.review.iter_review` stays Qt-free; this :class:`QThread` walks the folders
(:func:`~govreport_gui.core.review.collect_files`), iterates the review and emits every
:class:`~govreport_gui.core.review.Progress` as a signal, so the dialog's table fills while files are read and the
window never freezes.  The reading itself happens in the review's worker processes (both cores); this thread only
waits on them.  ``cancel()`` sets a flag the review polls (every 0.2 s with worker processes, between files in
process): the run then ends with the rows read so far, marked cancelled.

Rows are copied before they cross to the window's thread, because the review goes on to mark duplicates and notes
on its own objects at the end (the last progress brings the final rows anyway).
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from ...core.review import CollectRefused, Progress, collect_files, iter_review

Review = Callable[..., Iterator[Progress]]  # iter_review's signature: (files, last_files, *, workers, cancel)
SAME_FOLDER = "本年报告文件夹中的文件都在所选的上年报告文件夹中，请另选上年报告文件夹。"
NO_FILES = "“{name}”中没有可审查的报告文件（.govreport、.xlsx/.xls、.docx/.doc、.pdf、.txt、.md、.html）。"


class ReviewRun(QThread):
    """One review of ``folders`` (compared with the reports in ``last_folders``) on a thread of its own."""

    # Each signal carries the run's number first, so a dialog that started a new run ignores the old one's last words.
    found = Signal(int, int, int)  # files of this year, files of last year
    progressed = Signal(int, object)  # a Progress (its row copied); the last one carries the ReviewResult
    refused = Signal(int, str)  # the review could not start or broke off: a one-line Chinese message

    def __init__(self, folders: Sequence[str], last_folders: Sequence[str] = (), *, workers: int = 2,
                 review: Review = iter_review, number: int = 0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.folders, self.last_folders = list(folders), list(last_folders)
        self.workers = workers
        self._review = review
        self._cancel = threading.Event()
        self.overlap = False  # some of this year's files were in the last-year folder (and left to it)

    def cancel(self) -> None:
        """Ask the review to stop soon; the last progress still comes, with the rows read so far."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:  # the thread's body: never raises (a failure is a refused signal)
        try:
            files, last = self._collect()
        except CollectRefused as exc:
            self.refused.emit(self.number, str(exc))
            return
        except OSError as exc:
            self.refused.emit(self.number, f"无法读取所选文件夹：{exc.strerror or exc}")
            return
        if not files:
            name = Path(self.folders[0]).name if self.folders else ""
            self.refused.emit(self.number, SAME_FOLDER if self.overlap else NO_FILES.format(name=name))
            return
        self.found.emit(self.number, len(files), len(last))
        try:
            for p in self._review(files, last, workers=self.workers, cancel=self._cancel.is_set):
                self.progressed.emit(self.number, _copied(p))
        except Exception as exc:  # a bug in the review must not leave the dialog waiting forever
            self.refused.emit(self.number, f"审查意外中断（{type(exc).__name__}）：{exc}")

    def _collect(self) -> tuple[list[Path], list[Path]]:
        last = collect_files(self.last_folders) if self.last_folders else []
        taken = {p.resolve() for p in last}
        # a last-year folder inside this year's is not reviewed as this year's too
        found = collect_files(self.folders)
        files = [p for p in found if p.resolve() not in taken]
        self.overlap = len(files) < len(found)
        return files, last


def _copied(p: Progress) -> Progress:
    if p.row is None:
        return p
    return dataclasses.replace(p, row=dataclasses.replace(p.row, notes=list(p.row.notes)))


_DETACHED: list[ReviewRun] = []  # runs that outlived their dialog's wait: kept until their thread ends


def stop(run: ReviewRun | None, wait_ms: int = 10_000) -> bool:
    """Cancel a running review and wait for its thread; True when it ended (a pool's workers are killed at once).

    A run still busy after ``wait_ms`` (one slow file read in process) is detached from its dialog and kept alive
    until it ends, so that closing the dialog never destroys a running thread.
    """
    if run is None or not run.isRunning():
        return True
    run.cancel()
    if run.wait(wait_ms):
        return True
    run.setParent(None)
    _DETACHED.append(run)
    run.finished.connect(lambda: _DETACHED.remove(run) if run in _DETACHED else None)
    return False
