"""Evaluators over the tables' own figures: sums that must agree, printed totals, value types, cells that must be
zero or under a ceiling, cells left blank."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from ..compute import sum_values
from ..form import Form
from ..report import Report
from ..values import MAX_COUNT, Value, ValueRefused, check_value
from .finding import Finding, cell_label, evaluator, finding, fmt, n


@functools.lru_cache(maxsize=512)
def _expand(templates: tuple[str, ...], col: str) -> tuple[str, ...]:
    """The cell ids of a per-column rule's side for column ``col``."""
    return tuple(x.format(col=col) for x in templates)


@evaluator("equal_sums")
def _equal_sums(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    table = report.form.tables[rule["for_each_column"]]
    for col in table.column_ids:
        lc, rc = _expand(tuple(rule["left"]), col), _expand(tuple(rule["right"]), col)
        lv = [report.get(c) for c in lc]
        rv = [report.get(c) for c in rc]
        left, right = sum(n(v) for v in lv), sum(n(v) for v in rv)
        if left != right:
            msg = rule["message"].format(
                col_label=table.column_labels[col], l1=fmt(lv[0]), l2=fmt(lv[1]), r1=fmt(rv[0]), r2=fmt(rv[1]),
                left=left, right=right,
            )
            yield finding(rule, lc + rc, left, right, msg)


@evaluator("printed_totals")
def _printed_totals(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    for cell, printed in report.printed_totals.items():
        total = report.form.totals.get(cell)
        if total is None or total.rule != rule["id"] or printed is None:
            continue
        parts = sum_values(report.get(p) for p in total.parts)
        if n(parts) != printed:
            msg = rule["message"].format(cell_label=cell_label(report, cell), left=fmt(parts), right=fmt(printed))
            yield finding(rule, (cell, *total.parts), parts, printed, msg)


@evaluator("value_types")
def _value_types(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    for cell in _odd_cells(report.values, _count_cells(report.form)):  # the plain counts are settled at C speed
        value = report.values[cell]
        spec = report.form.cells.get(cell)
        if spec is None:
            continue
        try:
            check_value(spec, value)
        except ValueRefused:
            key = "message_decimal" if spec.kind == "decimal" else "message_count"
            msg = rule[key].format(cell_label=cell_label(report, cell), left=value)
            yield finding(rule, (cell,), str(value), "", msg)


@evaluator("nonzero")
def _nonzero(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    cells = tuple(c for c in rule["cells"] if n(report.get(c)) != 0)
    if cells:
        left = "、".join(fmt(report.get(c)) for c in rule["cells"])
        yield finding(rule, cells, left, 0, rule["message"].format(left=left))


@evaluator("max_value")
def _max_value(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    v = report.get(rule["cell"])
    limit = Decimal(rule["max"])
    if v is not None and v > limit:
        yuan = format((Decimal(v) * 10000).normalize(), "f")
        yield finding(rule, (rule["cell"],), v, limit, rule["message"].format(left=fmt(v), left_yuan=yuan))


def _odd_cells(values: dict[str, Value], counts: frozenset[str]) -> list[str]:
    """The cells of ``values`` that are not simply a count in range in a cell of ``counts`` (amounts, unknown ids,
    wrong values), in order.  The usual report, counts and a few amounts, is settled with set operations,
    ``Counter``, ``min`` and ``max`` — all in C — so that a check after each edit stays cheap."""
    others = values.keys() - counts
    kinds = Counter(map(type, values.values()))
    try:
        if (kinds[int] == len(values) - len(others) and kinds[int] + kinds[Decimal] == len(values)
                and all(type(values[c]) is Decimal for c in others)
                and (not values or (min(values.values()) >= 0 and max(values.values()) <= MAX_COUNT))):
            # every count cell holds an int in range: only the amounts are left (in the mapping's order)
            return list(others) if len(others) < 2 else [c for c in values if c in others]
    except ArithmeticError:  # a NaN among the amounts: looked at one by one below
        pass
    return [c for c, v in values.items() if c not in counts or type(v) is not int or not 0 <= v <= MAX_COUNT]


@functools.lru_cache(maxsize=8)
def _count_cells(form: Form) -> frozenset[str]:
    """The cells of kind ``count``."""
    return frozenset(c for c, spec in form.cells.items() if spec.kind == "count")


@functools.lru_cache(maxsize=32)
def _input_set(form: Form, table_id: str) -> frozenset[str]:
    return frozenset(_inputs(form, table_id))


@functools.lru_cache(maxsize=32)
def _inputs(form: Form, table_id: str) -> tuple[str, ...]:
    """The input (not derived) cells of a table, in order."""
    return tuple(c for c in form.tables[table_id].cells if not form.cells[c].derived)


@evaluator("blank_cells")
def _blank_cells(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    filled = report.values.keys()
    for table in report.form.tables.values():
        inputs = _inputs(report.form, table.id)
        if _input_set(report.form, table.id) <= filled:  # the usual, at C speed: no blank cell
            continue
        blanks = tuple(c for c in inputs if c not in filled)
        if blanks:
            title = f"{table.short}（{table.title}）"
            yield finding(rule, blanks, len(blanks), 0, rule["message"].format(table_title=title, left=len(blanks)))
