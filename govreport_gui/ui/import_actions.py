"""The window's ways to start from an existing report: 导入 (a published report or our workbook) and 从上年报告新建.

A mixin of the main window.  Both replace the open document (asking to save first), mark the values that came in
for the clerk to confirm (编辑→确认导入的数值), and never touch the source file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog

from ..core.carryover import carry_over, carry_over_notes
from ..core.storage import ReportFileError, read_report
from .file_actions import FILE_FILTER

if TYPE_CHECKING:
    from ..core.importers.base import ImportResult

IMPORT_FILTER = "已发布的报告或本程序导出的工作簿 (*.txt *.html *.htm *.docx *.xlsx);;所有文件 (*)"


class ImportActions:
    """Import and carry-over; mixed into the window."""

    controller: Any
    notice_bar: Any

    def import_report(self) -> None:
        from .import_dialog import review_import

        path, _ = QFileDialog.getOpenFileName(self, "导入已发布的报告", self.dialog_folder(), IMPORT_FILTER)
        if not path:
            return
        result = review_import(self, path)
        if result is not None and self.maybe_save():
            self.show_imported(result, Path(path).name)

    def show_imported(self, result: ImportResult, name: str) -> None:
        """Make an imported report the open document: unsaved (保存 asks for a name), its values marked to confirm."""
        from ..core.review_marks import IMPORTED, import_summary, marks_from_import

        self.load_report(result.report, None, True)
        self.controller.set_marks(marks_from_import(result, name), IMPORTED)
        self.statusBar().showMessage(import_summary(result, name))

    def confirm_marks(self) -> None:
        """编辑→确认导入的数值: the clerk has checked every imported or carried value."""
        n = self.controller.confirm_marks()
        if n:
            self.statusBar().showMessage(f"已确认{n}个数值。", 5000)

    def new_from_last_year(self) -> None:
        from ..core.review_marks import CARRIED, marks_from_carry_over

        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(self, "选择上年的报告", self.dialog_folder(), FILE_FILTER)
        if not path:
            return
        try:
            last = read_report(path)
        except ReportFileError as exc:
            self.error_box(str(exc))
            return
        report = carry_over(last)
        self.load_report(report, None, True)
        self.controller.set_marks(marks_from_carry_over(report), CARRIED)
        self.notice_bar.set_notes(carry_over_notes(last))
        self.statusBar().showMessage(f"已从“{Path(path).name}”新建{report.year or ''}年度报告，请核对转入的数值。")
