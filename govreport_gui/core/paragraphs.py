"""Over-long paragraphs cut into pieces at sentence ends, so that nothing downstream works on one huge paragraph.

reportlab re-wraps the rest of a paragraph each time it splits it over a page, so a PDF's cost grew with the square
of a paragraph's length: 100,000 characters took 14 s, 1,000,000 over 300 s, and a 250,000-character line imported
from a 750 KB text file 102 s.  A real paragraph of the report is a few hundred characters (a page holds 616).  The
page layout cuts paragraphs into pieces of at most :data:`LAYOUT_PIECE_CHARS` (set one after another; a piece after
the first starts a new line without indent), and the importers cut what they read at :data:`IMPORT_PARAGRAPH_CHARS`
into separate paragraphs and say so in the import log.  A cut is made after the last sentence end (。！？；!?;) in
the second half of the piece, else after the last comma, else at the length itself.
"""

from __future__ import annotations

IMPORT_PARAGRAPH_CHARS = 5_000  # about 8 pages of body text
LAYOUT_PIECE_CHARS = 1_200  # about 2 pages: each page split costs the piece's length, not the paragraph's
_SENTENCE_ENDS = "。！？；!?;"
_CLAUSE_ENDS = "，、,："


def cut_paragraph(text: str, limit: int) -> list[str]:
    """``text`` (one paragraph) as pieces of at most ``limit`` characters, cut at sentence ends where possible."""
    if limit <= 0:
        raise ValueError("limit must be positive")
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = _last_of(text, _SENTENCE_ENDS, start + limit // 2, end)
        if cut < 0:
            cut = _last_of(text, _CLAUSE_ENDS, start + limit // 2, end)
        stop = cut + 1 if cut >= 0 else end
        pieces.append(text[start:stop])
        start = stop
    pieces.append(text[start:])
    return pieces


def _last_of(text: str, marks: str, lo: int, hi: int) -> int:
    return max(text.rfind(m, lo, hi) for m in marks)


def cut_long_paragraphs(text: str, limit: int = IMPORT_PARAGRAPH_CHARS) -> tuple[str, int]:
    """``text`` with every line longer than ``limit`` cut into lines (paragraphs); and how many lines were cut."""
    lines = text.split("\n")
    if all(len(line) <= limit for line in lines):
        return text, 0
    out: list[str] = []
    n = 0
    for line in lines:
        if len(line) > limit:
            n += 1
            out += cut_paragraph(line, limit)
        else:
            out.append(line)
    return "\n".join(out), n
