"""Reading workbooks and CSV: a formula is data only through its cached value, never its source text (issue 30).

- a register CSV line whose 申请人 is a DDE payload is the applicant's text: read as written, exported as a string
  cell, and read back from that workbook unchanged;
- a register workbook's formula cell gives the value its program computed; one without a computed value is refused
  for that cell (an ``unmatched`` line naming it), the rest of the line comes in;
- the report workbook's text sheet and hidden sheet: the same, with a line in the import log.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from govreport_gui.core.exporters.excel import workbook_bytes
from govreport_gui.core.exporters.register_sheet import write_register_workbook
from govreport_gui.core.form import load_form
from govreport_gui.core.importers.register_sheet import read_register
from govreport_gui.core.importers.xlsx import import_xlsx_bytes
from govreport_gui.core.register.model import Register
from govreport_gui.core.report import Report
from govreport_gui.core.storage import dumps, loads
from govreport_gui.core.workbook import META_LABELS, TEXT_SHEET

DDE = "=cmd|' /C calc'!A0"
LINK = '=HYPERLINK("http://example.invalid","点我")'
PAYLOADS = ("=1+1", DDE, "+1", "-1", "@SUM(1)", LINK)


@pytest.fixture(scope="module")
def form():  # type: ignore[no-untyped-def]
    return load_form()


def test_csv_payloads_stay_text_through_import_store_export_and_reimport(tmp_path: Path, form) -> None:
    rows = ["收到日期,申请人类型,申请人,申请内容,办理结果,备注"]
    for i, p in enumerate(PAYLOADS, 1):
        q = '"' + p.replace('"', '""') + '"'
        rows.append(f"2025-01-{i:02d},自然人,{q},{q},予以公开,{q}")
    src = tmp_path / "台账.csv"
    src.write_text("\n".join(rows) + "\n", encoding="utf-8")
    got = read_register(src, form)
    assert got.unmatched == []
    assert [(x.applicant, x.content, x.note) for x in got.lines] == [(p, p, p) for p in PAYLOADS]

    report = Report.new("某局", 2025)
    report.register = Register(got.lines, fills_table=False)
    report = loads(dumps(report))  # stored in the .govreport as the applicant's words
    out = tmp_path / "导出.xlsx"
    write_register_workbook(out, form, report.register)
    ws = openpyxl.load_workbook(out)["台账"]
    applicants = [ws.cell(row=r, column=4) for r in range(2, 2 + len(PAYLOADS))]
    assert [(c.value, c.data_type) for c in applicants] == [(p, "s") for p in PAYLOADS]
    again = read_register(out, form)
    assert [(x.applicant, x.content, x.note) for x in again.lines] == [(p, p, p) for p in PAYLOADS]
    assert again.unmatched == []


def _register_with_formulas(path: Path, cached: bool) -> None:
    """A register whose 申请人/申请内容 are formulas (with the value a program computed, or none, as openpyxl
    writes them), 收到日期 of the second line a formula too, and a string cell that merely starts with '='."""
    if cached:
        wb = xlsxwriter.Workbook(str(path))
        ws = wb.add_worksheet("台账")
        ws.write_row(0, 0, ["收到日期", "申请人类型", "申请人", "申请内容", "办理结果"])
        ws.write_row(1, 0, ["2025-01-20", "自然人"])
        ws.write_formula(1, 2, LINK, None, "点我")
        ws.write_formula(1, 3, DDE, None, "#REF!")
        ws.write_string(1, 4, "予以公开")
        ws.write_formula(2, 0, "=DATE(2025,1,21)", wb.add_format({"num_format": "yyyy-mm-dd"}), 45678)
        ws.write_row(2, 1, ["自然人"])
        ws.write_string(2, 2, "=1+1")
        wb.close()
        return
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["收到日期", "申请人类型", "申请人", "申请内容", "办理结果"])
    ws.append(["2025-01-20", "自然人", LINK, DDE, "予以公开"])  # openpyxl: formulas with no computed value
    ws.append(["=DATE(2025,1,21)", "自然人", "x", "y", "予以公开"])
    ws.cell(row=4, column=1, value="2025-01-22")
    ws.cell(row=4, column=2, value="自然人")
    c = ws.cell(row=4, column=3, value="=1+1")
    c.data_type = "s"  # a string cell that starts with "="
    wb.save(path)


def test_register_formula_cells_give_their_computed_value(tmp_path: Path, form) -> None:
    path = tmp_path / "有结果.xlsx"
    _register_with_formulas(path, cached=True)
    got = read_register(path, form)
    assert [(x.received, x.applicant, x.content) for x in got.lines] == [
        (date(2025, 1, 20), "点我", "#REF!"), (date(2025, 1, 21), "=1+1", "")]
    assert got.unmatched == []


def test_register_formula_cells_without_a_value_are_refused_and_named(tmp_path: Path, form) -> None:
    path = tmp_path / "无结果.xlsx"
    _register_with_formulas(path, cached=False)
    got = read_register(path, form)
    assert [(x.received, x.applicant, x.content, x.result) for x in got.lines] == [
        (date(2025, 1, 20), "", "", "granted"), (date(2025, 1, 22), "=1+1", "", None)]
    said = [str(u) for u in got.unmatched]
    assert said == [
        f"第2行“申请人”：“{LINK}”是没有计算结果的公式，未导入（公式不作为内容读入）",
        f"第2行“申请内容”：“{DDE}”是没有计算结果的公式，未导入（公式不作为内容读入）",
        "第3行“收到日期”：“=DATE(2025,1,21)”是没有计算结果的公式，此行未导入（公式不作为内容读入）",
    ]
    assert not any(x.applicant.startswith("=HYPERLINK") or x.content == DDE for x in got.lines)


def test_a_refused_formula_is_not_kept_nor_written_back(tmp_path: Path, form) -> None:
    """A value the import could not read is kept with its line and written back on export; a formula without a
    computed value is not such a value: its text is neither kept nor exported."""
    path = tmp_path / "无结果.xlsx"
    _register_with_formulas(path, cached=False)
    got = read_register(path, form)
    assert all(not line.unread for line in got.lines)
    out = tmp_path / "导出.xlsx"
    write_register_workbook(out, form, Register(got.lines, fills_table=False))
    texts = [c.value for row in openpyxl.load_workbook(out)["台账"].iter_rows() for c in row]
    assert LINK not in texts and DDE not in texts


def test_units_list_formula_without_a_value_is_refused(tmp_path: Path, form) -> None:
    from govreport_gui.core.review.units import UnitsRefused, read_units

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["单位名称", "类别", "上级"])
    category = next(iter(form.assessment["deadlines"]))
    ws.append(["某局", category, "某区政府"])
    ws.append([LINK, category, "某区政府"])
    path = tmp_path / "单位名单.xlsx"
    wb.save(path)
    with pytest.raises(UnitsRefused, match=r"第3行的.*是没有计算结果的公式"):
        read_units(path, form)
    cached = tmp_path / "有结果.xlsx"
    book = xlsxwriter.Workbook(str(cached))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["单位名称", "类别", "上级"])
    sheet.write_formula(1, 0, '="某"&"局"', None, "某局")
    sheet.write_row(1, 1, [category, "某区政府"])
    book.close()
    assert [u.name for u in read_units(cached, form)] == ["某局"]


# --- the report workbook ------------------------------------------------------------------------------------------
def _set_cell(data: bytes, member: str, ref: str, inner: str, kind: str = "") -> bytes:
    """``data`` with the cell ``ref`` of ``member`` replaced by ``<c r=ref t=kind>inner</c>`` (its style kept)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == member:
                text = body.decode("utf-8")
                m = re.search(rf'<c r="{ref}"( s="\d+")?[^>]*?(?:/>|>.*?</c>)', text)
                assert m, (member, ref)
                t = f' t="{kind}"' if kind else ""
                text = text[:m.start()] + f'<c r="{ref}"{m.group(1) or ""}{t}>{inner}</c>' + text[m.end():]
                body = text.encode("utf-8")
            dst.writestr(info, body)
    return out.getvalue()


def _agency_row(data: bytes) -> int:
    ws = openpyxl.load_workbook(io.BytesIO(data))[TEXT_SHEET]
    return next(r for r in range(1, 20) if ws.cell(row=r, column=1).value == META_LABELS["agency"])


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


@pytest.fixture(scope="module")
def book() -> bytes:
    report = Report.new("原机关", 2025)
    report.texts = {k: "第一行\n第二行" for k in report.form.text_keys}
    return workbook_bytes(report)


def test_report_text_cell_formula_gives_its_computed_value(book: bytes) -> None:
    r = _agency_row(book)
    data = _set_cell(book, "xl/worksheets/sheet1.xml", f"B{r}", f"<f>{_escape(LINK[1:])}</f><v>新机关</v>", "str")
    result = import_xlsx_bytes(data, "x.xlsx")
    assert result.report.meta["agency"] == "新机关"


def test_report_text_cell_formula_without_a_value_is_refused(book: bytes) -> None:
    r = _agency_row(book)
    data = _set_cell(book, "xl/worksheets/sheet1.xml", f"B{r}", f"<f>{_escape(DDE[1:])}</f>")
    result = import_xlsx_bytes(data, "x.xlsx")
    assert result.report.meta["agency"] == "原机关"  # kept as exported, not the formula's text
    unread = [e.message for e in result.log if e.level == "unread"]
    assert any(f"{TEXT_SHEET}!B{r}" in e.where and "没有计算结果的公式" in e.message for e in result.log), unread
    assert DDE not in repr(result.report.meta) and DDE not in repr(result.report.texts)


def test_report_prose_line_formula_without_a_value_is_left_blank(book: bytes) -> None:
    ws = openpyxl.load_workbook(io.BytesIO(book))[TEXT_SHEET]
    r = next(r for r in range(1, 60) if ws.cell(row=r, column=2).value == "第二行")
    data = _set_cell(book, "xl/worksheets/sheet1.xml", f"B{r}", f"<f>{_escape(LINK[1:])}</f>")
    result = import_xlsx_bytes(data, "x.xlsx")
    assert LINK not in "".join(result.report.texts.values())
    assert any(e.where == f"{TEXT_SHEET}!B{r}" and "没有计算结果的公式" in e.message for e in result.log)


def test_hidden_sheet_formula_is_not_used(book: bytes) -> None:
    ws = openpyxl.load_workbook(io.BytesIO(book))["govreport"]
    r = next(r for r in range(1, 40) if ws.cell(row=r, column=1).value == "meta")
    cached = _escape('{"agency": "伪造机关", "year": 2025}')
    data = _set_cell(book, f"xl/worksheets/sheet{len(load_form().tables) + 2}.xml", f"B{r}",
                     f'<f>"{cached}"</f><v>{cached}</v>', "str")
    result = import_xlsx_bytes(data, "x.xlsx")
    assert result.report.meta["agency"] == "原机关"  # from the visible sheet
    assert any("“meta”一项含有公式，未采用" in e.message for e in result.log)
