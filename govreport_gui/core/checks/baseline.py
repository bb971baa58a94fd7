"""Evaluators against last year's figures (the baseline carried into the report): carried stock equals last
year's, stock moves only by what was issued and repealed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..compute import sum_values
from ..form import Form
from ..report import Report
from ..values import Value
from .finding import Finding, evaluator, finding, n


@evaluator("baseline_equal")
def _baseline_equal(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    if report.previous is None:
        return
    table = report.form.tables[rule["for_each_column"]]
    for col in table.column_ids:
        cell, base = rule["cell"].format(col=col), rule["baseline"].format(col=col)
        now, before = report.get(cell), previous_value(report, base)
        if now is None or before is None or now == before:
            continue
        msg = rule["message"].format(col_label=table.column_labels[col], left=now, right=before)
        yield finding(rule, (cell,), now, before, msg)


def previous_value(report: Report, cell: str) -> Value:
    """Last year's value of ``cell``; for a total last year did not keep, the sum of last year's parts (``None``
    when none was given)."""
    assert report.previous is not None
    value = report.previous.cells.get(cell)
    total = report.form.totals.get(cell)
    if value is None and total is not None:
        value = sum_values(report.previous.cells.get(p) for p in total.parts)
    return value


@dataclass(frozen=True)
class StockRow:
    """A row with a stock and its two flows (the columns with roles ``stock``, ``issued`` and ``repealed``)."""

    title: str  # 表二“规章”
    stock: str
    issued: str
    repealed: str


def stock_rows(form: Form, rule: dict[str, Any]) -> Iterator[StockRow]:
    """The rows a baseline_stock/baseline_repeal rule names ("<table>.<row>"), with their cells found by role."""
    for row in rule["rows"]:
        tid, rid = row.split(".", 1)
        table = form.tables[tid]
        cells = [table.role_cell(rid, role) or "" for role in ("stock", "issued", "repealed")]
        if all(c in form.cells for c in cells):
            yield StockRow(table.row_title(rid), *cells)


def stock_rows_with_baseline(report: Report, rule: dict[str, Any]) -> Iterator[tuple[StockRow, Value]]:
    """The rule's stock rows that have last year's stock, with that stock."""
    if report.previous is None:
        return
    for row in stock_rows(report.form, rule):
        before = report.previous.cells.get(row.stock)
        if before is not None:
            yield row, before


@evaluator("baseline_stock")
def _baseline_stock(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    for row, before in stock_rows_with_baseline(report, rule):
        now = report.get(row.stock)
        expected = n(before) + n(report.get(row.issued)) - n(report.get(row.repealed))
        if now is not None and now != expected:
            msg = rule["message"].format(row_label=row.title, left=now, right=expected)
            yield finding(rule, (row.stock, row.issued, row.repealed), now, expected, msg)


@evaluator("baseline_repeal")
def _baseline_repeal(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    for row, before in stock_rows_with_baseline(report, rule):
        repealed = report.get(row.repealed)
        limit = n(before) + n(report.get(row.issued))
        if repealed is not None and repealed > limit:
            msg = rule["message"].format(row_label=row.title, left=repealed, right=limit)
            yield finding(rule, (row.repealed, row.issued), repealed, limit, msg)
