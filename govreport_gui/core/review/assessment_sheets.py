"""The assessment in the review workbook: a 考核 sheet first (every unit, best score first, each item's points beside
the score), then a sheet per 上级 (its units and their sums), and 名单外 for reports of agencies not on the list.

Texts are written as strings (a name starting with ``=`` never becomes a formula) and cleaned of characters XML
forbids; the sums are numbers.  Sheet names are unique, without the characters Excel refuses, ≤ 31 characters.
"""

from __future__ import annotations

import re
from typing import Any

from ..exporters.excel import MAX_ROW_PT, clean_text, wrapped_lines
from .assessment import Assessment, UnitResult
from .assessment_shown import (
    OUTSIDE_HEADER,
    SUM_HEADER,
    headline,
    outside_cells,
    rank_of,
    sum_cells,
    unit_cells,
    unit_header,
)

ASSESSMENT, OUTSIDE = "考核", "名单外"
_SHEET_BAD = re.compile(r"[\[\]:*?/\\'\x00-\x1f]")
WIDTHS = {"名次": 5, "单位名称": 18, "类别": 5, "上级": 12, "报送情况": 6, "源文件": 16, "发布日期": 10, "法定期限": 10,
          "按期公布": 5, "缺少的部分": 12, "照抄上年的部分": 14, "扣分说明": 32, "备注": 12}
POINT_WIDTH = 6  # the columns of figures and points


def _put(ws: Any, r: int, c: int, value: object, bold: bool = False, wrap: bool = True) -> None:
    from openpyxl.styles import Alignment, Font

    cell = ws.cell(row=r, column=c)
    if isinstance(value, str):
        cell.value = clean_text(value)
        cell.data_type = "s"
    elif value is not None:
        cell.value = value
    cell.alignment = Alignment(wrap_text=wrap, vertical="top")
    if bold:
        cell.font = Font(bold=True)


def _sheet_title(base: str, taken: set[str]) -> str:
    base = _SHEET_BAD.sub("", base).strip() or "上级"
    name, n = base[:31], 2
    while name.lower() in taken:
        name = f"{base[:31 - len(str(n)) - 1]}~{n}"
        n += 1
    taken.add(name.lower())
    return name


def _units_table(ws: Any, r: int, a: Assessment, units: list[UnitResult]) -> int:
    header = unit_header(a)
    widths = [WIDTHS.get(h, POINT_WIDTH) for h in header]
    for c, h in enumerate(header, 1):
        _put(ws, r, c, h, bold=True)
    ws.row_dimensions[r].height = 15.0 * max(wrapped_lines(h, w) for h, w in zip(header, widths, strict=True))
    for rank, u in zip(rank_of(units), units, strict=True):
        r += 1
        values = unit_cells(rank, u)
        for c, v in enumerate(values, 1):
            _put(ws, r, c, v)
        lines = max(wrapped_lines(v, w) for v, w in zip(values, widths, strict=True) if isinstance(v, str) and v)
        if lines > 1:  # LibreOffice and the printout do not grow a row to its wrapped text
            ws.row_dimensions[r].height = min(MAX_ROW_PT, 15.0 * lines)
    for c, w in enumerate(widths, 1):
        ws.column_dimensions[ws.cell(row=1, column=c).column_letter].width = w
    return r


def _sums(ws: Any, r: int, groups: list[Any]) -> int:
    """The sums of ``groups`` from column B on (column A is the narrow 名次)."""
    for c, h in enumerate(SUM_HEADER, 2):
        _put(ws, r, c, h, bold=True)
    for g in groups:
        r += 1
        for c, v in enumerate(sum_cells(g), 2):
            _put(ws, r, c, v, bold=g.superior == "合计")
    return r


def _landscape(ws: Any) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def add_assessment_sheets(wb: Any, a: Assessment) -> None:
    """Put 考核, a sheet per 上级 and (if any) 名单外 at the front of ``wb``, 考核 the sheet it opens on."""
    taken = {ws.title.lower() for ws in wb.worksheets}
    ws = wb.create_sheet(_sheet_title(ASSESSMENT, taken), 0)
    _put(ws, 1, 1, headline(a), bold=True, wrap=False)
    end = _units_table(ws, 3, a, a.units)
    ws.freeze_panes = "C4"
    ws.auto_filter.ref = f"A3:{ws.cell(row=3, column=len(unit_header(a))).column_letter}{end}"
    _put(ws, end + 2, 1, "各上级合计", bold=True, wrap=False)
    _sums(ws, end + 3, [*a.groups, a.total])
    _landscape(ws)
    for i, g in enumerate(a.groups, 1):
        sheet = wb.create_sheet(_sheet_title(f"上级 {g.superior}", taken), i)
        line = f"{g.superior}：{g.units}个单位，已报送{g.received}个，总分{g.total_score}，平均分{g.average}"
        _put(sheet, 1, 1, line, bold=True, wrap=False)
        mine = [u for u in a.units if u.unit is not None and u.unit.superior == g.superior]
        end = _units_table(sheet, 3, a, mine)
        _sums(sheet, end + 2, [g])
        sheet.freeze_panes = "C4"
        _landscape(sheet)
    if a.outside:
        sheet = wb.create_sheet(_sheet_title(OUTSIDE, taken), len(a.groups) + 1)
        _put(sheet, 1, 1, f"不在单位名单中的报告（{len(a.outside)}份，未计分）", bold=True)
        for c, h in enumerate(OUTSIDE_HEADER, 1):
            _put(sheet, 3, c, h, bold=True)
        for r, u in enumerate(a.outside, 4):
            for c, v in enumerate(outside_cells(u), 1):
                _put(sheet, r, c, v)
        for col, w in zip("ABCD", (30, 30, 8, 30), strict=True):
            sheet.column_dimensions[col].width = w
    wb.active = 0
