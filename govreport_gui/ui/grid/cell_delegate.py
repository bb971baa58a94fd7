"""The cells of a table's grid: a right-aligned line editor that moves like Excel's, and two extras painted over a
value cell — a stripe on the left edge of an imported value not yet confirmed, and last year's figure in small grey
type in the top-left corner ("上年：N") where the cell has a baseline.

Enter commits and moves down (Shift+Enter up), Up/Down commit and move, Right/Left at the end/start of the text commit
and move sideways; when the entry is refused the editor stays open (see the view's ``closeEditor``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QFont, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ..base import style
from .table_model import BASELINE_ROLE, MARK_ROLE, FormTableModel
from .view_api import GridView

Index = QModelIndex | QPersistentModelIndex
_STRIPE = 2  # width of the imported-value stripe


class CellDelegate(QStyledItemDelegate):
    """A right-aligned line editor; Enter commits and moves down, Up/Down commit and move."""

    def __init__(self, view: GridView) -> None:
        super().__init__(view)
        self.view = view

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setFrame(False)
        self.view.editing = QPersistentModelIndex(index)
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
            at_end = not obj.hasSelectedText() and obj.cursorPosition() == len(obj.text())
            at_start = not obj.hasSelectedText() and obj.cursorPosition() == 0
            plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if plain and ((key == Qt.Key.Key_Right and at_end) or (key == Qt.Key.Key_Left and at_start)):
                moves[Qt.Key(key)] = (QAbstractItemView.CursorAction.MoveRight if key == Qt.Key.Key_Right
                                      else QAbstractItemView.CursorAction.MoveLeft)
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
