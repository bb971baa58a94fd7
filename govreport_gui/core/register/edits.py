"""Edits of the register as data, each returning its inverse (like :mod:`..edits`, through which they are applied).

Lines are addressed by index (序号 − 1), so that a table model maps rows to lines directly.  After a register edit
the report's counted table is re-synchronised; :class:`~govreport_gui.core.edits.Document` reports the cells that
changed.  Switching the register off keeps the last counted figures as typed ones; switching it back on is undone by
restoring the typed figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..values import Value, ValueRefused
from .model import HoldsRegister, Register, RegisterLine, register_spec


@dataclass(frozen=True)
class SetLines:
    """Replace lines at the given indices."""

    lines: Mapping[int, RegisterLine]


@dataclass(frozen=True)
class InsertLines:
    """Insert ``lines`` before ``index`` (``index == len`` appends)."""

    index: int
    lines: tuple[RegisterLine, ...]


@dataclass(frozen=True)
class RemoveLines:
    """Remove ``count`` lines from ``index``."""

    index: int
    count: int


@dataclass(frozen=True)
class SetFillsTable:
    """Let the register fill the table (``True``) or keep typed figures (``False``); ``typed`` figures are then
    set (the undo of switching on restores those it replaced)."""

    on: bool
    typed: Mapping[str, Value] | None = None


@dataclass(frozen=True)
class SetRegister:
    """Replace the whole register (``None`` removes it): an import or ``register apply``; ``typed`` as above."""

    register: Register | None
    typed: Mapping[str, Value] | None = None


RegisterEdit = SetLines | InsertLines | RemoveLines | SetFillsTable | SetRegister


def validate_register_edit(report: HoldsRegister, edit: RegisterEdit) -> None:
    """Raise :class:`ValueRefused` (Chinese) when ``edit`` cannot apply to ``report``; nothing changes."""
    if not report.form.register:
        raise ValueRefused("此报告格式不支持依申请公开台账。")
    if isinstance(edit, SetRegister | SetFillsTable) and edit.typed:
        cells = set(register_spec(report.form).input_cells(report.form))
        if any(c not in cells for c in edit.typed):
            raise ValueRefused("要恢复的数字不属于台账统计的表格。")
    if isinstance(edit, SetRegister):
        return
    n = len(report.register) if report.register is not None else 0
    if isinstance(edit, SetLines | RemoveLines) and report.register is None:
        raise ValueRefused("报告还没有台账。")
    spec = register_spec(report.form)
    if isinstance(edit, SetLines):
        for i, line in edit.lines.items():
            if not 0 <= i < n:
                raise ValueRefused(f"台账没有第{i + 1}行。")
            _check_line(line, spec.types, spec.results, i + 1)
    elif isinstance(edit, InsertLines):
        if not 0 <= edit.index <= n:
            raise ValueRefused(f"不能在台账第{edit.index + 1}行插入。")
        for k, line in enumerate(edit.lines):
            _check_line(line, spec.types, spec.results, edit.index + k + 1)
    elif isinstance(edit, RemoveLines) and not (edit.index >= 0 and edit.count >= 0 and edit.index + edit.count <= n):
        raise ValueRefused("要删除的台账行不存在。")


def _check_line(line: RegisterLine, types: tuple[str, ...], results: tuple[str, ...], no: int) -> None:
    if line.applicant_type is not None and line.applicant_type not in types:
        raise ValueRefused(f"台账第{no}行的申请人类型无效。")
    if line.result is not None and line.result not in results:
        raise ValueRefused(f"台账第{no}行的办理结果无效。")
    if line.answered is not None and line.answered < line.received:
        raise ValueRefused(f"台账第{no}行的答复日期早于收到日期。")


def apply_register_edit(report: HoldsRegister, edit: RegisterEdit) -> RegisterEdit:
    """Apply a validated ``edit`` to the register (not the table) and return the edit that undoes it.

    When the edit makes the register fill the table, the typed figures it replaces are restored by the caller (the
    document), which adds them to the inverse.
    """
    if isinstance(edit, SetRegister):
        old = report.register
        report.register = edit.register.copy() if edit.register is not None else None
        _restore(report, edit.typed)
        return SetRegister(old)
    if report.register is None:
        report.register = Register(fills_table=False)
    reg = report.register
    if isinstance(edit, SetLines):
        before = {i: reg.lines[i] for i in edit.lines}
        for i, line in edit.lines.items():
            reg.lines[i] = line
        return SetLines(before)
    if isinstance(edit, InsertLines):
        reg.lines[edit.index:edit.index] = list(edit.lines)
        return RemoveLines(edit.index, len(edit.lines))
    if isinstance(edit, RemoveLines):
        removed = tuple(reg.lines[edit.index:edit.index + edit.count])
        del reg.lines[edit.index:edit.index + edit.count]
        return InsertLines(edit.index, removed)
    was = reg.fills_table
    reg.fills_table = edit.on
    _restore(report, edit.typed)
    return SetFillsTable(was)


def _restore(report: HoldsRegister, typed: Mapping[str, Value] | None) -> None:
    if not typed:
        return
    cells = set(register_spec(report.form).input_cells(report.form))
    for cid, v in typed.items():
        if cid not in cells:
            continue
        if v is None:
            report.values.pop(cid, None)
        else:
            report.values[cid] = v
    report.invalidate()
