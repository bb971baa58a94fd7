"""The 草稿 marks of a draft we exported, left out of its text before it is read.

A draft PDF carries the draft note in the top margin of every page (:data:`core.checks.readiness.DRAFT_NOTE`, real
text) and, in drafts made before the mark became outlines (:mod:`core.exporters.pdf.draft_mark`), a large diagonal
"草稿" drawn as text.  Extracted, that word stands wherever it crossed the page: alone on a line, after a label
("（二）依申请公开  草稿"), or glued in front of a figure ("草稿3", "草稿364"), where it cost a row of Table 三 (six
inputs and a total blank) and put "草稿" into the prose.  ``pdftotext`` without layout splits it into "草" and "稿"
on lines of their own.

So, in a text that carries the draft note: every line that is the note is emptied, and "草稿", "草" or "稿" standing
apart — after a blank or at a line's start, and before a blank, a digit or the line's end — is blanked out (replaced
by as many spaces, so that columns keep their places).  The word inside a sentence ("起草", "征求意见稿，") is never
touched, and a text without the note is returned unchanged.
"""

from __future__ import annotations

import re

from ...checks.readiness import DRAFT_NOTE, DRAFT_WORD
from ..source import normalise

_SPACE = re.compile(r"\s+")
_NOTE = _SPACE.sub("", normalise(DRAFT_NOTE))
_WORD = "|".join(re.escape(w) for w in (DRAFT_WORD, *DRAFT_WORD))  # the word, or one of its characters left alone
_REMNANT = re.compile(rf"(?<!\S)(?:{_WORD})(?=[\s\d]|$)", re.MULTILINE)


def _is_note(line: str) -> bool:
    return _SPACE.sub("", normalise(line)) == _NOTE


def is_draft(texts: list[str]) -> bool:
    """True when a line of the text is our draft note."""
    return any(_is_note(line) for text in texts if DRAFT_WORD in text for line in text.split("\n"))


def drop_draft_marks(texts: list[str]) -> tuple[list[str], int]:
    """``texts`` (pages, or one whole text) without the draft note lines and the diagonal mark's remnants; and how
    many marks were left out (0: not a draft, returned as it was)."""
    if not is_draft(texts):
        return texts, 0
    out: list[str] = []
    dropped = 0
    for text in texts:
        lines = []
        for line in text.split("\n"):
            if _is_note(line):
                lines.append("")
                dropped += 1
                continue
            line, n = _REMNANT.subn(lambda m: " " * len(m.group(0)), line)
            dropped += n
            lines.append(line)
        out.append("\n".join(lines))
    return out, dropped


def said(n: int) -> str:
    """The import log's line for ``n`` marks left out."""
    return f"这是本程序导出的草稿：页面上的“{DRAFT_WORD}”标记（{n}处）不是报告内容，已略去。"
