"""The supervisor's review: one row per file (readable or not), duplicates, cross-year checks, the sum, the outputs.

The folder is built from the shared samples plus generated .govreport, workbook, Word and HTML reports
(``review_folder.py``); the workbook is reopened with openpyxl and the page parsed with ``html.parser``.
"""

from __future__ import annotations

from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
import review_folder as rf

from govreport_gui.core.form import load_form
from govreport_gui.core.review import CollectRefused, SumRefused, collect_files, iter_review, review
from govreport_gui.core.review.figures import key_figures, sum_cells
from govreport_gui.core.review.page import export_review_html, review_html
from govreport_gui.core.review.total import sum_reports, sum_rows
from govreport_gui.core.review.workbook import export_review_xlsx


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> rf.Folder:
    return rf.build(tmp_path_factory.mktemp("review"))


@pytest.fixture(scope="module")
def result(folder: rf.Folder):  # type: ignore[no-untyped-def]
    return review(collect_files([str(folder.root)]), collect_files([str(folder.last)]), workers=0)


def _row(result, name: str):  # type: ignore[no-untyped-def]
    return next(r for r in result.rows if r.name == name)


def test_collects_report_formats_only(folder: rf.Folder) -> None:
    names = {p.name for p in collect_files([str(folder.root)])}
    assert len(names) == folder.files
    assert "说明.jpg" not in names and ".隐藏.txt" not in names and rf.HOSTILE in names
    assert [p.name for p in collect_files([str(folder.root / "说明.jpg")])] == ["说明.jpg"]  # named: taken as is
    with pytest.raises(CollectRefused, match="找不到"):
        collect_files([str(folder.root / "没有这个文件夹")])


def test_key_figures_come_from_the_form() -> None:
    form = load_form()
    assert [k.label for k in key_figures(form)] == ["新收", "办结", "结转", "复议", "诉讼", "规范性文件现行有效"]
    assert all(c in form.cells for k in key_figures(form) for c in k.cells)
    assert {form.cells[c].table for c in sum_cells(form)} == {"t2", "t3", "t4"}
    assert not any(form.cells[c].derived for c in sum_cells(form))


def test_every_file_is_a_row_worst_first(folder: rf.Folder, result) -> None:  # type: ignore[no-untyped-def]
    assert len(result.rows) == folder.files
    assert [r.readable for r in result.rows[:2]] == [False, False]  # unreadable first
    assert "损坏" in _row(result, "损坏.xlsx").reason and "空文件" in _row(result, "空白.txt").reason
    errors = [r.errors for r in result.rows if r.readable]
    assert errors == sorted(errors, reverse=True)
    for name in ("甲县.govreport", "乙县.xlsx", "丙县.docx", "丁县.html", "戊县.pdf"):
        row = _row(result, name)
        assert row.readable and row.year == 2023, name
        agency = row.agency
        report = folder.reports[agency]
        assert row.figures == tuple(
            sum(report.get(c) or 0 for c in k.cells) for k in key_figures(report.form)
        ), name
    assert _row(result, "甲县.govreport").figures[0] == 3 + 3  # 新收 总计: 3 自然人 + the seed's 3 商业企业
    assert _row(result, "沭阳-2025.md").kind == "Markdown" and _row(result, "沭阳-2025.md").import_problems > 0
    assert _row(result, "乙县.xlsx").kind == "Excel工作簿" and _row(result, "丙县.docx").kind == "Word文档"


def test_duplicates_marked_in_both_rows(result) -> None:  # type: ignore[no-untyped-def]
    dup = [r for r in result.rows if r.duplicate]
    assert {r.name for r in dup} == {"临平-2023.govreport", "linping-2023-published.txt"}
    assert _row(result, "临平-2023.govreport").duplicate_of == ("linping-2023-published.txt",)
    assert _row(result, "linping-2023-published.txt").duplicate_of == ("临平-2023.govreport",)


def test_year_mismatch_noted(result) -> None:  # type: ignore[no-untyped-def]
    assert result.main_year == 2023
    assert any("与多数报告（2023年）不同" in n for n in _row(result, "pingtan-2022-web-glued.txt").notes)
    assert not _row(result, "乙县.xlsx").notes


def test_cross_year_checks_against_last_years_report(result) -> None:  # type: ignore[no-untyped-def]
    row = _row(result, "甲县.govreport")
    assert row.last_source == rf.LAST_NAME
    cross = [f for f in row.findings if f.message.startswith(f"与上年报告“{rf.LAST_NAME}”比对")]
    form = load_form()
    assert {f.rule for f in cross} == set(form.review["cross_year_rules"]) - {"W3"}  # 结转 and 现行有效 disagree
    assert any("上年结转为2" in f.message and "为5" in f.message for f in cross)
    assert any("现行有效件数为10" in f.message and "应为8" in f.message for f in cross)
    assert not _row(result, "乙县.xlsx").last_source  # 乙's last report is not in the folder


def test_progress_and_cancel(folder: rf.Folder) -> None:
    files = collect_files([str(folder.root)])
    seen = list(iter_review(files, workers=0))
    assert [p.done for p in seen[:-1]] == list(range(1, len(files) + 1))
    assert seen[-1].result is not None and not seen[-1].result.cancelled
    stop = {"n": 0}

    def cancel() -> bool:
        return stop["n"] >= 3

    for p in iter_review(files, workers=0, cancel=cancel):
        stop["n"] = p.done
        last = p
    assert last.result is not None and last.result.cancelled and len(last.result.rows) == 3


def test_sum_against_hand_total(folder: rf.Folder) -> None:
    res = review(collect_files([str(folder.units)]), workers=0)
    total = sum_rows(sorted(res.rows, key=lambda r: r.path), "某市人民政府")
    values = total.report.values
    assert total.report.agency == "某市人民政府" and total.report.year == 2023
    assert sorted(total.sources) == sorted(name for name, *_ in rf.UNITS.values())
    assert values["t3.new.natural"] == 3 + 4 + 5 + 6 + 7
    assert values["t2.fees.amount"] == Decimal("4.055")  # 0.35 + 1.2 + 2.005 + 0 + 0.5, exactly
    assert values["t4.review.upheld"] == 1 + 0 + 2 + 0 + 0
    assert values["t2.normative.in_force"] == 10 + 7 + 0 + 1 + 2
    for cell in sum_cells(total.report.form):
        parts = [r.values.get(cell) for r in folder.reports.values()]
        expected = None if all(p is None for p in parts) else sum(p or 0 for p in parts)
        assert values.get(cell) == expected, cell
    direct = sum_reports(list(folder.reports.values()), "某市人民政府")
    assert direct.values == values


def test_sum_refuses_mixed_years_duplicates_and_unreadable(folder: rf.Folder, result) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SumRefused, match=r"年度不一致.*2022年.*2023年"):
        sum_rows([_row(result, "乙县.xlsx"), _row(result, "pingtan-2022-web-glued.txt")], "某市")
    with pytest.raises(SumRefused, match="同一机关"):
        sum_rows([_row(result, "临平-2023.govreport"), _row(result, "linping-2023-published.txt")], "某市")
    with pytest.raises(SumRefused, match="无法读取"):
        sum_rows([_row(result, "乙县.xlsx"), _row(result, "损坏.xlsx")], "某市")
    with pytest.raises(SumRefused, match="年度不一致"):
        sum_reports([folder.reports["乙县人民政府"], rf.unit_report("戊县", 1, Decimal(1), 0, 0, year=2022)], "某市")


def test_workbook_summary_reopened(result, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "审查结果.xlsx"
    export_review_xlsx(result, out)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:2] == ["汇总", "合计"] and len(wb.sheetnames) == 2 + len(result.rows)
    ws = wb["汇总"]
    header = [c.value for c in ws[2]]
    assert header[:5] == ["序号", "机关", "年度", "源文件", "格式"]
    assert header[5:11] == list(result.figure_labels) and "重复" in header and "导入问题" in header
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3)]
    assert len(rows) == len(result.rows)
    col = {h: i for i, h in enumerate(header)}
    assert sum(r[col["重复"]] == "重复" for r in rows) == 2
    assert [r[col["源文件"]] for r in rows] == [r.shown for r in result.rows]
    assert rows[0][col["说明"]].startswith("无法读取：")
    by_file = {r[col["源文件"]]: r for r in rows}
    jia = by_file["甲县.govreport"]
    assert (jia[col["机关"]], jia[col["年度"]], jia[col["新收"]], jia[col["错误"]]) == ("甲县人民政府", 2023, 6, 2)
    assert by_file[rf.HOSTILE][col["源文件"]] == rf.HOSTILE  # a string, not a formula nor markup
    assert "共12个文件" in ws["A1"].value and "无法读取2个" in ws["A1"].value and "重复2份" in ws["A1"].value
    for i, r in enumerate(ws.iter_rows(min_row=3), 0):  # every file links to its own sheet, which exists
        link = r[col["源文件"]].hyperlink
        sheet = link.location.split("!")[0].strip("'")
        assert sheet in wb.sheetnames and wb[sheet]["A1"].value.startswith(f"{i + 1}. ")
    jia_sheet = wb[ws.cell(row=3 + [r.name for r in result.rows].index("甲县.govreport"),
                           column=col["源文件"] + 1).hyperlink.location.split("!")[0].strip("'")]
    texts = [c.value for r in jia_sheet.iter_rows() for c in r if isinstance(c.value, str)]
    assert any(t.startswith(f"与上年报告“{rf.LAST_NAME}”比对") for t in texts)
    shown = [c.value for r in wb["合计"].iter_rows() for c in r]
    assert 4.055 in shown and "计入合计的报告（6份）" in shown


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.tags: set[str] = set()
        self.text: list[str] = []
        self.summary_rows = 0
        self._in_summary = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.add(tag)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag == "a" and a.get("href"):
            self.hrefs.append(str(a["href"]))
        if tag == "table":
            self._in_summary = a.get("id") == "summary-table"
        if tag == "tr" and self._in_summary:
            self.summary_rows += 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_page_links_and_escaping(result, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "审查结果.html"
    export_review_html(result, out)
    page = out.read_text(encoding="utf-8")
    p = _Page()
    p.feed(page)
    assert p.summary_rows == 1 + len(result.rows)
    assert all(h.startswith("#") and h[1:] in p.ids for h in p.hrefs)  # every link stays in the page and lands
    assert {f"#r{i}" for i in range(1, len(result.rows) + 1)} <= set(p.hrefs)
    assert "img" not in p.tags and "script" not in p.tags and "link" not in p.tags  # no markup from the input
    assert rf.HOSTILE in "".join(p.text)
    assert "http://" not in page and "https://" not in page and "src=" not in page.replace("src=x", "")
    assert "与上年报告" in page and "4.055" in page


def test_html_of_a_hostile_agency_is_escaped(result) -> None:  # type: ignore[no-untyped-def]
    row = result.rows[2]
    saved = row.agency
    row.agency = "</table><script>alert(1)</script>"
    try:
        page = review_html(result)
    finally:
        row.agency = saved
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_unusable_last_year_files_are_listed(folder: rf.Folder, tmp_path: Path) -> None:
    last = [*collect_files([str(folder.last)]), folder.root / "损坏.xlsx", folder.root / "linping-2023-published.txt"]
    res = review([folder.units / "甲县.govreport"], last, workers=0)
    assert res.last_count == 2 and res.rows[0].last_source == rf.LAST_NAME
    assert [name for name, _why in res.last_unusable] == ["损坏.xlsx"]
    export_review_xlsx(res, tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert wb.sheetnames[:3] == ["汇总", "合计", "上年报告未用"] and wb["上年报告未用"]["A3"].value == "损坏.xlsx"
    assert "上年报告中未能用于比对的文件（1个）" in review_html(res)


def test_a_slow_file_is_stopped_by_its_timer(folder: rf.Folder, monkeypatch: pytest.MonkeyPatch) -> None:
    from govreport_gui.core.review import reading

    monkeypatch.setattr(reading, "FILE_SECONDS", 0.001)
    res = review([folder.units / "丙县.docx", folder.units / "戊县.pdf"], workers=0)
    assert all(not r.readable and "读取超过0.001秒" in r.reason for r in res.rows)
