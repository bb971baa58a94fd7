"""Recognise the form's printed labels in any text, whatever the punctuation, spacing and line wrapping.

Every pattern is derived from the form definition (``table_grid`` label cells and value rows): nothing here names a
row.  A row label is the innermost label cell of the value row's grid row (e.g. "1.属于国家秘密"); its item number
("1.") may be printed with "、" or "．", glued to the digits before it, or omitted — unless the rest of the label is
too short to be unique (e.g. "3.其他"), in which case the item number is required.  Between any two characters of a
label the text may hold blanks, tabs or line breaks (wrapped labels); quotes are optional.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..form import Form
from ..grid import table_grid
from .source import normalise

_ITEM_RE = re.compile(r"^\s*(\d{1,2})\s*[.、．]\s*")
_GROUP_RE = re.compile(r"^\s*[(（]\s*([一二三四五六七八九十]{1,2})\s*[)）]\s*")
_SECTION_NO_RE = re.compile(r"^\s*([一二三四五六七八九十]{1,2})\s*[、.．]\s*")
GAP = r"[\s\ue000]*"  # what may stand between two characters of a label


@dataclass(frozen=True)
class Label:
    """One label of a table: ``row`` is the value row it names, or "" for a header / group label."""

    table: str
    row: str
    text: str
    pattern: str


def _char_pattern(ch: str) -> str:
    if ch == '"' or ch == "'":
        return "[\"']?"
    if ch in "、.,":
        return "[、.,:]?"
    if ch in "()":
        return re.escape(ch) + "?"
    return re.escape(ch)


def text_pattern(text: str) -> str:
    """A pattern for ``text`` tolerating blanks/line breaks between characters and punctuation variants."""
    chars = [c for c in normalise(text) if not c.isspace()]
    parts = [_char_pattern(c) for c in chars]
    # An optional character takes its gap with it: "\(?" + GAP at the start would let every position of a long run
    # of blanks match the gap and fail, which is quadratic (a file of 40,000 empty lines took half a minute).
    head = ""
    while len(parts) > 1 and parts[0].endswith("?"):
        head += f"(?:{parts.pop(0)[:-1]}{GAP})?"
    return head + GAP.join(parts)


def _split_prefix(text: str) -> tuple[str, str]:
    """("1.", "属于国家秘密") for an item label; ("(三)", "不予公开") for a group; ("一、", …) for a numbered row."""
    t = normalise(text).strip()
    for rx in (_ITEM_RE, _GROUP_RE, _SECTION_NO_RE):
        m = rx.match(t)
        if m:
            return t[: m.end()].strip(), t[m.end():].strip()
    return "", t


def _prefix_pattern(prefix: str) -> str:
    m = _ITEM_RE.match(prefix)
    if m:
        return m.group(1) + r"\s*[.、,:]\s*"
    m = _GROUP_RE.match(prefix)
    if m:
        return r"(?:\(\s*)?" + m.group(1) + r"\s*\)?\s*"  # not "\(?\s*": quadratic on long blank runs
    m = _SECTION_NO_RE.match(prefix)
    if m:
        return m.group(1) + r"\s*[、.,]?\s*"
    return ""


def row_label_texts(form: Form, table_id: str) -> dict[str, str]:
    """The innermost printed label of each value row of a table (the label cell just left of its values)."""
    grid = table_grid(form, table_id)
    spec = form.tables[table_id]
    out: dict[str, str] = {}
    for row in spec.row_ids:
        cid = next(c for c in spec.cells if form.cells[c].row == row)
        cell = form.cells[cid]
        best = None
        for c in range(cell.c - 1, 0, -1):
            g = grid.covering.get((cell.r, c))
            if g is not None and g.kind in ("label", "head") and g.text:
                best = g
                break
        if best is not None:
            out[row] = best.text
    return out


def _all_texts(form: Form) -> list[str]:
    texts = []
    for tid in form.tables:
        for g in table_grid(form, tid).cells:
            if g.text:
                texts.append(normalise(g.text))
    return texts


def _core(text: str) -> str:
    """The label up to its first parenthesis: "(二)部分公开(区分处理的…)" → "部分公开"."""
    _, rest = _split_prefix(text)
    return re.split(r"[(（]", rest, maxsplit=1)[0] or rest


def _core_pattern(core: str, all_texts: list[str]) -> str:
    """The core's shortest unique beginning (plus two characters) required, the rest optional.

    A long label wrapped around its numbers (PDF text in layout mode) is then still recognised by its beginning.
    """
    if len(core) <= 8:
        return text_pattern(core)
    for k in range(4, len(core)):
        if sum(core[:k] in t for t in all_texts) <= 1:
            k = min(len(core), k + 2)
            break
    else:
        return text_pattern(core)
    if k >= len(core) - 1:
        return text_pattern(core)
    return text_pattern(core[:k]) + "(?:" + GAP + text_pattern(core[k:]) + ")?"


@functools.cache
def table_labels(form: Form, table_id: str) -> tuple[Label, ...]:
    """Row labels first (longest first), then header and group labels, for one table."""
    all_texts = _all_texts(form)
    rows = row_label_texts(form, table_id)
    out: list[Label] = []
    row_label_set = set(rows.values())
    for row, text in rows.items():
        prefix, _ = _split_prefix(text)
        core = _core(text)
        unique = sum(core in t for t in all_texts) <= 1 and len(core) >= 3
        pp = _prefix_pattern(prefix)
        body = _core_pattern(core, all_texts)
        if pp and not unique:
            pat = pp + body
        elif pp:
            pat = f"(?:{pp})?" + body
        else:
            pat = body
        out.append(Label(table_id, row, text, pat))
    heads: list[Label] = []
    seen: set[str] = set()
    for g in table_grid(form, table_id).cells:
        if g.kind in ("head", "label") and g.text and g.text not in row_label_set and g.text not in seen:
            seen.add(g.text)
            prefix, _ = _split_prefix(g.text)
            core = _core(g.text)
            pat = (f"(?:{_prefix_pattern(prefix)})?" if prefix else "") + text_pattern(core)
            heads.append(Label(table_id, "", g.text, pat))
    out.sort(key=lambda lb: -len(lb.text))
    heads.sort(key=lambda lb: -len(lb.text))
    return tuple(out + heads)


@functools.cache
def table_regex(form: Form, table_id: str, extra: tuple[tuple[str, str], ...] = ()) -> re.Pattern[str]:
    """One alternation of every label of a table (``extra`` labels first); the group name says which matched."""
    labels = table_labels(form, table_id)
    alts = [f"(?P<X{i}>{text_pattern(t)})" for i, (t, _) in enumerate(extra)]
    alts += [f"(?P<L{i}>{lb.pattern})" for i, lb in enumerate(labels)]
    return re.compile("|".join(alts))
