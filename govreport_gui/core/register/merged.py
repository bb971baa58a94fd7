"""Merged cells in an office's register workbook: said, never filled in.

Offices merge a column over several lines (one 申请人类型 or 办理结果 for three applications).  A merged range holds
its value in its first cell only; the lines below would silently import without it.  Guessing that the value applies
to each line is not ours to do (the merge may be a heading), so each merged range that covers a placed column of
lines other than its first is listed once for the import dialog and the command line (``unmatched``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

_MERGE = re.compile(rb"<(?:[\w.-]+:)?mergeCell\s[^>]*?ref=\"([A-Z]{1,3})([0-9]{1,7}):([A-Z]{1,3})([0-9]{1,7})\"")
MAX_SAID = 100  # merged ranges listed at most (the rest counted in one line)
WORK = 1_000_000  # cells looked at at most


@dataclass(frozen=True)
class Merge:
    ref: str
    r1: int
    c1: int
    r2: int
    c2: int


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def merges(sheet_xml: bytes) -> list[Merge]:
    """The merged ranges of a sheet's XML (Excel writes them after the cells)."""
    cut = sheet_xml.rfind(b"sheetData>")
    out = []
    for m in _MERGE.finditer(sheet_xml, max(cut, 0)):
        a, r1, b, r2 = m.groups()
        out.append(Merge(f"{a.decode()}{int(r1)}:{b.decode()}{int(r2)}", int(r1), _column(a), int(r2), _column(b)))
    return out


def covered(found: Sequence[Merge], columns: dict[str, int], header: int, hidden: Callable[[int, int], bool],
            last: int) -> list[tuple[int, str, int, str]]:
    """(first hidden sheet row, field, the range's first row, reason) for each merged range below the header that
    hides a placed column of lines under its first row.  ``columns`` are the fields' 0-based columns, ``header``
    the header's 1-based row, ``last`` the last sheet row read; ``hidden(row, column)`` tells a blank cell of a line.
    At most :data:`WORK` cells are looked at, :data:`MAX_SAID` ranges listed."""
    out: list[tuple[int, str, int, str]] = []
    work = 0
    for m in found:
        if m.r1 <= header:
            continue  # a heading merged over the header is no value of a line
        for field, c in columns.items():
            if not m.c1 <= c + 1 <= m.c2:
                continue
            rows = [k for k in range(m.r1 + 1, min(m.r2, last) + 1) if hidden(k, c)]
            work += min(m.r2, last) - m.r1
            if rows:
                span = f"第{rows[0]}行" if len(rows) == 1 else f"第{rows[0]}至{rows[-1]}行" + (
                    "" if len(rows) == rows[-1] - rows[0] + 1 else f"中的{len(rows)}行")
                out.append((rows[0], field, m.r1, f"在合并单元格{m.ref}中，值只记在第{m.r1}行，{span}的这一项为空"
                                                  "（未按合并填入，请取消合并后逐行填写）"))
            if work > WORK:
                return out[:MAX_SAID]
    if len(out) > MAX_SAID:
        k, field, r1, _ = out[MAX_SAID]
        rest = f"等另有{len(out) - MAX_SAID}处合并单元格中的值未填入，请取消合并后逐行填写"
        out = [*out[:MAX_SAID], (k, field, r1, rest)]
    return out
