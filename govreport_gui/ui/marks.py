"""Values the clerk still has to check, and last year's figures a cell is compared with.

*Marks*: after 文件→导入… every input cell that received a value is marked with where it was read (the import log's
``where``); after 从上年报告新建… the carried cells (this year's 上年结转) are marked.  :class:`DocumentController`
keeps the marks of the open document; they are view state and never saved.

*Baseline hints*: a report carried forward keeps last year's figures (``report.previous``).  A cell that the rules
W1–W3 compare with one of them, or a 表四 尚未审结 cell (spec §5: last year's pending cases should conclude this
year), gets a short hint drawn in its corner ("上年：N") and a tooltip that says what the figure means.  The cells
come from the rules' own data in the form (W1's cell/baseline pattern, W2's rows).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..core.form import Form
from ..core.report import Report
from ..core.rules import TABLE_NAMES
from ..core.values import Value, format_value

if TYPE_CHECKING:

    from ..core.importers.base import ImportResult

IMPORTED = "导入"
CARRIED = "从上年转入"


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
        for tid, name in TABLE_NAMES.items():
            if e.message.startswith(name):
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
    for cell, base in _carried_pairs(form):
        if report.values.get(cell) is not None and not form.cells[cell].derived:
            marks[cell] = f"转入自：{source}表三“{form.cells[base].label}”"
    return marks


def import_summary(result: ImportResult, source_name: str) -> str:
    """One line for the status bar: what the import read and what the clerk should look at."""
    r = result.report
    read = len([v for v in r.values.values() if v is not None])
    counts = result.counts()
    kinds = (("mismatch", "总计不一致", "处"), ("missing", "缺失", "项"), ("unread", "未识别", "处"),
             ("warning", "提醒", "条"))
    problems = [f"{name}{counts[lvl]}{unit}" for lvl, name, unit in kinds if counts[lvl]]
    tail = "；" + "，".join(problems) if problems else "；没有发现问题"
    return f"已导入“{source_name}”：读取{read}个数值{tail}。导入的数值以浅紫色标出，请逐一核对。"


# --- baseline hints -------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BaselineRef:
    """How a cell relates to last year's figures: ``kind`` is carried, stock, flow or pending."""

    kind: str
    base: str  # the cell id in last year's report
    row: str = ""  # for stock/flow: the W2 row ("t2.regulations")


@dataclass(frozen=True)
class Hint:
    short: str  # drawn in the cell's corner; "" for a tooltip only
    tooltip: str


def _carried_pairs(form: Form) -> list[tuple[str, str]]:
    rule = form.rule("W1")
    table = form.tables[rule["for_each_column"]]
    return [(rule["cell"].format(col=c), rule["baseline"].format(col=c)) for c in table.column_ids]


@lru_cache(maxsize=8)
def baseline_refs(form: Form) -> dict[str, BaselineRef]:
    """Every cell with a baseline, from the rules' data (W1, W2) and 表四's 尚未审结 column (spec §5)."""
    refs: dict[str, BaselineRef] = {}
    for cell, base in _carried_pairs(form):
        if cell in form.cells:
            refs[cell] = BaselineRef("carried", base)
    for row in form.rule("W2")["rows"]:
        base = f"{row}.in_force"
        if base not in form.cells:
            continue
        refs[base] = BaselineRef("stock", base, row)
        for col in ("issued", "repealed"):
            if f"{row}.{col}" in form.cells:
                refs[f"{row}.{col}"] = BaselineRef("flow", base, row)
    t4 = form.tables.get("t4")
    if t4 is not None:
        for r in t4.row_ids:
            cell = t4.cell_id(r, "pending")
            if cell in form.cells:
                refs[cell] = BaselineRef("pending", cell)
    return refs


def _previous(report: Report, cell: str) -> Value:
    assert report.previous is not None
    value = report.previous.cells.get(cell)
    total = report.form.totals.get(cell)
    if value is None and total is not None:
        parts = [report.previous.cells.get(p) for p in total.parts]
        if any(p is not None for p in parts):
            value = sum(p for p in parts if p is not None)  # type: ignore[misc]
    return value


def _n(value: Value) -> int:
    return value if isinstance(value, int) else 0


def baseline_hint(report: Report, cell_id: str) -> Hint | None:
    """The corner hint and tooltip for ``cell_id``, or ``None`` when it has no baseline in this report."""
    if report.previous is None:
        return None
    ref = baseline_refs(report.form).get(cell_id)
    if ref is None:
        return None
    before = _previous(report, ref.base)
    if before is None:
        return None
    shown = format_value(before)
    year = f"（{report.previous.year}年）" if report.previous.year else ""
    source = f"{report.previous.year}年报告" if report.previous.year else "上年报告"
    form = report.form
    if ref.kind == "carried":
        label = form.cells[ref.base].label
        return Hint(f"上年：{shown}", f"上年：{shown}（{source}“{label}”）；本年的上年结转应与之相等（W1）。")
    if ref.kind == "stock":
        tip = f"上年：{shown}（{source}的现行有效件数，本年核对依据，不直接填入）。"
        issued, repealed = report.get(f"{ref.row}.issued"), report.get(f"{ref.row}.repealed")
        if issued is not None or repealed is not None:
            expected = _n(before) + _n(issued) - _n(repealed)
            tip += f"\n按上年现行有效加本年制发减本年废止，本年应约为{expected}（W2；开展清理的请说明）。"
        return Hint(f"上年：{shown}", tip)
    if ref.kind == "flow":
        return Hint("", f"上年：现行有效{shown}件{year}，本年废止件数不应超过上年现行有效加本年制发（W3）。")
    reminder = "这些案件应在本年审结，请在本年表四中体现。" if _n(before) > 0 else ""
    return Hint(f"上年：{shown}", f"上年：{shown}件尚未审结{year}。{reminder}".rstrip())
