"""Every rule H1–H5 and W1–W9 has a case where it fails and one where it passes; findings are complete."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govreport_gui.core.checks.finding import Finding
from govreport_gui.core.checks.run import check
from govreport_gui.core.report import Baseline, Report

T3_APPLICANTS = ["natural", "business", "research", "nonprofit", "legal", "other_org"]


def zero_report() -> Report:
    """A complete, consistent report: every input 0 (no W8), no prose."""
    r = Report.new("某区某局", 2024)
    for cid in r.form.inputs:
        r.values[cid] = Decimal("0") if r.form.cells[cid].kind == "decimal" else 0
    return r


def by_rule(r: Report, rule: str) -> list[Finding]:
    return [f for f in check(r) if f.rule == rule]


def test_zero_report_is_clean() -> None:
    assert check(zero_report()) == []


def test_seed_has_no_error_and_the_w6_warning(seed: Report) -> None:
    findings = check(seed)
    assert [f for f in findings if f.severity == "error"] == []
    w6 = [f for f in findings if f.rule == "W6"]
    assert w6, findings
    assert any("已处理完成2件" in f.message and f.left == 2 and f.right == 3 for f in w6)
    assert any("撤回1件" in f.message for f in w6)
    assert all(f.severity == "warning" for f in findings)


# --- H1 ------------------------------------------------------------------------------------------------------------
def test_h1_fails_per_column_and_names_it() -> None:
    r = zero_report()
    r.values["t3.new.business"] = 3
    found = by_rule(r, "H1")
    assert {f.cells[0] for f in found} == {"t3.new.business", "t3.new.total"}
    f = next(f for f in found if f.cells[0] == "t3.new.business")
    assert f.severity == "error" and f.left == 3 and f.right == 0
    assert "商业企业" in f.message and "应相等" in f.message
    assert set(f.cells) == {"t3.new.business", "t3.carried_in.business", "t3.total.business",
                            "t3.carried_out.business"}


def test_h1_passes_when_balanced() -> None:
    r = zero_report()
    r.values["t3.new.business"] = 3
    r.values["t3.carried_in.business"] = 2
    r.values["t3.unavailable.not_held.business"] = 4
    r.values["t3.carried_out.business"] = 1
    assert by_rule(r, "H1") == []


# --- H2, H3, H4: printed totals (imports) ----------------------------------------------------------------------------
@pytest.mark.parametrize(("rule", "cell", "printed", "parts_value"), [
    ("H2", "t3.new.total", 5, ("t3.new.natural", 3)),
    ("H3", "t3.total.natural", 9, ("t3.granted.natural", 3)),
    ("H4", "t4.review.total", 2, ("t4.review.upheld", 1)),
])
def test_printed_total_disagreeing_is_an_error(rule: str, cell: str, printed: int, parts_value: tuple) -> None:
    r = zero_report()
    r.values[parts_value[0]] = parts_value[1]
    r.printed_totals[cell] = printed
    found = by_rule(r, rule)
    assert len(found) == 1
    f = found[0]
    assert f.severity == "error" and f.cells[0] == cell and f.left == parts_value[1] and f.right == printed
    r.printed_totals[cell] = parts_value[1]
    assert by_rule(r, rule) == []


# --- H5 --------------------------------------------------------------------------------------------------------------
def test_h5_flags_values_that_bypassed_parsing() -> None:
    r = zero_report()
    r.values["t3.new.natural"] = -1
    r.values["t2.fees.amount"] = Decimal("-2.5")
    found = by_rule(r, "H5")
    assert {f.cells[0] for f in found} == {"t3.new.natural", "t2.fees.amount"}
    assert all(f.severity == "error" for f in found)
    r.values["t3.new.natural"] = 0
    r.values["t2.fees.amount"] = Decimal("2.5")
    assert by_rule(r, "H5") == []


# --- W1–W3 (last year's baseline) ----------------------------------------------------------------------------------
def test_w1_carried_in_against_last_year() -> None:
    r = zero_report()
    r.previous = Baseline(2023, {"t3.carried_out.natural": 2})
    found = by_rule(r, "W1")
    assert [f.cells for f in found] == [("t3.carried_in.natural",), ("t3.carried_in.total",)]
    assert found[0].left == 0 and found[0].right == 2 and "自然人" in found[0].message
    r.values["t3.carried_in.natural"] = 2
    r.values["t3.unavailable.not_held.natural"] = 2  # keep H1
    assert by_rule(r, "W1") == []


def test_w2_stock_of_normative_documents() -> None:
    r = zero_report()
    r.previous = Baseline(2023, {"t2.normative.in_force": 10})
    r.values.update({"t2.normative.issued": 3, "t2.normative.repealed": 1, "t2.normative.in_force": 11})
    f = by_rule(r, "W2")
    assert len(f) == 1 and f[0].left == 11 and f[0].right == 12 and "行政规范性文件" in f[0].message
    r.values["t2.normative.in_force"] = 12
    assert by_rule(r, "W2") == []


def test_w3_repealed_more_than_existed() -> None:
    r = zero_report()
    r.previous = Baseline(2023, {"t2.regulations.in_force": 1})
    r.values.update({"t2.regulations.issued": 0, "t2.regulations.repealed": 2})
    f = by_rule(r, "W3")
    assert len(f) == 1 and f[0].left == 2 and f[0].right == 1
    r.values["t2.regulations.repealed"] = 1
    assert by_rule(r, "W3") == []


def test_baseline_rules_silent_without_last_year() -> None:
    r = zero_report()
    r.values["t2.normative.in_force"] = 99
    assert by_rule(r, "W1") == by_rule(r, "W2") == by_rule(r, "W3") == []


# --- W4–W9 ---------------------------------------------------------------------------------------------------------
def test_w4_regulations_nonzero() -> None:
    r = zero_report()
    r.values["t2.regulations.in_force"] = 2
    f = by_rule(r, "W4")
    assert len(f) == 1 and f[0].cells == ("t2.regulations.in_force",) and "规章制定权" in f[0].message
    r.values["t2.regulations.in_force"] = 0
    assert by_rule(r, "W4") == []


def test_w5_fee_implausibly_large() -> None:
    r = zero_report()
    r.values["t2.fees.amount"] = Decimal("2425231.1082")
    f = by_rule(r, "W5")
    assert len(f) == 1 and "元" in f[0].message and f[0].right == Decimal("100000")
    r.values["t2.fees.amount"] = Decimal("24252.311082")
    assert by_rule(r, "W5") == []


@pytest.mark.parametrize(("text", "cells", "quoted"), [
    ("2024年共收到政府信息公开申请12件。", {"t3.new.natural": 10}, 12),
    ("本年度制发行政规范性文件5件。", {"t2.normative.issued": 4}, 5),
    ("现行有效行政规范性文件30件。", {"t2.normative.in_force": 31}, 30),
    ("全年出台规章2件。", {"t2.regulations.issued": 1}, 2),
])
def test_w6_prose_figures(text: str, cells: dict, quoted: int) -> None:
    r = zero_report()
    r.values.update(cells)
    r.texts["overview"] = text
    f = by_rule(r, "W6")
    assert len(f) == 1 and f[0].left == quoted and f[0].right == next(iter(cells.values()))
    r.values.update({k: quoted for k in cells})
    assert by_rule(r, "W6") == []


def test_w7_fee_notices_without_mention() -> None:
    r = zero_report()
    r.values["t3.other.no_fee.natural"] = 1
    r.values["t3.new.natural"] = 1
    f = by_rule(r, "W7")
    assert len(f) == 1 and f[0].cells == ("t3.other.no_fee.total",)
    r.texts["other"] = "本年度发出收费通知1件，未实际收取信息处理费。"
    assert by_rule(r, "W7") == []


def test_w8_blank_cells_per_table() -> None:
    r = zero_report()
    del r.values["t3.new.legal"]
    del r.values["t4.review.pending"]
    f = by_rule(r, "W8")
    assert [x.cells for x in f] == [("t3.new.legal",), ("t4.review.pending",)]
    assert "1个单元格为空白" in f[0].message
    r.values["t3.new.legal"] = 0
    r.values["t4.review.pending"] = 0
    assert by_rule(r, "W8") == []


def test_w9_old_heading_in_prose() -> None:
    r = zero_report()
    r.texts["problems"] = "五、政府信息公开工作存在的主要问题及改进情况\n一是……"
    f = by_rule(r, "W9")
    assert len(f) == 1 and f[0].right == "五、存在的主要问题及改进情况"
    r.texts["problems"] = "一是……"
    assert by_rule(r, "W9") == []


def test_findings_are_json_ready() -> None:
    r = zero_report()
    r.values["t2.fees.amount"] = Decimal("123456.5")
    f = by_rule(r, "W5")[0].as_json()
    assert f == {"rule": "W5", "severity": "warning", "cells": ["t2.fees.amount"], "left": "123456.5",
                 "right": "100000", "message": f["message"], "key": "W5|t2.fees.amount|123456.5|100000"}
    assert "1234565000元" in f["message"]


def test_errors_listed_before_warnings() -> None:
    r = zero_report()
    r.values["t2.regulations.issued"] = 1  # W4
    r.values["t3.new.natural"] = 1  # H1
    sev = [f.severity for f in check(r)]
    assert sev == sorted(sev)  # "error" < "warning"
