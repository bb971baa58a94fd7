"""Numbers printed after the wrapped rest of a row's label: the row's last cells, but only where that is certain.

A published PDF whose narrow label column wraps "5.要求行政机关确认或重新出具已获取信息" can print the row's inputs on
the label's first line and its 总计 after the next piece of the label, glued to it: the text reads
"确认或重新出具0" (or "具已获取信息    0").  Read as it stood, the 0 was text no cell could take, and the printed total
was lost.  Such a number is a *continuation* of the row when the text beside it on its line is nothing but a piece of
this very row's label (:func:`label_glue`).  It joins the row (:func:`join_continuation`) only when the row then has
exactly its width and meets its total; otherwise a number glued to the label stays out (logged, as before) and one
standing apart is left to the usual placement rules — a blank with a reason beats a wrong number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from .source import BLANK, PLACEHOLDERS, normalise


class _Number(Protocol):
    """What is needed of a :class:`.table_tokens.Token` here (that module imports this one)."""

    kind: str
    offset: int
    glued: str
    cell: str


Token = TypeVar("Token", bound=_Number)

_DROP = re.compile(rf"[\s{BLANK}\"'“”‘’]")
_NUMBER = re.compile(r"[\d\s.,]+")
MIN_PIECE = 2  # characters of a label piece that vouch for the row: one character could be anyone's


def _compact(text: str) -> str:
    return _DROP.sub("", normalise(text))


def label_glue(label: str) -> Callable[[str], bool]:
    """Whether a piece of text is a piece (two characters or more) of ``label``."""
    whole = _compact(label)

    def glue(piece: str) -> bool:
        t = _compact(piece)
        return len(t) >= MIN_PIECE and t in whole

    return glue


def mark_lines(payload: str, base: int, toks: Sequence[_Number], glue: Callable[[str], bool]) -> None:
    """Mark the numbers of each later line of ``payload`` whose only text is a piece of the row's label."""
    start = payload.find("\n")
    while start >= 0:
        end = payload.find("\n", start + 1)
        line = payload[start + 1: end if end >= 0 else len(payload)]
        words = [c.strip() for c in line.split("\t") if c.strip() and c.strip() != BLANK]
        text = [w for w in words if not _NUMBER.fullmatch(w) and w not in PLACEHOLDERS]
        if text and all(glue(w) for w in text):
            lo, hi = base + start + 1, base + start + 1 + len(line)
            for t in toks:
                if lo <= t.offset < hi and t.kind == "num" and not t.glued:
                    t.glued, t.cell = "line", " ".join(words)
        start = end


def join_continuation(same: list[Token], later: dict[int, list[Token]], width: int,
                      fits: Callable[[list[Token]], bool]) -> tuple[list[Token], list[Token], list[Token]]:
    """The row's tokens with its continuation joined where certain, the continuation used, and the glued tokens left
    out.  ``later`` (line → tokens after the label's line) loses every token used or left out."""
    cont = sorted((t for toks in later.values() for t in toks if t.glued), key=lambda t: t.offset)
    if not cont:
        return same, [], []
    joined = same + cont
    use = bool(same) and len(joined) == width and fits(joined)
    drop = cont if use else [t for t in cont if t.glued == "cell"]
    gone = {id(t) for t in drop}
    for line, toks in list(later.items()):
        kept = [t for t in toks if id(t) not in gone]
        if kept:
            later[line] = kept
        else:
            del later[line]
    return (joined, cont, []) if use else (same, [], drop)
