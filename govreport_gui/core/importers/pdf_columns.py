"""A second reading of a PDF's table text by column: the label wrapped beside the numbers joined back into one line.

A Word table with narrow label columns, printed to PDF, wraps "1.属于国家秘密" every two characters, and in text
order the pieces interleave with the group label beside them ("（三  1.属  826 …", "）不  于国", "予公  家秘"), so no
label is found and the rows stay blank (147 of 200 cells of such a PDF).  Layout text keeps each fragment at its
column, so here a line with a run of numbers is a table row; the lines after it, up to the next row, are its label's
continuation, of which the fragment nearest the numbers (the innermost label column) is appended to the row's label.
The row becomes "label<TAB>numbers".  This reading is used only where it agrees with the first one (see
:func:`better_of`), so a reflow that went astray cannot bring a number in.
"""

from __future__ import annotations

import re

from .base import ImportResult

_TOKEN_RE = re.compile(r"\S+")
_CHUNK_RE = re.compile(r"\S+(?: \S+)*")  # fragments: text separated by two or more blanks
_NUM_RE = re.compile(r"\d+(?:\.\d+)?|[-/—]")
MIN_NUMBERS = 3
_HEADING_RE = re.compile(r"[一二三四五六七八九十]{1,2}、|[(（][一二三四五六七八九十]{1,2}[)）]")  # a heading or a group


def _numbers_from(line: str) -> int | None:
    """The column where the line's trailing run of numbers starts, if it has one of at least MIN_NUMBERS."""
    toks = list(_TOKEN_RE.finditer(line))
    n = 0
    for m in reversed(toks):
        if not _NUM_RE.fullmatch(m.group()):
            break
        n += 1
    if n < MIN_NUMBERS:
        return None
    return toks[len(toks) - n].start()


def reflow(text: str) -> str:
    """``text`` (one page in layout mode) with each table row's wrapped label joined onto the row's line."""
    lines = text.split("\n")
    out: list[str] = []
    row: tuple[list[str], str] | None = None  # (label pieces, numbers) of the row being gathered
    col = 0

    def flush() -> None:
        nonlocal row
        if row is not None:
            out.append("".join(row[0]) + "\t" + row[1])
            row = None

    for line in lines:
        start = _numbers_from(line)
        if start is not None:
            flush()
            chunks = list(_CHUNK_RE.finditer(line[:start]))
            head = [c.group() for c in chunks]
            if len(head) > 1:
                out.append("\t".join(head[:-1]))  # an outer (group) label fragment: kept on its own line
            row = ([head[-1]] if head else [], line[start:].strip())
            col = start
            continue
        if row is None or not line.strip():
            if row is None:
                out.append(line)
            continue
        chunks = [c for c in _CHUNK_RE.finditer(line) if c.start() < col]
        beyond = [c for c in _CHUNK_RE.finditer(line) if c.start() >= col]
        if beyond or not chunks or _HEADING_RE.match(chunks[-1].group()):  # not a label's continuation: the row ends
            flush()
            out.append(line)
            continue
        if len(chunks) > 1:
            out.append("\t".join(c.group() for c in chunks[:-1]))
        row[0].append(chunks[-1].group())
    flush()
    return "\n".join(out)


def better_of(first: ImportResult, second: ImportResult) -> tuple[ImportResult, bool]:
    """The second reading when it reads more cells, agrees on every cell both read, and finds no total disagreeing."""
    a, b = first.report, second.report
    for mine, theirs in ((a.values, b.values), (a.printed_totals, b.printed_totals)):
        for cid, v in mine.items():
            if v is not None and cid in theirs and theirs[cid] != v:
                return first, False
    if second.entries("mismatch"):
        return first, False
    read_a = sum(v is not None for v in [*a.values.values(), *a.printed_totals.values()])
    read_b = sum(v is not None for v in [*b.values.values(), *b.printed_totals.values()])
    if read_b <= read_a:
        return first, False
    # what the first reading read, the second must have read too
    if any(v is not None and b.values.get(cid) is None for cid, v in a.values.items()):
        return first, False
    return second, True
