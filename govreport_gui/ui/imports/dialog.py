"""文件→导入…: read a published report, show the numbers read and the import log, replace nothing until 导入.

:func:`run_import_dialog` runs :func:`~govreport_gui.core.importers.dispatch.import_file` under a busy cursor, then
shows :class:`ImportDialog`: a summary (agency, year, counts), the table of every cell of the form with the value
read and where it came from (printed totals that disagree with their parts, cells not found and cells left blank are
highlighted), and the import log; 只看问题 hides the rows that need no attention in both lists.  It returns the report
only when the clerk presses 导入; on 取消 or a refusal it returns ``None`` and the open report stays as it was.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.checks.run import check
from ...core.importers.base import ImportRefused, ImportResult
from ...core.report import Report
from ...core.values import format_value
from ..base import style

LEVELS = {
    "info": ("信息", None), "read": ("读取", None), "mismatch": ("不一致", style.ERROR_BG),
    "missing": ("缺失", style.WARNING_BG), "unread": ("未识别", style.WARNING_BG),
    "warning": ("警告", style.WARNING_BG), "error": ("错误", style.ERROR_BG),
}
MISSING_FG = QColor("#8c8c8c")
_PROBLEM = int(Qt.ItemDataRole.UserRole) + 1  # on a row's first item: the row needs the clerk's attention
_QUIET_LEVELS = ("info", "read")


def show_refusal(parent: QWidget | None, text: str) -> None:
    """The Chinese message for a file that cannot be imported (patched in tests)."""
    QMessageBox.warning(parent, "无法导入", text)


class ImportDialog(QDialog):
    """The numbers and the log of one import, with 导入 / 取消."""

    def __init__(self, result: ImportResult, source_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.import_result = result
        self.setWindowTitle(f"导入：{source_name}")
        room = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(1000, room.width() * 9 // 10), min(700, room.height() * 85 // 100))
        report = result.report
        layout = QVBoxLayout(self)
        self.summary = QLabel(self._summary(source_name), self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.problems_only = QCheckBox("只看问题", self)
        self.problems_only.setToolTip("只列出总计不一致、未找到或空白的格，以及导入记录中的问题")
        self.problems_only.toggled.connect(self.show_problems_only)
        layout.addWidget(self.problems_only)
        self.tabs = QTabWidget(self)
        self.cells = self._cells_table(report)
        self.log = self._log_table(result)
        self.tabs.addTab(self.cells, "读取的数字")
        self.tabs.addTab(self.log, f"导入记录（{len(result.log)}条）")
        layout.addWidget(self.tabs, 1)
        note = QLabel("按“导入”后，这些数字将作为新的报告打开（当前打开的报告不会被覆盖，需要时请先保存）；"
                      "按“取消”则不作任何改动。", self)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton("导入", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.cancel_button.setFocus()

    def _summary(self, source_name: str) -> str:
        r = self.import_result.report
        counts = self.import_result.counts()
        read = len([v for v in r.values.values() if v is not None])
        return (
            f"来源：{source_name}　机关：{r.agency or '（未找到）'}　年度：{r.year or '（未找到）'}\n"
            f"读取填报格{read}/{len(r.form.inputs)}个、印出的总计{len(r.printed_totals)}个；"
            f"总计不一致{counts['mismatch']}处，缺失{counts['missing']}项，未识别{counts['unread']}处，"
            f"警告{counts['warning']}条。请核对后再导入。"
        )

    def _cells_table(self, report: Report) -> QTableWidget:
        form = report.form
        where: dict[str, str] = {}
        for e in self.import_result.log:
            if e.cell and e.where and e.cell not in where:
                where[e.cell] = e.where
        bad: set[str] = set()
        printed_totals = form.rule_ids_of_kind("printed_totals")
        for f in check(report):
            if f.rule in printed_totals:
                bad.update(f.cells[:1])
        cells = [c for c in form.cells if not form.cells[c].derived or c in report.printed_totals]
        table = QTableWidget(len(cells), 4, self)
        table.setHorizontalHeaderLabels(["单元格", "读取的数值", "计算的总计", "来源位置"])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for i, cid in enumerate(cells):
            spec = form.cells[cid]
            label = form.cell_title(cid)
            derived = spec.derived
            value = report.printed_totals.get(cid) if derived else report.values.get(cid)
            present = cid in (report.printed_totals if derived else report.values)
            shown = format_value(value) if value is not None else ("空白" if present else "（未找到）")
            items = [
                QTableWidgetItem(label + ("（印出的总计）" if derived else "")),
                QTableWidgetItem(shown),
                QTableWidgetItem(format_value(report.get(cid)) if derived else ""),
                QTableWidgetItem(where.get(cid, "")),
            ]
            items[0].setToolTip(cid)
            items[0].setData(Qt.ItemDataRole.UserRole, cid)
            items[0].setData(_PROBLEM, cid in bad or not present or value is None)
            if cid in bad:
                for it in items:
                    it.setBackground(QBrush(style.ERROR_BG))
                items[1].setToolTip("印出的总计与各项之和不一致：两者都保留，导入后将作为错误显示。")
            elif not present or value is None:
                items[1].setForeground(QBrush(MISSING_FG))
                for it in items:
                    it.setBackground(QBrush(style.WARNING_BG))
            for col, it in enumerate(items):
                if col in (1, 2):
                    it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(i, col, it)
        h = table.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            h.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        return table

    def _log_table(self, result: ImportResult) -> QTableWidget:
        order = {"mismatch": 0, "error": 0, "missing": 1, "unread": 2, "warning": 3, "info": 4, "read": 5}
        entries = sorted(result.log, key=lambda e: order.get(e.level, 4))  # problems first, reads last
        table = QTableWidget(len(entries), 3, self)
        table.setHorizontalHeaderLabels(["类别", "位置", "内容"])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setWordWrap(True)
        for i, e in enumerate(entries):
            name, bg = LEVELS.get(e.level, (e.level, None))
            items = [QTableWidgetItem(name), QTableWidgetItem(e.where), QTableWidgetItem(e.message)]
            items[2].setToolTip(e.message)
            items[0].setData(_PROBLEM, e.level not in _QUIET_LEVELS)
            for col, it in enumerate(items):
                if bg is not None:
                    it.setBackground(QBrush(bg))
                table.setItem(i, col, it)
        h = table.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        return table


    def show_problems_only(self, on: bool) -> None:
        """只看问题: hide (or show again) the rows that need no attention, in both lists."""
        for table in (self.cells, self.log):
            for row in range(table.rowCount()):
                table.setRowHidden(row, on and not table.item(row, 0).data(_PROBLEM))

    def visible_rows(self, table: QTableWidget) -> int:
        return sum(1 for row in range(table.rowCount()) if not table.isRowHidden(row))


def import_with_busy_cursor(path: str | os.PathLike[str]) -> ImportResult:
    """Run the import with a wait cursor (imports take well under a second; no thread needed)."""
    from ...core.importers.dispatch import import_file

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        QGuiApplication.processEvents()
        return import_file(path)
    finally:
        QApplication.restoreOverrideCursor()


def review_import(parent: QWidget | None, path: str | os.PathLike[str]) -> ImportResult | None:
    """Import ``path`` and let the clerk review it; the whole result (report and log) when accepted, else ``None``."""
    name = Path(path).name
    try:
        result = import_with_busy_cursor(path)
    except ImportRefused as exc:
        show_refusal(parent, str(exc))
        return None
    except (RecursionError, MemoryError):
        show_refusal(parent, f"“{name}”过于复杂，无法导入。")
        return None
    dialog = ImportDialog(result, name, parent)
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
    return result if accepted else None


def run_import_dialog(parent: QWidget | None, path: str | os.PathLike[str]) -> Report | None:
    """Import ``path`` and let the clerk review it; the report when accepted, else ``None`` (nothing replaced)."""
    result = review_import(parent, path)
    return result.report if result is not None else None
