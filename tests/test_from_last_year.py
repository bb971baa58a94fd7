"""从上年报告新建 from any file the importer reads (issue 26, items 7 and 8, the core): last year's published PDF
becomes this year's draft in one step — imported, carried over, the carried values marked 待核对, the import log kept
— and the PDF's hard line breaks inside a paragraph ("邮编：⏎311100") are joined on import, never across a heading.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from common import SEED
from published_pdf import published_lines, write_pdf

from govreport_gui.core.importers.base import ImportRefused
from govreport_gui.core.importers.sections import prose
from govreport_gui.core.intake.carryover import DRAFT_MARK
from govreport_gui.core.intake.last_year import draft_from_file, read_last_year
from govreport_gui.core.intake.review_marks import STILL_UNCHECKED
from govreport_gui.core.report import Report
from govreport_gui.core.storage import dumps, loads, read_report, write_report

# The opening as a word processor wrapped it: the second line ends at "邮编：", its number on the next line.
OPENING = ["本报告根据《中华人民共和国政府信息公开条例》和有关要求编",
           "制。如对本报告有疑问请与本办公室联系（地址：临平区，邮编：",
           "311100，电话：0571-12345678）。"]


@pytest.fixture
def last_pdf(seed: Report, tmp_path: Path) -> Path:
    seed.values.update({"t3.carried_out.natural": 2, "t3.new.natural": 2})
    return write_pdf(published_lines(seed, OPENING), tmp_path / "上年报告.pdf")


def test_a_published_pdf_becomes_this_years_draft(last_pdf: Path, tmp_path: Path) -> None:
    draft = draft_from_file(last_pdf)
    report, last = draft.report, draft.last
    assert last.imported and last.report.year == 2023 and report.year == 2024
    assert report.agency == last.report.agency
    # carried: last year's 结转下年度 is this year's 上年结转, marked 待核对 and saying last year's was never checked
    assert report.values["t3.carried_in.natural"] == 2
    assert report.unchecked["t3.carried_in.natural"].startswith("转入自：2023年报告")
    assert report.unchecked["t3.carried_in.natural"].endswith(STILL_UNCHECKED)
    assert set(report.unchecked) == {c for c, _ in report.form.carry_pairs if report.values.get(c) is not None}
    assert report.previous is not None and report.previous.cells["t3.carried_out.natural"] == 2
    # the log kept: what was made from what, then the import's own lines
    assert report.import_log[0].message == "从“上年报告.pdf”导入上年报告（2023年度），结转为2024年度报告。"
    assert any(e.level == "read" for e in report.import_log)
    assert draft.notes[0].startswith("上年报告从“上年报告.pdf”导入")
    # the prose: last year's, marked as a draft, its hard line breaks joined
    assert report.texts["preface"].startswith(DRAFT_MARK)
    assert "邮编：311100，电话" in report.texts["preface"]
    # saved and reopened: the marks and the log stay
    path = tmp_path / "本年.govreport"
    write_report(report, path)
    back = read_report(path)
    assert back.unchecked == report.unchecked and back.import_log == report.import_log


def test_our_own_file_keeps_its_marks(tmp_path: Path) -> None:
    last = read_report(SEED)
    last.values["t3.carried_out.business"] = 1
    last.unchecked = {"t3.carried_out.business": "导入自：第9行"}
    path = tmp_path / "上年.govreport"
    write_report(last, path)
    got = read_last_year(path)
    assert not got.imported and got.report.unchecked == last.unchecked
    draft = draft_from_file(path)
    marks = draft.report.unchecked
    assert marks["t3.carried_in.business"] == (
        f"转入自：2023年报告{last.form.cell_title('t3.carried_out.business')}{STILL_UNCHECKED}")
    assert [c for c, w in marks.items() if w.endswith(STILL_UNCHECKED)] == ["t3.carried_in.business"]
    assert draft.notes[0] == "上年报告中还有1个导入或转入的数值未核对，本年转入的数字和核对依据可能有误。"
    assert loads(dumps(draft.report)).same_content(draft.report)


def test_a_file_that_is_no_report_is_refused_in_chinese(tmp_path: Path) -> None:
    bad = tmp_path / "预算.txt"
    bad.write_text("2024年部门预算公开说明\n一、收入预算\n", encoding="utf-8")
    with pytest.raises(ImportRefused, match="不是政府信息公开工作年度报告"):
        draft_from_file(bad)


def test_hard_wraps_are_joined_never_across_a_heading_or_a_table() -> None:
    raw = "\n".join([
        *OPENING,
        "（一）主动公开",  # a heading: never joined to the line before
        "本单位主动公开各类信息748条，其中通过政府门户网站发布",
        "公开信息173条。",
        "规章    0    0    0",  # a line of figures: never joined
        "行政规范性文件    1    0    5",
    ])
    assert prose(raw).split("\n") == [
        "".join(OPENING),
        "（一）主动公开",
        "本单位主动公开各类信息748条，其中通过政府门户网站发布公开信息173条。",
        "规章    0    0    0",
        "行政规范性文件    1    0    5",
    ]


def test_paragraphs_of_a_web_page_are_not_joined() -> None:
    para1 = "本单位高度重视政府信息公开工作，严格落实条例各项规定" * 4  # no closing mark, but no printed line either
    para2 = "全年主动公开政府信息748条。"
    assert prose(f"{para1}。\n{para2}").split("\n") == [f"{para1}。", para2]
