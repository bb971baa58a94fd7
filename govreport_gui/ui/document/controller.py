"""The open document as seen by the views: the core :class:`~govreport_gui.core.edits.Document` and its undo stack.

Every change goes through :meth:`DocumentController.push`: the edit becomes a ``QUndoCommand`` whose ``redo``
applies it with ``Document.apply`` and whose ``undo`` applies the inverse the core returned.  Both paths emit
:attr:`DocumentController.changed` with the core's ChangeSet, so views refresh exactly the cells, totals, texts and
findings that changed.

The controller also keeps the *marks* of the open document: input cells whose values came from an import or from
last year's report and that the clerk has not yet checked (待核对: cell id → where the value was read).  They are the
report's ``unchecked`` (saved in the file since format 4, shown again on reopening).  Editing a marked cell unmarks
it; undoing that edit marks it again, unless the clerk has confirmed all marks since
(:meth:`DocumentController.confirm_marks`).  A confirmation is no undo step, so it emits :attr:`marks_edited`: the
window then counts the document as changed, to be saved.

Prose typing is merged: consecutive edits of the same text within :data:`TEXT_MERGE_SECONDS` of each other become
one undo step (``QUndoCommand.mergeWith``), so undo takes back a burst of typing, not a single character.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ...core.checks.finding import Finding
from ...core.edits import ChangeSet, Document, Edit, SetText
from ...core.report import Report
from ...core.values import ValueRefused

TEXT_MERGE_SECONDS = 2.0
_TEXT_COMMAND_ID = 1001


class EditCommand(QUndoCommand):
    """One core edit on the undo stack."""

    def __init__(self, controller: DocumentController, edit: Edit, text: str) -> None:
        super().__init__(text)
        self.controller = controller
        self.edit = edit
        self.inverse: Edit | None = None
        self.unmarked: dict[str, str] = {}  # marks this edit removed, given back on undo
        self.mark_generation = 0

    def redo(self) -> None:
        cs = self.controller.apply_now(self.edit)
        self.inverse = cs.inverse
        if cs.empty:
            self.setObsolete(True)  # nothing changed: do not keep an undo step
        self.unmarked = self.controller.unmark(cs.cells)
        self.mark_generation = self.controller.mark_generation

    def undo(self) -> None:
        assert self.inverse is not None
        cs = self.controller.apply_now(self.inverse)
        self.edit = cs.inverse
        self.controller.restore_marks(self.unmarked, self.mark_generation)
        self.unmarked = {}


class TextCommand(EditCommand):
    """A prose edit; consecutive typing in the same text merges into one command."""

    def __init__(self, controller: DocumentController, edit: SetText, text: str) -> None:
        super().__init__(controller, edit, text)
        self.key = edit.key
        self.stamp = time.monotonic()

    def id(self) -> int:
        return _TEXT_COMMAND_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, TextCommand) or other.key != self.key:
            return False
        if other.stamp - self.stamp > TEXT_MERGE_SECONDS:
            return False
        self.edit = other.edit
        self.stamp = other.stamp
        return True


class DocumentController(QObject):
    """Holds the document, its undo stack and the findings indexed by cell."""

    changed = Signal(object)  # ChangeSet
    replaced = Signal()  # a whole new document was loaded
    refused = Signal(str)  # a Chinese message: an edit that was not applied
    refusal_withdrawn = Signal()  # the clerk gave up the refused entry (Esc): its message can go
    marks_changed = Signal(object)  # set of cell ids whose mark appeared or went away
    marks_edited = Signal()  # marks confirmed outside an undo step: the document has changed

    def __init__(self, report: Report, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stack = QUndoStack(self)
        self.document = Document(report)
        self._by_cell: dict[str, list[Finding]] = {}
        self.marks_origin = origin_of(report.unchecked)  # "导入" or "从上年转入": what the notice bar says
        self.mark_generation = 0  # bumped when marks are set or confirmed: older undo steps no longer restore them
        self._index()

    # --- state --------------------------------------------------------------------------------------------------
    @property
    def report(self) -> Report:
        return self.document.report

    @property
    def marks(self) -> dict[str, str]:
        """The report's 待核对 marks: cell id → where the imported or carried value was read."""
        return self.document.report.unchecked

    @property
    def findings(self) -> list[Finding]:
        return self.document.findings

    def findings_for(self, cell_id: str) -> list[Finding]:
        return self._by_cell.get(cell_id, [])

    def _index(self) -> None:
        by_cell: dict[str, list[Finding]] = {}
        form = self.report.form
        for f in self.document.findings:
            if form.rule(f.rule).get("kind") == "blank_cells":
                continue  # a table-wide notice: listed in the panel, not painted on every blank cell
            for c in f.cells:
                by_cell.setdefault(c, []).append(f)
        self._by_cell = by_cell

    # --- changing -----------------------------------------------------------------------------------------------
    def push(self, edit: Edit, text: str, merge: bool = True) -> bool:
        """Validate ``edit`` and push it as one undo step; a refusal emits :attr:`refused` and changes nothing.
        A text edit merges with the typing around it unless ``merge`` is false (an insertion or a quick fix is an
        undo step of its own)."""
        try:
            self.document.validate(edit)
        except ValueRefused as exc:
            self.refused.emit(str(exc))
            return False
        typing = isinstance(edit, SetText) and merge
        cmd = TextCommand(self, edit, text) if typing else EditCommand(self, edit, text)
        self.stack.push(cmd)
        return True

    def apply_now(self, edit: Edit) -> ChangeSet:
        """Apply ``edit`` to the document (used by the undo commands) and tell the views."""
        cs = self.document.apply(edit)
        self._index()
        self.changed.emit(cs)
        return cs

    def recheck(self) -> None:
        """The rules run again on the same document (last year's prose became known): the views are told."""
        cs = self.document.recheck()
        self._index()
        self.changed.emit(cs)

    def replace(self, report: Report) -> None:
        """Load another report: a fresh document and an empty undo stack."""
        self.stack.clear()
        self.document = Document(report)
        self._index()
        self.marks_origin = origin_of(report.unchecked)
        self.mark_generation += 1
        self.replaced.emit()
        self.marks_changed.emit(set(self.marks))

    # --- marks of imported or carried values --------------------------------------------------------------------
    def set_marks(self, marks: dict[str, str], origin: str) -> None:
        """Mark ``marks`` (cell id → where read) as values the clerk has still to confirm."""
        old = set(self.marks)
        cells = self.report.form.cells
        self.report.unchecked = {c: w for c, w in marks.items() if c in cells and not cells[c].derived}
        self.marks_origin = origin
        self.mark_generation += 1
        self.marks_changed.emit(old | set(self.marks))

    def confirm_marks(self) -> int:
        """The clerk confirmed every marked value: drop all marks; returns how many there were."""
        old = set(self.marks)
        self.marks.clear()
        self.mark_generation += 1
        self.marks_changed.emit(old)
        if old:
            self.marks_edited.emit()
        return len(old)

    def confirm_cells(self, cell_ids: list[str]) -> dict[str, str]:
        """The clerk confirmed the values of ``cell_ids`` (e.g. 右键 › 确认导入的数值): unmark them."""
        gone = self.unmark(cell_ids)
        if gone:
            self.marks_edited.emit()
        return gone

    def unmark(self, cell_ids: set[str] | list[str]) -> dict[str, str]:
        """Drop the marks of ``cell_ids`` (the clerk edited them); returns the marks removed."""
        gone = {c: self.marks.pop(c) for c in cell_ids if c in self.marks}
        if gone:
            self.marks_changed.emit(set(gone))
        return gone

    def restore_marks(self, marks: dict[str, str], generation: int) -> None:
        """Give back marks an undone edit removed, if no confirmation or new document came in between."""
        if not marks or generation != self.mark_generation:
            return
        self.marks.update(marks)
        self.marks_changed.emit(set(marks))


def origin_of(marks: dict[str, str]) -> str:
    """What the marks are, for the notice bar: 导入, 从上年转入, or both."""
    from ...core.intake.review_marks import CARRIED, IMPORTED, is_carried

    carried = {is_carried(w) for w in marks.values()}
    return "导入或从上年转入" if len(carried) == 2 else CARRIED if carried == {True} else IMPORTED
