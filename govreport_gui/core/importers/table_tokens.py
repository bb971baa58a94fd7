"""The tokens of one table's region of the flat text, and how a token becomes a cell's value.

The region is scanned once with the table's label alternation (:mod:`.labels`); the numbers (and empty cells, "/"
placeholders) between a row label and the next one are that row's tokens, numbers before the first label are
orphans.  :func:`token_value` and :func:`store` turn a token into a cell's value and log it; printed totals are kept
as printed, never corrected.  The readers are :mod:`.row_reader` (tables 二 and 三) and :mod:`.flat_table_reader`
(table 四).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..form import Form
from ..values import Value, ValueRefused, check_value, parse_amount
from .base import ImportResult
from .label_continuation import label_glue, mark_lines
from .labels import Label, table_labels, table_regex
from .not_counts import mask_not_counts
from .source import BLANK, PLACEHOLDERS, Flat, normalise

_CELL_RE = re.compile(r"[^\t\n]+")
_PURE_NUM_RE = re.compile(r"[\d\s.,]*\d[\d\s.,]*")
_NUM_RE = re.compile(r"\d+(?:\.\d+)?")
_THOUSANDS_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
# a cell that is one number no cell can take as printed ("-5", "1e9", "NaN"): kept as one token, so that it is
# reported where it stands and the cells after it keep their places
_ODD_NUM_RE = re.compile(r"[-+]?(?:\d+(?:\.\d*)?(?:e[-+]?\d+)?|\.\d+|nan|inf|infinity)", re.IGNORECASE)
_UNIT_AFTER = set("件条个项次年月日万元%％人家")
JOINT_LIMIT = 100_000


@dataclass
class Token:
    kind: str  # "num", "blank" (an empty cell), "placeholder" ("/", "-")
    text: str
    offset: int
    glued: str = ""  # after a piece of its row's wrapped label: "cell" glued to it, "line" on its line (continuation)
    cell: str = ""  # the text of the cell a "cell" token was glued in (for the log when it is not used)


@dataclass
class Occurrence:
    row: str
    offset: int
    tokens: list[Token] = field(default_factory=list)


@dataclass
class Scan:
    occurrences: list[Occurrence] = field(default_factory=list)
    orphans: list[Token] = field(default_factory=list)  # numbers before any row label
    unread: list[tuple[int, str]] = field(default_factory=list)
    labels_seen: set[str] = field(default_factory=set)
    not_counts: list[tuple[int, str]] = field(default_factory=list)  # years, dates, page numbers left out


@functools.cache
def _all_label_text(form: Form) -> str:
    return "\x00".join(re.sub(r"\s", "", normalise(lb.text)) for tid in form.tables for lb in table_labels(form, tid))


def _fragment_of_label(text: str, form: Form) -> bool:
    t = re.sub(r"\s", "", text)
    return not t or t in _all_label_text(form)


def tokens_of(payload: str, base: int, form: Form, unread: list[tuple[int, str]],
              glue: Callable[[str], bool] | None = None) -> list[Token]:
    """The numbers, blanks and placeholders of a stretch of text between two labels.

    ``glue`` tells a piece of the current row's label: a number glued to the end of such a piece is kept as a
    continuation token (:mod:`.label_continuation` decides whether the row takes it)."""
    out: list[Token] = []
    for cm in _CELL_RE.finditer(payload):
        seg = cm.group(0)
        s = seg.strip()
        off = base + cm.start()
        if not s:
            continue
        if s == BLANK:
            out.append(Token("blank", "", off))
            continue
        if s in PLACEHOLDERS:
            out.append(Token("placeholder", s, off))
            continue
        if _PURE_NUM_RE.fullmatch(s):
            for piece in s.split():
                if _THOUSANDS_RE.fullmatch(piece):
                    out.append(Token("num", piece.replace(",", ""), off))
                else:
                    out.extend(Token("num", p, off) for p in re.split(r",", piece) if p)
            continue
        if _ODD_NUM_RE.fullmatch(s):
            out.append(Token("num", s, off))
            continue
        # mixed text: numbers glued after a label, before the next one; not digits inside words ("数据1")
        last = 0
        for m in _NUM_RE.finditer(s):
            prev = s[m.start() - 1] if m.start() > 0 else ""
            nxt = s[m.end()] if m.end() < len(s) else ""
            if glue is not None and prev.isalpha() and m.end() == len(s) and glue(s[last:m.start()]):
                out.append(Token("num", m.group(0), off + m.start(), glued="cell", cell=s))
                last = m.end()
                continue
            if (prev and (prev.isalpha() or prev in "第.")) or nxt in _UNIT_AFTER:
                continue
            junk = s[last:m.start()].replace(BLANK, "")
            if junk.strip() and not _fragment_of_label(junk, form):
                unread.append((off + last, junk.strip()))
            out.append(Token("num", m.group(0), off + m.start()))
            last = m.end()
        junk = s[last:].replace(BLANK, "")
        if junk.strip() and not _fragment_of_label(junk, form):
            unread.append((off + last, junk.strip()))
    return out


def scan(form: Form, flat: Flat, table_id: str, start: int, end: int,
         extra: tuple[tuple[str, str], ...] = ()) -> Scan:
    """Row-label occurrences in ``[start, end)`` of the flat text, each with the tokens that follow it."""
    result = Scan()
    labels = table_labels(form, table_id)
    rx = table_regex(form, table_id, extra)
    norm, result.not_counts = mask_not_counts(flat.norm, start, end)
    current: Occurrence | None = None
    glue: Callable[[str], bool] | None = None  # a piece of the current row's label
    pos = start

    def take(payload: str, at: int) -> None:
        toks = tokens_of(payload, at, form, result.unread, glue)
        if glue is not None:
            mark_lines(payload, at, toks, glue)
        (current.tokens if current else result.orphans).extend(toks)

    inside: list[tuple[int, int]] = []  # the labels' spans: an item number there is the label's, not noise
    for m in rx.finditer(flat.norm, start, end):
        take(norm[pos:m.start()], pos)
        inside.append(m.span())
        name = m.lastgroup or ""
        row = text = ""
        if name.startswith("L"):
            lb: Label = labels[int(name[1:])]
            row, text = lb.row, lb.text
            result.labels_seen.add(lb.text)
        elif name.startswith("X"):
            text, row = extra[int(name[1:])]
        if row:
            current = Occurrence(row, m.start())
            result.occurrences.append(current)
            glue = label_glue(text)
        pos = m.end()
    take(norm[pos:end], pos)
    starts = [a for a, _ in inside]
    result.not_counts = [(o, t) for o, t in result.not_counts
                         if (i := bisect.bisect_right(starts, o) - 1) < 0 or o >= inside[i][1]]
    return result


# --- values -----------------------------------------------------------------------------------------------------
def token_value(form: Form, cid: str, tok: Token, res: ImportResult, flat: Flat) -> tuple[bool, Value]:
    """(read?, value) for one token; blanks and placeholders are read as blank and reported."""
    spec = form.cells[cid]
    where = flat.where(tok.offset)
    if tok.kind == "blank":
        res.add("warning", f"{form.cell_title(cid)}：原表为空白单元格，导入为空白（公开的报告应填0）。", cid, where)
        return True, None
    if tok.kind == "placeholder":
        res.add("warning", f"{form.cell_title(cid)}：原表填“{tok.text}”，导入为空白。", cid, where)
        return True, None
    if spec.kind == "decimal":
        try:
            return True, parse_amount(tok.text, spec.label)
        except ValueRefused as exc:
            res.add("unread", f"{form.cell_title(cid)}：{exc}未导入。", cid, where)
            return False, None
    if not tok.text.isdigit():
        res.add("unread", f"{form.cell_title(cid)}：“{tok.text}”不是件数（应为整数），未导入。", cid, where)
        return False, None
    return True, int(tok.text)


def store(form: Form, res: ImportResult, cid: str, value: Value, where: str) -> None:
    spec = form.cells[cid]
    try:
        value = check_value(spec, value)  # 20 digits, more than 6 decimals: a report could not be saved with it
    except ValueRefused as exc:
        res.add("unread", f"{form.cell_title(cid)}：{exc}未导入。", cid, where)
        return
    if spec.derived:
        res.report.printed_totals[cid] = value
        what = "印出的总计"
    else:
        res.report.values[cid] = value
        what = "读取"
    if value is not None:
        res.add("read", f"{what} {form.cell_title(cid)} = {value}", cid, where)


# --- totals within a row -------------------------------------------------------------------------------------
def row_constraints(form: Form, cells: list[str]) -> list[tuple[int, tuple[int, ...]]]:
    idx = {c: i for i, c in enumerate(cells)}
    out = []
    for c in cells:
        t = form.totals.get(c)
        if t is not None and all(p in idx for p in t.parts):
            out.append((idx[c], tuple(idx[p] for p in t.parts)))
    return out


def satisfied(chunk: list[Token], cons: list[tuple[int, tuple[int, ...]]]) -> bool:
    if not all(t.kind == "num" and t.text.isdigit() for t in chunk):
        return False
    vals = [int(t.text) for t in chunk]
    return all(total < len(vals) and vals[total] == sum(vals[p] for p in parts) for total, parts in cons)
