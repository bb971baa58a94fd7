"""What the 台账 tab shows so that no line goes missing without a word: the count line, and the lines a finding names.

:class:`BalanceLine` is the line "台账共8件 = 计入表三7件（本年新收7件 + 上年结转0件）+ 未计入1件（序号5，见检查结果）"
(:func:`~govreport_gui.core.register.balance.balance_text`), red while a line is not counted, refreshed after every
change of the register or the year.  :func:`unread_text` and :func:`unread_tip` show, in a line's empty cell, what
the office's workbook wrote there and the import could not read (e.g. the 办理结果 "已公开"), until the clerk picks a
value.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from ...core.checks.register_lines import counted
from ...core.edits import ChangeSet
from ...core.register.balance import balance, balance_text
from ...core.register.model import RegisterLine
from ..document.controller import DocumentController

UNREAD_SUFFIX = "（未识别）"


class BalanceLine(QLabel):
    """The register's account: every line counted in the table or named."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("registerBalance")
        self.setWordWrap(True)
        controller.changed.connect(self._on_changed)
        controller.replaced.connect(self.refresh)
        self.refresh()

    def _on_changed(self, cs: ChangeSet) -> None:
        if cs.register or cs.meta:
            self.refresh()

    def refresh(self) -> None:
        report = self.controller.report
        count = counted(report)  # the count the findings were made from (kept per register): no second count
        text = balance_text(report, count)
        b = balance(report, count)
        missing = b is not None and bool(b.uncounted or b.other_year)
        self.setText(text)
        self.setStyleSheet("color: #b00020;" if missing else "color: #1f4f1f;")
        self.setToolTip("每一件申请都计入表三，或在检查结果中列出（点击检查结果可选中这些行）。" if text else "")
        self.setVisible(bool(text))


def unread_text(line: RegisterLine, field: str) -> str | None:
    """The text the import could not read for ``field`` of ``line``, as the grid shows it (else ``None``)."""
    text = line.unread_value(field) if line.unread else None
    return f"{text}{UNREAD_SUFFIX}" if text is not None else None


def unread_tip(line: RegisterLine, field: str) -> str | None:
    text = line.unread_value(field) if line.unread else None
    if text is None:
        return None
    return f"导入时未能识别：“{text}”。请改正（办理结果、申请人类型请从列表中选择）；改正后此行计入表三。"


def seq_tip(line: RegisterLine) -> str | None:
    """The 序号 column's tooltip for a line imported with its own 序号."""
    return f"原台账中的序号：{line.seq}" if line.seq else None
