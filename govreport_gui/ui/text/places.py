"""Go to the words a finding is about: the prose editor (or the meta field) that holds them, with them selected.

A finding about words (W6's quoted figure; stale text, rules W13–W16) carries a
:class:`~govreport_gui.core.checks.finding.TextPlace`: a text key and character offsets, or a meta field (title,
published).  :func:`show_place` finds the editor for it among the window's widgets, brings its tab to the front and
selects the words — the window needs no wiring for it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QTabWidget, QWidget

from ...core.checks.finding import TextPlace
from .meta_tab import MetaTab
from .prose_tab import ProseEdit


def _bring_forward(window: QWidget, target: QWidget) -> None:
    for tabs in window.findChildren(QTabWidget):
        for i in range(tabs.count()):
            page = tabs.widget(i)
            if page is target or page.isAncestorOf(target):
                tabs.setCurrentIndex(i)


def place_editor(window: QWidget, place: TextPlace) -> QWidget | None:
    """The editor holding ``place``: a :class:`ProseEdit` for a text key, a meta tab's line edit for a meta field."""
    if place.meta:
        for meta in window.findChildren(MetaTab):
            field = getattr(meta, place.key, None)
            if isinstance(field, QLineEdit):
                return field
        return None
    for edit in window.findChildren(ProseEdit):
        if edit.key == place.key:
            return edit
    return None


def show_place(window: QWidget, place: TextPlace) -> bool:
    """Show and select the words of ``place``; ``False`` when the window has no editor for it."""
    editor = place_editor(window, place)
    if editor is None:
        return False
    _bring_forward(window, editor)
    if isinstance(editor, ProseEdit):
        editor.select_range(place.start, place.end)
    elif isinstance(editor, QLineEdit):
        editor.setFocus()
        editor.setSelection(place.start, place.end - place.start)
    return True
