"""A second reading of a PDF's table text by column: the label wrapped beside the numbers joined back into one line.

A Word table with narrow label columns, printed to PDF, wraps "1.属于国家秘密" every two characters, and in text
order the pieces interleave with the group label beside them ("（三  1.属  826 …", "）不  于国", "予公  家秘"), so no
label is found and the rows stay blank (147 of 200 cells of such a PDF; with this reading 0 and 22 — the 22 are
numbers wrapped inside their cells, "752" over two lines, which stay blank).  Layout text keeps each fragment at its
column, so here a line with a run of numbers is a table row; the lines after it, up to the next row, are its label's
continuation, of which the fragment nearest the numbers (the innermost label column) is appended to the row's label.
The row becomes "label<TAB>numbers".  This reading is used only where it agrees with the first one (see
:func:`better_of`), so a reflow that went astray cannot bring a number in.
"""

from __future__ import annotations

import re

from ..base import ImportResult
from ..source import is_footer

_TOKEN_RE = re.compile(r"\S+")
_CHUNK_RE = re.compile(r"\S+(?: \S+)*")  # fragments: text separated by two or more blanks
_NUM_RE = re.compile(r"\d+(?:\.\d+)?|[-/—]")
MIN_NUMBERS = 3
_QUOTES_RE = re.compile(r"[“”\"'‘’]")
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


def reflow(pages: list[str]) -> list[str]:
    """Each page (layout text) with each table row's wrapped label joined onto the row's line.

    A label wrapped over a page break is joined too: the row is written on the page where it starts.  Page footers
    ("- 3 -", "第3页") are dropped first, so that they neither end a row nor pass for one.
    """
    out: list[list[str]] = [[] for _ in pages]
    row: tuple[list[str], str, int] | None = None  # (label pieces, numbers, page) of the row being gathered
    col = 0

    def flush() -> None:
        nonlocal row
        if row is not None:
            label = _QUOTES_RE.sub("", "".join(row[0]))  # quotes wrapped apart land anywhere; labels match without
            out[row[2]].append(label + "\t" + row[1])
            row = None

    for page, text in enumerate(pages):
        for line in text.split("\n"):
            if is_footer(line.strip()):
                continue
            start = _numbers_from(line)
            if start is not None:
                flush()
                head = [c.group() for c in _CHUNK_RE.finditer(line[:start])]
                if len(head) > 1:
                    out[page].append("\t".join(head[:-1]))  # an outer (group) label fragment: kept on its own line
                row = ([head[-1]] if head else [], line[start:].strip(), page)
                col = start
                continue
            if row is None or not line.strip():
                if row is None:
                    out[page].append(line)
                continue
            chunks = [c for c in _CHUNK_RE.finditer(line) if c.start() < col]
            beyond = [c for c in _CHUNK_RE.finditer(line) if c.start() >= col]
            if beyond or not chunks or _HEADING_RE.match(chunks[-1].group()):  # not a continuation: the row ends
                flush()
                out[page].append(line)
                continue
            if len(chunks) > 1:
                out[page].append("\t".join(c.group() for c in chunks[:-1]))
            row[0].append(chunks[-1].group())
    flush()
    return ["\n".join(lines) for lines in out]


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
