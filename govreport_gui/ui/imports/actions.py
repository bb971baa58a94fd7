"""The window's ways to start from an existing report: 导入 (a published report or our workbook) and 从上年报告新建.

A mixin of the main window.  Both replace the open document (asking to save first), mark the values that came in
for the clerk to confirm (编辑→确认导入的数值; the marks and the import log are saved with the report), and never
touch the source file.  从上年报告新建 reads last year's report from any file 导入 reads (:mod:`.last_year`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

if TYPE_CHECKING:
    from ...core.importers.base import ImportResult

# Every format 导入 reads (core.importers.dispatch), then each kind on its own.
IMPORT_FILTER = ("已发布的报告或本程序导出的文件 (*.pdf *.docx *.doc *.wps *.xlsx *.xls *.et *.html *.htm *.xhtml "
                 "*.txt *.md *.govreport);;PDF文件 (*.pdf);;Word文档 (*.docx *.doc *.wps);;"
                 "Excel工作簿 (*.xlsx *.xls *.et);;网页 (*.html *.htm *.xhtml);;"
                 "文本或Markdown (*.txt *.md);;所有文件 (*)")


def ask_import_instead(parent: QWidget, question: str) -> bool:
    """Ask whether to import a file 打开 cannot read (a module function: tests replace it)."""
    box = QMessageBox(QMessageBox.Icon.Question, "不是报告文件", question, parent=parent)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Yes).setText("导入…")
    box.button(QMessageBox.StandardButton.Cancel).setText("取消")
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    return QMessageBox.StandardButton(box.exec()) == QMessageBox.StandardButton.Yes


class ImportActions:
    """Import and carry-over; mixed into the window."""

    controller: Any
    notice_bar: Any

    def import_report(self, path: str | None = None) -> None:
        """导入: choose a file (or take ``path``), review what was read, and open it as a new, unsaved report."""
        from .dialog import review_import

        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "导入已发布的报告", self.dialog_folder(), IMPORT_FILTER)
        if not path:
            return
        result = review_import(self, path)
        if result is not None and self.maybe_save():
            self.show_imported(result, Path(path).name)

    def open_refused(self, path: str, message: str) -> None:
        """打开 could not read ``path``: a published report is offered to 导入 instead; anything else says why."""
        from ...core.importers.kind import importable_kind

        kind = importable_kind(path)
        if kind is None:
            self.error_box(message)
            return
        question = (f"“{Path(path).name}”是{kind}，不是本程序的报告文件（.govreport）。"
                    "要用“导入”读取其中的表格数字和正文吗？（原文件不会被修改）")
        if ask_import_instead(self, question):
            self.import_report(path)

    def show_imported(self, result: ImportResult, name: str) -> None:
        """Make an imported report the open document: unsaved (保存 asks for a name), its values marked to confirm."""
        from ...core.intake.review_marks import IMPORTED, import_notes, import_summary, marks_from_import

        result.report.import_log = import_notes(result)  # kept in the file: 查看 › 导入记录…
        self.load_report(result.report, None, True)
        self.controller.set_marks(marks_from_import(result, name), IMPORTED)
        self.statusBar().showMessage(import_summary(result, name))

    def confirm_marks(self) -> None:
        """编辑→确认导入的数值: the clerk has checked every imported or carried value."""
        n = self.controller.confirm_marks()
        if n:
            self.statusBar().showMessage(f"已确认{n}个数值。", 5000)

    def new_from_last_year(self, path: str | None = None) -> bool:
        """从上年报告新建…: from our own file or any published report (:mod:`.last_year`)."""
        from .last_year import new_from_last_year

        return new_from_last_year(self, path)
