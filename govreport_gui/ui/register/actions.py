"""The window's register entries in 文件: 导入台账… (with its review dialog), 导出台账… and 台账模板….

A mixin of the main window.  An import replaces the report's register as one undo step
(:class:`~govreport_gui.core.register.edits.SetRegister`) only after the clerk accepted what the dialog listed;
exports write the workbook of :mod:`~govreport_gui.core.exporters.register_sheet` (drop-down lists for type and result;
owner-only when it holds applicants' names).  openpyxl is imported when an entry is first chosen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from ...core.register.edits import SetRegister
from ...core.storage import describe_save_error

REGISTER_FILTER = "台账 (*.xlsx *.csv);;Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv);;所有文件 (*)"
XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
TEMPLATE_NAME = "依申请公开台账模板.xlsx"


class RegisterActions:
    """导入台账, 导出台账, 台账模板; mixed into the window."""

    controller: Any
    document_file: Any

    def import_register(self) -> bool:
        """Read a register, let the clerk review it, and apply it (one undo step) on 导入."""
        from .import_dialog import RegisterImportDialog, read_register_file

        path, _ = QFileDialog.getOpenFileName(self, "导入台账", self.dialog_folder(), REGISTER_FILTER)
        if not path:
            return False
        report = self.controller.report
        result = read_register_file(path, report.form)
        if isinstance(result, str):
            self.error_box(result)
            return False
        reg = report.register
        fills = reg.fills_table if reg is not None and reg.lines else True
        dialog = RegisterImportDialog(result, Path(path).name, len(reg) if reg is not None else 0, fills, self, reg)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        if not self.controller.push(SetRegister(dialog.chosen_register()), f"导入台账“{Path(path).name}”"):
            return False
        tab = self.tabs.register_tab
        if tab is not None:
            self.tabs.setCurrentWidget(tab)
        left = f"，{len(result.unmatched)}个值未能识别、已留空" if result.unmatched else ""
        how = "追加" if dialog.mode.append.isChecked() and reg is not None and reg.lines else "导入"
        self.statusBar().showMessage(f"已{how}台账{len(result.lines)}件申请{left}（可撤销）。")
        return True

    def export_register(self) -> bool:
        """导出台账…: the report's register as a workbook (empty with its headers when there are no lines)."""
        report = self.controller.report
        base = self.document_file.export_path(report.title, ".xlsx", Path(self.dialog_folder()))
        suggested = base.with_name(f"{base.stem}-台账.xlsx")
        return self._write_register(suggested, report.register, "导出台账")

    def register_template(self) -> bool:
        """台账模板…: a blank register workbook with the headers and drop-down lists, for offices to keep in Excel."""
        return self._write_register(Path(self.dialog_folder()) / TEMPLATE_NAME, None, "保存台账模板")

    def _write_register(self, suggested: Path, register: Any, title: str) -> bool:
        from ...core.exporters.register_sheet import write_register_workbook

        path, _ = QFileDialog.getSaveFileName(self, title, str(suggested), XLSX_FILTER)
        if not path:
            return False
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            write_register_workbook(path, self.controller.report.form, register)
        except OSError as exc:
            self.error_box(f"{title}失败：" + describe_save_error(exc, path))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self.statusBar().showMessage(f"已保存到“{Path(path).name}”", 5000)
        return True
