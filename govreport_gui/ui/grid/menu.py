"""The right-click menu of a table's grid, as in Excel and WPS: 复制, 粘贴, 清除内容, 撤销, 确认导入的数值 (on
imported or carried values not yet confirmed), 以计算值为准 (on a total whose printed figure disagrees with its parts,
:mod:`..findings.settle`) and 查看规则说明 (the rules of the findings on the selected cells).

Right-clicking a cell outside the selection selects that cell first, so the menu acts on what was clicked.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QPoint
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu

from ..findings.settle import add_settle_actions
from .view_api import GridView


def selected_value_ids(view: GridView) -> list[str]:
    """The value cells (inputs and totals) in the selection, or the current cell."""
    out: list[str] = []
    for idx in view.selectionModel().selectedIndexes() or [view.currentIndex()]:
        g = view.form_model.cell_at(idx)
        if g is not None and g.is_value and g.cell_id not in out:
            out.append(g.cell_id)
    return out


def grid_menu(view: GridView, pos: QPoint | None = None) -> QMenu:
    """Build the menu for a right-click at ``pos`` (viewport coordinates; the current cell when ``None``)."""
    if pos is not None:
        idx = view.indexAt(pos)
        if idx.isValid() and not view.selectionModel().isSelected(idx) and view.form_model.flags(idx):
            view.selectionModel().setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    controller = view.form_model.controller
    ids = selected_value_ids(view)
    inputs = view.selected_input_ids()
    report = controller.report
    menu = QMenu(view)
    copy = menu.addAction("复制", view.copy_selection)
    copy.setEnabled(bool(ids))
    paste = menu.addAction("粘贴", lambda: view.paste())
    paste.setEnabled(bool(inputs) and bool(QGuiApplication.clipboard().text()))
    clear = menu.addAction("清除内容", view.clear_selection)
    clear.setEnabled(any(report.values.get(c) is not None for c in inputs))
    menu.addSeparator()
    stack = controller.stack
    undo = menu.addAction(f"撤销{stack.undoText()}" if stack.canUndo() else "撤销", stack.undo)
    undo.setEnabled(stack.canUndo())
    marked = [c for c in ids if c in controller.marks]
    if marked:
        menu.addAction(f"确认导入的数值（{len(marked)}格）", lambda: controller.confirm_cells(marked))
    printed = [f for c in ids for f in controller.findings_for(c) if f.cells[:1] == (c,)]
    add_settle_actions(menu, controller, printed)
    menu.addSeparator()
    rules: list[str] = []
    for c in ids:
        rules += [f.rule for f in controller.findings_for(c) if f.rule not in rules]
    explain = menu.addAction("查看规则说明", lambda: view.explain.emit(rules or None))
    explain.setToolTip("这些单元格涉及的检查规则：检查什么、为什么、怎样改正" if rules else "全部检查规则的说明")
    return menu
