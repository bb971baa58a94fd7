"""Match what clerks write in their registers to the form: 办理结果 to Table 三's result rows, 申请人类型 to its
applicant columns, 延期 to yes/no.  Never a guess: a text matches only when, after numbering, spaces and punctuation
are removed, it equals one row's label (whole, without the heading part, or as printed in the grid) or one of the
form file's short forms, and names no other row.  Everything else is ``None`` and the caller lists it.
"""

from __future__ import annotations

import functools
import re

from ..form import Form
from .model import register_spec

_NUMBERING = re.compile(
    r"[（(][一二三四五六七八九十\d]+[）)]|(?<![\d])\d{1,2}\s*[.．、]|[一二三四五六七八九十]+\s*[、.．]"
)
_NOISE = re.compile(r"[\s\"'“”‘’「」『』《》:：,，;；。.．、·/／\-—_()（）\[\]【】]")
_PAREN_TAIL = re.compile(r"[（(][^（）()]*[）)]\s*$")
YES = frozenset({"是", "有", "延期", "已延期", "y", "yes", "true", "1", "√", "✓", "是的"})
NO = frozenset({"否", "无", "不延期", "未延期", "n", "no", "false", "0", "×", "—", "-", ""})


def normalise(text: str) -> str:
    """The text without numbering, spaces and punctuation (full- and half-width)."""
    return _NOISE.sub("", _NUMBERING.sub("", text.strip()))


def match_result(form: Form, text: str) -> str | None:
    """The result row id ``text`` names, or ``None``."""
    return _result_table(form).get(normalise(text))


def match_type(form: Form, text: str) -> str | None:
    """The applicant column id ``text`` names, or ``None``."""
    return _type_table(form).get(normalise(text))


def match_yes_no(value: object) -> bool | None:
    """``True``/``False`` for the ways a register says yes or no; ``None`` when it says neither."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return {1: True, 0: False}.get(int(value)) if value in (0, 1) else None
    t = str(value).strip().lower()
    if t in YES:
        return True
    if t in NO:
        return False
    return None


def _unique(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """Key → id, leaving out every key that more than one id claims."""
    seen: dict[str, set[str]] = {}
    for key, ident in pairs:
        if key:
            seen.setdefault(key, set()).add(ident)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


@functools.cache
def _result_table(form: Form) -> dict[str, str]:
    spec = register_spec(form)
    table = spec.table
    pairs: list[tuple[str, str]] = []
    grid: dict[int, list[str]] = {}
    for label in table.labels:
        if not label.head and label.rs == 1:
            grid.setdefault(label.r, []).append(label.text)
    for r in spec.results:
        full = spec.result_labels[r]
        head, _, sub = full.partition(" ")
        variants = [full, sub or head, head + sub]
        for printed in grid.get(form.cells[spec.cell(r, spec.types[0])].r, []):
            variants += [printed, _PAREN_TAIL.sub("", printed)]
            if sub:
                variants.append(head + printed)
        pairs += [(normalise(v), r) for v in variants]
    table_pairs = _unique(pairs)
    for r, aliases in spec.result_aliases.items():
        for a in aliases:
            table_pairs.setdefault(normalise(a), r)
    return table_pairs


@functools.cache
def _type_table(form: Form) -> dict[str, str]:
    spec = register_spec(form)
    pairs = [(normalise(spec.type_labels[c]), c) for c in spec.types]
    out = _unique(pairs)
    for c, aliases in spec.type_aliases.items():
        for a in aliases:
            out.setdefault(normalise(a), c)
    return out
