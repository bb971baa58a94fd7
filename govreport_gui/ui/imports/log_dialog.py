"""查看 › 导入记录…: what the import that made this report said, kept in the file (``Report.import_log``).

The log of 导入 or 从上年报告新建 (what was read and from where, totals that disagreed, cells not found) stays with
the report, and so do the printed figures settled 以计算值为准 (:mod:`~govreport_gui.core.intake.settle`).  One table:
类别, 位置, 内容; problems first, then the rest in the order logged.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ...core.intake.settle import SETTLE_TEXT
from ...core.report import Report
from .dialog import LEVELS

ORDER = {"mismatch": 0, "error": 0, "missing": 1, "unread": 2, "warning": 3, "info": 4, "read": 5}
NO_LOG = "本报告不是导入的，也不是从已发布的上年报告新建的，没有导入记录。"


class ImportLogDialog(QDialog):
    """The report's import log, read-only."""

    def __init__(self, report: Report, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("导入记录")
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        log = report.import_log
        settled = sum(1 for e in log if e.message.startswith(SETTLE_TEXT))
        head = f"共{len(log)}条记录" + (f"，其中{settled}处{SETTLE_TEXT}" if settled else "") + "。" if log else NO_LOG
        self.summary = QLabel(head, self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        entries = sorted(log, key=lambda e: (0 if e.message.startswith(SETTLE_TEXT) else 1, ORDER.get(e.level, 4)))
        self.table = QTableWidget(len(entries), 3, self)
        self.table.setHorizontalHeaderLabels(["类别", "位置", "内容"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for i, e in enumerate(entries):
            name, bg = LEVELS.get(e.level, (e.level, None))
            where = e.where or (report.form.cell_title(e.cell) if e.cell in report.form.cells else "")
            items = [QTableWidgetItem(name), QTableWidgetItem(where), QTableWidgetItem(e.message)]
            items[2].setToolTip(e.message)
            for col, it in enumerate(items):
                if bg is not None:
                    it.setBackground(QBrush(bg))
                self.table.setItem(i, col, it)
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setVisible(bool(log))
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def show_import_log(window: Any) -> ImportLogDialog:
    """Open the dialog (modeless: the clerk can look at the report beside it)."""
    dialog = ImportLogDialog(window.controller.report, window)
    dialog.show()
    window._import_log_dialog = dialog  # kept alive while shown
    return dialog
