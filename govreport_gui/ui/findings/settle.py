"""以计算值为准 on the right-click menus: a printed total that disagrees with its parts is settled in one undo step.

Offered on a total cell of the grid (右键) and on its finding in the findings panel (右键) while the report keeps the
printed figure (rules H2–H4 of kind ``printed_totals``).  The core edit
(:func:`~govreport_gui.core.intake.settle.settle_printed`) drops the printed figure and keeps it in the import log
and in an explanation; undo brings all of it back.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from ...core.checks.finding import Finding, fmt
from ...core.intake.settle import SETTLE_TEXT, settle_printed, settles
from ..document.controller import DocumentController


def settle(controller: DocumentController, finding: Finding) -> bool:
    """Settle ``finding`` with the computed total (one undo step); False when there is nothing to settle."""
    edit = settle_printed(controller.report, finding)
    return edit is not None and controller.push(edit, f"{SETTLE_TEXT}（{finding.rule}）")


def settle_text(finding: Finding) -> str:
    return f"{SETTLE_TEXT}（原表印出{fmt(finding.right)}，按各项之和{fmt(finding.left)}）"


def add_settle_actions(menu: QMenu, controller: DocumentController, findings: list[Finding]) -> list[QAction]:
    """Add one 以计算值为准 entry per printed-total finding among ``findings``; the actions added."""
    out: list[QAction] = []
    report = controller.report
    for f in findings:
        if settles(report, f):
            action = menu.addAction(settle_text(f), lambda f=f: settle(controller, f))
            action.setToolTip("不采用原报告印出的总计，按各项之和计算；原印出的数字记入导入记录和说明（可撤销）")
            out.append(action)
    return out
