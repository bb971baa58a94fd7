"""The prose diff the comparison shows: sentences, aligned, the changed ones paired and diffed by words.

A text is cut into sentences (after 。！？；!?; and any closing quotes or brackets, and at line ends), compared by
their *key* (blanks removed, NFKC: :func:`..text_similarity.key_of`), so that re-spacing or a paragraph moved to
another line changes nothing.  The two sentence lists are aligned (:class:`difflib.SequenceMatcher`, no junk
heuristics); inside a replaced block the sentences that are alike are paired (the best pairing in order, by the
character pairs they share) and diffed word by word — a number is one word, a Chinese character another — so that
"2023年" becoming "2024年" is one small change, not a new sentence; the others are shown deleted or inserted whole.
Bounded: a block of more than :data:`ALIGN_LIMIT` sentence pairs is paired by position, a sentence pair of more
than :data:`CHAR_DIFF_LIMIT` word pairs is shown deleted and inserted whole (two 1,000,000-character texts: 2 s).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..text_similarity import bigrams, dice, key_of, without_lines

CHAR_DIFF_LIMIT = 4_000_000  # |a|·|b| of the words of one sentence pair diffed (two of 2,000 words)
ALIGN_LIMIT = 10_000  # old × new sentences of one replaced block paired by alikeness; larger blocks by position
PAIR_AT_LEAST = 0.3  # two sentences this alike (pairs in common) are one sentence changed, not two
REWRITE_BELOW = 0.4  # a sentence pair less alike than this (by words) is shown deleted whole and inserted whole
_SENTENCE = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』）)\]】]*|\n|$)")
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[A-Za-z]+|\n|.", re.DOTALL)


@dataclass(frozen=True)
class Sentence:
    """One sentence as written (``text``), its comparison key, and whether a line break follows it."""

    text: str
    key: str
    line_end: bool = False


@dataclass(frozen=True)
class Piece:
    """A run of characters inside a replaced block: ``tag`` is ``equal``, ``delete`` (last year's only) or
    ``insert`` (this year's only); a line break of the text is a ``\n`` in it."""

    tag: str
    text: str


@dataclass(frozen=True)
class Change:
    """One step of a diff: ``equal`` sentences, ``delete``d (last year's only), ``insert``ed (this year's only) or
    ``replace``d ones with their character ``pieces``."""

    tag: str
    old: tuple[Sentence, ...]
    new: tuple[Sentence, ...]
    pieces: tuple[Piece, ...] = ()


def sentences(text: str) -> tuple[Sentence, ...]:
    """The sentences of ``text``, in order (blank ones left out)."""
    out: list[Sentence] = []
    for m in _SENTENCE.finditer(text):
        raw = m.group(0)
        if not raw:
            continue
        line_end = raw.endswith("\n")
        body = raw.strip()
        key = key_of(body)
        if key:
            out.append(Sentence(body, key, line_end))
        elif line_end and out and not out[-1].line_end:
            out[-1] = Sentence(out[-1].text, out[-1].key, True)
    return tuple(out)


def _pieces(a: str, b: str) -> list[Piece]:
    """Two sentences as shown: by words (a number, a Latin word, each Chinese character, a line break), or — where
    less than :data:`REWRITE_BELOW` of the two is the same — the whole of ``a`` deleted and the whole of ``b``
    inserted (a rewritten sentence is read better whole)."""
    ta, tb = _TOKEN.findall(a), _TOKEN.findall(b)
    whole = [p for p in (Piece("delete", a), Piece("insert", b)) if p.text]
    if not ta or not tb or len(ta) * len(tb) > CHAR_DIFF_LIMIT:
        return whole
    sm = SequenceMatcher(None, ta, tb, autojunk=False)
    if sm.ratio() < REWRITE_BELOW:
        return whole
    pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            pieces.append(Piece("equal", "".join(ta[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("delete", "".join(ta[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("insert", "".join(tb[j1:j2])))
    return pieces


def _shown(s: Sentence) -> str:
    return s.text + "\n" if s.line_end else s.text


def _align(old: tuple[Sentence, ...], new: tuple[Sentence, ...]) -> list[tuple[int | None, int | None]]:
    """Old and new sentences of a replaced block paired in order where they are alike (≥ :data:`PAIR_AT_LEAST`),
    the best such pairing (dynamic programming); a block over :data:`ALIGN_LIMIT` pairs is paired by position."""
    n, m = len(old), len(new)
    if n * m > ALIGN_LIMIT:
        return [(i if i < n else None, i if i < m else None) for i in range(max(n, m))]
    ga, gb = [bigrams(s.key) for s in old], [bigrams(s.key) for s in new]
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            alike = dice(ga[i], gb[j])
            best = max(score[i + 1][j], score[i][j + 1])
            if alike >= PAIR_AT_LEAST:
                best = max(best, alike + score[i + 1][j + 1])
            score[i][j] = best
    out: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < n and j < m:
        alike = dice(ga[i], gb[j])
        if alike >= PAIR_AT_LEAST and score[i][j] == alike + score[i + 1][j + 1]:
            out.append((i, j))
            i, j = i + 1, j + 1
        elif score[i][j] == score[i + 1][j]:
            out.append((i, None))
            i += 1
        else:
            out.append((None, j))
            j += 1
    out += [(k, None) for k in range(i, n)] + [(None, k) for k in range(j, m)]
    return out


def _replaced(old: tuple[Sentence, ...], new: tuple[Sentence, ...]) -> list[Piece]:
    """A replaced block as shown: alike sentences paired and diffed by words, the others deleted or inserted."""
    pieces: list[Piece] = []
    for i, j in _align(old, new):
        if i is not None and j is not None:
            pieces += _pieces(_shown(old[i]), _shown(new[j]))
        elif i is not None:
            pieces.append(Piece("delete", _shown(old[i])))
        elif j is not None:
            pieces.append(Piece("insert", _shown(new[j])))
    return pieces


@functools.lru_cache(maxsize=64)
def _diff(last: str, this: str, ignore: tuple[str, ...]) -> tuple[Change, ...]:
    a, b = sentences(without_lines(last, ignore)), sentences(without_lines(this, ignore))
    sm = SequenceMatcher(None, [s.key for s in a], [s.key for s in b], autojunk=False)
    changes: list[Change] = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        old, new = a[i1:i2], b[j1:j2]
        pieces = tuple(_replaced(old, new)) if tag == "replace" else ()
        changes.append(Change(tag, old, new, pieces))
    return tuple(changes)


def diff(last: str, this: str, ignore: tuple[str, ...] = ()) -> tuple[Change, ...]:
    """Last year's text against this year's, sentence by sentence (lines equal to one of ``ignore`` left out)."""
    return _diff(last, this, ignore)


