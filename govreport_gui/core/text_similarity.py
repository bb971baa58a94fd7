"""How much of this year's prose is last year's: sentences, their diff, and one similarity figure.

Both the copied-text rule (:mod:`.checks.copied_text`) and the comparison of two years (:mod:`.compare`) read prose
through here, so that the warning and the comparison's figure always agree.

A text is cut into sentences (after 。！？；!?; and any closing quotes or brackets, and at line ends).  Sentences are
compared by their *key*: the sentence with blanks removed and full-width forms folded (NFKC), so that re-spacing
or a paragraph moved to another line changes nothing.  :func:`diff` aligns the two sentence lists
(:class:`difflib.SequenceMatcher`, no junk heuristics); where sentences were replaced, the replaced block is diffed
word by word (a number is one word, a Chinese character another), so that "2023年" becoming "2024年" is one small
change, not a new sentence; a block rewritten through is shown deleted whole and inserted whole.

:func:`similarity` is ``2·M / (|a| + |b|)`` over the keys' characters, ``M`` the characters matched: whole equal
sentences plus the characters matched inside replaced blocks.  It is bounded: a replaced block whose two sides'
product of lengths exceeds :data:`CHAR_DIFF_LIMIT` is compared sentence by sentence in order, and a sentence pair
still over the limit (a hostile text without punctuation) counts as nothing matched.  Results are cached, since the
window re-runs the rules after every keystroke.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

CHAR_DIFF_LIMIT = 4_000_000  # |a|·|b| of one character-level diff (two blocks of 2,000 characters)
_SENTENCE = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』）)\]】]*|\n|$)")
_BLANKS = re.compile(r"[\s\u3000]+")
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[A-Za-z]+|\n|.", re.DOTALL)
REWRITE_BELOW = 0.4  # a replaced block less alike than this is shown deleted whole and inserted whole


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


def key_of(text: str) -> str:
    """The comparison key: blanks removed, full-width forms folded."""
    return _BLANKS.sub("", unicodedata.normalize("NFKC", text))


def without_lines(text: str, lines: tuple[str, ...]) -> str:
    """``text`` without the lines that are exactly one of ``lines`` (e.g. the carry-over marker)."""
    if not lines:
        return text
    return "\n".join(line for line in text.split("\n") if line.strip() not in lines)


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


def _matched(a: str, b: str) -> int:
    """Characters of ``a`` and ``b`` that match (0 for a pair over :data:`CHAR_DIFF_LIMIT`)."""
    if not a or not b or len(a) * len(b) > CHAR_DIFF_LIMIT:
        return 0
    return sum(m.size for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())


def _pieces(a: str, b: str) -> list[Piece]:
    """``a`` against ``b`` as shown: by words (a number, a Latin word, each Chinese character, a line break), or —
    where less than :data:`REWRITE_BELOW` of the two is the same, or the pair is over the limit — the whole of
    ``a`` deleted and the whole of ``b`` inserted (a rewritten sentence is read better whole)."""
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


def _replaced(old: tuple[Sentence, ...], new: tuple[Sentence, ...]) -> tuple[list[Piece], int]:
    """A replaced block: its pieces as shown and the characters matched — the block whole, or sentence by sentence
    in order when it is over the limit."""
    a, b = "".join(_shown(s) for s in old), "".join(_shown(s) for s in new)
    ka, kb = "".join(s.key for s in old), "".join(s.key for s in new)
    if len(ka) * len(kb) <= CHAR_DIFF_LIMIT:
        return _pieces(a, b), _matched(ka, kb)
    pieces: list[Piece] = []
    matched = 0
    for i in range(max(len(old), len(new))):
        sa = old[i] if i < len(old) else Sentence("", "")
        sb = new[i] if i < len(new) else Sentence("", "")
        pieces += _pieces(_shown(sa), _shown(sb))
        matched += _matched(sa.key, sb.key)
    return pieces, matched


def _diff(last: tuple[Sentence, ...], this: tuple[Sentence, ...]) -> tuple[list[Change], int]:
    sm = SequenceMatcher(None, [s.key for s in last], [s.key for s in this], autojunk=False)
    changes: list[Change] = []
    matched = 0
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        old, new = last[i1:i2], this[j1:j2]
        if tag == "equal":
            matched += sum(len(s.key) for s in old)
            changes.append(Change("equal", old, new))
        elif tag == "replace":
            pieces, m = _replaced(old, new)
            matched += m
            changes.append(Change("replace", old, new, tuple(pieces)))
        else:
            changes.append(Change(tag, old, new))
    return changes, matched


def diff(last: str, this: str, ignore: tuple[str, ...] = ()) -> tuple[Change, ...]:
    """Last year's text against this year's, sentence by sentence (lines equal to one of ``ignore`` left out)."""
    return _cached(last, this, ignore)[0]


def similarity(last: str, this: str, ignore: tuple[str, ...] = ()) -> float:
    """0–1: how much of the two texts is the same (see the module text); 1.0 for two blank texts."""
    return _cached(last, this, ignore)[1]


@functools.lru_cache(maxsize=256)
def _cached(last: str, this: str, ignore: tuple[str, ...]) -> tuple[tuple[Change, ...], float]:
    a, b = sentences(without_lines(last, ignore)), sentences(without_lines(this, ignore))
    changes, matched = _diff(a, b)
    total = sum(len(s.key) for s in a) + sum(len(s.key) for s in b)
    return tuple(changes), (2 * matched / total if total else 1.0)


def key_length(text: str, ignore: tuple[str, ...] = ()) -> int:
    """How many characters of ``text`` count (blanks and the ``ignore`` lines left out)."""
    return len(key_of(without_lines(text, ignore)))


def percent(ratio: float) -> str:
    """A similarity as the messages write it: whole per cent, rounded down (89.6 % is not 90 %)."""
    return f"{int(ratio * 100 + 1e-9)}%"
