"""Export, print preview and print made in a background thread, with a progress dialog and 取消.

The window used to make the workbook or the PDF on the GUI thread: a long report froze it (a 100,000-character
paragraph took 14 s before the page layout was made linear; 1,000,000 characters still take some 3–4 s) and the
clerk could neither see progress nor stop it.  Now :class:`BackgroundJob` runs the core's own function
(:func:`~core.exporters.pdf.render_pdf`, :func:`~core.exporters.excel.workbook_bytes`; the core stays Qt-free) in a
``QThread`` on a **copy** of the report taken before it starts — so edits made meanwhile cannot race with it — while
a window-modal ``QProgressDialog`` shows the pages laid out so far and offers 取消.  The PDF checks for 取消 after
each page (:class:`~core.exporters.pdf.ExportCancelled`); the workbook is checked before it is written.  The file
is written in the worker too (atomically, as before); what the worker did decides the outcome: cancelled before the
write, nothing is written; an error is one Chinese message; characters no font can draw are a warning afterwards.
Print preview and print make the PDF the same way and then open Qt's dialogs on the GUI thread.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ...core.report import Report

# work(cancelled, progress) -> result, run in the worker thread
Work = Callable[[Callable[[], bool], Callable[[int], None]], Any]


def snapshot(report: Report) -> Report:
    """A deep copy of ``report`` sharing its (read-only) form: what the worker exports, whatever is edited after."""
    return copy.deepcopy(report, {id(report.form): report.form})


class _Thread(QThread):
    progressed = Signal(int)

    def __init__(self, work: Work) -> None:
        super().__init__()
        self.work = work
        self.stop = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.work(self.stop.is_set, self.progressed.emit)
        except BaseException as exc:  # handed to the GUI thread, which says what happened
            self.error = exc


class BackgroundJob(QObject):
    """One piece of work in a worker thread, with a progress dialog; exactly one of the signals at the end."""

    succeeded = Signal(object)  # the work's result
    failed = Signal(object)  # the exception it raised
    cancelled = Signal()

    def __init__(self, parent: QWidget | None, label: str, work: Work) -> None:
        super().__init__(parent)
        self.label = label
        self.thread = _Thread(work)
        self.thread.progressed.connect(self._progress)
        self.thread.finished.connect(self._finish)
        self.dialog = QProgressDialog(label, "取消", 0, 0, parent)
        self.dialog.setWindowTitle("请稍候")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(400)  # quick exports finish before any dialog appears
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)

    def start(self) -> BackgroundJob:
        _running.add(self)  # kept alive until it ends, whoever holds it
        app = QCoreApplication.instance()
        if app is not None:  # quitting meanwhile: stop the worker first (a running QThread must not be destroyed)
            app.aboutToQuit.connect(self._stop_and_wait)
        self.dialog.setValue(0)
        self.thread.start()
        return self

    @Slot()
    def _stop_and_wait(self) -> None:
        self.thread.stop.set()
        self.thread.wait(30_000)

    @Slot()
    def cancel(self) -> None:
        self.thread.stop.set()
        self.dialog.setLabelText("正在取消……")

    @Slot(int)
    def _progress(self, pages: int) -> None:
        if not self.thread.stop.is_set():
            self.dialog.setLabelText(f"{self.label}（已排版{pages}页）")

    @Slot()
    def _finish(self) -> None:
        from ...core.exporters.pdf import ExportCancelled

        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.close()
        self.dialog.deleteLater()
        error = self.thread.error
        try:
            if isinstance(error, ExportCancelled):
                self.cancelled.emit()
            elif error is not None:
                self.failed.emit(error)
            else:
                self.succeeded.emit(self.thread.result)
        finally:
            self.thread.wait()
            _running.discard(self)
            self.deleteLater()


_running: set[BackgroundJob] = set()


def running_jobs() -> int:
    """How many background jobs have not ended (the tests wait for none)."""
    return len(_running)


def failure_text(exc: BaseException, path: str | None = None) -> str:
    """One Chinese sentence for a failed export or print."""
    from ...core.exporters.pdf import FontUnavailable
    from ...core.storage import describe_save_error

    if isinstance(exc, FontUnavailable):
        return str(exc)
    if isinstance(exc, OSError) and path:
        return describe_save_error(exc, path)
    if isinstance(exc, MemoryError):
        return "内存不足，未能完成。"
    return f"程序内部错误（错误类型{type(exc).__name__}），未能完成，请联系技术支持。"


def _write_unless_cancelled(make: Callable[[], bytes], path: str) -> Callable[..., list[str]]:
    def work(cancelled: Callable[[], bool], progress: Callable[[int], None]) -> list[str]:
        from ...core.atomic import atomic_write_bytes
        from ...core.exporters.pdf import ExportCancelled

        data = make()
        if cancelled():
            raise ExportCancelled()
        atomic_write_bytes(path, data, keep_backup=False)
        return []

    return work


def export_in_background(window: Any, report: Report, kind: str, path: str, options: Any = None) -> BackgroundJob:
    """Write ``report`` as ``kind`` ("xlsx", "docx", "html" or "pdf") to ``path`` in the background; the window is told
    the outcome."""
    from ...core.checks.run import findings_of_kind
    from ...core.exporters.pdf import PdfOptions

    options = options if options is not None else PdfOptions()  # the PDF与打印设置 choices, and draft or not
    copy_ = snapshot(report)
    name = Path(path).name
    if kind == "xlsx":
        from ...core.exporters.excel import workbook_bytes

        def work(cancelled: Callable[[], bool], progress: Callable[[int], None]) -> list[str]:
            return _write_unless_cancelled(lambda: workbook_bytes(copy_, options.draft), path)(cancelled, progress)

        label = f"正在导出Excel工作簿“{name}”……"
    elif kind == "docx":
        from ...core.exporters.word import render_docx

        def work(cancelled: Callable[[], bool], progress: Callable[[int], None]) -> list[str]:
            o = options
            make = _write_unless_cancelled(lambda: render_docx(
                copy_, blank_as_zero=o.blank_as_zero, signature_block=o.signature_block,
                rules_appendix=o.rules_appendix, draft=o.draft,
            ), path)
            return make(cancelled, progress)

        label = f"正在导出Word文档“{name}”……"
    elif kind == "html":
        from ...core.exporters.html import render_page

        def work(cancelled: Callable[[], bool], progress: Callable[[int], None]) -> list[str]:
            o = options
            return _write_unless_cancelled(lambda: render_page(
                copy_, blank_as_zero=o.blank_as_zero, signature_block=o.signature_block, draft=o.draft,
            ).encode("utf-8"), path)(cancelled, progress)

        label = f"正在导出网页“{name}”……"
    else:
        from ...core.exporters.pdf import render_pdf

        def work(cancelled: Callable[[], bool], progress: Callable[[int], None]) -> list[str]:
            make = _write_unless_cancelled(lambda: render_pdf(copy_, options, cancelled, progress), path)
            make(cancelled, progress)
            return [f.message for f in findings_of_kind(copy_, "undrawable_chars")]

        label = f"正在生成PDF“{name}”……"
    job = BackgroundJob(window, label, work)

    def done(warnings: list[str]) -> None:
        window.statusBar().showMessage(f"已导出到“{name}”", 5000)
        if warnings:
            QMessageBox.warning(window, "导出警告", f"已导出到“{name}”，但：\n" + "\n".join(warnings))

    job.succeeded.connect(done)
    job.failed.connect(lambda exc: QMessageBox.warning(window, "导出失败", "导出失败：" + failure_text(exc, path)))
    job.cancelled.connect(lambda: window.statusBar().showMessage("已取消导出，未写入文件。", 5000))
    return job.start()


def print_in_background(window: Any, report: Report, options: Any, preview: bool) -> BackgroundJob:
    """打印预览 / 打印: the PDF made in the background, then Qt's preview or print dialog over its pages."""
    from ...core.exporters.pdf import render_pdf

    copy_ = snapshot(report)
    job = BackgroundJob(window, "正在生成打印页面……",
                        lambda cancelled, progress: render_pdf(copy_, options, cancelled, progress))

    def show(data: bytes) -> None:
        from . import printing

        try:
            pages = printing.ReportPages(copy_, options, window, data)
        except ValueError as exc:
            QMessageBox.warning(window, "无法打印", str(exc))
            return
        if preview:
            dialog = printing.make_preview_dialog(window, pages)
            dialog.exec()
            dialog.deleteLater()
            return
        printer = printing.make_printer()
        dialog = printing.make_print_dialog(window, printer, pages.page_count)
        try:
            if dialog.exec() == dialog.DialogCode.Accepted and pages.paint_print(printer) == 0:
                QMessageBox.warning(window, "无法打印", "打印机未能开始打印，请检查打印机设置。")
        finally:
            dialog.deleteLater()
            pages.deleteLater()

    job.succeeded.connect(show)
    job.failed.connect(lambda exc: QMessageBox.warning(window, "无法打印", failure_text(exc)))
    job.cancelled.connect(lambda: window.statusBar().showMessage("已取消。", 5000))
    return job.start()
