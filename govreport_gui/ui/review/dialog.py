"""文件 › 审查一批报告…: the supervisor's desk in the window — a folder of reports read, checked and listed.

:func:`open_review` asks for the folder the departments' reports were collected in and shows
:class:`ReviewDialog`, which runs the review on a :class:`~.worker.ReviewRun` thread (the files are read in
the review's worker processes, both cores) with a progress bar and 取消.  Rows appear as files finish and are
replaced by the finished review, worst first; the table sorts on any column (numbers as numbers) and filters on any
text.  Below it, the chosen file's findings and import log.  A last-year folder (optional) adds the cross-year
checks; choosing one runs the review again.  The results are saved as the review workbook or the HTML page — the
same files ``govreport review`` writes.

打开报告 (or a double click) opens the file in a window of its own, the findings panel showing: a ``.govreport`` file
as itself; any other format imported as 文件 › 导入 would import it — an unsaved document whose 保存 asks for a new
name, so the source is never overwritten, its imported values marked for checking.  The review's verdict on the
file (counts, duplicate, the cross-year findings) stands in the window's notice bar.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...core.review import FileReview, Progress, ReviewResult, iter_review
from ...core.review.shown import counts_line
from ...core.storage import describe_save_error
from ..base.dialogs import APP_TITLE
from .opening import NewWindow, details_html, open_report_window
from .table import ROW_ROLE, ReviewModel, sorting_proxy
from .worker import Review, ReviewRun, stop


def _button(text: str, parent: QWidget, slot: Callable[[], object], tip: str = "") -> QPushButton:
    """A button Enter never presses: Enter in the table opens the row (a dialog's default button would fire too)."""
    button = QPushButton(text, parent)
    button.setAutoDefault(False)
    button.setToolTip(tip)
    button.clicked.connect(lambda _checked=False: slot())
    return button


def _plain_label(parent: QWidget) -> QLabel:
    """A label that shows file and folder names as typed (a name like ``<b>…`` is never read as markup)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


BAR_SECONDS = 0.05  # the progress bar moves at most this often

NO_ROW = "<p style='color:#666'>选择一行查看该文件的检查结果；双击打开该报告。</p>"


def show_message(parent: QWidget | None, text: str) -> None:
    """A refusal or failure, in Chinese (replaced by a recorder in tests)."""
    QMessageBox.warning(parent, APP_TITLE, text)


class ReviewDialog(QDialog):
    """The review of one folder: progress, the sortable summary, a file's findings, save and open (in windows that
    ``open_window`` makes: the shell's window class; without it no file is opened)."""

    def __init__(self, folder: str, parent: QWidget | None = None, *, last_folder: str = "", workers: int = 2,
                 review: Review = iter_review, start: bool = True, open_window: NewWindow | None = None) -> None:
        super().__init__(parent)
        self.folder, self.last_folder, self.open_window = folder, last_folder, open_window
        self.workers, self._review = workers, review
        self.run: ReviewRun | None = None
        self.runs = 0  # runs started; signals of an earlier one are ignored
        self._bar_shown = 0.0  # when the bar last moved
        self.result: ReviewResult | None = None
        self.setWindowTitle("审查一批报告")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint)
        layout = QVBoxLayout(self)
        layout.addLayout(self._folder_rows())
        layout.addLayout(self._progress_row())
        self.counts = _plain_label(self)
        self.counts.setWordWrap(True)
        layout.addWidget(self.counts)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("筛选：输入机关、文件名或说明中的文字")
        self.filter.setClearButtonEnabled(True)
        layout.addWidget(self.filter)
        self.model = ReviewModel(self)
        self.proxy = sorting_proxy(self.model)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self._table())
        self.details = QTextBrowser(splitter)
        self.details.setOpenLinks(False)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        layout.addLayout(self._buttons())
        self._show_details(None)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._stop_run)  # the application may end with the dialog still open
        self.resize(1200, 680)  # fits a 1366×768 screen with its task bar
        if start:
            self.start()

    # --- building ----------------------------------------------------------------------------------------------
    def _folder_rows(self) -> QGridLayout:
        grid = QGridLayout()
        self.folder_label = _plain_label(self)
        self.change_button = _button("更换文件夹…", self, self.choose_folder)
        self.last_label = _plain_label(self)
        self.last_button = _button("选择上年报告文件夹…", self, self.choose_last_folder,
                                   "选择上年各单位报告所在的文件夹，核对结转下年度与本年上年结转等跨年度关系")
        grid.addWidget(self.folder_label, 0, 0)
        grid.addWidget(self.change_button, 0, 1)
        grid.addWidget(self.last_label, 1, 0)
        grid.addWidget(self.last_button, 1, 1)
        grid.setColumnStretch(0, 1)
        self._show_folders()
        return grid

    def _progress_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.stage = _plain_label(self)
        self.bar = QProgressBar(self)
        self.bar.setFormat("%v / %m")
        self.cancel_button = _button("取消", self, self.cancel, "停止审查；已读取的文件仍列在下面")
        row.addWidget(self.stage)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        return row

    def _table(self) -> QTableView:
        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        for h in (self.view.verticalHeader(), self.view.horizontalHeader()):
            h.setResizeContentsPrecision(100)  # column widths measured on 100 rows, not all 1,000
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        metrics = header.fontMetrics()
        wide = {self.model.header.index(h): 180 for h in ("机关", "源文件", "说明")}
        for c, text in enumerate(self.model.header):  # before any row: the header's width, names wider
            self.view.setColumnWidth(c, max(wide.get(c, 0), metrics.horizontalAdvance(text) + 24))
        self.view.activated.connect(lambda index: self.open_row(self.row_of(index)))  # double click or Enter
        self.view.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show_details(self.row_of(cur)))
        return self.view

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.open_button = _button("打开报告", self, lambda: self.open_row(self.selected_row()),
                                   "在新窗口中打开所选文件（非本程序文件以导入方式打开，不会改动原文件）")
        self.xlsx_button = _button("保存审查结果工作簿…", self, self.save_xlsx)
        self.html_button = _button("保存为网页…", self, self.save_html)
        close = _button("关闭", self, self.close)
        for b in (self.open_button, self.xlsx_button, self.html_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(close)
        return row

    def _show_folders(self) -> None:
        self.folder_label.setText(f"本年报告：{self.folder}")
        self.folder_label.setToolTip(self.folder)
        last = self.last_folder or "未选择（不作跨年度比对）"
        self.last_label.setText(f"上年报告：{last}")
        self.last_label.setToolTip(self.last_folder)

    # --- running ----------------------------------------------------------------------------------------------
    def start(self) -> None:
        """(Re)run the review of the chosen folders; a review still running is cancelled first."""
        stop(self.run)
        self.result = None
        self.model.clear()
        self._show_details(None)
        self._set_running(True)
        self.stage.setText("正在查找报告文件…")
        self.counts.setText("")
        self.bar.setRange(0, 0)  # busy until the files are counted
        self._bar_shown = 0.0
        self.runs += 1
        run = ReviewRun([self.folder], [self.last_folder] if self.last_folder else [], workers=self.workers,
                        review=self._review, number=self.runs)
        # not a child of the dialog: should the dialog be deleted with its window, the run is cancelled and kept
        # until its thread ends (destroying a running QThread ends the program)
        self.destroyed.connect(lambda *_, r=run: stop(r, 0))
        run.found.connect(self._on_found)  # bound methods: Qt queues the calls into this (the window's) thread
        run.progressed.connect(self._on_progress)
        run.refused.connect(self._on_refused)
        self.run = run
        run.start()

    def cancel(self) -> None:
        if self.run is not None and self.run.isRunning():
            self.run.cancel()
            self.cancel_button.setEnabled(False)
            self.stage.setText("正在取消…")

    def _set_running(self, running: bool) -> None:
        self.cancel_button.setEnabled(running)
        self.cancel_button.setVisible(running)
        self.bar.setVisible(running)
        self.stage.setSizePolicy(QSizePolicy.Policy.Preferred if running else QSizePolicy.Policy.Expanding,
                                 QSizePolicy.Policy.Preferred)
        for b in (self.change_button, self.last_button):
            b.setEnabled(not running)
        self._enable_saving()

    def _enable_saving(self) -> None:
        done = self.result is not None and bool(self.result.rows)
        self.xlsx_button.setEnabled(done)
        self.html_button.setEnabled(done)

    def _on_found(self, number: int, files: int, last: int) -> None:
        if number != self.runs:
            return
        self.bar.setRange(0, files + last)
        self.bar.setValue(0)
        tail = f"，上年报告{last}份" if last else ""
        self.stage.setText(f"找到{files}个文件{tail}，正在读取…")

    def _on_progress(self, number: int, p: Progress) -> None:
        if number != self.runs:
            return
        now = time.monotonic()
        if now - self._bar_shown >= BAR_SECONDS or p.done >= p.total:  # the bar repaints at once: 0.7 ms each
            self._bar_shown = now
            self.bar.setMaximum(max(self.bar.maximum(), p.total))
            self.bar.setValue(p.done)
        if p.row is not None:
            self.model.add_row(p.row)
        if not (self.run is not None and self.run.is_cancelled()):
            self.stage.setText(f"正在读取{p.stage}…")
        if p.result is not None:
            self._finished(p.result)

    def _finished(self, result: ReviewResult) -> None:
        self.result = result
        current = self.selected_row()
        self.model.set_rows(result.rows)
        self.counts.setText(counts_line(result))
        self.stage.setText("审查已取消" if result.cancelled else "审查完成")
        self._set_running(False)
        self.view.resizeColumnsToContents()
        for c in range(self.model.columnCount()):
            self.view.setColumnWidth(c, min(self.view.columnWidth(c), 260))
        if current is not None:
            self.select_path(current.path)

    def _on_refused(self, number: int, message: str) -> None:
        if number != self.runs:
            return
        self._set_running(False)
        self.stage.setText("未能审查")
        self.counts.setText(message)
        show_message(self, message)

    def is_running(self) -> bool:
        return self.run is not None and self.run.isRunning()

    # --- folders ----------------------------------------------------------------------------------------------
    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择要审查的报告所在文件夹", self.folder)
        if folder:
            self.folder = folder
            self._show_folders()
            self.start()

    def choose_last_folder(self) -> None:
        start = self.last_folder or str(Path(self.folder).parent)
        folder = QFileDialog.getExistingDirectory(self, "选择上年报告所在文件夹（用于跨年度比对）", start)
        if folder:
            self.last_folder = folder
            self._show_folders()
            self.start()

    # --- rows -------------------------------------------------------------------------------------------------
    def row_of(self, index: QModelIndex) -> FileReview | None:
        if not index.isValid():
            return None
        row = self.proxy.data(index, ROW_ROLE)
        return row if isinstance(row, FileReview) else None

    def selected_row(self) -> FileReview | None:
        return self.row_of(self.view.currentIndex())

    def select_path(self, path: str) -> bool:
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            row = self.row_of(index)
            if row is not None and row.path == path:
                self.view.setCurrentIndex(index)
                return True
        return False

    def _show_details(self, row: FileReview | None) -> None:
        self.open_button.setEnabled(bool(row is not None and row.readable and self.open_window))
        self.details.setHtml(details_html(row) if row is not None else NO_ROW)

    def open_row(self, row: FileReview | None) -> QWidget | None:
        """Open ``row``'s report in a new window (see the module text); None when it cannot be opened."""
        if row is None or self.open_window is None:
            return None
        if not row.readable:
            show_message(self, f"无法打开：{row.reason}")
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            window = open_report_window(row, self.open_window)
        except Exception as exc:  # the file changed since it was read, or an importer's refusal
            QApplication.restoreOverrideCursor()
            show_message(self, f"无法打开“{row.name}”：{exc or type(exc).__name__}")
            return None
        QApplication.restoreOverrideCursor()
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    # --- saving -----------------------------------------------------------------------------------------------
    def save_xlsx(self) -> bool:
        from ...core.review.workbook import export_review_xlsx

        return self._save("审查结果.xlsx", "Excel 工作簿 (*.xlsx)", export_review_xlsx)

    def save_html(self) -> bool:
        from ...core.review.page import export_review_html

        return self._save("审查结果.html", "网页 (*.html)", export_review_html)

    def _save(self, name: str, filter_text: str, write: Callable[[ReviewResult, str], object]) -> bool:
        if self.result is None:
            return False
        path, _ = QFileDialog.getSaveFileName(self, "保存审查结果", str(Path(self.folder) / name), filter_text)
        if not path:
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            write(self.result, path)
        except OSError as exc:
            show_message(self, "保存失败：" + describe_save_error(exc, path))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self.stage.setText(f"已保存到“{Path(path).name}”")
        return True

    # --- closing ----------------------------------------------------------------------------------------------
    def _stop_run(self) -> None:
        stop(self.run)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._stop_run()
        super().closeEvent(event)

    def reject(self) -> None:  # Esc
        self._stop_run()
        super().reject()


def open_review(parent: QWidget, open_window: NewWindow) -> ReviewDialog | None:
    """文件 › 审查一批报告…: choose the folder, then review it in a dialog that stays open beside the window; its
    files open in windows ``open_window`` makes."""
    start = str(Path(parent.dialog_folder())) if hasattr(parent, "dialog_folder") else str(Path.home())
    folder = QFileDialog.getExistingDirectory(parent, "选择要审查的报告所在文件夹", start)
    if not folder:
        return None
    dialog = ReviewDialog(folder, parent, open_window=open_window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
