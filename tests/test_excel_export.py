"""The Excel export: reopen the written workbook and compare it cell by cell with the form's grid and the report."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from govreport_gui.core.exporters.excel import exact_as_number, export_xlsx, text_units
from govreport_gui.core.grid import table_grid
from govreport_gui.core.report import Report
from govreport_gui.core.workbook import DATA_SHEET, TEXT_SHEET, address, sheet_names, total_formula


@pytest.fixture
def book(seed: Report, tmp_path: Path) -> openpyxl.Workbook:
    out = tmp_path / "seed.xlsx"
    export_xlsx(seed, out)
    return openpyxl.load_workbook(out)


def test_sheets_named_from_the_section_headings(form, book) -> None:
    names = sheet_names(form)
    assert names == {"t2": "二、主动公开", "t3": "三、收到和处理申请", "t4": "四、行政复议、行政诉讼"}
    assert book.sheetnames == [TEXT_SHEET, *names.values(), DATA_SHEET]
    assert book[DATA_SHEET].sheet_state == "hidden"
    assert all(book[n].sheet_state == "visible" for n in [TEXT_SHEET, *names.values()])


def test_every_grid_cell_at_its_coordinates(form, seed, book) -> None:
    names = sheet_names(form)
    for tid in form.tables:
        ws = book[names[tid]]
        grid = table_grid(form, tid)
        merged = {str(m) for m in ws.merged_cells.ranges}
        expected_merges = {
            f"{address(g.r, g.c)}:{address(g.r + g.rs - 1, g.c + g.cs - 1)}" for g in grid.cells if g.rs > 1 or g.cs > 1
        }
        assert merged == expected_merges, tid
        for g in grid.cells:
            cell = ws.cell(row=g.r, column=g.c)
            if g.kind in ("head", "label"):
                assert cell.value == g.wrap, (tid, g)
                assert cell.value.replace("\n", "") == g.text
                assert cell.alignment.wrap_text
            elif g.kind == "total":
                assert cell.value == total_formula(form, g.cell_id)
                assert cell.value.startswith("=SUM(")
            else:
                v = seed.values.get(g.cell_id)
                assert cell.value == (None if v is None else int(v) if isinstance(v, Decimal) else v), g.cell_id
        assert ws.max_row == grid.table.rows and ws.max_column == grid.table.cols


def test_thin_borders_and_cjk_font_on_every_grid_position(form, seed, tmp_path: Path) -> None:
    # read-only mode shows the cells as written (openpyxl's normal mode re-derives merged cells' borders)
    out = tmp_path / "seed.xlsx"
    export_xlsx(seed, out)
    book = openpyxl.load_workbook(out, read_only=True)
    for tid, name in sheet_names(form).items():
        grid = table_grid(form, tid)
        cells = {(c.row, c.column): c for row in book[name].iter_rows() for c in row}
        for r in range(1, grid.table.rows + 1):
            for c in range(1, grid.table.cols + 1):
                cell = cells[(r, c)]
                for side in (cell.border.left, cell.border.right, cell.border.top, cell.border.bottom):
                    assert side.style == "thin", (tid, r, c)
                assert cell.font.name == "宋体"
    book.close()


def test_narrow_headers_wrap_with_the_forms_line_breaks(form, book) -> None:
    ws = book[sheet_names(form)["t3"]]
    assert ws["E3"].value == "商业\n企业"
    assert ws["G3"].value == "社会\n公益\n组织"
    ws4 = book[sheet_names(form)["t4"]]
    assert ws4["A2"].value == "结果\n维持"
    assert ws4["F2"].value == "未经复议直接起诉"


def column_widths(ws, n: int) -> list[float]:
    """Each column's width, reading ``<col min max>`` spans (adjacent equal columns are written as one)."""
    out = [0.0] * n
    for dim in ws.column_dimensions.values():
        for c in range(dim.min, min(dim.max, n) + 1):
            out[c - 1] = dim.width
    return out


def test_widths_and_heights_show_every_label(form, book) -> None:
    names = sheet_names(form)
    for tid in form.tables:
        ws = book[names[tid]]
        grid = table_grid(form, tid)
        widths = column_widths(ws, grid.table.cols)
        for c, w in enumerate(widths):
            assert w >= grid.table.col_widths[c]
        for g in grid.cells:
            if g.kind not in ("head", "label"):
                continue
            width = sum(widths[g.c - 1:g.c - 1 + g.cs])
            height = sum(ws.row_dimensions[r].height for r in range(g.r, g.r + g.rs))
            lines = sum(max(1, -(-text_units(line) // (width - 1.5))) for line in g.wrap.split("\n"))
            assert height >= lines * 14, (tid, g.text, height, lines)
            if g.kind == "head" and g.cs == 1:  # a narrow header is never broken inside its lines
                assert all(text_units(line) <= width for line in g.wrap.split("\n")), g.text


def test_print_setup(form, book) -> None:
    names = sheet_names(form)
    for tid, table in form.tables.items():
        ws = book[names[tid]]
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        # fitToWidth may be left out: 1 is its default in the file format (ECMA-376 §18.3.1.64)
        assert int(ws.page_setup.fitToWidth or 1) == 1 and int(ws.page_setup.fitToHeight) == 0
        assert ws.print_options.horizontalCentered
        assert ws.oddHeader.center.text == next(s.heading for s in form.sections if s.key == tid)
        if table.header_rows:
            assert ws.print_title_rows == f"$1:${table.header_rows}"
    assert book[names["t3"]].print_title_rows == "$1:$3"
    assert book[names["t4"]].page_setup.orientation == "landscape"


def test_full_calculation_on_load(book) -> None:
    assert book.calculation.fullCalcOnLoad is True


def test_formulas_carry_their_computed_values(form, seed: Report, tmp_path: Path) -> None:
    """A viewer that does not calculate (openpyxl data_only, pandas, phone previews) sees every total."""
    out = tmp_path / "seed.xlsx"
    export_xlsx(seed, out)
    formulas = openpyxl.load_workbook(out)
    values = openpyxl.load_workbook(out, data_only=True)
    names = sheet_names(form)
    seen = 0
    for tid in form.tables:
        for g in table_grid(form, tid).cells:
            if g.kind != "total":
                continue
            assert formulas[names[tid]].cell(row=g.r, column=g.c).value.startswith("=SUM(")
            assert values[names[tid]].cell(row=g.r, column=g.c).value == (seed.get(g.cell_id) or 0), g.cell_id
            seen += 1
    assert seen == len(form.totals)


def test_a_disagreeing_printed_total_feeds_the_cached_sums_as_excel_would(form, tmp_path: Path) -> None:
    outer = next(c for c, t in form.totals.items() if any(p in form.totals for p in t.parts))
    inner = next(p for p in form.totals[outer].parts if p in form.totals)
    some_part = form.totals[inner].parts[0]
    r = _report_with(form, **{some_part: 2})
    r.printed_totals[inner] = 7  # shown as printed; the outer total sums what the sheet shows, as Excel would
    out = tmp_path / "p.xlsx"
    export_xlsx(r, out)
    ws = openpyxl.load_workbook(out, data_only=True)[sheet_names(form)[form.cells[outer].table]]
    at = {c: (form.cells[c].r, form.cells[c].c) for c in (outer, inner)}
    assert ws.cell(*at[inner]).value == 7 and ws.cell(*at[outer]).value == 7


def test_normal_style_is_songti_with_the_chinese_charset(book) -> None:
    normal = book._named_styles["Normal"].font
    assert normal.name == "宋体" and normal.charset == 134
    assert book._fonts[0].name == "宋体" and book._fonts[0].charset == 134


def test_formulas_sum_the_right_cells(form) -> None:
    assert total_formula(form, "t3.new.total") == "=SUM(D4:I4)"
    assert total_formula(form, "t3.total.natural") == "=SUM(D6:D26)"
    assert total_formula(form, "t3.total.total") == "=SUM(D27:I27)"
    assert total_formula(form, "t4.review.total") == "=SUM(A4:D4)"
    assert total_formula(form, "t4.suit_after_review.total") == "=SUM(K4:N4)"


def test_text_sheet_has_meta_and_the_six_headings(form, seed, book) -> None:
    ws = book[TEXT_SHEET]
    col_a = {ws.cell(row=r, column=1).value: r for r in range(1, ws.max_row + 1)}
    assert ws["A1"].value == seed.title
    assert ws.cell(row=col_a["机关名称"], column=2).value == seed.agency
    assert ws.cell(row=col_a["年度"], column=2).value == 2023
    for s in form.sections:
        assert s.heading in col_a
    r = col_a["六、其他需要报告的事项"]
    assert ws.cell(row=r, column=2).value == seed.texts["other"]
    r = col_a["一、总体情况"]
    lines = seed.texts["overview"].split("\n")
    assert [ws.cell(row=r + i, column=2).value for i in range(len(lines))] == lines
    assert "开篇说明" in col_a


def _report_with(form, **values) -> Report:
    r = Report.new("测试机关", 2024, form=form)
    r.values.update(values)
    return r


def test_decimals_keep_their_exact_digits(form, tmp_path: Path) -> None:
    cases = {
        "24252.311082": (24252.311082, "0.000000"),
        "1.50": (1.5, "0.00"),
        "0": (0, "0"),
        "123456789012345678.123456": ("123456789012345678.123456", "@"),  # beyond a double: kept as text
    }
    for text, (value, fmt) in cases.items():
        out = tmp_path / "d.xlsx"
        export_xlsx(_report_with(form, **{"t2.fees.amount": Decimal(text)}), out)
        cell = openpyxl.load_workbook(out)[sheet_names(form)["t2"]]["B14"]
        assert cell.value == value and cell.number_format == fmt, text
        raw = (out.read_bytes())
        assert raw  # written


def test_exact_as_number() -> None:
    assert exact_as_number(Decimal("24252.311082"))
    assert exact_as_number(Decimal("999999999999.999"))  # 15 significant digits
    assert not exact_as_number(Decimal("9999999999999.999"))  # 16
    assert not exact_as_number(Decimal("123456789012345678.123456"))


def test_blank_cells_stay_blank(form, tmp_path: Path) -> None:
    out = tmp_path / "b.xlsx"
    export_xlsx(_report_with(form, **{"t3.new.natural": 5}), out)
    ws = openpyxl.load_workbook(out)[sheet_names(form)["t3"]]
    assert ws["D4"].value == 5
    assert ws["E4"].value is None and ws["D5"].value is None and ws["B14"].value is None
    assert ws["J4"].value == "=SUM(D4:I4)"


def test_text_that_looks_like_a_formula_stays_text(form, tmp_path: Path) -> None:
    r = Report.new("=HYPERLINK(\"x\")", 2024, form=form)
    r.texts["other"] = "=1+1\n#N/A"
    out = tmp_path / "f.xlsx"
    export_xlsx(r, out)
    ws = openpyxl.load_workbook(out)[TEXT_SHEET]
    values = [c.value for row in ws.iter_rows() for c in row]
    assert "=HYPERLINK(\"x\")" in values and "=1+1" in values and "#N/A" in values
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_a_printed_total_that_disagrees_is_exported_as_printed(form, tmp_path: Path) -> None:
    r = _report_with(form, **{"t3.new.natural": 2, "t3.new.business": 3})
    r.printed_totals["t3.new.total"] = 7
    out = tmp_path / "p.xlsx"
    export_xlsx(r, out)
    ws = openpyxl.load_workbook(out)[sheet_names(form)["t3"]]
    assert ws["J4"].value == 7
    assert ws["J5"].value == "=SUM(D5:I5)"


def test_export_is_atomic_and_refuses_an_unwritable_place(seed, tmp_path: Path) -> None:
    out = tmp_path / "a.xlsx"
    export_xlsx(seed, out)
    export_xlsx(seed, out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx"]
    with pytest.raises(OSError):
        export_xlsx(seed, tmp_path / "missing-folder" / "a.xlsx")
