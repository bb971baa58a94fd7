"""The comparison of two years (core/compare, ``govreport compare``): the seed against a changed copy finds every
changed cell and sentence and nothing else; the HTML page, the Word document and the workbook say the same, read
back; the command line's refusals."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from govreport_gui.core.compare import CompareRefused, compare_files, compare_reports
from govreport_gui.core.compare.page import comparison_html
from govreport_gui.core.compare.shown import paragraphs
from govreport_gui.core.compare.word import render_comparison_docx
from govreport_gui.core.compare.workbook import comparison_workbook_bytes
from govreport_gui.core.report import Report
from govreport_gui.core.storage import read_report, write_report

CHANGED_CELLS = {"t3.new.natural": 4, "t2.normative.issued": 2, "t2.normative.in_force": 2,
                 "t2.fees.amount": Decimal("1.25"), "t4.review.upheld": 1}
BLANKED = "t2.coercion.decisions"
OLD_SENTENCE = "2023年收到政府信息公开申请3件，已处理完成2件，申请人撤回1件。"
NEW_SENTENCE = "2024年收到政府信息公开申请7件，已全部办结。"
REWORDED_FROM = "定期召开政务公开工作人员培训会，加强交流，切实提高信息公开整体工作水平。"
REWORDED_TO = "每季度召开政务公开工作人员培训会，加强交流，切实提高信息公开整体工作水平。"
ADDED = "三是加强政策解读，本年共发布解读材料12篇。"
DROPPED = "在应对社会评议方面，采取积极态度，确保对外公开的信息有政策支持，有应对措施。"


def changed_copy(seed: Report) -> Report:
    this = read_report_copy(seed)
    this.meta["year"] = 2024
    this.meta["title"] = ""
    for cell, value in CHANGED_CELLS.items():
        this.values[cell] = value
    del this.values[BLANKED]
    this.texts["overview"] = this.texts["overview"].replace(OLD_SENTENCE, NEW_SENTENCE).replace(DROPPED, "")
    this.texts["problems"] = this.texts["problems"].replace(REWORDED_FROM, REWORDED_TO) + "\n" + ADDED
    return this


def read_report_copy(r: Report) -> Report:
    out = Report.new(r.agency, r.year)
    out.meta = dict(r.meta)
    out.values = dict(r.values)
    out.texts = dict(r.texts)
    return out


def expected_changed_cells(seed: Report) -> set[str]:
    form = seed.form
    inputs = set(CHANGED_CELLS) | {BLANKED}
    reached = {t for c in inputs for t in form.dependents.get(c, ())}
    return inputs | reached


def test_every_changed_cell_and_nothing_else(seed: Report) -> None:
    c = compare_reports(seed, changed_copy(seed))
    assert {r.cell for r in c.changed_cells} == expected_changed_cells(seed)
    rows = {r.cell: r for r in c.cells}
    assert len(rows) == len(seed.form.cells)  # every cell of every table, totals included
    assert rows["t3.new.natural"].change_text == "增加4件"  # last year 0: no percentage
    assert rows["t3.new.total"].change_text == "增加4件，增长133.3%"  # 3 → 7
    assert rows["t3.new.total"].percent == "133.3%"
    assert rows["t2.fees.amount"].change_text == "增加1.25万元"
    assert rows[BLANKED].change_text == "本年空白" and rows[BLANKED].diff is None
    assert rows["t3.granted.natural"].change_text == "持平" and not rows["t3.granted.natural"].changed


def test_every_changed_sentence_and_nothing_else(seed: Report) -> None:
    c = compare_reports(seed, changed_copy(seed))
    new_sentences, gone = set(), set()
    for s in c.sections:
        for ch in s.changes:
            if ch.tag != "equal":
                new_sentences |= {x.text for x in ch.new}
                gone |= {x.text for x in ch.old}
    assert new_sentences == {NEW_SENTENCE, REWORDED_TO, ADDED}
    assert gone == {OLD_SENTENCE, REWORDED_FROM, DROPPED}
    by_key = {s.key: s for s in c.sections}
    assert by_key["preface"].similarity == 1.0 and by_key["other"].similarity == 1.0
    assert by_key["problems"].changed_sentences == 2 and by_key["overview"].changed_sentences == 2
    # the reworded sentence is shown word by word: 定期 struck, 每季度 inserted, the rest as it was
    runs = [r for p in paragraphs(by_key["problems"]) for r in p]
    assert ("delete", "定期") in runs and ("insert", "每季度") in runs
    assert ("insert", ADDED) in runs


def test_verdict_and_cross_year(seed: Report) -> None:
    this = changed_copy(seed)
    this.values["t3.carried_in.natural"] = 2  # last year carried 0 out
    c = compare_reports(seed, this)
    assert c.verdict[0] == "结论：需要核实。" and c.attention
    assert c.verdict[-1] == "跨年度核对：2处与上年报告不衔接（W1）。"  # the column and its total
    assert [f.cells for f in c.cross_year] == [("t3.carried_in.natural",), ("t3.carried_in.total",)]
    carried = {x.label: x for x in c.carried}
    natural = next(x for label, x in carried.items() if "自然人" in label)
    assert (natural.last, natural.this, natural.agrees) == (0, 2, False)
    assert this.previous is None  # the report compared is not changed


def test_identical_tables_are_called_out(seed: Report) -> None:
    this = read_report_copy(seed)
    this.meta["year"] = 2024
    c = compare_reports(seed, this)
    assert any("所有数字与上年完全相同" in line for line in c.verdict)
    assert {s.key for s in c.copied} == {"overview", "problems"}


class _Marks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tag = ""
        self.marked: list[tuple[str, str]] = []
        self.rows: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tag = tag
        if tag == "tr":
            self.rows.append(dict(attrs).get("class") or "")

    def handle_data(self, data: str) -> None:
        if self.tag in ("del", "ins"):
            self.marked.append((self.tag, data))

    def handle_endtag(self, tag: str) -> None:
        self.tag = ""


def test_the_html_page_marks_what_changed(seed: Report) -> None:
    this = changed_copy(seed)
    this.meta["agency"] = '<script>alert("x")</script>某局'
    c = compare_reports(seed, this)
    page = comparison_html(c)
    assert "<script>" not in page and "&lt;script&gt;" in page
    parser = _Marks()
    parser.feed(page)
    assert ("ins", "每季度") in parser.marked and ("del", "定期") in parser.marked
    assert ("ins", ADDED) in parser.marked and ("del", DROPPED) in parser.marked
    tinted = [cls for cls in parser.rows if cls in ("up", "down", "blank")]
    assert len(tinted) == len(expected_changed_cells(seed))


def test_the_workbook_holds_every_cell_read_back(seed: Report, tmp_path: Path) -> None:
    import openpyxl

    this = changed_copy(seed)
    this.texts["other"] = "=HYPERLINK(\"http://x\")本年度未收取信息处理费。"
    c = compare_reports(seed, this)
    path = tmp_path / "对比.xlsx"
    path.write_bytes(comparison_workbook_bytes(c))
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["结论", "表格", "正文"]
    ws = wb["表格"]
    got = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(got) == len(c.cells)
    for i, (row, values) in enumerate(zip(c.cells, got, strict=True), 2):
        assert values[3] == (None if row.last is None else float(row.last))
        assert values[4] == (None if row.this is None else float(row.this))
        assert values[5] == (row.change_text or None)
        fill = ws.cell(row=i, column=1).fill.fgColor.rgb
        assert (fill not in (None, "00000000")) == row.changed
    formula_like = [cell for (cell,) in wb["正文"].iter_rows() if str(cell.value or "").startswith("=HYPERLINK")]
    assert len(formula_like) == 1 and formula_like[0].data_type == "s"  # text, never a formula


def test_the_word_document_holds_every_cell_read_back(seed: Report) -> None:
    import io

    import docx

    c = compare_reports(seed, changed_copy(seed))
    document = docx.Document(io.BytesIO(render_comparison_docx(c)))
    rows = [[cell.text for cell in row.cells] for t in document.tables[:-1] for row in t.rows[1:]]
    assert len(rows) == len(c.cells)
    for row, got in zip(c.cells, rows, strict=True):
        assert got[2:5] == [("" if row.last is None else str(row.last)), ("" if row.this is None else str(row.this)),
                            row.change_text]
    struck = {r.text for p in document.paragraphs for r in p.runs if r.font.strike}
    underlined = {r.text for p in document.paragraphs for r in p.runs if r.font.underline}
    assert {"定期", DROPPED} <= struck and {"每季度", ADDED} <= underlined


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "govreport_gui.cli", *args], capture_output=True, text=True)


def test_cli_compares_and_writes_three_files(seed: Report, tmp_path: Path) -> None:
    last, this = tmp_path / "2023.govreport", tmp_path / "2024.govreport"
    write_report(seed, last)
    write_report(changed_copy(seed), this)
    outs = [tmp_path / "对比.html", tmp_path / "对比.docx", tmp_path / "对比.xlsx"]
    p = run("compare", str(last), str(this), "--html", str(outs[0]), "--docx", str(outs[1]), "--xlsx", str(outs[2]))
    assert p.returncode == 0, p.stderr
    assert all(o.stat().st_size > 0 for o in outs)
    assert p.stdout.splitlines()[2] == "结论：需要核实。"
    assert "表三 一、本年新收政府信息公开申请数量 / 总计：上年3，本年7，增加4件，增长133.3%" in p.stdout
    assert "五、存在的主要问题及改进情况：相似度" in p.stdout


def test_cli_reads_a_published_report_as_last_year(seed: Report, tmp_path: Path) -> None:
    from common import SHARED

    published = SHARED / "samples" / "linping-2023-published.txt"
    if not published.exists():
        pytest.skip("shared samples not found")
    this = tmp_path / "2024.govreport"
    write_report(changed_copy(seed), this)
    c = compare_files(published, this)
    assert c.last.year == 2023 and c.last_name == published.name


def test_cli_refusals(seed: Report, tmp_path: Path) -> None:
    last, this = tmp_path / "2023.govreport", tmp_path / "2024.govreport"
    write_report(seed, last)
    write_report(changed_copy(seed), this)
    swapped = run("compare", str(this), str(last))
    assert swapped.returncode == 2 and "请先给上年的报告" in swapped.stderr and "Traceback" not in swapped.stderr
    missing = run("compare", str(tmp_path / "无.govreport"), str(this))
    assert missing.returncode == 2 and "找不到" in missing.stderr
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"PK\x03\x04" + bytes(range(256)))
    bad = run("compare", str(broken), str(this))
    assert bad.returncode == 2 and bad.stderr.startswith("govreport：") and "Traceback" not in bad.stderr
    same = run("compare", str(last), str(this), "--html", str(this))
    assert same.returncode == 2 and "不能与要比较的报告相同" in same.stderr
    assert read_report(this).year == 2024  # untouched
    with pytest.raises(CompareRefused):
        compare_files(broken, this)
