"""导入台账 with 追加 beside 替换: the lines a workbook would add, and those that look like lines already there.

Two lines look the same when their 序号, 收到日期 and 申请内容 agree.  A line's 序号 is the one written in the
office's workbook (``seq``) when it was imported, else its place in the register (what 导出台账 writes), so a
workbook exported from this register and imported again is recognised.  The window lists them before anything
changes; appending with them skipped or kept is one :class:`~.edits.SetRegister` (one undo step).
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Register, RegisterLine


@dataclass(frozen=True)
class SameLine:
    """A line of the workbook (``incoming``, 1-based) that looks like line ``current`` (序号) of the register."""

    current: int
    incoming: int
    seq: str


def _seq(line: RegisterLine, no: int) -> str:
    return line.seq.strip() or str(no)


def _key(line: RegisterLine, no: int) -> tuple[str, str, str]:
    return _seq(line, no), line.received.isoformat(), " ".join(line.content.split())


def same_lines(current: list[RegisterLine], incoming: list[RegisterLine]) -> list[SameLine]:
    """The workbook's lines that look like a line of the register (each with the first such line)."""
    seen: dict[tuple[str, str, str], int] = {}
    for no, line in enumerate(current, 1):
        seen.setdefault(_key(line, no), no)
    out = []
    for k, line in enumerate(incoming, 1):
        key = _key(line, k)
        if key in seen:
            out.append(SameLine(seen[key], k, key[0]))
    return out


def appended(register: Register | None, incoming: list[RegisterLine], skip: set[int], fills_table: bool) -> Register:
    """The register with ``incoming`` added after its lines, leaving out the workbook's lines numbered in ``skip``."""
    lines = list(register.lines) if register is not None else []
    lines += [line for k, line in enumerate(incoming, 1) if k not in skip]
    return Register(lines, fills_table)
