"""Last year's figures a cell is compared with, as a hint in the cell's corner and its tooltip (no Qt).

A report carried forward keeps last year's figures (``report.previous``).  A cell that a baseline rule compares
with one of them (kinds ``baseline_equal``, ``baseline_stock``, ``baseline_repeal``), or a cell of a ``pending``
column (spec §5: last year's pending cases should conclude this year), gets a short hint drawn in its corner
("上年：N") and a tooltip that says what the figure means.  Which cells: the form's ``[carry_over]`` pairs, the
stock rules' rows and the column roles — nothing here names a cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..checks.baseline import previous_value, stock_rows
from ..form import Form
from ..report import Report
from ..values import Value, format_value


@dataclass(frozen=True)
class BaselineRef:
    """How a cell relates to last year's figures: ``kind`` is carried, stock, flow or pending."""

    kind: str
    base: str  # the cell id in last year's report
    row: str = ""  # for stock/flow: the row's title (表二“规章”)
    issued: str = ""  # for stock: the row's cells of this year's flows
    repealed: str = ""


@dataclass(frozen=True)
class Hint:
    short: str  # drawn in the cell's corner; "" for a tooltip only
    tooltip: str


def _rule_ids(form: Form, kind: str) -> str:
    return "、".join(sorted(form.rule_ids_of_kind(kind)))


@lru_cache(maxsize=8)
def baseline_refs(form: Form) -> dict[str, BaselineRef]:
    """Every cell with a baseline: the carry-over pairs, the stock rules' rows and the ``pending`` columns."""
    refs: dict[str, BaselineRef] = {}
    for cell, base in form.carry_pairs:
        if cell in form.cells:
            refs[cell] = BaselineRef("carried", base)
    for rule in form.rules_of_kind("baseline_stock"):
        for row in stock_rows(form, rule):
            refs[row.stock] = BaselineRef("stock", row.stock, row.title, row.issued, row.repealed)
            refs[row.issued] = refs[row.repealed] = BaselineRef("flow", row.stock, row.title)
    for table in form.tables.values():
        for r in table.row_ids:
            cell = table.role_cell(r, "pending")
            if cell in form.cells:
                refs[cell] = BaselineRef("pending", cell)
    return refs


def _n(value: Value) -> int:
    return value if isinstance(value, int) else 0


def baseline_hint(report: Report, cell_id: str) -> Hint | None:
    """The corner hint and tooltip for ``cell_id``, or ``None`` when it has no baseline in this report."""
    if report.previous is None:
        return None
    ref = baseline_refs(report.form).get(cell_id)
    if ref is None:
        return None
    before = previous_value(report, ref.base)
    if before is None:
        return None
    shown = format_value(before)
    year = f"（{report.previous.year}年）" if report.previous.year else ""
    source = f"{report.previous.year}年报告" if report.previous.year else "上年报告"
    form = report.form
    if ref.kind == "carried":
        label = form.cells[ref.base].label
        rule = _rule_ids(form, "baseline_equal")
        return Hint(f"上年：{shown}", f"上年：{shown}（{source}“{label}”）；本年的上年结转应与之相等（{rule}）。")
    if ref.kind == "stock":
        tip = f"上年：{shown}（{source}的现行有效件数，本年核对依据，不直接填入）。"
        issued, repealed = report.get(ref.issued), report.get(ref.repealed)
        if issued is not None or repealed is not None:
            expected = _n(before) + _n(issued) - _n(repealed)
            rule = _rule_ids(form, "baseline_stock")
            tip += f"\n按上年现行有效加本年制发减本年废止，本年应约为{expected}（{rule}；开展清理的请说明）。"
        return Hint(f"上年：{shown}", tip)
    if ref.kind == "flow":
        rule = _rule_ids(form, "baseline_repeal")
        return Hint("", f"上年：现行有效{shown}件{year}，本年废止件数不应超过上年现行有效加本年制发（{rule}）。")
    reminder = f"这些案件应在本年审结，请在本年{form.table_of(cell_id).short}中体现。" if _n(before) > 0 else ""
    return Hint(f"上年：{shown}", f"上年：{shown}件尚未审结{year}。{reminder}".rstrip())
