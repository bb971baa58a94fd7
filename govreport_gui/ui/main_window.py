"""The main window: a tab per section, the findings dock, the file menu and undo/redo.

Other parts of the application call :meth:`MainWindow.load_report` and :meth:`MainWindow.current_report`.  Menu
entries for work that lives in other modules (exporters, printing, import, carry-over) import those modules only
when chosen (they always ship; importing them late keeps the window's start quick).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.edits import ChangeSet
from ..core.report import Report
from ..core.storage import ReportFileError, describe_save_error, file_stamp, read_report, write_report
from . import settings
from .autosave import Autosaver
from .controller import DocumentController
from .findings_dock import FindingsDock
from .meta_tab import MetaTab
from .notice_bar import NoticeBar
from .prose_tab import ProseTab
from .table_model import FormTableModel
from .table_view import FormTableView

APP_TITLE = "政府信息公开工作年度报告"
FILE_FILTER = "报告文件 (*.govreport);;所有文件 (*)"
IMPORT_FILTER = "已发布的报告或本程序导出的工作簿 (*.txt *.html *.htm *.docx *.xlsx);;所有文件 (*)"
MESSAGE_SECONDS = 10
HINT = ("白色格可填写；绿色格为自动计算的合计；红色/黄色表示勾稽关系有误或需核实；"
        "浅紫色为导入或从上年转入、尚待核对的数值（鼠标停留可看说明）。")


def ask_save_changes(parent: QWidget, name: str) -> str:
    """Ask what to do with unsaved changes: "save", "discard" or "cancel"."""
    box = QMessageBox(QMessageBox.Icon.Warning, APP_TITLE, f"“{name}”已修改，是否保存更改？", parent=parent)
    box.setStandardButtons(
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
    )
    box.button(QMessageBox.StandardButton.Save).setText("保存")
    box.button(QMessageBox.StandardButton.Discard).setText("不保存")
    box.button(QMessageBox.StandardButton.Cancel).setText("取消")
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = QMessageBox.StandardButton(box.exec())
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    if answer == QMessageBox.StandardButton.Discard:
        return "discard"
    return "cancel"


def show_error(parent: QWidget, text: str) -> None:
    """A Chinese error message box (patched in tests)."""
    QMessageBox.critical(parent, APP_TITLE, text)


def last_year() -> int:
    return dt.date.today().year - 1


class TableTab(QWidget):
    """A table section: its heading above the official grid."""

    def __init__(self, controller: DocumentController, heading: str, table_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        title = QLabel(heading, self)
        f = title.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.25)
        title.setFont(f)
        layout.addWidget(title)
        self.model = FormTableModel(controller, table_id)
        self.view = FormTableView(self.model, self)
        layout.addWidget(self.view)
        hint = QLabel(HINT, self)
        hint.setStyleSheet("color: #555555;")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addStretch(1)


class MainWindow(QMainWindow):
    """The application's one window."""

    def __init__(self, report: Report | None = None, path: str | None = None) -> None:
        super().__init__()
        self.path: str | None = None
        self._forced_modified = False
        self.controller = DocumentController(report or Report.new(year=last_year()), self)
        self.stack = self.controller.stack
        self._build_message_bar()
        self._build_tabs()
        self.findings_dock = FindingsDock(self.controller, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.findings_dock)
        self.findings_dock.go_to.connect(self.go_to_cell)
        self._build_actions()
        self._build_menus()
        self.controller.changed.connect(self._on_changed)
        self.controller.replaced.connect(self._refresh_tab_titles)
        self.controller.refused.connect(self.show_refusal)
        self.stack.cleanChanged.connect(self._update_title)
        self.path = path
        self._stamp = file_stamp(path) if path else None  # to notice the file changing underneath
        self.autosaver = Autosaver(self, self.controller)
        self._update_title()
        self._refresh_tab_titles()
        self._restore_geometry()

    # --- construction -------------------------------------------------------------------------------------------
    def _build_message_bar(self) -> None:
        self.message_bar = QLabel(self)
        self.message_bar.setWordWrap(True)
        self.message_bar.setStyleSheet(
            "QLabel { background: #fde2e1; color: #8b0000; border: 1px solid #e0a0a0; padding: 6px; }"
        )
        self.message_bar.hide()
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.timeout.connect(self.message_bar.hide)

    def _build_tabs(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.message_bar)
        self.notice_bar = NoticeBar(self.controller, central)  # imported values to confirm, carry-over notes
        layout.addWidget(self.notice_bar)
        self.tabs = QTabWidget(central)
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.meta_tab = MetaTab(self.controller, self.tabs)
        self.tabs.addTab(self.meta_tab, "基本信息")
        self.table_tabs: dict[str, TableTab] = {}
        self.table_scrolls: dict[str, QScrollArea] = {}
        self.prose_tabs: dict[str, ProseTab] = {}
        self._tab_headings: list[tuple[QWidget, str, str]] = []  # (tab, heading, table id or "")
        form = self.controller.report.form
        for section in form.sections:
            if section.kind == "table":
                tab = TableTab(self.controller, section.heading, section.key, self.tabs)
                self.table_tabs[section.key] = tab
                scroll = QScrollArea(self.tabs)
                scroll.setWidgetResizable(True)
                scroll.setFrameShape(QScrollArea.Shape.NoFrame)
                scroll.setWidget(tab)
                self.table_scrolls[section.key] = scroll
                self.tabs.addTab(scroll, self._tab_label(section.heading))
                self._tab_headings.append((scroll, self._tab_label(section.heading), section.key))
            else:
                ptab = ProseTab(self.controller, section.heading, section.key, section.template, self.tabs)
                self.prose_tabs[section.key] = ptab
                self.tabs.addTab(ptab, section.heading)
                self._tab_headings.append((ptab, section.heading, ""))

    @staticmethod
    def _tab_label(heading: str) -> str:
        """The section heading, with the long "政府信息公开" qualifier of 四 dropped to keep the tab bar short."""
        short = heading.replace("政府信息公开行政复议、行政诉讼情况", "行政复议和行政诉讼")
        return short

    def _action(self, text: str, slot: Callable[[], Any], shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda checked=False: slot())
        return action

    def _build_actions(self) -> None:
        K = QKeySequence
        self.act_new = self._action("新建(&N)", self.new_report, K(K.StandardKey.New))
        self.act_open = self._action("打开(&O)…", self.open_dialog, K(K.StandardKey.Open))
        self.act_save = self._action("保存(&S)", self.save, K(K.StandardKey.Save))
        self.act_save_as = self._action("另存为(&A)…", self.save_as, "Ctrl+Shift+S")
        self.act_carry = self._action("从上年报告新建…", self.new_from_last_year)
        self.act_import = self._action("导入(&I)…", self.import_report)
        self.act_xlsx = self._action("Excel…", self.export_xlsx)
        self.act_pdf = self._action("PDF…", self.export_pdf)
        self.act_preview = self._action("打印预览…", self.print_preview)
        self.act_print = self._action("打印(&P)…", self.print_report, K(K.StandardKey.Print))
        self.act_pdf_settings = self._action("PDF与打印设置…", self.pdf_settings)
        self.act_quit = self._action("退出(&X)", self.close, "Ctrl+Q")
        self.act_undo = self.stack.createUndoAction(self, "撤销")
        self.act_undo.setShortcut(K(K.StandardKey.Undo))
        self.act_redo = self.stack.createRedoAction(self, "重做")
        self.act_redo.setShortcuts([K("Ctrl+Y"), K("Ctrl+Shift+Z")])
        self.act_confirm = self._action("确认导入的数值", self.confirm_marks)
        self.act_confirm.setEnabled(False)
        self.controller.marks_changed.connect(lambda *_: self.act_confirm.setEnabled(bool(self.controller.marks)))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("文件(&F)")
        file_menu.addAction(self.act_new)
        file_menu.addAction(self.act_carry)
        file_menu.addAction(self.act_open)
        self.recent_menu = QMenu("最近打开的文件", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.act_save)
        file_menu.addAction(self.act_save_as)
        file_menu.addSeparator()
        file_menu.addAction(self.act_import)
        export_menu = file_menu.addMenu("导出")
        export_menu.addAction(self.act_xlsx)
        export_menu.addAction(self.act_pdf)
        file_menu.addSeparator()
        file_menu.addAction(self.act_preview)
        file_menu.addAction(self.act_print)
        file_menu.addAction(self.act_pdf_settings)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        edit_menu = bar.addMenu("编辑(&E)")
        edit_menu.addAction(self.act_undo)
        edit_menu.addAction(self.act_redo)
        edit_menu.addSeparator()
        edit_menu.addAction(self.act_confirm)
        view_menu = bar.addMenu("查看(&V)")
        toggle = self.findings_dock.toggleViewAction()
        toggle.setText("检查结果面板")
        view_menu.addAction(toggle)
        self.statusBar().showMessage("就绪", 3000)

    # --- document state -----------------------------------------------------------------------------------------
    def current_report(self) -> Report:
        return self.controller.report

    def is_modified(self) -> bool:
        return self._forced_modified or not self.stack.isClean()

    def display_name(self) -> str:
        return Path(self.path).name if self.path else "未命名"

    def _update_title(self, *_: object) -> None:
        self.setWindowTitle(f"{self.display_name()}[*] — {APP_TITLE}")
        self.setWindowModified(self.is_modified())

    def load_report(self, report: Report, path: str | None, modified: bool) -> None:
        """Replace the open document (no questions asked: callers prompt first with :meth:`maybe_save`)."""
        self.controller.replace(report)
        self.path = str(path) if path else None
        self._forced_modified = modified
        self.stack.setClean()
        self._stamp = file_stamp(self.path) if self.path else None
        self.autosaver.discard()
        if modified:
            self.autosaver.write_now()
        self._update_title()
        self._refresh_tab_titles()

    def _on_changed(self, cs: ChangeSet) -> None:
        if cs.appeared or cs.gone:
            self._refresh_tab_titles()
        self._update_title()

    def _refresh_tab_titles(self) -> None:
        form = self.controller.report.form
        errors: dict[str, int] = {}
        for f in self.controller.findings:
            if f.severity != "error":
                continue
            tables = {form.cells[c].table for c in f.cells if c in form.cells}
            for t in tables:
                errors[t] = errors.get(t, 0) + 1
        for widget, label, table_id in self._tab_headings:
            n = errors.get(table_id, 0) if table_id else 0
            i = self.tabs.indexOf(widget)
            self.tabs.setTabText(i, f"{label} ({n})" if n else label)
            self.tabs.tabBar().setTabTextColor(i, Qt.GlobalColor.darkRed if n else self.palette().windowText().color())

    # --- messages -----------------------------------------------------------------------------------------------
    def show_refusal(self, message: str) -> None:
        """Show why an edit was refused: a bar above the tabs and the status bar (non-blocking)."""
        self.message_bar.setText(message)
        self.message_bar.show()
        self._message_timer.start(MESSAGE_SECONDS * 1000)
        self.statusBar().showMessage(message, MESSAGE_SECONDS * 1000)

    def go_to_cell(self, cell_id: str) -> bool:
        form = self.controller.report.form
        spec = form.cells.get(cell_id)
        if spec is None:
            return False
        tab = self.table_tabs.get(spec.table)
        if tab is None:
            return False
        scroll = self.table_scrolls[spec.table]
        self.tabs.setCurrentWidget(scroll)
        if not tab.view.go_to(cell_id):
            return False
        rect = tab.view.visualRect(tab.view.currentIndex())
        centre = tab.view.viewport().mapTo(tab, rect.center())
        scroll.ensureVisible(centre.x(), centre.y(), rect.width(), rect.height())
        return True

    # --- files --------------------------------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """True when it is fine to drop the open document (saved, discarded, or unchanged)."""
        if not self.is_modified():
            return True
        answer = ask_save_changes(self, self.display_name())
        if answer == "save":
            return self.save()
        return answer == "discard"

    def new_report(self) -> None:
        if self.maybe_save():
            self.load_report(Report.new(year=last_year()), None, False)

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(self, "打开报告", self._dialog_folder(), FILE_FILTER)
        if path:
            self.open_file(path, ask=False)

    def open_file(self, path: str, ask: bool = True) -> bool:
        """Open ``path``; a bad file shows its message and changes nothing."""
        if ask and not self.maybe_save():
            return False
        try:
            report = read_report(path)
        except ReportFileError as exc:
            show_error(self, str(exc))
            return False
        self.load_report(report, path, False)
        settings.add_recent_file(path)
        self.statusBar().showMessage(f"已打开“{Path(path).name}”", 5000)
        return True

    def save(self) -> bool:
        if not self.path:
            return self.save_as()
        return self.save_to(self.path)

    def save_as(self) -> bool:
        suggested = self.path or str(Path(self._dialog_folder()) / f"{self.current_report().title or '报告'}.govreport")
        path, _ = QFileDialog.getSaveFileName(self, "另存为", suggested, FILE_FILTER)
        if not path:
            return False
        if not path.endswith(".govreport") and "." not in Path(path).name:
            path += ".govreport"
        return self.save_to(path)

    def _changed_underneath(self, path: str) -> bool:
        """True when the file we opened or last saved was since replaced, changed or deleted by someone else."""
        if not self.path or str(path) != self.path or self._stamp is None:
            return False
        return file_stamp(path) != self._stamp

    def save_to(self, path: str) -> bool:
        """Write atomically; on failure say why in Chinese and keep the document modified."""
        if self._changed_underneath(path):
            gone = file_stamp(path) is None
            what = "已被删除或移走" if gone else "已被其他程序修改"
            answer = QMessageBox.warning(
                self, "文件已变化", f"“{Path(path).name}”在您打开之后{what}。仍要用当前内容覆盖保存吗？"
                "（选择“否”可以用“另存为”保存到其他位置。）",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            write_report(self.current_report(), path)
        except OSError as exc:
            show_error(self, describe_save_error(exc, path))
            self.statusBar().showMessage("保存失败，修改仍未保存。", 10000)
            return False
        self.path = str(path)
        self._stamp = file_stamp(path)
        self._forced_modified = False
        self.autosaver.discard()
        self.stack.setClean()
        self._update_title()
        settings.add_recent_file(path)
        self.statusBar().showMessage(f"已保存到“{Path(path).name}”", 5000)
        return True

    def _dialog_folder(self) -> str:
        if self.path:
            return str(Path(self.path).parent)
        recent = settings.recent_files()
        return str(Path(recent[0]).parent) if recent else str(Path.home())

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = settings.recent_files()
        if not files:
            empty = self.recent_menu.addAction("（无）")
            empty.setEnabled(False)
            return
        for i, path in enumerate(files, 1):
            action = self.recent_menu.addAction(f"&{i} {Path(path).name}")
            action.setToolTip(path)
            action.setData(path)
            action.triggered.connect(lambda checked=False, p=path: self.open_recent(p))

    def open_recent(self, path: str) -> bool:
        if not Path(path).exists():
            show_error(self, f"找不到文件“{Path(path).name}”，已从最近打开的文件中移除。")
            settings.remove_recent_file(path)
            return False
        return self.open_file(path)

    # --- work provided by other modules -------------------------------------------------------------------------
    def _export(self, kind: str, suffix: str, filter_text: str) -> None:
        if kind == "xlsx":
            from ..core.exporters.excel import export_xlsx as export
        else:
            from ..core.exporters.pdf import export_pdf as export
        from .final_check import export_arguments

        options = export_arguments(self, self.controller, kind)  # the final check; None: back to the report
        if options is None:
            return
        report = self.current_report()
        folder = Path(self._dialog_folder())
        base = Path(self.path).with_suffix(suffix) if self.path else folder / f"{report.title}{suffix}"
        path, _ = QFileDialog.getSaveFileName(self, "导出", str(base), filter_text)
        if not path:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            export(report, path, *options)
        except OSError as exc:
            show_error(self, "导出失败：" + describe_save_error(exc, path))
            return
        except Exception as exc:  # an exporter's failure (e.g. no usable font) must not take the window down
            show_error(self, f"导出失败：{exc}")
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.statusBar().showMessage(f"已导出到“{Path(path).name}”", 5000)

    def export_xlsx(self) -> None:
        self._export("xlsx", ".xlsx", "Excel 工作簿 (*.xlsx)")

    def export_pdf(self) -> None:
        self._export("pdf", ".pdf", "PDF 文件 (*.pdf)")

    def _print(self, what: str) -> None:
        """打印预览 or 打印: the same PDF pages, with the PDF与打印设置 choices."""
        from .final_check import print_options
        from .printing import print_preview, print_report

        show = print_preview if what == "print_preview" else print_report
        options = print_options(self, self.controller)  # the final check; None: back to the report
        if options is not None:
            show(self, self.current_report(), options)

    def print_preview(self) -> None:
        self._print("print_preview")

    def print_report(self) -> None:
        self._print("print_report")

    def pdf_settings(self) -> None:
        from .pdf_settings import PdfSettingsDialog

        PdfSettingsDialog(self).exec()

    def import_report(self) -> None:
        from .import_dialog import review_import
        from .marks import IMPORTED, import_summary, marks_from_import

        path, _ = QFileDialog.getOpenFileName(self, "导入已发布的报告", self._dialog_folder(), IMPORT_FILTER)
        if not path:
            return
        result = review_import(self, path)
        if result is not None and self.maybe_save():
            name = Path(path).name
            self.load_report(result.report, None, True)
            self.controller.set_marks(marks_from_import(result, name), IMPORTED)
            self.statusBar().showMessage(import_summary(result, name))

    def confirm_marks(self) -> None:
        """编辑→确认导入的数值: the clerk has checked every imported or carried value."""
        n = self.controller.confirm_marks()
        if n:
            self.statusBar().showMessage(f"已确认{n}个数值。", 5000)

    def new_from_last_year(self) -> None:
        from ..core.carryover import carry_over

        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(self, "选择上年的报告", self._dialog_folder(), FILE_FILTER)
        if not path:
            return
        try:
            last = read_report(path)
        except ReportFileError as exc:
            show_error(self, str(exc))
            return
        from ..core.carryover import carry_over_notes
        from .marks import CARRIED, marks_from_carry_over

        report = carry_over(last)
        self.load_report(report, None, True)
        self.controller.set_marks(marks_from_carry_over(report), CARRIED)
        self.notice_bar.set_notes(carry_over_notes(last))
        self.statusBar().showMessage(f"已从“{Path(path).name}”新建{report.year or ''}年度报告，请核对转入的数值。")

    # --- window -------------------------------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        s = settings.app_settings()
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray | bytes) and self.restoreGeometry(QByteArray(geometry)):
            state = s.value("window/state")
            if isinstance(state, QByteArray | bytes):
                self.restoreState(QByteArray(state))
        else:
            self.resize(1400, 900)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        s = settings.app_settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        self.autosaver.discard()
        event.accept()
