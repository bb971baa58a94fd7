"""Which table row each run of numbers belongs to — placed only where that is certain, else left blank with a reason.

A wrong number is worse than a blank one: a blank cell asks the clerk to look, a wrong one passes into the new report.
So a row of numbers is placed on a row of the form only when one of these holds:

* **inline**: the numbers stand on the same line as the row's label (a Markdown, HTML or Word table row, a PDF line
  in layout mode) — unless they miss the row's total and numbers without a label follow on the next line (digits
  wrapped in a narrow cell);
* **paired block**: a stretch of label lines without numbers and of number lines without labels (a PDF→Markdown
  conversion that printed the labels apart, before or after their rows): a run of number lines pairs with the run
  of labels just before or just after it when they are as many, the labels in form order, each line exactly as wide
  as its row and meeting the row's total — and only when that is its one choice left (the other neighbour does not
  fit, or is taken by a run with no other choice); then the i-th line is the i-th label's;
* **one number per line** (``pdftotext`` without layout: fewer than two numbers a line on average): the numbers
  after a label are its row's (empty cells beyond its width left over); when there are more, they fill the
  unlabelled rows up to the next labelled one only if they fill them exactly and every row meets its total; a label
  that follows other labels without numbers is not trusted unless the numbers fill exactly those labels' rows.

Everything else — number lines without a label, blocks whose counts differ, a stray year left in a row — is not
placed: its rows stay blank and the import log says why.  On the detached-label fixtures (tests/data/never-guess) the
reader before this module wrote 11–16 wrong cells each; with it none.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ..form import Form, TableSpec
from .label_continuation import join_continuation
from .source import Flat
from .table_tokens import Occurrence, Token, row_constraints, satisfied


@dataclass
class Placement:
    rows: list[tuple[str, list[Token]]] = field(default_factory=list)  # (row, its tokens), certain
    refused: list[tuple[tuple[str, ...], int, str]] = field(default_factory=list)  # (rows, offset, why)
    dropped: list[Occurrence] = field(default_factory=list)  # a label repeated later with numbers, not used
    continued: list[tuple[str, list[Token]]] = field(default_factory=list)  # (row, numbers after its wrapped label)
    unglued: list[Token] = field(default_factory=list)  # numbers glued to a label piece, not used


def row_cells(table: TableSpec, form: Form, row: str) -> list[str]:
    return [c for c in table.cells if form.cells[c].row == row]


def _line(flat: Flat, offset: int) -> int:
    return bisect.bisect_right(flat.starts, offset) - 1


def _fits(form: Form, table: TableSpec, row: str, toks: list[Token]) -> bool:
    """``toks`` are exactly one row of ``row`` and meet its total (if the row has one)."""
    cells = row_cells(table, form, row)
    if len(toks) != len(cells):
        return False
    cons = row_constraints(form, cells)
    return not cons or satisfied(toks, cons)


def place(form: Form, flat: Flat, table: TableSpec, occs: list[Occurrence]) -> Placement:
    """Place the numbers of every label occurrence on rows of ``table`` (see the module's rules)."""
    lines: set[int] = set()
    n = 0
    for o in occs:
        for t in o.tokens:
            lines.add(_line(flat, t.offset))
            n += 1
    if n and n >= 2 * len(lines):  # rows stand on lines (two or more numbers a line on average)
        return _place_inline(form, flat, table, occs)
    out = _place_stream(form, table, [Occurrence(o.row, o.offset, [t for t in o.tokens if t.glued != "cell"])
                                      for o in occs])
    out.unglued = [t for o in occs for t in o.tokens if t.glued == "cell"]
    return out


# --- lines: labels and numbers on lines ---------------------------------------------------------------------------
def _place_inline(form: Form, flat: Flat, table: TableSpec, occs: list[Occurrence]) -> Placement:
    order = {r: i for i, r in enumerate(table.row_ids)}
    out = Placement()
    # events in source order: ("row", row, tokens) inline; ("label", row, []) alone; ("nums", "", tokens) one line
    events: list[tuple[str, str, list[Token], int]] = []
    for o in occs:
        here = _line(flat, o.offset)
        by_line: dict[int, list[Token]] = {}
        for t in o.tokens:
            by_line.setdefault(_line(flat, t.offset), []).append(t)
        width = len(row_cells(table, form, o.row))
        same, used, left_out = join_continuation(by_line.pop(here, []), by_line, width,
                                                 lambda toks, row=o.row: _fits(form, table, row, toks))
        if used:
            out.continued.append((o.row, used))
        out.unglued.extend(left_out)
        events.append(("row", o.row, same, o.offset) if same else ("label", o.row, [], o.offset))
        events.extend(("nums", "", toks, toks[0].offset) for toks in by_line.values())
    placed: dict[str, int] = {}
    block: list[tuple[str, str, list[Token], int]] = []

    def flush(next_row: str | None) -> None:
        if block:
            _place_block(form, table, block, placed, order, next_row, out)
            block.clear()

    for i, ev in enumerate(events):
        if ev[0] != "row":
            block.append(ev)
            continue
        flush(ev[1])
        if ev[1] in placed:
            out.dropped.append(Occurrence(ev[1], ev[3], ev[2]))
            continue
        width = len(row_cells(table, form, ev[1]))
        then_numbers = i + 1 < len(events) and events[i + 1][0] == "nums"
        if then_numbers and len(ev[2]) >= width and not _fits(form, table, ev[1], ev[2][:width]):
            placed[ev[1]] = -1  # not placed, and its label is not reused for the lines after it
            out.refused.append(((ev[1],), ev[3], "这一行的数字不符合行总计，下一行又有数字（窄格中的数字可能折行，"
                                "如“752”印成“75”和“2”），这一行留空"))
            continue
        if then_numbers and len(ev[2]) < width:
            placed[ev[1]] = -1  # e.g. the next row's item number "2" beside this label, this row's figures below
            out.refused.append(((ev[1],), ev[3], f"行名旁只有{len(ev[2])}个数字（这一行有{width}格），"
                                "下一行又是一行没有行名的数字，无法确定哪些数字属于这一行，这一行留空"))
            continue
        placed[ev[1]] = len(out.rows)
        out.rows.append((ev[1], list(ev[2])))
    flush(None)
    return out


Run = tuple[str, list]  # ("L", [row, …]) label lines, or ("N", [[token, …], …]) number lines


def _runs(block: list[tuple[str, str, list[Token], int]], placed: dict[str, int], order: dict[str, int]) -> list[Run]:
    """The block as alternating runs of label lines and number lines.

    A label that goes back in form order (a row's label repeated, a column header that reads like a row label, a row
    already placed) is no row label here and is left out.
    """
    runs: list[Run] = []
    top = -1
    for kind, row, toks, _ in block:
        k = "L" if kind == "label" else "N"
        if k == "L":
            if row in placed or order[row] <= top:
                continue
            top = order[row]
        if runs and runs[-1][0] == k:
            runs[-1][1].append(row if k == "L" else toks)
        else:
            runs.append((k, [row if k == "L" else toks]))
    return runs


def _place_block(form: Form, table: TableSpec, block: list[tuple[str, str, list[Token], int]], placed: dict[str, int],
                 order: dict[str, int], next_row: str | None, out: Placement) -> None:
    runs = _runs(block, placed, order)
    if not any(k == "N" for k, _ in runs):
        return
    if not any(k == "L" for k, _ in runs):
        lines = [t for _, ls in runs for t in ls]
        # number lines between two placed rows: the rows of the form between them, if they fit exactly
        before = max((order[r] for r in placed), default=-1)
        after = order[next_row] if next_row is not None else len(table.row_ids)
        gap = [r for r in table.row_ids[before + 1:after] if r not in placed]
        if before >= 0 and next_row is not None and len(gap) == len(lines) \
                and all(_fits(form, table, r, t) for r, t in zip(gap, lines, strict=True)):
            for r, t in zip(gap, lines, strict=True):
                placed[r] = len(out.rows)
                out.rows.append((r, t))
            return
        n = sum(len(t) for t in lines)
        why = f"{len(lines)}行共{n}个数字前后没有行名，无法确定属于哪一行，未使用"
        out.refused.append(((), lines[0][0].offset, why))
        return

    def fits(i: int, j: int) -> bool:
        rows, lines = runs[j][1], runs[i][1]
        return 0 <= j < len(runs) and runs[j][0] == "L" and len(rows) == len(lines) \
            and all(_fits(form, table, r, t) for r, t in zip(rows, lines, strict=True))

    # each run of number lines may pair with the run of labels just before or just after it; a pairing is taken only
    # where it is the one left (its other neighbour does not fit, or is taken by a run that has no other choice)
    options = {i: [j for j in (i - 1, i + 1) if 0 <= j < len(runs) and fits(i, j)]
               for i, (k, _) in enumerate(runs) if k == "N"}
    chosen: dict[int, int] = {}
    changed = True
    while changed:
        changed = False
        single: dict[int, list[int]] = {}
        for i, opts in options.items():
            if i not in chosen and len(opts) == 1:
                single.setdefault(opts[0], []).append(i)
        for j, takers in single.items():
            if len(takers) == 1:
                chosen[takers[0]] = j
            for i in options:
                if j in options[i] and (len(takers) > 1 or i != takers[0]):
                    options[i].remove(j)
            changed = True
    used_labels = set(chosen.values())
    for i, j in chosen.items():
        for r, t in zip(runs[j][1], runs[i][1], strict=True):
            placed[r] = len(out.rows)
            out.rows.append((r, t))
    for i, (k, lines) in enumerate(runs):
        if k != "N" or i in chosen:
            continue
        near = [runs[j][1] for j in (i - 1, i + 1) if 0 <= j < len(runs) and j not in used_labels]
        rows = tuple(r for rs in near for r in rs if r not in placed)
        n = sum(len(t) for t in lines)
        out.refused.append((rows, lines[0][0].offset, f"行名与数字分开印出（{len(lines)}行共{n}个数字，"
                            "与前后的行名不能一一对应），这些行留空"))


# --- a stream of numbers (one per line) ---------------------------------------------------------------------------
def _place_stream(form: Form, table: TableSpec, occs: list[Occurrence]) -> Placement:
    order = {r: i for i, r in enumerate(table.row_ids)}
    out = Placement()
    anchors: list[tuple[Occurrence, list[str]]] = []
    run: list[str] = []
    for o in occs:
        last = order[anchors[-1][0].row] if anchors else -1
        if not o.tokens:
            if order[o.row] > last:
                run.append(o.row)
            continue
        if anchors and order[o.row] <= last:
            if o.row == anchors[-1][0].row:
                anchors[-1][0].tokens.extend(o.tokens)
            else:
                out.dropped.append(o)
            continue
        anchors.append((Occurrence(o.row, o.offset, list(o.tokens)), [r for r in run if order[r] < order[o.row]]))
        run = []
    for i, (occ, before) in enumerate(anchors):
        nxt = order[anchors[i + 1][0].row] if i + 1 < len(anchors) else len(table.row_ids)
        toks = occ.tokens
        if before:
            rows = list(dict.fromkeys([*before, occ.row]))
            chunks = _exact(form, table, rows, toks)
            if chunks is None:
                out.refused.append((tuple(rows), toks[0].offset, f"行名与数字分开印出（{len(rows)}个行名、"
                                    f"{len(toks)}个数字），无法一一对应，这些行留空"))
                continue
            out.rows.extend(chunks)
            continue
        gap = table.row_ids[order[occ.row]: nxt]
        width = len(row_cells(table, form, occ.row))
        if len(toks) <= width or all(t.kind != "num" for t in toks[width:]):  # only empty cells beyond the row
            out.rows.append((occ.row, toks))
            continue
        chunks = _exact(form, table, list(gap), toks)
        if chunks is not None:
            out.rows.extend(chunks)
        else:
            out.refused.append((tuple(gap), toks[0].offset, f"“{table.row_labels[occ.row]}”之后有{len(toks)}个数字，"
                                "多于这一行，也不能恰好分给其后没有行名的各行，这些行留空"))
    return out


def _exact(form: Form, table: TableSpec, rows: list[str], toks: list[Token]) -> list[tuple[str, list[Token]]] | None:
    """``toks`` cut into exactly ``rows`` (each exactly its width and meeting its total), or None."""
    widths = [len(row_cells(table, form, r)) for r in rows]
    if sum(widths) != len(toks):
        return None
    out = []
    pos = 0
    for r, w in zip(rows, widths, strict=True):
        chunk = toks[pos:pos + w]
        if len(rows) > 1 and not _fits(form, table, r, chunk):
            return None
        out.append((r, chunk))
        pos += w
    return out
