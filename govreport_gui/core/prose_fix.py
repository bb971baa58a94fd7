"""The W6 quick fix offered only where it makes the prose right: "改为表格数字" or, failing that, the table.

A figure in the prose that disagrees with the table can be wrong in either place.  Rewriting the number
(:func:`.prose.fix_prose_figure`) is offered only when the sentence it leaves raises no finding at all — no other
figure of that sentence disagrees with the tables, and no finding appears anywhere that was not there before.  On
the seed it would have written "收到政府信息公开申请3件，已处理完成3件，申请人撤回1件" (3 + 1 > 3): the sentence
still quotes a withdrawal the table does not have, because the fault is in the table (the withdrawal belongs in
（六）3.其他).  Then only the way to the table cell is offered (:func:`table_cell`).
"""

from __future__ import annotations

import dataclasses

from .checks.finding import Finding, current
from .checks.run import check
from .edits import SetText
from .prose import fix_prose_figure
from .report import Report

SENTENCE_ENDS = "。；！？;!?\n"


def sentence_at(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of ``text`` around ``start``–``end``: from after the previous sentence end to the next one."""
    before = max(text.rfind(ch, 0, start) for ch in SENTENCE_ENDS)
    after = [i for i in (text.find(ch, end) for ch in SENTENCE_ENDS) if i >= 0]
    return before + 1, (min(after) + 1 if after else len(text))


@dataclasses.dataclass(frozen=True)
class ProseFix:
    """The W6 finding's two ways: the edit of the words (``None`` when it would leave the sentence wrong) and why
    it is not offered."""

    edit: SetText | None
    why_not: str = ""


def prose_fix(report: Report, finding: Finding, findings: list[Finding] | None = None) -> ProseFix:
    """The change of words for a prose-figure finding, offered only when the resulting sentence is clean."""
    now = check(report) if findings is None else findings
    f = current(now, finding)
    edit = fix_prose_figure(report, f)
    if edit is None or f.place is None:
        return ProseFix(None, "")
    after = dataclasses.replace(report, texts={**report.texts, edit.key: edit.text})
    found = check(after)
    start, end = sentence_at(edit.text, f.place.start, f.place.end + len(edit.text) - len(report.texts[edit.key]))
    in_sentence = [g for g in found if g.place is not None and g.place.key == edit.key and not g.place.meta
                   and start <= g.place.start < end]
    before = set(now)
    new = [g for g in found if g not in before]
    if in_sentence or new:
        other = (in_sentence or new)[0]
        return ProseFix(None, f"改为表格数字后，这句话仍与表格不一致（{other.message}）：请到表格中核对。")
    return ProseFix(edit)


def table_cell(report: Report, finding: Finding) -> str | None:
    """The table cell to go to for a prose-figure finding: its first cell (the total the sentence quotes)."""
    return finding.cells[0] if finding.cells and finding.cells[0] in report.form.cells else None
