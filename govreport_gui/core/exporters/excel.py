"""Export a report as an Excel workbook laid out like the official form (XlsxWriter, imported lazily).

One sheet per table, every cell of :func:`core.grid.table_grid` at exactly its grid coordinates (row 1 column A is
grid cell (1, 1)), so that :mod:`core.importers.xlsx` can read it back by the same grid and the same names (sheets,
addresses, the text sheet's blocks: :mod:`core.workbook`).  Totals are live ``=SUM()`` formulas that carry their
computed value (the cached value), so that viewers which do not calculate — phone previews, pandas, openpyxl with
``data_only=True`` — show the totals; the workbook still asks for a full calculation on load (Excel, LibreOffice,
WPS recalculate).  The Normal style is 宋体 with the Chinese (GB2312) charset, so anything typed later matches.

Why XlsxWriter: openpyxl cannot store a formula's cached value (it writes the formula with an empty value), while
XlsxWriter's ``write_formula(..., value=)`` does; it also writes faster.  openpyxl stays the reader
(:mod:`core.importers.xlsx`) and writes the review workbook (8 ms instead of 21 ms for the sample report here).

A sheet "基本信息与正文" holds the agency details and the prose; a hidden sheet "govreport" holds, as JSON per key,
what the importer needs to give back the identical report.  Amounts in 万元 are numbers when they survive a double
exactly (≤ 15 significant digits, checked), shown with exactly their decimals; otherwise text (no float artefacts).
"""

from __future__ import annotations

import io
import json
import math
import os
import unicodedata
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..atomic import atomic_write_bytes
from ..checks.readiness import DRAFT_NOTE
from ..form import TableSpec
from ..grid import GridCell, table_grid
from ..report import Report
from ..storage import to_dict
from ..values import Value
from ..workbook import (
    DATA_FORMAT,
    DATA_SHEET,
    DATA_VERSION,
    ILLEGAL_XML,
    META_LABELS,
    TEXT_SHEET,
    clean_text,
    decimal_places,
    meta_shown,
    sheet_names,
    text_layout,
    total_formula,
)

if TYPE_CHECKING:  # pragma: no cover
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

FONT_NAME = "宋体"
FONT_SIZE = 10
GB2312_CHARSET = 134  # the font charset Excel gives 宋体 in a Chinese workbook
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
    written = f"{f:.16g}"  # what XlsxWriter (and openpyxl) write for a number ("%.16G")
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
class _Formats:
    """The few shared cell formats (XlsxWriter formats belong to one workbook)."""

    def __init__(self, wb: Workbook) -> None:
        base = {"font_name": FONT_NAME, "font_size": FONT_SIZE, "font_charset": GB2312_CHARSET, "text_wrap": True,
                "valign": "vcenter"}
        grid = {**base, "border": 1, "border_color": "#000000"}
        self.center = wb.add_format({**grid, "align": "center"})
        self.left = wb.add_format({**grid, "align": "left"})
        self._numbers: dict[tuple[str, str], Format] = {}
        self._wb, self._grid = wb, grid
        self.meta_label = wb.add_format({**grid, "align": "left", "bold": True})
        self.meta_value = wb.add_format({**grid, "align": "left"})
        self.head = wb.add_format({**base, "bold": True, "valign": "top", "align": "left"})
        self.text = wb.add_format({**base, "valign": "top", "align": "left"})
        self.title = wb.add_format({**base, "font_size": 16, "bold": True, "align": "center"})
        self.plain = wb.add_format({"font_name": FONT_NAME, "font_charset": GB2312_CHARSET})

    def number(self, num_format: str, align: str = "center") -> Format:
        """A bordered grid cell with a number format (``"0"``, ``"0.00"``, ``"@"`` for text)."""
        key = (num_format, align)
        if key not in self._numbers:
            self._numbers[key] = self._wb.add_format({**self._grid, "align": align, "num_format": num_format})
        return self._numbers[key]


def _sheet_values(report: Report) -> dict[str, float | int]:
    """What each value cell holds as a number once a spreadsheet has calculated: inputs written as numbers, printed
    totals as printed, other totals the SUM of their parts (blank parts count 0, as in SUM).  The formulas' cached
    values come from here, so that they are exactly what Excel computes on opening."""
    form = report.form
    out: dict[str, float | int] = {}

    def value(cid: str) -> float | int:
        if cid in out:
            return out[cid]
        if cid in form.totals:
            printed = report.printed_totals.get(cid)
            if printed is not None and printed != report.get(cid):
                v = _number(printed) or 0
            else:
                v = sum(value(p) for p in form.totals[cid].parts)
        else:
            v = _number(report.values.get(cid)) or 0
        out[cid] = v
        return v

    for cid in form.cells:
        value(cid)
    return out


def _number(v: Value) -> float | int | None:
    """``v`` as the number the sheet holds, ``None`` for a blank or a decimal written as text."""
    if v is None:
        return None
    if isinstance(v, Decimal):
        if not exact_as_number(v):
            return None
        return int(v) if decimal_places(v) == 0 and v == v.to_integral_value() else float(v)
    return v


def _draft_line(draft: bool) -> str:  # a draft's second header line: grey, under the heading
    return f'\n&"{FONT_NAME},Regular"&10&K808080{DRAFT_NOTE}' if draft else ""


def _table_sheet(
    ws: Worksheet, report: Report, tid: str, heading: str, fm: _Formats, sheet: Mapping[str, float | int],
    draft: bool = False,
) -> None:
    form = report.form
    grid = table_grid(form, tid)
    table = grid.table
    widths = _column_widths(table, grid.cells)
    heights = _row_heights(table, grid.cells, widths)
    for c, w in enumerate(widths):
        ws.set_column(c, c, round(w, 1))
    for r in range(1, table.rows + 1):
        ws.set_row(r - 1, round(heights[r], 1))

    # every position of the grid gets the thin border (merged areas included, so each program draws them)
    align: dict[tuple[int, int], str] = {}
    for g in grid.cells:
        if g.kind == "label":
            width = sum(widths[g.c - 1:g.c - 1 + g.cs])
            align[(g.r, g.c)] = "left" if wrapped_lines(g.text, width) > 1 else "center"
    covered: set[tuple[int, int]] = set()
    for g in grid.cells:
        if g.rs > 1 or g.cs > 1:
            fmt = fm.left if align.get((g.r, g.c)) == "left" else fm.center
            ws.merge_range(g.r - 1, g.c - 1, g.r + g.rs - 2, g.c + g.cs - 2, "", fmt)
            covered |= {(r, c) for r in range(g.r, g.r + g.rs) for c in range(g.c, g.c + g.cs)}
    for r in range(1, table.rows + 1):
        for c in range(1, table.cols + 1):
            if (r, c) not in covered:
                ws.write_blank(r - 1, c - 1, None, fm.left if align.get((r, c)) == "left" else fm.center)
    inputs: dict[str, list[tuple[int, int]]] = {"count": [], "decimal": []}
    for g in grid.cells:
        r, c = g.r - 1, g.c - 1
        if g.kind in ("head", "label"):
            ws.write_string(r, c, g.wrap or g.text, fm.left if align.get((g.r, g.c)) == "left" else fm.center)
        elif g.kind == "total":
            printed = report.printed_totals.get(g.cell_id)
            if printed is not None and printed != report.get(g.cell_id):
                _put_value(ws, r, c, printed, fm)  # a printed total that disagrees stays visible as printed
            else:
                ws.write_formula(r, c, total_formula(form, g.cell_id), fm.number("0"), sheet[g.cell_id])
        else:
            _put_value(ws, r, c, report.values.get(g.cell_id), fm)
            inputs[form.cells[g.cell_id].kind].append((g.r, g.c))
    for kind, positions in inputs.items():
        for first, last in _runs(positions):
            ws.data_validation(first[0] - 1, first[1] - 1, last[0] - 1, last[1] - 1, _validation(kind))

    ws.print_area(0, 0, table.rows - 1, table.cols - 1)
    ws.set_paper(9)  # A4
    if table.cols > 10:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_margins(left=0.6, right=0.6, top=0.8, bottom=0.8)
    if table.header_rows:
        ws.repeat_rows(0, table.header_rows - 1)
    ws.set_header(f'&C&"{FONT_NAME},Bold"&12{heading.replace("&", "&&")}{_draft_line(draft)}')
    ws.set_footer("&C第 &P 页，共 &N 页")


def _runs(positions: list[tuple[int, int]]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Runs of horizontally adjacent cells: (first, last) (row, column) pairs."""
    runs: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for r, c in sorted(positions):
        if runs and runs[-1][1] == (r, c - 1):
            runs[-1] = (runs[-1][0], (r, c))
        else:
            runs.append(((r, c), (r, c)))
    return runs


def _validation(kind: str) -> dict[str, Any]:
    """Excel's own input check for the input cells: counts whole and ≥ 0, amounts ≥ 0."""
    if kind == "decimal":
        return {"validate": "decimal", "criteria": ">=", "value": 0, "ignore_blank": True,
                "error_title": "金额", "error_message": "本栏应填写不小于0的数，单位：万元。"}
    return {"validate": "integer", "criteria": ">=", "value": 0, "ignore_blank": True,
            "error_title": "件数", "error_message": "本栏应填写不小于0的整数件数。"}


def _put_value(ws: Worksheet, r: int, c: int, value: Value, fm: _Formats) -> None:
    if value is None:
        return
    if isinstance(value, Decimal):
        number = _number(value)
        if number is not None:
            ws.write_number(r, c, number, fm.number(decimal_format(decimal_places(value))))
        else:
            ws.write_string(r, c, format(value, "f"), fm.number("@"))
        return
    ws.write_number(r, c, value, fm.number("0"))


def _text_sheet(ws: Worksheet, report: Report, fm: _Formats) -> None:
    blocks = text_layout(report)
    width_a = max([text_units(h) for _, h, _ in blocks] + [text_units(x) for x in META_LABELS.values()]) + 2.5
    width_b = 72.0
    ws.set_column(0, 0, round(width_a, 1))
    ws.set_column(1, 1, width_b)
    ws.merge_range(0, 0, 0, 1, "", fm.title)
    ws.write_string(0, 0, clean_text(report.title), fm.title)  # a string: a leading '=' never becomes a formula
    title_lines = wrapped_lines(report.title, (width_a + width_b) / 1.6)  # the title font is 1.6 times larger
    ws.set_row(0, min(MAX_ROW_PT, max(30.0, title_lines * 22 + 8)))
    r = 1
    for key, label in META_LABELS.items():
        ws.write_string(r, 0, label, fm.meta_label)
        v = meta_shown(report, key)
        if isinstance(v, str):
            ws.write_string(r, 1, clean_text(v), fm.meta_value)
        elif v is not None:
            ws.write_number(r, 1, v, fm.meta_value)
        else:
            ws.write_blank(r, 1, None, fm.meta_value)
        r += 1
    r += 1
    for _key, heading, text in blocks:
        ws.write_string(r, 0, heading, fm.head)
        lines = text_lines(text) or [""]
        for i, line in enumerate(lines):
            if line:
                ws.write_string(r + i, 1, clean_text(line), fm.text)
            else:
                ws.write_blank(r + i, 1, None, fm.text)
            h = wrapped_lines(line, width_b) * LINE_PT + 4
            if i == 0:
                h = max(h, wrapped_lines(heading, width_a) * LINE_PT + 4)
            ws.set_row(r + i, min(MAX_ROW_PT, max(18.0, h)))
        r += len(lines) + 1
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()


def data_rows(report: Report) -> list[tuple[str, str]]:
    """(key, JSON) rows of the hidden sheet."""
    doc = to_dict(report, omit_applicants=True, counted_cells=True)  # Table 三 as shown; never the register
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


def _data_sheet(ws: Worksheet, report: Report, fm: _Formats) -> None:
    ws.hide()
    ws.write_string(0, 0, "key", fm.plain)
    ws.write_string(0, 1, "JSON（本工作表供程序读回报告，请勿修改）", fm.plain)
    for i, (key, text) in enumerate(data_rows(report), start=1):
        ws.write_string(i, 0, key, fm.plain)
        for j in range(0, max(len(text), 1), CHUNK):
            ws.write_string(i, 1 + j // CHUNK, text[j:j + CHUNK], fm.plain)


def workbook_bytes(report: Report, draft: bool = False) -> bytes:
    """The ``.xlsx`` file content for ``report``; a ``draft`` says so in every visible sheet's page header."""
    import xlsxwriter

    buf = io.BytesIO()
    normal = {"font_name": FONT_NAME, "font_size": FONT_SIZE, "font_charset": GB2312_CHARSET}
    wb = xlsxwriter.Workbook(buf, {
        "in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False,
        "default_format_properties": normal,  # the Normal style: what anything typed later is written in
    })
    fm = _Formats(wb)
    names = sheet_names(report.form)
    headings = {s.key: s.heading for s in report.form.sections if s.kind == "table"}
    sheet = _sheet_values(report)
    text_ws = wb.add_worksheet(TEXT_SHEET)
    _text_sheet(text_ws, report, fm)
    text_ws.set_header(f"&C{_draft_line(draft).lstrip()}" if draft else "")
    for tid, table in report.form.tables.items():
        _table_sheet(wb.add_worksheet(names[tid]), report, tid, headings.get(tid, table.title), fm, sheet, draft)
    _data_sheet(wb.add_worksheet(DATA_SHEET), report, fm)
    wb.set_calc_mode("auto")  # with XlsxWriter's fullCalcOnLoad: every program recalculates on opening
    wb.set_properties({"title": clean_text(report.title)[:255], "author": "govreport"})
    wb.close()
    return buf.getvalue()


def export_xlsx(report: Report, path: str | os.PathLike[str], draft: bool = False) -> None:
    """Write ``report`` as an Excel workbook to ``path`` atomically.  Raises ``OSError`` when it cannot be written."""
    atomic_write_bytes(path, workbook_bytes(report, draft), keep_backup=False)
