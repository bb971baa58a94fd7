"""The 台账 grid's editors: drop-downs of the form's labels for 申请人类型, 办理结果 and 延期, and elsewhere a line
editor that keeps a refused value open — Enter or Tab on “2025/13/1” shows why (in Chinese, in the message bar) and
leaves what was typed in the editor for the clerk to correct; leaving the cell another way refuses it the same way
and keeps the line as it was.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ...core.register.model import DATE_FIELDS
from ...core.values import ValueRefused
from .model import field_of
from .view_api import RegisterTabApi

Index = QModelIndex | QPersistentModelIndex


class RegisterDelegate(QStyledItemDelegate):
    """Drop-downs for type, result and 延期; a line editor elsewhere that stays open on a refused value."""

    def __init__(self, tab: RegisterTabApi) -> None:
        super().__init__(tab)
        self.tab = tab
        self._editing: QPersistentModelIndex | None = None

    def choices(self, field: str) -> list[str] | None:
        spec = self.tab.model.spec
        if field == "applicant_type":
            return ["", *spec.type_labels.values()]
        if field == "result":
            return ["", *spec.result_labels.values()]
        if field == "extended":
            return ["否", "是"]
        return None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        self._editing = QPersistentModelIndex(index)
        items = self.choices(field_of(index.column()) or "")
        if items is not None:
            box = QComboBox(parent)
            box.addItems(items)
            box.setMaxVisibleItems(len(items))
            box.activated.connect(lambda _i, b=box: (self.commitData.emit(b), self.closeEditor.emit(b)))
            return box
        editor = QLineEdit(parent)
        editor.setFrame(False)
        if field_of(index.column()) in DATE_FIELDS:
            editor.setPlaceholderText("2025-01-20")
            editor.setToolTip("日期可写成2025-01-20、2025/1/20或2025年1月20日")
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findText(text)))
        elif isinstance(editor, QLineEdit):
            editor.setText(text)

    def setModelData(self, editor: QWidget, model: object, index: Index) -> None:
        text = editor.currentText() if isinstance(editor, QComboBox) else editor.text()  # type: ignore[attr-defined]
        self.tab.proxy.setData(index, text, Qt.ItemDataRole.EditRole)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if isinstance(obj, QLineEdit) and event.type() == QEvent.Type.KeyPress and self._editing is not None:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                src = self.tab.proxy.mapToSource(QModelIndex(self._editing))
                try:
                    self.tab.model.line_with(src.row(), src.column(), obj.text())
                except ValueRefused as exc:
                    self.tab.model.controller.refused.emit(str(exc))
                    return True  # the editor stays open with what was typed
                if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # commit now, then down, like a spreadsheet
                    self.commitData.emit(obj)
                    self.closeEditor.emit(obj, QAbstractItemDelegate.EndEditHint.NoHint)
                    self.tab.move_down()
                    return True
        return super().eventFilter(obj, event)
