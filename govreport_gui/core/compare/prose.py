"""Each prose section of two years diffed sentence by sentence, with its similarity to last year's.

The diff and the similarity are those of :mod:`..text_similarity` (the copied-text rule uses the same), the
carry-over marker line left out.  A section is *copied* when the form's copied-text rule would flag it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..checks.copied_text import copied_sections
from ..checks.stale_text import marker_of
from ..report import Report
from ..text_similarity import percent, similarity
from .sentences import Change, diff


@dataclass(frozen=True)
class SectionDiff:
    """One prose section in both years: its diff, how similar it is, whether the copied-text rule flags it."""

    key: str
    label: str
    last: str
    this: str
    changes: tuple[Change, ...]
    similarity: float
    copied: bool

    @property
    def similarity_text(self) -> str:
        if not self.last.strip() and not self.this.strip():
            return "两年均未填写"
        if not self.last.strip():
            return "上年未填写"
        if not self.this.strip():
            return "本年未填写"
        return percent(self.similarity)

    @property
    def changed_sentences(self) -> int:
        """This year's sentences that are new or rewritten, and last year's that are gone."""
        return sum(len(c.new) + (len(c.old) if c.tag == "delete" else 0) for c in self.changes if c.tag != "equal")


def section_diffs(last: Report, this: Report) -> list[SectionDiff]:
    """Every text of the form (开篇说明, 一、总体情况, 五…, 六…), in the form's order."""
    form = this.form
    ignore = (marker_of(form.rules),)
    probe = Report(form=form, texts=this.texts, last_texts=last.texts)
    copied = {key for rule in form.rules_of_kind("copied_text") for key, _ in copied_sections(probe, rule)}
    out = []
    for key, label in form.text_keys.items():
        a, b = last.texts.get(key, ""), this.texts.get(key, "")
        out.append(SectionDiff(key, label, a, b, diff(a, b, ignore), similarity(a, b, ignore), key in copied))
    return out
