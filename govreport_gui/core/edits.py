"""Edits as data.  Applying an edit to a :class:`Document` returns a :class:`ChangeSet` that carries the inverse edit.

A document is a report plus its current findings.  An edit changes inputs, prose, meta or explanations; the change
set says which cells were edited, which totals changed, and which findings appeared or went away, so that a view
refreshes exactly what changed.  Undo applies the inverse through the same path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .compute import recompute
from .report import META_FIELDS, Report
from .rules import Finding, check
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


Edit = SetCells | SetText | SetMeta | SetExplanation | Batch


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

    @property
    def empty(self) -> bool:
        return not (self.cells or self.texts or self.meta or self.explanations)


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
        elif isinstance(edit, SetCells):
            for cid, v in edit.values.items():
                spec = self.report.form.cells.get(cid)
                if spec is None:
                    raise ValueRefused(f"没有编号为“{cid}”的单元格。")
                if spec.derived:
                    raise ValueRefused(f"{spec.label}是自动计算的合计，不能直接填写。")
                check_value(spec, v)
        elif isinstance(edit, SetText):
            if edit.key not in self.report.form.text_keys:
                raise ValueRefused(f"没有名为“{edit.key}”的正文部分。")
        elif isinstance(edit, SetExplanation):
            if edit.key.split("|", 1)[0] not in {r["id"] for r in self.report.form.rules}:
                raise ValueRefused(f"没有编号为“{edit.key.split('|', 1)[0]}”的检查规则。")
        elif isinstance(edit, SetMeta):
            if edit.key not in META_FIELDS:
                raise ValueRefused(f"没有名为“{edit.key}”的基本信息项。")
            if edit.key == "year" and edit.value is not None and (
                isinstance(edit.value, bool) or not isinstance(edit.value, int) or not 1990 <= edit.value <= 2999
            ):
                raise ValueRefused(f"年度应为四位数年份，“{edit.value}”不是有效年度。")

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

    def _apply(self, edit: Edit, cs: ChangeSet) -> Edit:
        r = self.report
        if isinstance(edit, Batch):
            return Batch(tuple(reversed([self._apply(e, cs) for e in edit.edits])))
        if isinstance(edit, SetCells):
            old: dict[str, Value] = {}
            for cid, v in edit.values.items():
                old[cid] = r.values.get(cid)
                if v is None:
                    r.values.pop(cid, None)
                else:
                    r.values[cid] = v
                if old[cid] != v or type(old[cid]) is not type(v):
                    cs.cells.add(cid)
            cs.totals |= recompute(r.form, r.values, r.totals(), edit.values)
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
            return SetMeta(edit.key, prev)
        prev_text = r.explanations.get(edit.key, "")
        if edit.text.strip():
            r.explanations[edit.key] = edit.text
        else:
            r.explanations.pop(edit.key, None)
        if prev_text != edit.text:
            cs.explanations.add(edit.key)
        return SetExplanation(edit.key, prev_text)
