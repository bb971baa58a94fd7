"""Export a report as an Excel workbook laid out like the official form (openpyxl, imported lazily).

One sheet per table, every cell of :func:`core.grid.table_grid` at exactly its grid coordinates (row 1 column A is
grid cell (1, 1)), so that :mod:`core.importers.xlsx` can read it back by the same grid and the same names (sheets,
addresses, the text sheet's blocks: :mod:`core.workbook`).  Totals are live ``=SUM()`` formulas and the workbook
asks for a full calculation on load.  A sheet "基本信息与正文" holds the agency details and the prose; a hidden sheet
"govreport" holds, as JSON per key, what the importer needs to give back the identical report (meta, texts,
explanations, last year's baseline, printed totals, and the values as exported).

Amounts in 万元 are written as numbers when the number survives the trip through a double exactly (at most 15
significant digits, checked), with a number format showing exactly their decimals; otherwise as text, so that no
binary-float artefact ever appears.
"""

from __future__ import annotations

import io
import json
import math
import os
import unicodedata
from collections.abc import Iterable
from copy import copy
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..form import TableSpec
from ..grid import GridCell, table_grid
from ..readiness import DRAFT_NOTE
from ..report import Report
from ..storage import atomic_write_bytes, to_dict
from ..values import Value
from ..workbook import (
    DATA_FORMAT,
    DATA_SHEET,
    DATA_VERSION,
    ILLEGAL_XML,
    META_LABELS,
    TEXT_SHEET,
    address,
    clean_text,
    column_letter,
    decimal_places,
    meta_shown,
    sheet_names,
    text_layout,
    total_formula,
)

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

FONT_NAME = "宋体"
FONT_SIZE = 10
CHUNK = 30000  # characters per cell of the hidden sheet (Excel's limit is 32767)

# Sizes, in Excel's units: column width in characters of the default font, row height in points.
CJK_UNITS = 2.0  # a CJK character of the table font in column-width units
LINE_PT = 14.5  # one line of the table font
ROW_MIN_PT = 20.0
MAX_ROW_PT = 409.0


def decimal_format(places: int) -> str:
    return "0" if places <= 0 else "0." + "0" * places


def exact_as_number(d: Decimal) -> bool:
    """True when ``d`` written as a spreadsheet number reads back as exactly ``d`` (no binary-float artefact)."""
    if not d.is_finite():
        return False
    if len(d.normalize().as_tuple().digits) > 15:  # a double holds 15 significant decimal digits for sure
        return False
    f = float(d)
    written = f"{f:.16g}"  # what openpyxl writes for a number ("%.16g")
    return Decimal(repr(float(written))) == d


def text_lines(text: str) -> list[str]:
    """The rows a prose text occupies on the text sheet: one per line."""
    return text.split("\n") if text else []



# --- sizes --------------------------------------------------------------------------------------------------------
def text_units(s: str) -> float:
    """Width of ``s`` in column-width units: wide (CJK) characters count double."""
    return sum(CJK_UNITS if unicodedata.east_asian_width(ch) in "WF" else 1.1 for ch in s)


def wrapped_lines(text: str, width_units: float) -> int:
    usable = max(width_units - 1.5, CJK_UNITS)
    return sum(max(1, math.ceil(text_units(line) / usable)) for line in text.split("\n"))


def _column_widths(table: TableSpec, cells: Iterable[GridCell]) -> list[float]:
    widths = [float(w) for w in table.col_widths]
    for g in cells:
        if g.kind == "head" and g.cs == 1:
            need = max(text_units(line) for line in g.wrap.split("\n")) + 2.0
            widths[g.c - 1] = max(widths[g.c - 1], need)
    return widths


def _row_heights(table: TableSpec, cells: Iterable[GridCell], widths: list[float]) -> list[float]:
    heights = [ROW_MIN_PT] * (table.rows + 1)
    spanning: list[tuple[GridCell, float]] = []
    for g in cells:
        if g.kind not in ("head", "label"):
            continue
        width = sum(widths[g.c - 1:g.c - 1 + g.cs])
        need = wrapped_lines(g.wrap or g.text, width) * LINE_PT + 6
        if g.rs == 1:
            heights[g.r] = max(heights[g.r], need)
        else:
            spanning.append((g, need))
    for g, need in spanning:
        have = sum(heights[g.r:g.r + g.rs])
        if have < need:
            extra = (need - have) / g.rs
            for r in range(g.r, g.r + g.rs):
                heights[r] += extra
    return [min(h, MAX_ROW_PT) for h in heights]


# --- building -----------------------------------------------------------------------------------------------------
class _Styles:
    """The few shared style objects (openpyxl de-duplicates them; sharing keeps export fast)."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, Side

        thin = Side(style="thin", color="000000")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.font = Font(name=FONT_NAME, size=FONT_SIZE)
        self.head_font = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
        self.title_font = Font(name=FONT_NAME, size=16, bold=True)
        self.center = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.left = Alignment(horizontal="left", vertical="center", wrap_text=True)
        self.text = Alignment(horizontal="left", vertical="top", wrap_text=True)


def _table_sheet(ws: Worksheet, report: Report, tid: str, heading: str, st: _Styles) -> None:
    from openpyxl.worksheet.merge import MergedCellRange

    form = report.form
    grid = table_grid(form, tid)
    table = grid.table
    widths = _column_widths(table, grid.cells)
    heights = _row_heights(table, grid.cells, widths)
    for c, w in enumerate(widths, start=1):
        ws.column_dimensions[column_letter(c)].width = round(w, 1)
    for r in range(1, table.rows + 1):
        ws.row_dimensions[r].height = round(heights[r], 1)

    # every position of the grid gets the thin border (merged areas included, so each program draws them); styles
    # are set once on a prototype cell and copied as style arrays (assigning style objects cell by cell is slow)
    protos = _prototypes(ws, st, table.rows + 1)
    kinds: dict[tuple[int, int], str] = {}
    inputs: dict[str, list[tuple[int, int]]] = {"count": [], "decimal": []}
    for g in grid.cells:
        if g.kind == "label":
            width = sum(widths[g.c - 1:g.c - 1 + g.cs])
            kinds[(g.r, g.c)] = "left" if wrapped_lines(g.text, width) > 1 else "center"
    for r in range(1, table.rows + 1):
        for c in range(1, table.cols + 1):
            ws.cell(row=r, column=c)._style = copy(protos[kinds.get((r, c), "center")])
    for g in grid.cells:
        cell = ws.cell(row=g.r, column=g.c)
        if g.kind in ("head", "label"):
            cell.value = g.wrap or g.text
        elif g.kind == "total":
            printed = report.printed_totals.get(g.cell_id)
            if printed is not None and printed != report.get(g.cell_id):
                _put_value(cell, printed)  # a printed total that disagrees stays visible as printed
            else:
                cell.value = total_formula(form, g.cell_id)
                cell.number_format = "0"
        else:
            spec = form.cells[g.cell_id]
            _put_value(cell, report.values.get(g.cell_id))
            inputs[spec.kind].append((g.r, g.c))
        if g.rs > 1 or g.cs > 1:
            # registered without openpyxl's merge_cells(), which rebuilds borders cell by cell; the covered
            # cells keep their (empty, bordered) content, which every spreadsheet program accepts
            ws.merged_cells.add(MergedCellRange(ws, f"{address(g.r, g.c)}:{address(g.r + g.rs - 1, g.c + g.cs - 1)}"))
    for kind, positions in inputs.items():
        if positions:
            ws.add_data_validation(_validation(kind, positions))

    last = address(table.rows, table.cols)
    ws.print_area = f"A1:{last}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if table.cols > 10 else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.page_margins.top = ws.page_margins.bottom = 0.8
    if table.header_rows:
        ws.print_title_rows = f"1:{table.header_rows}"
    ws.oddHeader.center.text = heading
    ws.oddHeader.center.font = f"{FONT_NAME},Bold"
    ws.oddHeader.center.size = 12
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.sheet_view.zoomScale = 100


def _prototypes(ws: Worksheet, st: _Styles, spare_row: int) -> dict[str, Any]:
    """Style arrays for a bordered table cell, centred or left-aligned (built on a cell that is then removed)."""
    out = {}
    for name, align in (("center", st.center), ("left", st.left)):
        cell = ws.cell(row=spare_row, column=1)
        cell.font, cell.border, cell.alignment = st.font, st.border, align
        out[name] = copy(cell._style)
    del ws._cells[(spare_row, 1)]
    return out


def _validation(kind: str, positions: list[tuple[int, int]]) -> Any:
    """Excel's own input check for the input cells: counts whole and ≥ 0, amounts ≥ 0."""
    from openpyxl.worksheet.datavalidation import DataValidation

    ranges: list[tuple[str, int, int]] = []  # first cell, row and column of the last cell of each run
    for r, c in sorted(positions):
        if ranges and ranges[-1][1] == r and ranges[-1][2] == c - 1:
            ranges[-1] = (ranges[-1][0], r, c)
        else:
            ranges.append((address(r, c), r, c))
    sqref = " ".join(first if first == address(r, c) else f"{first}:{address(r, c)}" for first, r, c in ranges)
    if kind == "decimal":
        dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True, sqref=sqref)
        dv.error, dv.errorTitle = "本栏应填写不小于0的数，单位：万元。", "金额"
    else:
        dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True, sqref=sqref)
        dv.error, dv.errorTitle = "本栏应填写不小于0的整数件数。", "件数"
    dv.showErrorMessage = True
    return dv


def _put_value(cell: Any, value: Value) -> None:
    if value is None:
        return
    if isinstance(value, Decimal):
        if exact_as_number(value):
            places = decimal_places(value)
            cell.value = int(value) if places == 0 and value == value.to_integral_value() else float(value)
            cell.number_format = decimal_format(places)
        else:
            cell.value = format(value, "f")
            cell.data_type = "s"
            cell.number_format = "@"
        return
    cell.value = value
    cell.number_format = "0"


def _put_text(cell: Any, text: str) -> None:
    """A string that stays a string (a leading '=' must not become a formula)."""
    cell.value = text
    cell.data_type = "s"


def _text_sheet(ws: Worksheet, report: Report, st: _Styles) -> None:
    blocks = text_layout(report)
    width_a = max([text_units(h) for _, h, _ in blocks] + [text_units(x) for x in META_LABELS.values()]) + 2.5
    width_b = 72.0
    ws.column_dimensions["A"].width = round(width_a, 1)
    ws.column_dimensions["B"].width = width_b
    title = ws.cell(row=1, column=1)
    _put_text(title, clean_text(report.title))
    title.font = st.title_font
    title.alignment = st.center
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=2)
    title_lines = wrapped_lines(report.title, (width_a + width_b) / 1.6)  # the title font is 1.6 times larger
    ws.row_dimensions[1].height = min(MAX_ROW_PT, max(30.0, title_lines * 22 + 8))
    r = 2
    for key, label in META_LABELS.items():
        a, b = ws.cell(row=r, column=1), ws.cell(row=r, column=2)
        _put_text(a, label)
        v = meta_shown(report, key)
        if isinstance(v, str):
            _put_text(b, clean_text(v))
        elif v is not None:
            b.value = v
        for c in (a, b):
            c.font, c.border, c.alignment = st.font, st.border, st.left
        a.font = st.head_font
        r += 1
    r += 1
    for _key, heading, text in blocks:
        head = ws.cell(row=r, column=1)
        _put_text(head, heading)
        head.font, head.alignment = st.head_font, st.text
        lines = text_lines(text) or [""]
        for i, line in enumerate(lines):
            cell = ws.cell(row=r + i, column=2)
            if line:
                _put_text(cell, clean_text(line))
            cell.font, cell.alignment = st.font, st.text
            h = wrapped_lines(line, width_b) * LINE_PT + 4
            if i == 0:
                h = max(h, wrapped_lines(heading, width_a) * LINE_PT + 4)
            ws.row_dimensions[r + i].height = min(MAX_ROW_PT, max(18.0, h))
        r += len(lines) + 1
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True


def data_rows(report: Report) -> list[tuple[str, str]]:
    """(key, JSON) rows of the hidden sheet."""
    doc = to_dict(report)
    names = sheet_names(report.form)
    rows: list[tuple[str, Any]] = [
        ("format", DATA_FORMAT), ("format_version", DATA_VERSION), ("form", report.form.id),
        ("meta", doc["meta"]), ("texts", {k: v for k, v in report.texts.items() if k in report.form.text_keys}),
        ("explanations", doc["explanations"]), ("previous", doc.get("previous")),
        ("printed_totals", doc.get("printed_totals", {})), ("cells", doc["cells"]),
    ]
    rows += [(f"sheet.{tid}", name) for tid, name in names.items()]
    return [(k, _xml_safe_json(v)) for k, v in rows]


def _xml_safe_json(v: Any) -> str:
    """JSON whose every character a cell can hold (others are written as \\uXXXX escapes, inside strings)."""
    text = json.dumps(v, ensure_ascii=False)
    return ILLEGAL_XML.sub(lambda m: "".join(f"\\u{ord(ch):04x}" for ch in m.group(0)), text)


def _data_sheet(ws: Worksheet, report: Report) -> None:
    ws.sheet_state = "hidden"
    _put_text(ws.cell(row=1, column=1), "key")
    _put_text(ws.cell(row=1, column=2), "JSON（本工作表供程序读回报告，请勿修改）")
    for i, (key, text) in enumerate(data_rows(report), start=2):
        _put_text(ws.cell(row=i, column=1), key)
        for j in range(0, max(len(text), 1), CHUNK):
            _put_text(ws.cell(row=i, column=2 + j // CHUNK), text[j:j + CHUNK])


def build_workbook(report: Report, draft: bool = False) -> Workbook:
    """The workbook for ``report`` (openpyxl object, not yet saved); ``draft`` puts "草稿" in every page header."""
    from openpyxl import Workbook
    from openpyxl.workbook.properties import CalcProperties

    st = _Styles()
    wb = Workbook()
    first = wb.active
    names = sheet_names(report.form)
    headings = {s.key: s.heading for s in report.form.sections if s.kind == "table"}
    text_ws = first
    text_ws.title = TEXT_SHEET
    _text_sheet(text_ws, report, st)
    for tid, table in report.form.tables.items():
        ws = wb.create_sheet(names[tid])
        _table_sheet(ws, report, tid, headings.get(tid, table.title), st)
    _data_sheet(wb.create_sheet(DATA_SHEET), report)
    wb.calculation = CalcProperties(fullCalcOnLoad=True)
    wb.properties.title = clean_text(report.title)[:255]
    wb.properties.creator = "govreport"
    wb.active = 0
    if draft:
        mark_draft(wb)
    return wb


def mark_draft(wb: Workbook) -> None:
    """Every visible sheet's printed page header (first, odd and even pages) says the workbook is a draft."""
    for ws in wb.worksheets:
        if ws.sheet_state == "visible":
            for header in (ws.oddHeader, ws.evenHeader, ws.firstHeader):
                header.center.text, header.center.size, header.center.color = DRAFT_NOTE, 12, "808080"


def workbook_bytes(report: Report, draft: bool = False) -> bytes:
    """The ``.xlsx`` file content for ``report``."""
    buf = io.BytesIO()
    build_workbook(report, draft).save(buf)
    return buf.getvalue()


def export_xlsx(report: Report, path: str | os.PathLike[str], draft: bool = False) -> None:
    """Write ``report`` as an Excel workbook to ``path`` atomically (``draft``: marked "草稿" in the page headers).
    Raises ``OSError`` when it cannot be written."""
    atomic_write_bytes(path, workbook_bytes(report, draft), keep_backup=False)
