"""What the grid's cell delegate and right-click menu need of the table view they serve, as a protocol.

The delegate and the menu work for :class:`~.table_view.FormTableView`, which imports them; they take the view as
this role instead of importing its module back, so that no two window modules import each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, QPoint
from PySide6.QtWidgets import QAbstractItemView

if TYPE_CHECKING:
    from .table_model import FormTableModel


class GridView(Protocol):
    """A form table's view, as its delegate and its right-click menu use it."""

    editing: QPersistentModelIndex
    last_commit_ok: bool
    form_model: FormTableModel
    explain: Any  # a Signal(object): the rule ids to explain

    def move_cursor(self, action: QAbstractItemView.CursorAction) -> None: ...
    def selectionModel(self) -> QItemSelectionModel: ...
    def currentIndex(self) -> QModelIndex: ...
    def indexAt(self, pos: QPoint) -> QModelIndex: ...
    def selected_input_ids(self) -> list[str]: ...
    def copy_selection(self) -> str: ...
    def paste(self, text: str | None = None) -> bool: ...
    def clear_selection(self) -> bool: ...
