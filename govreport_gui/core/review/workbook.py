"""The review as an Excel workbook: 汇总 (one row per file, worst first), 合计, and one sheet per report.

Every text written is the file's own (names, agencies, messages quoting prose): it is kept a string (a leading
``=`` never becomes a formula), stripped of characters XML forbids and cut at Excel's cell limit.  Sheet names are
built from a running number and the agency or file name, without the characters Excel refuses, ≤ 31 characters and
unique; the summary links each row to its sheet and each sheet links back.  Money stays exact: a Decimal that a
float cannot hold is written as text.  Measured: the workbook of 1,000 reviewed files (about 1,000 sheets, 1.8 MB)
is built in 2.8 s on the shared 2-core machine (``benchmarks/bench_review.py``; 8–12 s before styles were copied).
"""

from __future__ import annotations

import io
import os
import re
from decimal import Decimal
from typing import Any

from ..atomic import atomic_write_bytes
from ..exporters.excel import MAX_ROW_PT, clean_text, decimal_format, decimal_places, exact_as_number, wrapped_lines
from ..values import Value
from .assessment import Assessment
from .assessment_sheets import add_assessment_sheets
from .reading import FileReview
from .run import ReviewResult
from .shown import (
    COPIED,
    LAST_UNUSABLE,
    LEVELS,
    NO_CELL,
    SEVERITY,
    counts_line,
    facts,
    sum_grids,
    sum_heading,
    summary_cells,
    summary_header,
)

SUMMARY, TOTAL, LAST_SHEET = "汇总", "合计", "上年报告未用"
MESSAGE_WIDTH = 90  # the column of findings and log lines on a report's sheet
_SHEET_BAD = re.compile(r"[\[\]:*?/\\'\x00-\x1f]")


def sheet_name(i: int, row: FileReview, taken: set[str]) -> str:
    base = _SHEET_BAD.sub("", row.agency or os.path.splitext(row.name)[0]).strip() or "报告"
    name = f"{i} {base}"[:31].rstrip()
    n = 2
    while name.lower() in taken:
        suffix = f"~{n}"
        name = f"{i} {base}"[: 31 - len(suffix)].rstrip() + suffix
        n += 1
    taken.add(name.lower())
    return name


def _put(ws: Any, r: int, c: int, value: Value | str, bold: bool = False, wrap: bool = False, top: bool = False) -> Any:
    cell = ws.cell(row=r, column=c)
    if value is None:
        pass
    elif isinstance(value, str):
        cell.value = clean_text(value)
        cell.data_type = "s"
    elif isinstance(value, Decimal):
        if exact_as_number(value):
            cell.value = float(value)
            cell.number_format = decimal_format(decimal_places(value))
        else:
            cell.value = format(value, "f")
            cell.data_type = "s"
    else:
        cell.value = value
    if bold or wrap or top:
        _style(cell, (bold, wrap, top, cell.number_format), lambda: _plain_style(cell, bold, wrap, top))
    return cell


def _style(cell: Any, key: tuple[object, ...], first: Any) -> None:
    """Give ``cell`` a style built once per workbook (openpyxl compares every new Font/Alignment it is given with
    the workbook's: copying the finished style array is 5× faster for a thousand sheets)."""
    from copy import copy

    cache = cell.parent.parent.__dict__.setdefault("_review_styles", {})
    if key in cache:
        cell._style = copy(cache[key])
    else:
        first()
        cache[key] = copy(cell._style)


def _plain_style(cell: Any, bold: bool, wrap: bool, top: bool) -> None:
    from openpyxl.styles import Alignment, Font

    if bold:
        cell.font = Font(bold=True)
    if wrap or top:
        cell.alignment = Alignment(wrap_text=wrap, vertical="top")


def _link(cell: Any, sheet: str, label: str | None = None) -> None:
    from openpyxl.styles import Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{sheet}'!A1", display=label)
    key = ("link", cell.alignment.wrap_text, cell.alignment.vertical)
    _style(cell, key, lambda: setattr(cell, "font", Font(color="0563C1", underline="single")))


def build_review_workbook(result: ReviewResult, assessment: Assessment | None = None) -> Any:
    """The whole review as an openpyxl workbook (汇总 first, then 合计, then one sheet per file, worst first); with
    an ``assessment``, its sheets come first (:mod:`.assessment_sheets`)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = SUMMARY
    taken = {SUMMARY.lower(), TOTAL.lower(), LAST_SHEET.lower()}
    names = [sheet_name(i, r, taken) for i, r in enumerate(result.rows, 1)]
    _put(ws, 1, 1, "审查结果：" + counts_line(result), bold=True)
    header = summary_header(result)
    for c, h in enumerate(header, 1):
        _put(ws, 2, c, h, bold=True, wrap=True)
    src_col = header.index("源文件") + 1
    wrapped = {header.index("说明") + 1, header.index("机关") + 1, src_col, header.index(COPIED) + 1}
    widths = {"序号": 5, "机关": 22, "年度": 6, "源文件": 28, "格式": 10, "说明": 40, "上年报告": 18, COPIED: 18}
    for i, row in enumerate(result.rows, 1):
        lines = 1
        for c, v in enumerate(summary_cells(result, i, row), 1):
            _put(ws, i + 2, c, v, wrap=c in wrapped, top=True)
            if c in wrapped and isinstance(v, str):
                lines = max(lines, wrapped_lines(v, widths[header[c - 1]]))
        if lines > 1:  # Excel grows such a row when opened, LibreOffice and the printout do not
            ws.row_dimensions[i + 2].height = min(MAX_ROW_PT, 15.0 * lines)
        _link(ws.cell(row=i + 2, column=src_col), names[i - 1])
    ws.freeze_panes = "A3"
    _print_wide(ws)
    ws.print_title_rows = "2:2"
    ws.auto_filter.ref = f"A2:{ws.cell(row=2, column=len(header)).column_letter}{len(result.rows) + 2}"
    for c, h in enumerate(header, 1):
        ws.column_dimensions[ws.cell(row=2, column=c).column_letter].width = widths.get(h, 7)
    ws.row_dimensions[2].height = 45  # the longer figure names wrap in their narrow columns
    _total_sheet(wb.create_sheet(TOTAL), result)
    if result.last_unusable:
        _last_sheet(wb.create_sheet(LAST_SHEET), result)
    for i, row in enumerate(result.rows, 1):
        _report_sheet(wb.create_sheet(names[i - 1]), i, row)
    if assessment is not None:
        add_assessment_sheets(wb, assessment)
    return wb


def _print_wide(ws: Any) -> None:
    """Printed landscape, all columns on one page width."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _total_sheet(ws: Any, result: ReviewResult) -> None:
    from openpyxl.styles import Alignment

    total = result.total
    _link(_put(ws, 1, 4, "返回汇总"), SUMMARY)
    if total is None:
        _put(ws, 1, 1, "没有可以合计的报告。", bold=True)
        return
    _put(ws, 1, 1, sum_heading(total), bold=True)
    r = 1
    for title, columns, rows in sum_grids(total):
        r += 2
        _put(ws, r, 1, title, bold=True)
        r += 1
        for c, h in enumerate(["项目", *columns], 1):
            _put(ws, r, c, h, bold=True, wrap=True)
        for label, values in rows:
            r += 1
            _put(ws, r, 1, label)
            for c, v in enumerate(values, 2):
                cell = _put(ws, r, c, v)
                if v == NO_CELL:
                    cell.alignment = Alignment(horizontal="center")
    r += 2
    _put(ws, r, 1, f"计入合计的报告（{len(total.sources)}份）", bold=True)
    for name in total.sources:
        r += 1
        _put(ws, r, 1, name)
    if total.left_out:
        r += 2
        _put(ws, r, 1, f"未计入合计的文件（{len(total.left_out)}个）", bold=True)
        for name, why in total.left_out:
            r += 1
            _put(ws, r, 1, name)
            _put(ws, r, 2, why)
    ws.column_dimensions["A"].width = 50
    for col in "BCDEFGH":
        ws.column_dimensions[col].width = 11
    _print_wide(ws)


def _last_sheet(ws: Any, result: ReviewResult) -> None:
    _put(ws, 1, 1, f"{LAST_UNUSABLE}（{len(result.last_unusable)}个）", bold=True)
    _link(_put(ws, 1, 4, "返回汇总"), SUMMARY)
    for r, (name, why) in enumerate(result.last_unusable, 3):
        _put(ws, r, 1, name)
        _put(ws, r, 2, why, wrap=True)
    _widths(ws)


def _report_sheet(ws: Any, i: int, row: FileReview) -> None:
    _put(ws, 1, 1, f"{i}. {row.agency or row.name}", bold=True)
    _link(_put(ws, 1, 4, "返回汇总"), SUMMARY)
    r = 2
    for label, text in facts(row):
        r += 1
        _put(ws, r, 1, label, bold=True)
        _put(ws, r, 2, text, wrap=True)
    if not row.readable:
        _widths(ws)
        return
    r += 2
    _put(ws, r, 1, f"检查结果（{row.errors}个错误，{row.warnings}个警告）", bold=True)
    r += 1
    for c, h in enumerate(("序号", "类别", "规则", "说明", "已说明"), 1):
        _put(ws, r, c, h, bold=True)
    for n, f in enumerate(row.findings, 1):
        r += 1
        for c, v in enumerate((n, SEVERITY.get(f.severity, f.severity), f.rule, f.message, "是" if f.explained else ""),
                              1):
            _put(ws, r, c, v, wrap=c == 4)
        _fit_height(ws, r, f.message)
    if row.errors + row.warnings > len(row.findings):
        r += 1
        _put(ws, r, 4, f"另有{row.errors + row.warnings - len(row.findings)}条未列出。")
    if row.log:
        r += 2
        _put(ws, r, 1, "导入记录", bold=True)
        for line in row.log:
            r += 1
            _put(ws, r, 2, LEVELS.get(line.level, line.level))
            _put(ws, r, 4, line.text, wrap=True)
            _fit_height(ws, r, line.text)
    _widths(ws)


def _fit_height(ws: Any, r: int, text: str) -> None:
    lines = wrapped_lines(text, MESSAGE_WIDTH)
    if lines > 1:
        ws.row_dimensions[r].height = min(MAX_ROW_PT, 15.0 * lines)


def _widths(ws: Any) -> None:
    for col, w in zip("ABCDE", (12, 40, 8, MESSAGE_WIDTH, 8), strict=True):
        ws.column_dimensions[col].width = w
    _print_wide(ws)


def review_workbook_bytes(result: ReviewResult, assessment: Assessment | None = None) -> bytes:
    out = io.BytesIO()
    build_review_workbook(result, assessment).save(out)
    return out.getvalue()


def export_review_xlsx(result: ReviewResult, path: str | os.PathLike[str],
                       assessment: Assessment | None = None) -> None:
    """Write the review workbook atomically (the previous version kept as ``.bak``)."""
    atomic_write_bytes(path, review_workbook_bytes(result, assessment))
