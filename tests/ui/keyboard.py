"""Typing into the window the way a clerk does, defined once for every GUI test: real key events into the grid."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from govreport_gui.ui.grid.table_view import FormTableView
from govreport_gui.ui.main_window import MainWindow


def view_of(w: MainWindow, table: str) -> FormTableView:
    return w.table_tabs[table].view


def editor_of(view: FormTableView) -> QLineEdit:
    editors = [e for e in view.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1, "typing should have opened exactly one cell editor"
    return editors[0]


def key_text(widget: QWidget, ch: str) -> None:
    """Press and release a key that types ``ch`` (QTest only knows ASCII; this also types 元 or full-width digits)."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def type_into(qtbot, w: MainWindow, cell_id: str, text: str, commit=Qt.Key.Key_Return) -> None:  # type: ignore[no-untyped-def]
    """Select the cell, type ``text`` (the first key opens the editor) and commit with Enter."""
    view = view_of(w, cell_id.split(".", 1)[0])
    assert w.go_to_cell(cell_id)
    key_text(view, text[0])
    editor = editor_of(view)
    for ch in text[1:]:
        key_text(editor, ch)
    qtbot.keyClick(editor, commit)
