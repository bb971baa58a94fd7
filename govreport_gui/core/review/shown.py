"""What the review's outputs show, shared by the workbook and the HTML page so both say the same thing.

The summary's columns, each file's facts, the overall counts line and the rows of the sum are built here once;
:mod:`.workbook` and :mod:`.page` only lay them out.  Everything is plain text (escaping is the layout's job).
"""

from __future__ import annotations

from decimal import Decimal

from ..checks.finding import SEVERITY_NAMES
from ..values import Value, format_value
from .reading import FileReview
from .run import ReviewResult
from .total import SumResult

SEVERITY = dict(SEVERITY_NAMES)  # the one word per severity the window and the command line use (错误, 警告)
LEVELS = {
    "info": "信息", "read": "读取", "mismatch": "不一致", "missing": "缺失", "unread": "未识别",
    "warning": SEVERITY_NAMES["warning"], "error": SEVERITY_NAMES["error"], "unchecked": "待核对",
}
DUPLICATE = "重复"
COPIED = "照抄上年"  # the sections ≥ the copied-text rule's threshold like last year's (with --last)
LAST_UNUSABLE = "上年报告中未能用于比对的文件"
NO_CELL = "—"  # a column a row of the sum does not have (Table 二 has different columns per row)
SHOWN_DUPLICATES = 3  # other files named in a duplicate's note (a folder of copies would name hundreds)


def fmt(v: Value | str) -> str:
    if v is None:
        return ""
    if isinstance(v, Decimal | int):
        return format_value(v)
    return str(v)


def summary_header(result: ReviewResult) -> list[str]:
    return ["序号", "机关", "年度", "源文件", "格式", *result.figure_labels, "错误", SEVERITY_NAMES["warning"],
            "导入问题", DUPLICATE, COPIED, "上年报告", "说明"]


def summary_cells(result: ReviewResult, i: int, row: FileReview) -> list[Value | str]:
    """One summary row, aligned with :func:`summary_header` (blank figures for an unreadable file)."""
    figures: list[Value | str] = list(row.figures) or [None] * len(result.figure_labels)
    src = row.shown or row.name
    if not row.readable:
        return [i, "", None, src, row.kind, *figures, None, None, None, "", "", "", f"无法读取：{row.reason}"]
    return [
        i, row.agency, row.year, src, row.kind, *figures, row.errors, row.warnings, row.import_problems,
        DUPLICATE if row.duplicate else "", copied_text(row), row.last_source, notes(row),
    ]


def copied_text(row: FileReview) -> str:
    """The sections copied from last year's report, with their similarity ("" when none or not compared)."""
    return "、".join(f"{label}（{pct}）" for label, pct in row.copied)


def notes(row: FileReview) -> str:
    parts = list(row.notes)
    if row.duplicate:
        others = "、".join(f"“{n}”" for n in row.duplicate_of[:SHOWN_DUPLICATES])
        if len(row.duplicate_of) > SHOWN_DUPLICATES:
            others += f"等{len(row.duplicate_of)}个文件"
        parts.insert(0, f"与{others}为同一机关同一年度")
    return "；".join(parts)


def facts(row: FileReview) -> list[tuple[str, str]]:
    """The facts heading a report's own sheet or section."""
    out = [("源文件", row.shown or row.name), ("格式", row.kind)]
    if not row.readable:
        return [*out, ("无法读取", row.reason)]
    out += [("机关", row.agency or "（未识别）"), ("年度", fmt(row.year) or "（未识别）"),
            ("错误", str(row.errors)), (SEVERITY_NAMES["warning"], str(row.warnings)),
            ("导入问题", str(row.import_problems)),
            ("上年报告", row.last_source or "（未找到，未作跨年度比对）")]
    if row.duplicate or row.notes:
        out.append(("说明", notes(row)))
    return out


def counts_line(result: ReviewResult) -> str:
    rows = result.rows
    unreadable = sum(not r.readable for r in rows)
    with_errors = sum(r.errors > 0 for r in rows)
    dup = sum(r.duplicate for r in rows)
    line = (f"共{len(rows)}个文件：可读取{len(rows) - unreadable}份，无法读取{unreadable}个，有错误{with_errors}份，"
            f"重复{dup}份")
    if result.last_count:
        line += f"，与上年报告比对{sum(bool(r.last_source) for r in rows)}份"
    if result.cancelled:
        line += "（审查已取消，仅列出已读取的文件）"
    return line + "。"


def sum_heading(total: SumResult) -> str:
    year = total.report.year
    return f"{year}年度{len(total.sources)}份报告的合计（表二、表三、表四逐格相加）"


def sum_grids(total: SumResult) -> list[tuple[str, list[str], list[tuple[str, list[Value | str]]]]]:
    """Each summed table as (title, column labels, [(row label, values)]); a cell the row lacks is :data:`NO_CELL`."""
    report = total.report
    form = report.form
    out = []
    for tid in form.review.get("sum_tables", ()):
        spec = form.tables[tid]
        used = [c for c in spec.column_ids if any(spec.cell_id(r, c) in form.cells for r in spec.row_ids)]
        rows: list[tuple[str, list[Value | str]]] = []
        for r in spec.row_ids:
            cells = [spec.cell_id(r, c) for c in used]
            rows.append((spec.row_labels[r], [report.get(c) if c in form.cells else NO_CELL for c in cells]))
        out.append((spec.title, [spec.column_labels[c] for c in used], rows))
    return out
