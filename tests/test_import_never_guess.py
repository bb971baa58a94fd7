"""A number is placed in a cell only where its row is certain: the regression fixtures score zero wrong cells.

The fixtures (tests/data/never-guess) are the Shuyang 2025 Markdown conversion reshaped the way PDF→text conversions
print tables: labels detached from their rows and printed as loose text before (or after) the numbers, ``|---|`` rows
between value rows, headers split across rows, and years, dates and page numbers between the rows.  Each is scored
against the true values: before the placement rules the detached fixtures had 15, 16 and 11 wrong cells.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cell_scores import load_expected, score

from govreport_gui.core.importers.dispatch import import_file
from govreport_gui.core.importers.not_counts import mask_not_counts
from govreport_gui.core.importers.published import import_text

DATA = Path(__file__).parent / "data" / "never-guess"
EXPECTED = load_expected(DATA / "shuyang-2025-expected.json")
# fixture → the least number of right cells (of 200); wrong must be 0 for every one
FLOORS = {
    "shuyang-2025-detached-before": 200,
    "shuyang-2025-detached-after": 116,
    "shuyang-2025-noisy-rows": 200,
    "shuyang-2025-detached-noisy": 200,
    "shuyang-2025-detached-unmatched": 123,
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_fixture_has_no_wrong_cell(name: str) -> None:
    res = import_file(DATA / f"{name}.txt")
    s = score(res.report, EXPECTED)
    print(f"{name}: {s}")
    assert not s.wrong, s.wrong
    assert s.right >= FLOORS[name], str(s)


def test_rows_left_blank_are_said_so() -> None:
    res = import_file(DATA / "shuyang-2025-detached-unmatched.txt")
    said = [e for e in res.entries("warning") if "分开印出" in e.message]
    assert said and all(e.where for e in said)
    assert "t3.withheld.state_secret.natural" not in res.report.values  # its block has 7 labels for 8 rows


def test_years_dates_and_pages_are_not_counts() -> None:
    res = import_file(DATA / "shuyang-2025-noisy-rows.txt")
    said = [e.message for e in res.entries("info") if "年份、日期或页码" in e.message]
    for text in ("2024", "2025-12-31", "2025/12/31", "第 7 页", "- 8 -", "9 / 12", "5/12"):
        assert any(text in m for m in said), text


@pytest.mark.parametrize(("text", "masked"), [
    ("2024\t年", True), ("2024\n年", True), ("2024年", True), ("2025-12-31", True), ("2025.1.3", True),
    ("2026年1月23日", True), ("第 3 页", True), ("第3页，共12页", True), ("- 4 -", True), ("5/12", True),
    ("2024", False), ("705\t3\t0", False), ("12\t6", False),
])
def test_not_count_patterns(text: str, masked: bool) -> None:
    out, found = mask_not_counts(text, 0, len(text))
    assert len(out) == len(text)
    assert bool(found) == masked, (text, found)
    if masked:
        assert not any(ch.isdigit() for ch in out)


def test_a_row_of_numbers_without_its_label_between_labelled_rows_stays_blank_when_it_does_not_fit() -> None:
    text = ("某局2024年度政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
            "| 一、本年新收政府信息公开申请数量 | 2 | 1 | 0 | 0 | 0 | 0 | 3 |\n"
            "| 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n| 7 | 0 | 0 | 0 | 0 | 0 | 7 |\n"
            "| （一）予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
            "四、政府信息公开行政复议、行政诉讼情况\n")
    res = import_text(text, "t.txt")
    assert "t3.carried_in.natural" not in res.report.values  # two lines for one row: which is it?
    assert res.report.values["t3.granted.natural"] == 1
    assert any("没有行名" in e.message for e in res.entries("warning"))
