"""Reading our workbook back: exact round trips (property test), workbooks edited after export, hostile files."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from common import SEED as SEED_PATH
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govreport_gui.core.checks.run import check
from govreport_gui.core.exporters.excel import export_xlsx, workbook_bytes
from govreport_gui.core.form import load_form
from govreport_gui.core.importers.base import ImportRefused, ImportResult
from govreport_gui.core.importers.xlsx import import_xlsx, import_xlsx_bytes
from govreport_gui.core.report import Baseline, Report
from govreport_gui.core.workbook import DATA_SHEET, TEXT_SHEET, sheet_names

FORM = load_form()
NAMES = sheet_names(FORM)
T2, T3, T4 = NAMES["t2"], NAMES["t3"], NAMES["t4"]


def roundtrip(report: Report) -> ImportResult:
    return import_xlsx_bytes(workbook_bytes(report), "test.xlsx")


def edited(report: Report, tmp_path: Path, edit) -> ImportResult:
    """Export, change the workbook with openpyxl as a person would in Excel, save, import."""
    path = tmp_path / "edited.xlsx"
    export_xlsx(report, path)
    wb = openpyxl.load_workbook(path)
    edit(wb)
    wb.save(path)
    return import_xlsx(path)


def lines(result: ImportResult, level: str | None = None) -> list[str]:
    return [f"{e.level}|{e.where}|{e.message}" for e in result.log if level is None or e.level == level]


# --- round trips --------------------------------------------------------------------------------------------------
def test_seed_round_trip(seed: Report, tmp_path: Path) -> None:
    path = tmp_path / "seed.xlsx"
    export_xlsx(seed, path)
    result = import_xlsx(path)
    assert result.report.same_content(seed)
    assert {e.level for e in result.log} == {"read"}, lines(result)


_WEIRD = st.sampled_from(["\n", "\r\n", "\t", " ", "=", "#N/A", "\x0b", "\ufffe", "😀", "“", "，", "0", "-1", "'"])
_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
_ANY = st.characters(exclude_categories=("Cs",))
PROSE = st.lists(st.one_of(_CJK, _CJK, _WEIRD, _ANY), max_size=120).map("".join)
COUNT = st.integers(0, 10**6)
DECIMAL = st.builds(lambda n, p: Decimal(n).scaleb(-p), st.integers(0, 10**18 - 1), st.integers(0, 6))
DATE = st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}").filter(lambda s: s[0] != "0")


def _value(cid: str):
    return DECIMAL if FORM.cells[cid].kind == "decimal" else COUNT


def _cells(ids: tuple[str, ...], max_size: int):
    return st.lists(st.sampled_from(ids), max_size=max_size, unique=True).flatmap(
        lambda chosen: st.fixed_dictionaries({c: _value(c) for c in chosen})
    )


@st.composite
def reports(draw) -> Report:
    r = Report(form=FORM)
    meta = draw(st.fixed_dictionaries({}, optional={
        "agency": st.one_of(st.none(), PROSE.map(lambda s: s[:1000])),
        "year": st.one_of(st.none(), st.integers(1990, 2999)),
        "title": st.one_of(st.none(), PROSE),
        "published": st.one_of(st.none(), st.just(""), DATE),
    }))
    r.meta = meta
    r.values = draw(st.one_of(_cells(FORM.inputs, len(FORM.inputs)), st.just({})))
    r.texts = draw(st.dictionaries(st.sampled_from(list(FORM.text_keys)), PROSE))
    rule_ids = st.sampled_from([x["id"] for x in FORM.rules])
    keys = st.one_of(rule_ids, rule_ids.map(lambda r: f"{r}|t3.new.natural|1|0"))  # per rule (old) or per finding
    r.explanations = draw(st.dictionaries(keys, PROSE, max_size=3))
    if draw(st.booleans()):
        r.previous = Baseline(year=draw(st.one_of(st.none(), st.integers(1990, 2999))),
                              cells=draw(_cells(tuple(FORM.cells), 30)))
    r.printed_totals = draw(_cells(FORM.derived, 4))
    return r


@settings(max_examples=int(__import__("os").environ.get("GOVREPORT_XLSX_EXAMPLES", "40")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(reports())
def test_property_export_then_import_gives_back_the_identical_report(report: Report) -> None:
    result = roundtrip(report)
    back = result.report
    assert back.values == report.values
    for cid, v in report.values.items():  # decimals keep their exact digits, trailing zeros included
        assert str(back.values[cid]) == str(v)
    assert back.meta == report.meta
    assert back.texts == report.texts
    assert back.same_content(report)
    assert not result.entries("unread") and not result.entries("missing")


def test_decimals_exact_including_text_fallback() -> None:
    for text in ["24252.311082", "0.000001", "1.50", "100", "999999999999999999.999999"]:
        r = Report.new("某机关", 2024, form=FORM)
        r.values["t2.fees.amount"] = Decimal(text)
        back = roundtrip(r).report.values["t2.fees.amount"]
        assert str(back) == text


# --- edited after export ------------------------------------------------------------------------------------------
def test_a_changed_value_comes_in_and_is_logged(seed: Report, tmp_path: Path) -> None:
    def edit(wb):
        wb[T3]["D4"] = 5  # 一、本年新收 / 自然人
        wb[T2]["B14"] = 12.5  # the fee

    result = edited(seed, tmp_path, edit)
    assert result.report.values["t3.new.natural"] == 5
    assert result.report.values["t2.fees.amount"] == Decimal("12.5")
    assert result.report.get("t3.new.total") == 8
    log = lines(result, "info")
    assert any(f"{T3}!D4" in x and "导出时为0，现为5" in x for x in log), log
    assert any(f"{T2}!B14" in x and "现为12.5" in x for x in log), log


def test_an_overwritten_total_that_disagrees_becomes_a_finding(seed: Report, tmp_path: Path) -> None:
    def edit(wb):
        wb[T3]["J4"] = 9  # the printed 总计 of 一、本年新收 (its parts sum to 3)
        wb[T3]["E27"] = 3  # a number equal to its parts: fine
        wb[T4]["E4"] = 1

    result = edited(seed, tmp_path, edit)
    rep = result.report
    assert rep.printed_totals == {"t3.new.total": 9, "t4.review.total": 1}
    assert rep.get("t3.new.total") == 3  # never silently corrected, never silently taken either
    mismatches = lines(result, "mismatch")
    assert len(mismatches) == 2
    assert f"{T3}!J4" in mismatches[0] and "表中的合计为9" in mismatches[0] and "各项之和为3" in mismatches[0]
    assert any(f"{T3}!E27" in x and "不是公式" in x for x in lines(result, "info"))
    found = {(f.rule, f.cells[0]) for f in check(rep)}
    assert ("H2", "t3.new.total") in found and ("H4", "t4.review.total") in found


def test_a_deleted_sheet_is_reported_and_its_cells_are_blank(seed: Report, tmp_path: Path) -> None:
    result = edited(seed, tmp_path, lambda wb: wb.remove(wb[T4]))
    rep = result.report
    assert not any(c.startswith("t4.") for c in rep.values)
    assert rep.values["t3.new.business"] == 3 and rep.values["t2.fees.amount"] == 0
    missing = lines(result, "missing")
    assert missing == [f"missing|{T4}|缺少工作表“{T4}”：表四的12个单元格未读入，均为空白。"]
    assert rep.texts == seed.texts and rep.meta == seed.meta


def test_a_renamed_sheet_is_found_by_its_labels(seed: Report, tmp_path: Path) -> None:
    def edit(wb):
        wb[T3].title = "表三"

    result = edited(seed, tmp_path, edit)
    assert result.report.values == seed.values
    assert any("表三" in x and "按内容认定" in x for x in lines(result, "warning"))


def test_text_in_a_number_cell(seed: Report, tmp_path: Path) -> None:
    def edit(wb):
        wb[T3]["E5"] = "三件"
        wb[T3]["F5"] = "１２"  # full-width digits typed as text: readable
        wb[T2]["B3"] = "-1"

    result = edited(seed, tmp_path, edit)
    rep = result.report
    assert "t3.carried_in.business" not in rep.values
    assert rep.values["t3.carried_in.research"] == 12
    assert "t2.regulations.issued" not in rep.values
    unread = lines(result, "unread")
    assert any(f"{T3}!E5" in x and "“三件”" in x for x in unread), unread
    assert any(f"{T2}!B3" in x and "负数" in x for x in unread), unread
    assert any(f"{T3}!F5" in x and "已按数字12读入" in x for x in lines(result, "warning"))


def test_a_formula_where_a_number_belongs(seed: Report, tmp_path: Path) -> None:
    def edit(wb):
        wb[T3]["D6"] = "=1+2"  # openpyxl stores no computed result: not read, logged
        wb[T3]["J6"] = "=SUM(D6:H6)"  # a total's formula changed

    result = edited(seed, tmp_path, edit)
    assert "t3.granted.natural" not in result.report.values
    unread = lines(result, "unread")
    assert any(f"{T3}!D6" in x and "公式“=1+2”" in x for x in unread), unread
    assert any(f"{T3}!J6" in x and "合计公式被改为" in x for x in lines(result, "warning"))


def test_a_formula_with_a_computed_result_uses_the_result(seed: Report, tmp_path: Path) -> None:
    """Excel, WPS and LibreOffice store each formula's result; a formula typed into an input cell uses it."""
    path = tmp_path / "calc.xlsx"
    export_xlsx(seed, path)
    data = _rewrite(path.read_bytes(), "xl/worksheets/sheet3.xml", lambda x: x, cell_formula=("D6", "1+2", "3"))
    result = import_xlsx_bytes(data, "calc.xlsx")
    assert result.report.values["t3.granted.natural"] == 3
    assert any(f"{T3}!D6" in x and "已采用其计算结果3" in x for x in lines(result, "warning"))


def _rewrite(data: bytes, member: str, fix, cell_formula: tuple[str, str, str] | None = None) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == member:
                text = fix(body.decode("utf-8"))
                if cell_formula:
                    ref, formula, cached = cell_formula
                    start = text.index(f'<c r="{ref}"')
                    end = text.index(">", start)
                    if text[end - 1] == "/":  # <c r="D6" s="1"/>
                        text = text[:end - 1] + f"><f>{formula}</f><v>{cached}</v></c>" + text[end + 1:]
                    else:
                        close = text.index("</c>", end)
                        text = text[:end + 1] + f"<f>{formula}</f><v>{cached}</v>" + text[close:]
                body = text.encode("utf-8")
            dst.writestr(info, body)
    return out.getvalue()


def test_floats_from_other_programs_are_accepted_when_integral(seed: Report, tmp_path: Path) -> None:
    def edit(wb):
        wb[T3]["D4"] = 3.0
        wb[T3]["E4"] = 2.5

    result = edited(seed, tmp_path, edit)
    assert result.report.values["t3.new.natural"] == 3 and isinstance(result.report.values["t3.new.natural"], int)
    assert "t3.new.business" not in result.report.values
    assert any(f"{T3}!E4" in x and "整数" in x for x in lines(result, "unread"))


def test_moved_rows_are_reported_with_their_addresses(seed: Report, tmp_path: Path) -> None:
    result = edited(seed, tmp_path, lambda wb: wb[T3].insert_rows(10))
    warnings = lines(result, "warning")
    assert any(f"{T3}!C10" in x and "应为“3.危及“三安全一稳定””" in x and "移动" in x for x in warnings), warnings
    assert any("表三有" in x and "处标签与表格格式不符" in x for x in warnings)
    # each row whose label moved is read where its label now stands
    assert result.report.values == seed.values
    assert any(f"{T3}!C17" in x and "“1.本机关不掌握相关政府信息”一行在第17行而不是第16行" in x for x in warnings)


def test_a_row_moved_with_changed_figures(seed: Report, tmp_path: Path) -> None:
    def edit(wb):
        ws = wb[T3]
        ws.insert_rows(8)  # a blank row above （三）1, as a clerk might insert for notes
        ws["E17"] = 4  # （四）1 / 商业企业, now one row lower

    result = edited(seed, tmp_path, edit)
    assert result.report.values["t3.unavailable.not_held.business"] == 4
    assert result.report.values["t3.new.business"] == 3


def test_prose_and_meta_edited_in_the_workbook(seed: Report, tmp_path: Path) -> None:
    def edit(wb):
        ws = wb[TEXT_SHEET]
        for row in ws.iter_rows(min_col=1, max_col=1):
            a = row[0]
            if a.value == "六、其他需要报告的事项":
                ws.cell(row=a.row, column=2).value = "本年度收取信息处理费0.01万元。"
            if a.value == "机关名称":
                ws.cell(row=a.row, column=2).value = "某某局"
            if a.value == "发布日期":
                ws.cell(row=a.row, column=2).value = "2024-01-30"

    result = edited(seed, tmp_path, edit)
    rep = result.report
    assert rep.texts["other"] == "本年度收取信息处理费0.01万元。"
    assert rep.texts["overview"] == seed.texts["overview"]
    assert rep.meta["agency"] == "某某局" and rep.meta["published"] == "2024-01-30"
    infos = lines(result, "info")
    assert any("六、其他需要报告的事项" in x and "正文已在工作簿中修改" in x for x in infos), infos
    assert any("机关名称" in x for x in infos)


def test_without_the_hidden_sheet_the_visible_sheets_are_read(seed: Report, tmp_path: Path) -> None:
    result = edited(seed, tmp_path, lambda wb: wb.remove(wb[DATA_SHEET]))
    rep = result.report
    assert rep.values == seed.values
    assert rep.texts == seed.texts
    assert rep.meta["agency"] == seed.agency and rep.meta["year"] == 2023 and rep.title == seed.title
    assert any("没有程序信息工作表" in x for x in lines(result, "info"))


# --- refusals -----------------------------------------------------------------------------------------------------
def test_refuses_what_is_not_a_workbook_of_ours(tmp_path: Path) -> None:
    cases = {
        "empty.xlsx": b"",
        "text.xlsx": "不是工作簿".encode(),
        "old.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512,
        "truncated.xlsx": workbook_bytes(Report.new("x", 2024))[:3000],
    }
    other = io.BytesIO()
    openpyxl.Workbook().save(other)
    cases["other.xlsx"] = other.getvalue()
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("a.txt", "x")
    cases["zip.xlsx"] = zipped.getvalue()
    messages = {}
    for name, data in cases.items():
        p = tmp_path / name
        p.write_bytes(data)
        with pytest.raises(ImportRefused) as exc:
            import_xlsx(p)
        messages[name] = str(exc.value)
    assert "空文件" in messages["empty.xlsx"]
    assert "旧版Excel（.xls）" in messages["old.xls"]
    assert "不是本程序导出的报告工作簿" in messages["other.xlsx"]
    assert "xl/workbook.xml" in messages["zip.xlsx"]
    assert all("\n" not in m and m for m in messages.values())
    with pytest.raises(ImportRefused, match="找不到文件"):
        import_xlsx(tmp_path / "absent.xlsx")
    with pytest.raises(ImportRefused, match="文件夹"):
        import_xlsx(tmp_path)


def test_refuses_a_zip_bomb_before_parsing(tmp_path: Path) -> None:
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (60 * 1024 * 1024))
    assert len(bomb.getvalue()) < 1024 * 1024
    p = tmp_path / "bomb.xlsx"
    p.write_bytes(bomb.getvalue())
    with pytest.raises(ImportRefused, match="解压后过大"):
        import_xlsx(p)
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w") as z:
        for i in range(1500):
            z.writestr(f"x/{i}", "")
    p.write_bytes(many.getvalue())
    with pytest.raises(ImportRefused, match="部件过多"):
        import_xlsx(p)


def test_refuses_xml_entities(seed: Report) -> None:
    """openpyxl parses through defusedxml: an entity declaration (billion laughs, XXE) is refused, not expanded."""
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML
    laughs = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
    for member in ("xl/workbook.xml", "xl/worksheets/sheet3.xml"):
        data = _rewrite(workbook_bytes(seed), member, lambda x: laughs + (x.split("?>", 1)[1] if "?>" in x else x))
        with pytest.raises(ImportRefused) as exc:
            import_xlsx_bytes(data, "evil.xlsx")
        assert "evil.xlsx" in str(exc.value) and "不安全" in str(exc.value)


_SEED_BOOK: dict[str, bytes] = {}


def _seed_book() -> bytes:
    if not _SEED_BOOK:
        from govreport_gui.core.storage import read_report

        seed = read_report(SEED_PATH)
        _SEED_BOOK["b"] = workbook_bytes(seed)
    return _SEED_BOOK["b"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**9), st.integers(0, 255)), min_size=1, max_size=8))
def test_damaged_bytes_are_refused_or_read_never_crash(flips) -> None:
    data = bytearray(_seed_book())
    for pos, byte in flips:
        data[pos % len(data)] = byte
    try:
        result = import_xlsx_bytes(bytes(data), "damaged.xlsx")
    except ImportRefused as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert isinstance(result.report.values, dict)


_CELL_XML = st.sampled_from([
    '<c r="{ref}" t="b"><v>1</v></c>', '<c r="{ref}" t="e"><v>#DIV/0!</v></c>', '<c r="{ref}"><v>1e308</v></c>',
    '<c r="{ref}"><v>-0.5</v></c>', '<c r="{ref}" t="str"><v>十二</v></c>', '<c r="{ref}"><v>2.5</v></c>',
    '<c r="{ref}" t="inlineStr"><is><t>1,234</t></is></c>', '<c r="{ref}"><f>SUM(A1:A2)</f><v>7</v></c>',
    '<c r="{ref}" t="d"><v>2024-01-31T00:00:00</v></c>', '<c r="{ref}"><v>12345678901234567890</v></c>',
])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["D4", "J4", "E27", "D14", "J28", "A4"]), _CELL_XML), min_size=1,
                max_size=4, unique_by=lambda x: x[0]))
def test_odd_cell_contents_are_logged_never_crash(edits) -> None:
    def fix(xml: str) -> str:
        for ref, cell in edits:
            start = xml.index(f'<c r="{ref}"')
            end = xml.index(">", start)
            end = end + 1 if xml[end - 1] == "/" else xml.index("</c>", end) + 4
            xml = xml[:start] + cell.format(ref=ref) + xml[end:]
        return xml

    result = import_xlsx_bytes(_rewrite(_seed_book(), "xl/worksheets/sheet3.xml", fix), "odd.xlsx")
    for ref, _ in edits:
        if ref in ("D4", "D14"):  # input cells: whatever was there is either read or logged with its address
            cid = {"D4": "t3.new.natural", "D14": "t3.withheld.enforcement_file.natural"}[ref]
            assert cid in result.report.values or any(e.where.endswith(f"!{ref}") for e in result.log)
