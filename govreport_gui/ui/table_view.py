"""The grid of one official table, behaving like a spreadsheet.

Spans come from core.grid; Qt's own header sections are hidden because the grid carries the form's headers.
Typing starts editing (what is typed replaces the value); Enter commits and moves down, Tab right, arrows move
(label cells are skipped: they are not enabled); Delete clears the selection as one undo step; Ctrl+C copies the
selection as tab-separated text; Ctrl+V pastes a block (refused whole if any cell is bad).  Column widths follow the
form's proportions and fill the width; row heights fit the wrapped labels.  The delegate draws two extras over a
value cell: a stripe on the left edge of an imported value not yet confirmed, and last year's figure in small grey
type in the top-left corner ("上年：N") where the cell has a baseline.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, Qt, QTimer
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ..core.edits import SetCells
from ..core.paste_plan import join_block, plan_paste
from ..core.values import ValueRefused
from . import style
from .table_model import BASELINE_ROLE, MARK_ROLE, FormTableModel

Index = QModelIndex | QPersistentModelIndex
_PAD_X = 10  # horizontal padding inside a cell, both sides together
_PAD_Y = 8
_MIN_COL = 34
_STRIPE = 2  # width of the imported-value stripe


class CellDelegate(QStyledItemDelegate):
    """A right-aligned line editor; Enter commits and moves down, Up/Down commit and move."""

    def __init__(self, view: FormTableView) -> None:
        super().__init__(view)
        self.view = view

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setFrame(False)
        return editor

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)
        marked = index.data(MARK_ROLE)
        hint = index.data(BASELINE_ROLE)
        if not marked and not hint:
            return
        painter.save()
        rect = option.rect  # type: ignore[attr-defined]
        if marked:
            painter.fillRect(QRect(rect.left(), rect.top(), _STRIPE, rect.height()), style.IMPORTED_EDGE)
        if hint:
            small = QFont(option.font)  # type: ignore[attr-defined]
            if small.pointSizeF() > 0:
                small.setPointSizeF(max(6.0, small.pointSizeF() * 0.72))
            else:
                small.setPixelSize(max(8, int(small.pixelSize() * 0.72)))
            painter.setFont(small)
            painter.setPen(style.BASELINE_TEXT)
            inner = rect.adjusted(_STRIPE + 2, 1, -2, -1)
            painter.drawText(inner, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), str(hint))
        painter.restore()

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: object, index: Index) -> None:
        assert isinstance(editor, QLineEdit) and isinstance(model, FormTableModel)
        self.view.last_commit_ok = model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if isinstance(obj, QLineEdit) and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            moves = {
                Qt.Key.Key_Return: QAbstractItemView.CursorAction.MoveDown,
                Qt.Key.Key_Enter: QAbstractItemView.CursorAction.MoveDown,
                Qt.Key.Key_Down: QAbstractItemView.CursorAction.MoveDown,
                Qt.Key.Key_Up: QAbstractItemView.CursorAction.MoveUp,
            }
            if key in moves:
                shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and shift:
                    action = QAbstractItemView.CursorAction.MoveUp
                else:
                    action = moves[Qt.Key(key)]
                self.view.last_commit_ok = True
                self.commitData.emit(obj)
                self.closeEditor.emit(obj, QAbstractItemDelegate.EndEditHint.NoHint)
                if self.view.last_commit_ok:
                    self.view.move_cursor(action)
                return True
        return super().eventFilter(obj, event)


class FormTableView(QTableView):
    """The official table as an editable grid."""

    def __init__(self, model: FormTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.last_commit_ok = True
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
