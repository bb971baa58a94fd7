"""Edits as data.  Applying an edit to a :class:`Document` returns a :class:`ChangeSet` that carries the inverse edit.

A document is a report plus its current findings.  An edit changes inputs, prose, meta, explanations, the register
or what an import left (printed totals, the import log: :mod:`.imported.record_edits`); the change set says which
cells were edited, which totals changed, and which findings appeared or went away, so that a view refreshes exactly what
changed.  Undo applies the inverse through the same path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from .checks.confirmations import offered
from .checks.finding import Finding
from .checks.run import check
from .imported.record_edits import RecordEdit, SetImportLog, apply_record_edit, validate_record_edit
from .meta_fields import MetaRefused, check_meta
from .register.count import register_cells, sync_report
from .register.edits import RegisterEdit, SetFillsTable, SetRegister, apply_register_edit, validate_register_edit
from .register.model import register_spec
from .report import Report
from .text_safety import MAX_TEXT_CHARS, has_lone_surrogate
from .values import Value, ValueRefused, check_value


@dataclass(frozen=True)
class SetCells:
    """Set input cells (one or a pasted block); ``None`` clears a cell."""

    values: Mapping[str, Value]


@dataclass(frozen=True)
class SetText:
    key: str
    text: str


@dataclass(frozen=True)
class SetMeta:
    key: str
    value: Any


@dataclass(frozen=True)
class SetExplanation:
    """Confirm a warning with a written explanation; an empty text removes it.

    ``key`` is the finding's :attr:`~.rules.Finding.key` (see :mod:`.confirmations`), or a bare rule id for an
    explanation migrated from an old file that matched no finding."""

    key: str
    text: str


@dataclass(frozen=True)
class Batch:
    """Several edits applied as one (undone as one)."""

    edits: tuple[Edit, ...]


Edit = SetCells | SetText | SetMeta | SetExplanation | Batch | RegisterEdit | RecordEdit


def confirm(report: Report, finding: Finding, text: str) -> Edit:
    """The edit that confirms ``finding`` with ``text`` (empty: withdraw the confirmation); the explanation it
    replaces (an offer of kind changed or migrated, :func:`.checks.confirmations.offered`) goes in the same undo
    step."""
    edit = SetExplanation(finding.key, text)
    old = offered(report, finding)
    if text.strip() and old is not None and old.kind != "same_rule":
        return Batch((SetExplanation(old.key, ""), edit))
    return edit


def set_cell(cell_id: str, value: Value) -> SetCells:
    return SetCells({cell_id: value})


@dataclass
class ChangeSet:
    """What one applied edit changed, and the edit that undoes it."""

    inverse: Edit
    cells: set[str] = field(default_factory=set)
    totals: set[str] = field(default_factory=set)
    texts: set[str] = field(default_factory=set)
    meta: set[str] = field(default_factory=set)
    explanations: set[str] = field(default_factory=set)
    appeared: list[Finding] = field(default_factory=list)
    gone: list[Finding] = field(default_factory=list)
    register: bool = False  # the applications register changed (its lines or whether it fills the table)
    printed: set[str] = field(default_factory=set)  # totals as printed in an imported document, set or dropped
    log: bool = False  # the import log changed

    @property
    def empty(self) -> bool:
        return not (self.cells or self.texts or self.meta or self.explanations or self.register or self.printed
                    or self.log)


def _saveable(text: str) -> None:
    if has_lone_surrogate(text):
        raise ValueRefused("输入的文字中含有无法保存的字符（不成对的代理字符），未采用；请删除该字符后重新输入。")


class Document:
    """A report with its findings kept current across edits."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.findings: list[Finding] = check(report)

    def validate(self, edit: Edit) -> None:
        """Raise :class:`ValueRefused` (message in Chinese) if ``edit`` cannot be applied; nothing changes."""
        if isinstance(edit, Batch):
            for e in edit.edits:
                self.validate(e)
        elif isinstance(edit, RegisterEdit):
            validate_register_edit(self.report, edit)
        elif isinstance(edit, RecordEdit):
            validate_record_edit(self.report, edit)
        elif isinstance(edit, SetCells):
            counted = register_cells(self.report)
            for cid, v in edit.values.items():
                spec = self.report.form.cells.get(cid)
                if spec is None:
                    raise ValueRefused(f"没有编号为“{cid}”的单元格。")
                if spec.derived:
                    raise ValueRefused(f"{spec.label}是自动计算的合计，不能直接填写。")
                if cid in counted:
                    raise ValueRefused(f"{spec.label}由依申请公开台账统计得出，请修改台账，或改为手工填写表三。")
                check_value(spec, v)
        elif isinstance(edit, SetText):
            if edit.key not in self.report.form.text_keys:
                raise ValueRefused(f"没有名为“{edit.key}”的正文部分。")
            _saveable(edit.text)
            if len(edit.text) > MAX_TEXT_CHARS:  # the file could be saved but never opened again
                raise ValueRefused(f"这一部分的文字过长（{len(edit.text)}字，上限{MAX_TEXT_CHARS}字），未采用。")
        elif isinstance(edit, SetExplanation):
            if edit.key.split("|", 1)[0] not in {r["id"] for r in self.report.form.rules}:
                raise ValueRefused(f"没有编号为“{edit.key.split('|', 1)[0]}”的检查规则。")
            _saveable(edit.text)
        elif isinstance(edit, SetMeta):
            try:
                check_meta(edit.key, edit.value)
            except MetaRefused as exc:
                raise ValueRefused(str(exc)) from None
            if isinstance(edit.value, str):
                _saveable(edit.value)

    def apply(self, edit: Edit) -> ChangeSet:
        """Apply ``edit`` (validated first: a refused edit changes nothing) and return what changed."""
        self.validate(edit)
        cs = ChangeSet(inverse=edit)
        cs.inverse = self._apply(edit, cs)
        before = self.findings
        self.findings = check(self.report)
        old, new = set(before), set(self.findings)
        cs.appeared = [f for f in self.findings if f not in old]
        cs.gone = [f for f in before if f not in new]
        return cs

    def recheck(self) -> ChangeSet:
        """Run the rules again after something that is no edit changed what they read (last year's prose, known
        once last year's file is chosen); the change set has only the findings that appeared or went."""
        cs = ChangeSet(inverse=Batch(()))
        before = self.findings
        self.findings = check(self.report)
        old, new = set(before), set(self.findings)
        cs.appeared = [f for f in self.findings if f not in old]
        cs.gone = [f for f in before if f not in new]
        return cs

    def _apply(self, edit: Edit, cs: ChangeSet) -> Edit:
        r = self.report
        if isinstance(edit, Batch):
            return Batch(tuple(reversed([self._apply(e, cs) for e in edit.edits])))
        if isinstance(edit, RegisterEdit):
            cells = register_spec(r.form).input_cells(r.form)
            typed = {c: r.values.get(c) for c in cells}
            filled_before = bool(register_cells(r))
            before = dict(r.totals())
            inverse = apply_register_edit(r, edit)
            cs.register = True
            sync_report(r)
            cs.cells |= {c for c in cells if r.values.get(c) != typed[c] or type(r.values.get(c)) is not type(typed[c])}
            after = r.totals()
            cs.totals |= {c for c, v in after.items() if v != before.get(c) or type(v) is not type(before.get(c))}
            if not filled_before and register_cells(r):  # the register took over: undo restores the typed figures
                assert isinstance(inverse, SetFillsTable | SetRegister)
                return replace(inverse, typed=typed)
            return inverse
        if isinstance(edit, RecordEdit):
            inverse_record, printed = apply_record_edit(r, edit)
            cs.printed |= printed
            if isinstance(edit, SetImportLog) and edit != inverse_record:
                cs.log = True
            return inverse_record
        if isinstance(edit, SetCells):
            old: dict[str, Value] = {}
            for cid, v in edit.values.items():
                old[cid] = r.values.get(cid)
                if old[cid] != v or type(old[cid]) is not type(v):
                    cs.cells.add(cid)
            cs.totals |= r.set_values(edit.values)
            return SetCells(old)
        if isinstance(edit, SetText):
            prev = r.texts.get(edit.key, "")
            if edit.text:
                r.texts[edit.key] = edit.text
            else:
                r.texts.pop(edit.key, None)
            if prev != edit.text:
                cs.texts.add(edit.key)
            return SetText(edit.key, prev)
        if isinstance(edit, SetMeta):
            prev = r.meta.get(edit.key)
            r.meta[edit.key] = edit.value
            if prev != edit.value:
                cs.meta.add(edit.key)
                self._sync(cs)  # the year decides what the register counts
            return SetMeta(edit.key, prev)
        prev_text = r.explanations.get(edit.key, "")
        if edit.text.strip():
            r.explanations[edit.key] = edit.text
        else:
            r.explanations.pop(edit.key, None)
        if prev_text != edit.text:
            cs.explanations.add(edit.key)
        return SetExplanation(edit.key, prev_text)

    def _sync(self, cs: ChangeSet) -> None:
        r = self.report
        before = dict(r.totals())
        changed = sync_report(r)
        if changed:
            cs.cells |= changed
            after = r.totals()
            cs.totals |= {c for c, v in after.items() if v != before.get(c) or type(v) is not type(before.get(c))}
