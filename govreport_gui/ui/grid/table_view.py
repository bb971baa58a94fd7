"""The grid of one official table, behaving like a spreadsheet.

Spans come from core.grid; Qt's own header sections are hidden because the grid carries the form's headers.
Typing starts editing (what is typed replaces the value); Enter commits and moves down, Tab right, arrows move
(label cells are skipped: they are not enabled); Delete clears the selection as one undo step; Ctrl+C copies the
selection as tab-separated text; Ctrl+V pastes a block (refused whole if any cell is bad).  Column widths follow the
form's proportions and fill the width; row heights fit the wrapped labels.

As in Excel: F2 edits with the cursor at the end; Right/Left at the end/start of the edit text commit and leave the
cell; a refused entry ("12件", "-3") keeps the editor open with the typed text selected (Esc restores the old value);
typing into a computed total says why nothing happens; the right-click menu is :mod:`.menu`, the cells' editor
and painting :mod:`.cell_delegate`.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QWidget,
)

from ...core.edits import SetCells
from ...core.paste_plan import plan_paste
from ...core.tsv import join_block
from ...core.values import ValueRefused
from ..base import style
from .cell_delegate import CellDelegate
from .menu import grid_menu
from .table_model import FormTableModel

Index = QModelIndex | QPersistentModelIndex
_PAD_X = 10  # horizontal padding inside a cell, both sides together
_PAD_Y = 8
_MIN_COL = 34
TOTAL_REFUSAL = "合计由程序计算，不能直接填写。"


class FormTableView(QTableView):
    """The official table as an editable grid."""

    explain = Signal(object)  # rule ids to explain (None: every rule), from the right-click menu

    def __init__(self, model: FormTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.last_commit_ok = True
        self.editing = QPersistentModelIndex()  # the cell whose editor is open
        self.setModel(model)
        self.form_model = model
        self.setItemDelegate(CellDelegate(self))
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setTabKeyNavigation(True)
        self.setCornerButtonEnabled(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setStyleSheet(
            f"QTableView {{ gridline-color: {style.GRID}; border: 1px solid {style.GRID}; }}"
            "QTableView::item:selected { background: #cfe3ff; color: #000000; }"
        )
        self._apply_spans()
        model.modelReset.connect(self._apply_spans)
        self._layout_timer = QTimer(self)
        self._layout_timer.setSingleShot(True)
        self._layout_timer.setInterval(0)
        self._layout_timer.timeout.connect(self.fit_layout)
        # laid out when first shown (hidden tabs cost nothing at start-up), then again on every resize
        first = next((g for g in model.grid.cells if g.kind == "input"), None)
        if first is not None:
            self.setCurrentIndex(model.index(first.r - 1, first.c - 1))

    # --- layout -------------------------------------------------------------------------------------------------
    def _apply_spans(self) -> None:
        self.clearSpans()
        for g in self.form_model.grid.spans:
            self.setSpan(g.r - 1, g.c - 1, g.rs, g.cs)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.isVisible():
            self._layout_timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        self.fit_layout()
        super().showEvent(event)

    def fit_layout(self) -> None:
        """Column widths in the form's proportions, filling the width; row heights that show every wrapped label."""
        grid = self.form_model.grid
        table = grid.table
        fm = QFontMetrics(self.font())
        unit = fm.horizontalAdvance("中") / 2  # col_widths are in half-width characters
        natural = [max(_MIN_COL, int(w * unit) + _PAD_X) for w in table.col_widths]
        self.setMinimumWidth(sum(natural) + 2 * self.frameWidth())  # narrower windows scroll the tab instead
        avail = self.viewport().width()
        scale = max(1.0, avail / sum(natural)) if avail > 0 else 1.0
        widths = [int(w * scale) for w in natural]
        for c, w in enumerate(widths):
            self.setColumnWidth(c, w)
        bold = style.bold(self.font())
        bfm = QFontMetrics(bold)
        line = fm.height() + _PAD_Y
        heights = [line] * table.rows
        tall: list[tuple[int, int, int]] = []  # (first row, row span, height needed)
        for g in grid.cells:
            if g.is_value:
                continue
            width = sum(widths[g.c - 1:g.c - 1 + g.cs]) - _PAD_X
            metrics = bfm if g.kind == "head" else fm
            text = g.wrap if g.kind == "head" else g.text
            rect = metrics.boundingRect(QRect(0, 0, max(width, 10), 100000), int(Qt.TextFlag.TextWordWrap), text)
            need = rect.height() + _PAD_Y
            if g.rs == 1:
                heights[g.r - 1] = max(heights[g.r - 1], need)
            else:
                tall.append((g.r - 1, g.rs, need))
        for first, span, need in tall:
            have = sum(heights[first:first + span])
            if have < need:
                extra = -(-(need - have) // span)
                for r in range(first, first + span):
                    heights[r] += extra
        for r, h in enumerate(heights):
            self.setRowHeight(r, h)
        # the whole table is shown at once, like the printed form; the tab scrolls when the window is short
        self.setFixedHeight(sum(heights) + 2 * self.frameWidth())

    # --- editing ------------------------------------------------------------------------------------------------
    def commitData(self, editor: QWidget) -> None:
        self.last_commit_ok = True  # the delegate's setModelData says otherwise when the entry is refused
        super().commitData(editor)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Close the editor, except after a refused entry: the typed text stays, selected, for the clerk to correct
        (Esc, which reverts, always closes)."""
        if hint == QAbstractItemDelegate.EndEditHint.RevertModelCache:
            if not self.last_commit_ok:
                self.last_commit_ok = True
                self.form_model.controller.refusal_withdrawn.emit()
        elif not self.last_commit_ok and isinstance(editor, QLineEdit) and self.editing.isValid():
            editor.selectAll()
            editor.setFocus()
            if self.currentIndex() != QModelIndex(self.editing):  # a click elsewhere: stay on the refused cell
                keep = QModelIndex(self.editing)
                QTimer.singleShot(0, editor, lambda: self._return_to(keep, editor))  # not if the editor is gone
            return
        super().closeEditor(editor, hint)

    def _return_to(self, index: QModelIndex, editor: QLineEdit) -> None:
        if index.isValid():
            self.selectionModel().setCurrentIndex(index, self.selectionModel().SelectionFlag.ClearAndSelect)
            editor.setFocus()
            editor.selectAll()  # the line edit dropped its selection when it lost the focus

    def edit_at_end(self) -> bool:
        """F2: edit the current cell with the cursor after its text (nothing selected)."""
        index = self.currentIndex()
        if not (self.form_model.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        if not self.edit(index, QAbstractItemView.EditTrigger.AllEditTriggers, None):
            return False
        for editor in self.viewport().findChildren(QLineEdit):
            if editor.isVisible():
                editor.deselect()
                editor.end(False)
        return True

    def _refuse_total(self) -> bool:
        g = self.form_model.cell_at(self.currentIndex())
        if g is not None and g.kind == "total":
            self.form_model.controller.refused.emit(TOTAL_REFUSAL)
            return True
        return False

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        super().mouseDoubleClickEvent(event)
        if self.state() != QAbstractItemView.State.EditingState:
            self._refuse_total()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        grid_menu(self, event.pos()).exec(event.globalPos())

    # --- keyboard -----------------------------------------------------------------------------------------------
    def move_cursor(self, action: QAbstractItemView.CursorAction) -> None:
        idx = self.moveCursor(action, Qt.KeyboardModifier.NoModifier)
        if idx.isValid():
            self.setCurrentIndex(idx)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            return
        if event.matches(QKeySequence.StandardKey.Cut):
            self.copy_selection()
            self.clear_selection()
            return
        editing = self.state() == QAbstractItemView.State.EditingState
        if event.key() == Qt.Key.Key_F2 and not editing and self.edit_at_end():
            return
        typed = event.text() and event.text().isprintable() and not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        if typed and not editing and self._refuse_total():
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not editing:
            self.clear_selection()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not editing:
            up = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.move_cursor(QAbstractItemView.CursorAction.MoveUp if up else QAbstractItemView.CursorAction.MoveDown)
            return
        super().keyPressEvent(event)

    # --- selection as a block -----------------------------------------------------------------------------------
    def selected_rect(self) -> tuple[int, int, int, int] | None:
        """(first row, first column, last row, last column), 0-based, of the selection or the current cell."""
        current = self.currentIndex()
        idxs = self.selectionModel().selectedIndexes() or ([current] if current.isValid() else [])
        if not idxs:
            return None
        rows = [i.row() for i in idxs]
        cols = [i.column() for i in idxs]
        r2 = max(i.row() + self.rowSpan(i.row(), i.column()) - 1 for i in idxs)
        c2 = max(i.column() + self.columnSpan(i.row(), i.column()) - 1 for i in idxs)
        return min(rows), min(cols), r2, c2

    def selected_input_ids(self) -> list[str]:
        out: list[str] = []
        for idx in self.selectionModel().selectedIndexes() or [self.currentIndex()]:
            g = self.form_model.cell_at(idx)
            if g is not None and g.kind == "input" and g.cell_id not in out:
                out.append(g.cell_id)
        return out

    def copy_selection(self) -> str:
        """Copy the selected block as tab-separated text (a spanned cell gives one column); return the text."""
        rect = self.selected_rect()
        if rect is None:
            return ""
        r1, c1, r2, c2 = rect
        model = self.form_model
        rows: list[list[str]] = []
        for r in range(r1, r2 + 1):
            row: list[str] = []
            c = c1
            while c <= c2:
                g = model.grid.covering.get((r + 1, c + 1))
                if g is None:
                    row.append("")
                    c += 1
                    continue
                if g.r == r + 1:
                    text = str(model.data(model.index(g.r - 1, g.c - 1), Qt.ItemDataRole.EditRole) or "")
                    row.append(text if g.is_value or g.c == c + 1 else "")
                else:
                    row.append("")
                c = max(c + 1, g.c - 1 + g.cs)
            rows.append(row)
        text = join_block(rows)
        QGuiApplication.clipboard().setText(text)
        return text

    def clear_selection(self) -> bool:
        """Blank every selected input cell as one undo step."""
        report = self.form_model.controller.report
        ids = [c for c in self.selected_input_ids() if report.values.get(c) is not None]
        if not ids:
            return False
        return self.form_model.controller.push(SetCells(dict.fromkeys(ids)), f"清除{len(ids)}个单元格")

    def paste(self, text: str | None = None) -> bool:
        """Paste a tab-separated block at the top-left of the selection; all or nothing."""
        if text is None:
            text = QGuiApplication.clipboard().text()
        rect = self.selected_rect()
        if not text or rect is None:
            return False
        controller = self.form_model.controller
        try:
            values = plan_paste(controller.report, self.form_model.grid, rect[0] + 1, rect[1] + 1, text)
        except ValueRefused as exc:
            controller.refused.emit(str(exc))
            return False
        changed = {k: v for k, v in values.items() if controller.report.values.get(k) != v
                   or type(controller.report.values.get(k)) is not type(v)}
        if not changed:
            return True
        return controller.push(SetCells(changed), f"粘贴{len(values)}个单元格")

    def go_to(self, cell_id: str) -> bool:
        idx = self.form_model.index_of(cell_id)
        if not idx.isValid():
            return False
        self.setCurrentIndex(idx)
        self.scrollTo(idx)
        self.setFocus()
        return True
