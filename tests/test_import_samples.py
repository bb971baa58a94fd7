"""Every published sample imports cell by cell as expected; partial samples import what they hold; the seed's quirks.

The samples live in the shared folder beside the clone (``../shared/samples``); the tests are skipped, saying so,
where it is absent.  Each sample's provenance lines (``# source: …``, ``# agency: …``, ``# note: …``) are stripped
first, as the samples' README asks; a Markdown title line (``# 沐阳县…``) is part of the document and kept.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from govreport_gui.core.checks.run import check
from govreport_gui.core.importers.base import ImportResult
from govreport_gui.core.importers.published import import_text
from govreport_gui.core.report import Report

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"
COMPLETE = (
    "linping-2023-published", "pingtan-2021-web-glued", "pingtan-2022-web-glued", "huaian-2024-pdftotext",
    "huaian-2024-pdftotext-layout", "shuyang-2025-markdown",
)
PARTIAL = ("district-stats-2023-excerpt", "erdao-2022-excerpt", "longgang-2024-excerpt")
needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"shared samples not found at {SAMPLES}")
_PROVENANCE = re.compile(r"^# (?:source|agency|note)\b")


def strip_provenance(text: str) -> str:
    lines = text.split("\n")
    i = 0
    while i < len(lines) and _PROVENANCE.match(lines[i]):
        i += 1
    return "\n".join(lines[i:])


def load(name: str) -> ImportResult:
    path = SAMPLES / f"{name}.txt"
    if not path.exists():
        path = SAMPLES / "partial" / f"{name}.txt"
    return import_text(strip_provenance(path.read_text(encoding="utf-8")), path.name)


def _expected_value(v: object) -> object:
    return Decimal(v) if isinstance(v, str) else v


@needs_samples
@pytest.mark.parametrize("name", COMPLETE)
def test_complete_sample_cell_by_cell(name: str) -> None:
    expected = json.loads((SAMPLES / "expected" / f"{name}.json").read_text(encoding="utf-8"))
    res = load(name)
    r = res.report
    wrong = {
        cid: (v, r.values.get(cid)) for cid, v in expected["inputs"].items() if r.values.get(cid) != _expected_value(v)
    }
    assert not wrong, wrong
    wrong = {
        cid: (v, r.printed_totals.get(cid)) for cid, v in expected["printed_totals"].items()
        if r.printed_totals.get(cid) != _expected_value(v)
    }
    assert not wrong, wrong
    # nothing invented: every printed total we hold was in the source
    assert set(r.printed_totals) == set(expected["printed_totals"])
    assert r.year == expected["year"]
    if name != "shuyang-2025-markdown":  # that conversion misspells the county (沐阳) in its title
        assert r.agency == expected["agency"]
    for key in ("overview", "problems", "other"):
        assert len(r.texts.get(key, "")) > 5, key
    assert not res.entries("mismatch")
    # every read is located in the source
    assert all(e.where for e in res.entries("read") if e.cell)


@needs_samples
def test_glued_cells_not_decided_by_the_digits_stay_blank_and_are_reported() -> None:
    res = load("pingtan-2021-web-glued")
    r = res.report
    assert all(f"t2.normative.{c}" not in r.values for c in ("issued", "repealed", "in_force"))
    assert any("行政规范性文件" in e.message and "多种拆分" in e.message for e in res.entries("warning"))
    # a unique split is taken and said so
    assert r.values["t3.new.natural"] == 64 and r.printed_totals["t3.new.total"] == 70
    assert any("640020470" in e.message for e in res.entries("info"))


@needs_samples
def test_glued_table2_row_settled_by_the_prose_is_said_so() -> None:
    res = load("pingtan-2022-web-glued")
    r = res.report
    assert (r.values["t2.normative.issued"], r.values["t2.normative.repealed"], r.values["t2.normative.in_force"]) == (
        88, 55, 698)
    assert any("现行有效行政规范性文件698件" in e.message for e in res.entries("info"))


@needs_samples
def test_table4_out_of_reading_order_is_reordered_by_its_totals() -> None:
    res = load("huaian-2024-pdftotext")
    assert res.report.values["t4.suit_direct.upheld"] == 13
    assert res.report.printed_totals["t4.suit_after_review.total"] == 20
    assert any("顺序" in e.message for e in res.entries("warning"))


@needs_samples
@pytest.mark.parametrize("name", PARTIAL)
def test_partial_sample_imports_what_it_holds(name: str) -> None:
    res = load(name)
    r = res.report
    assert r.values, "something was read"
    assert r.values["t2.licensing.decisions"] == 0
    missing = res.entries("missing")
    assert any("表四" in e.message for e in missing)
    assert any("t3.carried_out" in e.cell or "结转下年度" in e.message for e in missing)
    assert len(r.values) < len(r.form.inputs)


@needs_samples
def test_partial_blank_cells_and_placeholders_are_reported_not_zeroed() -> None:
    res = load("erdao-2022-excerpt")
    r = res.report
    assert r.values["t3.new.natural"] == 56
    assert "t3.new.business" in r.values and r.values["t3.new.business"] is None
    assert any("空白" in e.message for e in res.entries("warning"))
    res = load("district-stats-2023-excerpt")
    assert res.report.values.get("t2.regulations.issued") is None
    assert any("“/”" in e.message for e in res.entries("warning"))


@needs_samples
def test_seed_missing_total_is_logged_not_invented_and_w6_is_reported(seed: Report) -> None:
    res = load("linping-2023-published")
    r = res.report
    assert "t3.unavailable.not_held.total" not in r.printed_totals
    assert any(e.cell == "t3.unavailable.not_held.total" for e in res.entries("missing"))
    assert r.values == {k: v for k, v in seed.values.items()}
    findings = check(r)
    assert any(f.rule == "W6" for f in findings)
    assert not [f for f in findings if f.severity == "error"]
    assert any("6、" in e.message and "W9" in e.message for e in res.entries("warning"))


def test_printed_total_disagreeing_with_its_parts_is_kept_and_found() -> None:
    text = (SAMPLE_TEXT_HEAD + "一、本年新收政府信息公开申请数量\t2\t1\t0\t0\t0\t0\t4\n" + SAMPLE_TEXT_TAIL)
    res = import_text(text, "t.txt")
    r = res.report
    assert r.values["t3.new.natural"] == 2 and r.printed_totals["t3.new.total"] == 4
    h2 = [f for f in check(r) if f.rule == "H2" and "t3.new.total" in f.cells]
    assert h2 and h2[0].left == 3 and h2[0].right == 4
    assert any(e.level == "mismatch" and e.cell == "t3.new.total" for e in res.log)


SAMPLE_TEXT_HEAD = (
    "某局2024年度政府信息公开工作年度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n"
    "三、收到和处理政府信息公开申请情况\n"
)
SAMPLE_TEXT_TAIL = (
    "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n四、政府信息公开行政复议、行政诉讼情况\n"
    "五、存在的主要问题及改进情况\n无。\n"
)
