"""Every source becomes one flat, normalised text: cells separated by tabs, lines by newlines.

Text, HTML, Word and PDF readers all produce a list of :class:`SourceLine` (the cells of one line or table row and
where they came from).  :func:`flatten` turns them into a :class:`Flat` text in which the matcher searches the form's
labels; ``norm`` is a one-to-one character translation of ``raw`` (full-width to half-width, quote variants unified),
so an offset in one is the same offset in the other and every match can be traced back to its source line.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

BLANK = "\ue000"  # an explicitly empty cell of a |-separated row or a table
PLACEHOLDERS = frozenset({"/", "-", "—", "–", "－", "／", "--", "——", "\\"})

_TRANS = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)}
_TRANS.update({0x3000: " ", 0x00A0: " ", 0x2002: " ", 0x2003: " ", 0x200B: " ", 0xFEFF: " ", 0x0C: " "})
_TRANS.update({ord(q): '"' for q in "“”„‟「」『』″〝〞"})
_TRANS.update({ord(q): "'" for q in "‘’‛′"})
_TRANS.update({0x3001: "、", 0xFF64: "、", 0x2014: "—", 0x2212: "-", 0x00B7: "·"})
NORMALISE = str.maketrans({k: (chr(v) if isinstance(v, int) else v) for k, v in _TRANS.items()})

_FOOTER_RE = re.compile(r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?)\s*$")
_MD_RULE_RE = re.compile(r"^:?-{3,}:?$")
_LAYOUT_SPLIT = re.compile(r"[ \u3000]{2,}")


def normalise(text: str) -> str:
    """Full-width ASCII to half-width, unified quotes and blanks; the result has the same length."""
    return text.translate(NORMALISE)


@dataclass
class SourceLine:
    """The cells of one line (text) or one table row (HTML/Word), and where it is in the source."""

    where: str
    cells: list[str]
    table: bool = False  # a row of a real table (HTML/Word): empty cells are explicit blanks


@dataclass
class Flat:
    """The whole source as one text: ``raw`` as read, ``norm`` for matching, offsets → source locations."""

    raw: str
    norm: str
    starts: list[int] = field(default_factory=list)
    wheres: list[str] = field(default_factory=list)

    def where(self, offset: int) -> str:
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.wheres[i] if i >= 0 else ""


def is_footer(line: str) -> bool:
    return bool(_FOOTER_RE.match(line.translate(NORMALISE)))


def text_lines(text: str, label: str = "第{n}行") -> list[SourceLine]:
    """Split plain text into lines and cells: ``|`` rows, tab- or space-aligned columns, or one cell per line."""
    out: list[SourceLine] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for n, line in enumerate(text.split("\n"), 1):
        line = line.replace("\f", "")
        stripped = line.strip()
        if not stripped or is_footer(stripped):
            out.append(SourceLine(label.format(n=n), []))
            continue
        out.append(SourceLine(label.format(n=n), split_cells(line)))
    return out


def split_cells(line: str) -> list[str]:
    stripped = line.strip()
    if set(stripped) <= {"|", " "}:  # "|" alone is an empty cell; "||", "|||" end a row
        return [BLANK] if stripped == "|" else []
    if "|" in stripped:
        parts = stripped.split("|")
        if stripped.startswith("|"):
            parts = parts[1:]
        if stripped.endswith("|"):
            parts = parts[:-1]
        cells = []
        for p in parts:
            p = p.strip()
            if _MD_RULE_RE.match(p):
                continue
            cells.append(p if p else BLANK)
        return cells
    if "\t" in stripped:
        return [c.strip() for c in stripped.split("\t") if c.strip()]
    return [c for c in _LAYOUT_SPLIT.split(stripped) if c]


def flatten(lines: list[SourceLine]) -> Flat:
    """Join lines into one text; consecutive empty lines collapse to one newline."""
    parts: list[str] = []
    starts: list[int] = []
    wheres: list[str] = []
    pos = 0
    for ln in lines:
        cells = [BLANK if (ln.table and not c.strip()) else c for c in ln.cells]
        s = "\t".join(cells) + "\n"
        starts.append(pos)
        wheres.append(ln.where)
        parts.append(s)
        pos += len(s)
    raw = "".join(parts)
    return Flat(raw=raw, norm=normalise(raw), starts=starts, wheres=wheres)

