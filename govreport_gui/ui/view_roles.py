"""What the grid's and the register's helpers need of the view they serve, as protocols.

The cell delegate and the right-click menu work for the table view, the register's delegate for the 台账 tab; each
takes its owner as one of these roles instead of importing the owner's module (which imports them back), so that
no two window modules import each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, QPoint
from PySide6.QtWidgets import QAbstractItemView

if TYPE_CHECKING:
    from .register_model import RegisterModel, RegisterProxy
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


class RegisterView(Protocol):
    """The 台账 tab, as its delegate uses it."""

    model: RegisterModel
    proxy: RegisterProxy

    def move_down(self) -> None: ...
