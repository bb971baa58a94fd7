"""A printed total glued to the wrapped rest of its row's label is kept where the label is certain; an item number
split from its label is never a count.

Two real published PDFs printed the total of （五）5 after the second piece of the wrapped label ("确认或重新出具0"):
the inputs were read, the total was not.  Here the 淮安 2024 layout text (a real report) is printed that way.  And a
Markdown paste whose label column was split from the number rows put the next label's item number beside
（二）部分公开 ("2、") over a row of seven numbers: "2" was read as a count of （二）.
"""

from __future__ import annotations

import pytest
from cell_scores import load_expected, score
from common import SHARED

from govreport_gui.core.importers.not_counts import mask_not_counts
from govreport_gui.core.importers.published import import_text

SAMPLE = SHARED / "samples" / "huaian-2024-pdftotext-layout.txt"
EXPECTED = SHARED / "samples" / "expected" / "huaian-2024-pdftotext-layout.json"
PRINTED = """               5.要求行政机关确认或重新出
                                        1         0        0         0        0         0    1
               具已获取信息"""
CONFIRMATION = "t3.not_processed.confirmation"
pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason="the shared samples are not beside the repository")


def huaian(rows: str) -> str:
    text = SAMPLE.read_text(encoding="utf-8")
    assert PRINTED in text
    return text.replace(PRINTED, rows)


@pytest.mark.parametrize("rows", [
    "               5.要求行政机关           1         0        0         0        0         0\n"
    "               确认或重新出具1\n               已获取信息",
    "               5.要求行政机关确认或重新出   1         0        0         0        0         0\n"
    "               具已获取信息1",
    "               5.要求行政机关确认或重新出   1         0        0         0        0         0\n"
    "               具已获取信息        1",
], ids=["glued-middle", "glued-last", "apart"])
def test_a_total_after_the_wrapped_label_is_read(rows: str) -> None:
    res = import_text(huaian(rows), "huaian.txt")
    s = score(res.report, load_expected(EXPECTED))
    assert not s.wrong and s.blank == 0, str(s)
    assert res.report.printed_totals[f"{CONFIRMATION}.total"] == 1
    assert any("折行的行名之后" in e.message for e in res.entries("info"))
    assert not any("确认或重新出具" in e.message or "具已获取信息" in e.message for e in res.entries("unread"))


def test_a_glued_number_that_does_not_meet_the_total_stays_out() -> None:
    rows = ("               5.要求行政机关           1         0        0         0        0         0\n"
            "               确认或重新出具7\n               已获取信息")
    res = import_text(huaian(rows), "huaian.txt")
    s = score(res.report, load_expected(EXPECTED))
    assert not s.wrong and s.blank == 1, str(s)  # the total alone, blank and said so
    assert f"{CONFIRMATION}.total" not in res.report.printed_totals
    assert res.report.values[f"{CONFIRMATION}.natural"] == 1
    assert any("确认或重新出具7" in e.message for e in res.entries("unread"))


def test_a_number_glued_to_another_rows_label_is_not_taken() -> None:
    rows = ("               5.要求行政机关           1         0        0         0        0         0\n"
            "               要求提供公开出版物1\n               已获取信息")  # a piece of （五）3, not of this row
    res = import_text(huaian(rows), "huaian.txt")
    assert not score(res.report, load_expected(EXPECTED)).wrong
    assert f"{CONFIRMATION}.total" not in res.report.printed_totals


REPORT = ("某局2024年度政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
          "| （一）予以公开 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n"
          "| （二）部分公开（区分处理的，只计这一情形，不计其他情形） | {item} |\n"
          "| 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
          "| 其他法律行政法规禁止公开 |\n"
          "| 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
          "四、政府信息公开行政复议、行政诉讼情况\n")


@pytest.mark.parametrize("item", ["2.", "2、", "2 .", "2．", "2"])
def test_an_item_number_beside_a_label_is_never_a_count(item: str) -> None:
    res = import_text(REPORT.format(item=item), "t.txt")
    partial = {k: v for k, v in res.report.values.items() if k.startswith("t3.partial.")}
    assert 2 not in partial.values(), partial
    assert partial in ({}, {k: 0 for k in partial}) and len(partial) in (0, 6)
    assert res.report.values["t3.granted.natural"] == 5
    if item != "2":
        assert any(f"“{item.replace('．', '.')}”是序号" in e.message for e in res.entries("info"))
    else:  # a bare 2 could be a count: beside the label with a row of numbers under it, the row is not certain
        assert any("无法确定哪些数字属于这一行" in e.message for e in res.entries("warning"))


@pytest.mark.parametrize(("text", "masked"), [
    ("2.", True), ("\t2、\t", True), ("2、其他法律", True), ("12 .", True),
    ("2.5", False), ("12\t6", False), ("0.75\t3", False), ("2", False), ("3 4 5", False),
])
def test_item_number_patterns(text: str, masked: bool) -> None:
    out, found = mask_not_counts(text, 0, len(text))
    assert len(out) == len(text)
    assert bool(found) == masked, (text, found)
