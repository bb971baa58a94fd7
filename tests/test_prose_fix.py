"""The W6 quick fix no longer makes the prose worse (issue 26, item 6, the core): on the seed, 改为表格数字 would write
"收到政府信息公开申请3件，已处理完成3件，申请人撤回1件" (3 + 1 > 3; the withdrawal belongs in the table's
（六）3.其他): the change of words is offered only when the sentence it leaves raises no finding; the way to the table
cell is always there.
"""

from __future__ import annotations

from govreport_gui.core.checks.run import check
from govreport_gui.core.edits import Document
from govreport_gui.core.prose_fix import prose_fix, sentence_at, table_cell
from govreport_gui.core.report import Report


def w6(report: Report) -> list:  # type: ignore[type-arg]
    kinds = report.form.rule_ids_of_kind("prose_figures")
    return [f for f in check(report) if f.rule in kinds]


def test_the_seed_fix_would_leave_the_sentence_wrong(seed: Report) -> None:
    done = next(f for f in w6(seed) if "已处理完成2件" in f.message)
    fix = prose_fix(seed, done)
    assert fix.edit is None, "the words are not offered: the sentence would still quote a withdrawal the table lacks"
    assert "申请人撤回1件" in fix.why_not and "请到表格中核对" in fix.why_not
    assert table_cell(seed, done) == "t3.total.total"


def test_with_the_table_put_right_the_words_are_offered(seed: Report) -> None:
    seed.values["t3.other.other.business"] = 1  # the withdrawal where it belongs…
    seed.values["t3.unavailable.not_held.business"] = 2  # …out of （四）
    done = next(f for f in w6(seed) if "已处理完成2件" in f.message)
    fix = prose_fix(seed, done)
    assert fix.edit is not None and fix.why_not == ""
    doc = Document(seed)
    doc.apply(fix.edit)
    assert "已处理完成3件，申请人撤回1件" in seed.texts["overview"]
    assert w6(seed) == []


def test_sentence_bounds() -> None:
    text = "一句。收到申请3件，办结2件；另一句"
    assert text[slice(*sentence_at(text, 8, 9))] == "收到申请3件，办结2件；"
    assert text[slice(*sentence_at(text, 15, 16))] == "另一句"
