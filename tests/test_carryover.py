"""Carry-over (spec §5): every rule, from a saved report and from an imported 2019-format published report."""

from __future__ import annotations

import copy
from pathlib import Path

from common import DATA

from govreport_gui.core.checks.run import check
from govreport_gui.core.importers.dispatch import import_file
from govreport_gui.core.intake.carryover import DRAFT_MARK, carry_over, carry_over_notes, is_draft_text
from govreport_gui.core.report import Report
from govreport_gui.core.storage import read_report, write_report

COLS = ("natural", "business", "research", "nonprofit", "legal", "other_org")


def _last(seed: Report) -> Report:
    seed.values.update({
        "t3.carried_out.natural": 2, "t3.carried_out.legal": 1, "t2.normative.in_force": 40,
        "t2.regulations.in_force": 3, "t4.review.pending": 2, "t4.suit_direct.pending": 1,
    })
    seed.explanations["W6"] = "去年的说明"
    seed.printed_totals["t3.new.total"] = 3
    seed.meta["title"] = "旧标题"
    seed.meta["published"] = "2024-01-31"
    return seed


def test_rule1_carried_out_becomes_carried_in_per_column(seed: Report) -> None:
    last = _last(seed)
    new = carry_over(last)
    for c in COLS:
        assert new.values[f"t3.carried_in.{c}"] == last.values[f"t3.carried_out.{c}"]
    assert new.get("t3.carried_in.total") == 3
    assert not [f for f in check(new) if f.rule == "W1"]
    new.values["t3.carried_in.natural"] = 5  # editable; W1 then says it differs from last year
    w1 = [f for f in check(new) if f.rule == "W1"]
    assert {f.cells[0] for f in w1} == {"t3.carried_in.natural", "t3.carried_in.total"}


def test_rule2_in_force_is_a_baseline_not_a_value(seed: Report) -> None:
    last = _last(seed)
    new = carry_over(last)
    assert "t2.normative.in_force" not in new.values and "t2.regulations.in_force" not in new.values
    assert new.previous is not None and new.previous.year == 2023
    assert new.previous.cells["t2.normative.in_force"] == 40
    assert new.previous.cells == {k: v for k, v in last.values.items() if v is not None}
    new.values.update({"t2.normative.issued": 5, "t2.normative.repealed": 2, "t2.normative.in_force": 50})
    w2 = [f for f in check(new) if f.rule == "W2"]
    assert w2 and w2[0].right == 43
    new.values["t2.normative.repealed"] = 46
    assert any(f.rule == "W3" for f in check(new))


def test_rule3_pending_cases_are_a_reminder(seed: Report) -> None:
    notes = carry_over_notes(_last(seed))
    text = "\n".join(notes)
    assert "尚未审结" in text and "行政复议2件" in text and "1件" in text
    assert "自然人2" in text and "法律服务机构1" in text
    new = carry_over(_last(seed))
    assert not any(k.startswith("t4.") for k in new.values)  # no arithmetic


def test_rule4_agency_year_empty_counts_and_prose_draft(seed: Report) -> None:
    last = _last(seed)
    before = copy.deepcopy(last.values), dict(last.texts)
    new = carry_over(last)
    assert new.agency == last.agency and new.year == 2024
    assert "title" not in new.meta and "published" not in new.meta
    assert new.title == f"{last.agency}2024年度政府信息公开工作报告"
    assert set(new.values) == {f"t3.carried_in.{c}" for c in COLS}
    assert not new.explanations and not new.printed_totals
    for key, text in last.texts.items():
        assert new.texts[key] == f"{DRAFT_MARK}\n{text}"
        assert is_draft_text(new.texts[key])
    assert (last.values, last.texts) == before  # last year's report is untouched
    assert carry_over(new).texts["other"].count(DRAFT_MARK) == 1


def test_prose_rules_still_read_the_carried_draft(seed: Report) -> None:
    new = carry_over(seed)
    assert not any(f.rule == "W6" for f in check(new))  # this year's tables are blank: nothing to compare yet
    new.values.update({f"t3.new.{c}": 0 for c in COLS})
    new.values["t3.new.business"] = 5
    w6 = [f for f in check(new) if f.rule == "W6"]
    assert w6 and "收到政府信息公开申请3件" in w6[0].message


def test_carried_report_saves_and_reopens(seed: Report, tmp_path: Path) -> None:
    new = carry_over(_last(seed))
    path = tmp_path / "new.govreport"
    write_report(new, path)
    again = read_report(path)
    assert again.same_content(new)


def test_2019_format_published_report_as_last_year(tmp_path: Path) -> None:
    res = import_file(DATA / "import-2019-format.txt")
    last = res.report
    assert last.year == 2020 and last.agency == "示例县人民政府办公室"
    assert last.values["t3.other.other.natural"] == 1  # （六）其他处理, one row in 2019
    assert any("2019年格式" in e.message for e in res.entries("warning"))
    assert any("采购" in e.message and "未导入" in e.message for e in res.entries("warning"))
    assert "t2.normative.in_force" not in last.values  # 对外公开总数量 is not 现行有效件数
    assert last.values["t2.normative.issued"] == 4 and last.values["t2.licensing.decisions"] == 1208
    new = carry_over(last)
    assert new.year == 2021 and new.agency == last.agency
    assert new.values["t3.carried_in.legal"] == 1 and new.values["t3.carried_in.natural"] == 0
    assert new.previous is not None and new.previous.year == 2020
    assert "t2.normative.in_force" not in new.previous.cells
    assert not [f for f in check(new) if f.rule in ("W2", "W3")]
    assert new.texts["problems"].startswith(DRAFT_MARK)
    notes = "\n".join(carry_over_notes(last))
    assert "行政复议1件" in notes
    write_report(new, tmp_path / "n.govreport")
    assert read_report(tmp_path / "n.govreport").values == new.values
