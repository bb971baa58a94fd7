"""The comparison as an Excel workbook (XlsxWriter): 结论 (the verdict, the cross-year rules, the carried figures), 表格
(every cell, both years, the change) and 正文 (each section with its changes marked).

Every text is written with ``write_string`` (or ``write_rich_string`` for a marked paragraph), so that a name or a
sentence starting with ``=`` never becomes a formula; characters XML forbids are removed and cells are cut at
Excel's limit.  Figures are numbers where a double holds them exactly (an amount in 万元 otherwise stays text), the
change's percentage a string as the drafts write it.  Changed rows are tinted as on the HTML page.
"""

from __future__ import annotations

import io
import os
from decimal import Decimal
from typing import Any

from ..atomic import atomic_write_bytes
from ..exporters.excel import decimal_format, exact_as_number
from ..values import Value
from ..workbook import clean_text, decimal_places
from .page import row_class
from .run import Comparison
from .shown import (
    CARRIED_HEADER,
    CELL_HEADER,
    carried_values,
    cell_values,
    file_lines,
    legend,
    paragraphs,
    section_heading,
    tables_of,
)

EXCEL_CELL_CHARS = 32767
TINTS = {"up": "#E6F4EA", "down": "#FDECEA", "blank": "#FFF6E0"}


def _text(s: str) -> str:
    return clean_text(s)[:EXCEL_CELL_CHARS]


class _Formats:
    def __init__(self, wb: Any) -> None:
        base = {"font_name": "宋体", "font_size": 10, "valign": "top"}
        self.wb = wb
        self.plain = wb.add_format({**base, "text_wrap": True})
        self.bold = wb.add_format({**base, "bold": True})
        self.title = wb.add_format({**base, "bold": True, "font_size": 14})
        self.head = wb.add_format({**base, "bold": True, "bg_color": "#EEF2F7", "border": 1, "text_wrap": True})
        self.red = wb.add_format({**base, "bold": True, "font_color": "#B00020"})
        self.deleted = wb.add_format({**base, "font_strikeout": True, "font_color": "#B00020"})
        self.inserted = wb.add_format({**base, "underline": 1, "font_color": "#0B6B2B"})
        self.base = base
        self._cells: dict[tuple[str, str], Any] = {}

    def cell(self, tint: str, num_format: str = "") -> Any:
        """A bordered cell, tinted (``tint`` a key of :data:`TINTS` or ""), with a number format if given."""
        key = (tint, num_format)
        if key not in self._cells:
            spec: dict[str, Any] = {**self.base, "border": 1, "text_wrap": not num_format}
            if tint:
                spec["bg_color"] = TINTS[tint]
            if num_format:
                spec["num_format"] = num_format
            self._cells[key] = self.wb.add_format(spec)
        return self._cells[key]


def _put_value(ws: Any, r: int, c: int, v: Value, fm: _Formats, tint: str) -> None:
    if v is None:
        ws.write_blank(r, c, None, fm.cell(tint))
    elif isinstance(v, Decimal):
        if exact_as_number(v):
            ws.write_number(r, c, float(v), fm.cell(tint, decimal_format(decimal_places(v))))
        else:
            ws.write_string(r, c, format(v, "f"), fm.cell(tint, "@"))
    else:
        ws.write_number(r, c, v, fm.cell(tint, "0"))


def _header(ws: Any, r: int, header: tuple[str, ...], fm: _Formats) -> None:
    for c, h in enumerate(header):
        ws.write_string(r, c, h, fm.head)


def _summary_sheet(ws: Any, c: Comparison, fm: _Formats) -> None:
    ws.write_string(0, 0, _text(c.title()), fm.title)
    r = 2
    for k, v in file_lines(c):
        ws.write_string(r, 0, k, fm.bold)
        ws.write_string(r, 1, _text(v), fm.plain)
        r += 1
    level, *lines = c.verdict
    r += 1
    ws.write_string(r, 0, level, fm.red if c.attention else fm.bold)
    for line in lines:
        r += 1
        ws.write_string(r, 1, _text(line), fm.plain)
    r += 2
    ws.write_string(r, 0, "跨年度核对", fm.bold)
    for f in c.cross_year:
        r += 1
        ws.write_string(r, 0, f.rule, fm.plain)
        ws.write_string(r, 1, _text(f.message), fm.plain)
    r += 2
    _header(ws, r, CARRIED_HEADER, fm)
    for x in c.carried:
        r += 1
        tint = "down" if x.agrees is False else ""
        v = carried_values(x)
        ws.write_string(r, 0, _text(v[0]), fm.cell(tint))
        for col, value in enumerate((x.last, x.expected, x.this), 1):
            _put_value(ws, r, col, value, fm, tint)
        ws.write_string(r, 4, v[4], fm.cell(tint))
    ws.set_column(0, 0, 16)
    ws.set_column(1, 1, 90)
    ws.set_column(2, 4, 10)


def _cells_sheet(ws: Any, c: Comparison, fm: _Formats) -> None:
    _header(ws, 0, ("表格", *CELL_HEADER), fm)
    r = 0
    for title, rows in tables_of(c):
        for row in rows:
            r += 1
            tint = row_class(row)
            v = cell_values(row)
            ws.write_string(r, 0, title, fm.cell(tint))
            ws.write_string(r, 1, v[0], fm.cell(tint))
            ws.write_string(r, 2, v[1], fm.cell(tint))
            _put_value(ws, r, 3, row.last, fm, tint)
            _put_value(ws, r, 4, row.this, fm, tint)
            ws.write_string(r, 5, v[4], fm.cell(tint))
            ws.write_string(r, 6, v[5], fm.cell(tint))
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, r, 6)
    for col, width in enumerate((22, 40, 14, 9, 9, 22, 9)):
        ws.set_column(col, col, width)


def _prose_sheet(ws: Any, c: Comparison, fm: _Formats) -> None:
    ws.write_string(0, 0, legend(), fm.plain)
    r = 1
    for s in c.sections:
        if not s.last.strip() and not s.this.strip():
            continue
        r += 1
        ws.write_string(r, 0, _text(section_heading(s)), fm.red if s.copied else fm.bold)
        for runs in paragraphs(s):
            r += 1
            parts: list[Any] = []
            for tag, text in runs:
                piece = _text(text)
                if not piece:
                    continue
                if tag == "equal":
                    parts.append(piece)
                else:
                    parts += [fm.deleted if tag == "delete" else fm.inserted, piece]
            if len(parts) == 1:
                ws.write_string(r, 0, parts[0], fm.plain)
            elif len(parts) == 2:  # one marked run: a rich string needs more than two fragments
                ws.write_string(r, 0, parts[1], parts[0])
            elif parts and ws.write_rich_string(r, 0, *parts, fm.plain) < 0:  # too long for one cell: plain
                ws.write_string(r, 0, _text("".join(t for _, t in runs)), fm.plain)
    ws.set_column(0, 0, 110)


def comparison_workbook_bytes(c: Comparison) -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    fm = _Formats(wb)
    _summary_sheet(wb.add_worksheet("结论"), c, fm)
    _cells_sheet(wb.add_worksheet("表格"), c, fm)
    _prose_sheet(wb.add_worksheet("正文"), c, fm)
    wb.close()
    return out.getvalue()


def export_comparison_xlsx(c: Comparison, path: str | os.PathLike[str]) -> None:
    """Write the workbook atomically."""
    atomic_write_bytes(path, comparison_workbook_bytes(c))
