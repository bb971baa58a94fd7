"""Import and carry-over marks and last year's hints, without Qt (they used to live in the window's package)."""

from __future__ import annotations

from govreport_gui.core.form import Form
from govreport_gui.core.importers.base import ImportResult
from govreport_gui.core.intake.baselines import baseline_hint, baseline_refs
from govreport_gui.core.intake.carryover import carry_over
from govreport_gui.core.intake.review_marks import import_summary, marks_from_carry_over, marks_from_import
from govreport_gui.core.report import Report


def _last_year() -> Report:
    last = Report.new(agency="某局", year=2024)
    last.values.update({"t3.carried_out.natural": 3, "t2.regulations.in_force": 10, "t4.review.pending": 2})
    return last


def test_refs_come_from_the_form(form: Form) -> None:
    refs = baseline_refs(form)
    carried = refs["t3.carried_in.natural"]
    assert carried.kind == "carried" and carried.base == form.carry_pairs[0][1]
    assert refs["t2.regulations.in_force"].kind == "stock"
    assert refs["t2.normative.issued"].kind == refs["t2.normative.repealed"].kind == "flow"
    assert {c for c, r in refs.items() if r.kind == "pending"} == {
        "t4.review.pending", "t4.suit_direct.pending", "t4.suit_after_review.pending"}


def test_hints_after_carry_over() -> None:
    report = carry_over(_last_year())
    assert baseline_hint(report, "t3.carried_in.natural").short == "上年：3"  # type: ignore[union-attr]
    report.values["t2.regulations.issued"] = 2
    stock = baseline_hint(report, "t2.regulations.in_force")
    assert stock is not None and "本年应约为12（W2" in stock.tooltip
    pending = baseline_hint(report, "t4.review.pending")
    assert pending is not None and "表四" in pending.tooltip
    assert baseline_hint(report, "t3.new.natural") is None
    assert baseline_hint(Report.new(year=2025), "t3.carried_in.natural") is None  # no last year, no hint


def test_carry_over_marks() -> None:
    report = carry_over(_last_year())
    assert marks_from_carry_over(report) == {
        "t3.carried_in.natural": "转入自：2024年报告表三“四、结转下年度继续办理 / 自然人”"}


def test_import_marks_and_summary() -> None:
    report = Report.new(year=2024)
    report.values.update({"t3.new.natural": 1, "t2.fees.amount": None, "t4.review.upheld": 2})
    result = ImportResult(report)
    result.add("read", "读取 表三“…” = 1", "t3.new.natural", "第3行")
    result.add("read", "表四：读入1个有数值的单元格。", "", "四、行政复议、行政诉讼")
    result.add("warning", "一条警告")
    marks = marks_from_import(result, "a.xlsx")
    assert marks == {"t3.new.natural": "导入自：第3行",
                     "t4.review.upheld": "导入自：“a.xlsx”工作表“四、行政复议、行政诉讼”"}
    assert "读取2个数值" in import_summary(result, "a.xlsx")
