"""Table 三 and the register, seen from the table: which cells the register fills, what each one counts, and the way
from a cell to its lines (查看对应台账: a context action or a double-click).

When the report's register fills the table, its input cells are read-only and drawn like totals
(:class:`~..grid.table_model.FormTableModel` asks :func:`counted_cells`), and every value cell of the table
says in its tooltip which lines it counts (:func:`provenance_text`).  The provenance is counted afresh when asked
(10,000 lines: about 10 ms, once per tooltip), so it can never be stale.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView

from ...core.edits import SetCells
from ...core.register.count import count_table, register_cells
from ...core.register.model import register_spec
from ...core.report import Report

MAX_LISTED = 60  # 序号 listed in a tooltip; the rest are counted ("等N件")
GO_TEXT = "查看对应台账"


def counted_cells(report: Report) -> frozenset[str]:
    """The input cells the register fills (empty when the report keeps typed figures)."""
    return register_cells(report)


def lines_of(report: Report, cell_id: str) -> list[int] | None:
    """The 序号 a cell of the counted table stands for (a total: those of its parts); ``None`` when the register
    does not fill the table or the cell is not in it."""
    if not register_cells(report):
        return None
    reg = report.register
    assert reg is not None and report.year is not None
    spec = report.form.cells.get(cell_id)
    if spec is None or spec.table != register_spec(report.form).table.id:
        return None
    return count_table(reg, report.form, report.year).lines_for(report.form, cell_id)


def provenance_text(nos: list[int]) -> str:
    """The tooltip line for the lines a cell counts."""
    if not nos:
        return "台账中没有计入此格的申请。"
    shown = "、".join(str(n) for n in nos[:MAX_LISTED])
    more = f"等{len(nos)}件" if len(nos) > MAX_LISTED else f"，共{len(nos)}件"
    return f"由台账统计：序号{shown}{more}（双击查看）"


class _TypingGuard(QObject):
    """Typing on a counted cell says why nothing happens (the core's refusal), instead of silently ignoring it."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and self.view.state() != QAbstractItemView.State.EditingState:
            assert isinstance(event, QKeyEvent)
            text = event.text()
            model = self.view.form_model  # type: ignore[attr-defined]
            g = model.cell_at(self.view.currentIndex())
            typed = bool(text) and text.isprintable() and g is not None and g.kind == "input"
            if typed and g.cell_id in counted_cells(model.controller.report):
                model.controller.push(SetCells({g.cell_id: None}), "")  # refused, with the core's message
                return True
        return False


def link_table_view(view: QTableView, go: Callable[[list[int]], object]) -> QAction:
    """Give ``view`` (the counted table's :class:`~govreport_gui.ui.grid.table_view.FormTableView`) the action
    查看对应台账 and its double-click: ``go`` gets the 序号 the cell under the cursor counts (the action passes an
    empty list on a cell the register does not fill)."""
    model = view.form_model  # type: ignore[attr-defined]

    def lines_at(index: QModelIndex) -> list[int] | None:
        g = model.cell_at(index) if index.isValid() else None
        return lines_of(model.controller.report, g.cell_id) if g is not None and g.is_value else None

    def on_double_click(index: QModelIndex) -> None:
        nos = lines_at(index)
        if nos is not None:
            go(nos)

    def on_action() -> None:
        nos = lines_at(view.currentIndex())
        go(nos if nos is not None else [])

    action = QAction(GO_TEXT, view)
    action.triggered.connect(on_action)
    view.addAction(action)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    view.doubleClicked.connect(on_double_click)
    view.installEventFilter(_TypingGuard(view))

    def show_action(*_: object) -> None:  # offered only while the register fills the table
        action.setVisible(bool(counted_cells(model.controller.report)))

    model.controller.changed.connect(show_action)
    model.controller.replaced.connect(show_action)
    show_action()
    return action
