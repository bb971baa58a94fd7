"""Values the clerk still has to check after an import or a carry-over (no Qt: the window only draws them).

After 文件→导入… every input cell that received a value is marked with where it was read (the import log's
``where``); after 从上年报告新建… the carried cells (this year's 上年结转, the form's ``[carry_over]`` pairs) are
marked.  The marks are the report's ``unchecked`` (saved in the file since format 4); the window's controller shows
them and drops those the clerk checks.  :func:`import_notes` turns an import's log into the lines the report keeps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..report import ImportNote, Report

if TYPE_CHECKING:
    from ..importers.base import ImportResult

IMPORTED = "导入"
CARRIED = "从上年转入"
CARRIED_PREFIX = "转入自："
STILL_UNCHECKED = "（上年的这个数值导入后尚未核对）"


def is_carried(where: str) -> bool:
    """True for a mark set by carry-over (its text says where from: "转入自：…")."""
    return where.startswith(CARRIED_PREFIX)


def import_notes(result: ImportResult) -> list[ImportNote]:
    """The import's log as the report keeps it (``Report.import_log``)."""
    return [ImportNote(e.level, e.message, e.cell, e.where) for e in result.log]


# --- marks ----------------------------------------------------------------------------------------------------------
def marks_from_import(result: ImportResult, source_name: str) -> dict[str, str]:
    """Cell id → "导入自：…" for every input cell the import filled (blank cells have nothing to confirm)."""
    report = result.report
    form = report.form
    where: dict[str, str] = {}
    sheets: dict[str, str] = {}  # table id → where a whole table was read (workbooks log one line per sheet)
    for e in result.log:
        if e.level != "read" or not e.where:
            continue
        if e.cell:
            where.setdefault(e.cell, e.where)
            continue
        for tid, table in form.tables.items():
            if e.message.startswith(table.short):
                sheets.setdefault(tid, e.where)
    marks: dict[str, str] = {}
    for cid, value in report.values.items():
        spec = form.cells.get(cid)
        if value is None or spec is None or spec.derived:
            continue
        if cid in where:
            marks[cid] = f"导入自：{where[cid]}"
        elif spec.table in sheets:
            marks[cid] = f"导入自：“{source_name}”工作表“{sheets[spec.table]}”"
        else:
            marks[cid] = f"导入自：“{source_name}”"
    return marks


def marks_from_carry_over(report: Report) -> dict[str, str]:
    """Cell id → where from, for the cells carry-over filled (this year's 上年结转 from last year's 结转下年度)."""
    form = report.form
    year = report.previous.year if report.previous and report.previous.year else None
    source = f"{year}年报告" if year else "上年报告"
    marks: dict[str, str] = {}
    for cell, base in form.carry_pairs:
        if report.values.get(cell) is not None and not form.cells[cell].derived:
            marks[cell] = f"{CARRIED_PREFIX}{source}{form.cell_title(base)}"
    return marks


def marks_from_last_year(report: Report, last_unchecked: dict[str, str]) -> dict[str, str]:
    """The carried cells' marks, saying so where last year's value itself was imported and never checked."""
    marks = marks_from_carry_over(report)
    for cell, base in report.form.carry_pairs:
        if cell in marks and base in last_unchecked:
            marks[cell] += STILL_UNCHECKED
    return marks


def import_summary(result: ImportResult, source_name: str) -> str:
    """One line for the status bar: what the import read and what the clerk should look at."""
    r = result.report
    read = len([v for v in r.values.values() if v is not None])
    counts = result.counts()
    kinds = (("mismatch", "总计不一致", "处"), ("missing", "缺失", "项"), ("unread", "未识别", "处"),
             ("warning", "警告", "条"))
    problems = [f"{name}{counts[lvl]}{unit}" for lvl, name, unit in kinds if counts[lvl]]
    tail = "；" + "，".join(problems) if problems else "；没有发现问题"
    return f"已导入“{source_name}”：读取{read}个数值{tail}。导入的数值以浅紫色标出，请逐一核对。"
