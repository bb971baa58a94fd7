"""Cross-checks (勾稽关系): evaluate the form's rules H1–H5 and W1–W16 on a report.

Each rule of the form definition has a ``kind`` naming one of the evaluators below; the rest of its definition is
that evaluator's data (cells, patterns, messages).  The vocabulary is closed: sums of cells, equality or ≤ between
two sums, per-column expansion, a few plausibility checks.  No ``eval``.  The register's deadline checks
(``register_overdue``, ``register_late_answer``) are evaluators of :mod:`.register.checks`, and the stale-text ones
(text left over from last year's report) of :mod:`.stale_text`; both are imported at the end so that they register.

A finding's :attr:`Finding.key` names the rule and what the finding is about (its cells or its place in the text)
and the values that raised it: a confirmation (explanation) is stored under that key, so it stops applying when the
values change (:mod:`.confirmations`).
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from .compute import sum_values
from .form import Form
from .report import Report
from .values import Value, ValueRefused, check_value, format_value

Severity = Literal["error", "warning"]
# One word per severity everywhere: the window, the command line, the PDF's appendix and the import logs.
SEVERITY_NAMES: dict[str, str] = {"error": "错误", "warning": "警告"}
MAX_KEY_CELLS = 8  # a finding about more cells names them in its key by a digest


@dataclass(frozen=True)
class TextPlace:
    """Where in the prose (or in a meta field, ``meta=True``) a finding stands: characters ``start``–``end``."""

    key: str  # a text key of the form ("overview"), or a meta field ("title") when ``meta``
    start: int
    end: int
    meta: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"key": self.key, "start": self.start, "end": self.end, "meta": self.meta}


@dataclass(frozen=True)
class Finding:
    """One failed check: which rule, how serious, which cells, the two sides compared and a Chinese message."""

    rule: str
    severity: Severity
    cells: tuple[str, ...]
    left: Value | str
    right: Value | str
    message: str
    # Where a prose figure stands (rule kind prose_figures): the text key and the [start, end) offsets of the number,
    # so that a quick fix can rewrite exactly it.  The offsets move with typing elsewhere, so they do not take part in
    # comparing findings.
    text_key: str = ""
    span: tuple[int, int] | None = field(default=None, compare=False)
    where: TextPlace | None = None

    @property
    def subject(self) -> str:
        """What the finding is about: its cells, or the text (or meta field) it quotes."""
        if self.where is not None:
            return ("meta:" if self.where.meta else "text:") + self.where.key
        if len(self.cells) > MAX_KEY_CELLS:  # e.g. W8's blank cells: first, last and a digest of them all
            digest = hashlib.sha1(",".join(self.cells).encode()).hexdigest()[:12]
            return f"{self.cells[0]}…{self.cells[-1]}#{len(self.cells)}:{digest}"
        return ",".join(self.cells)

    @property
    def key(self) -> str:
        """``rule|subject|values``: stable across runs, different as soon as the values that raised it change."""
        return f"{self.rule}|{self.subject}|{_key_value(self.left)}|{_key_value(self.right)}"

    def as_json(self) -> dict[str, Any]:
        def j(v: Value | str) -> Any:
            return format_value(v) if isinstance(v, Decimal) else v

        out = {
            "rule": self.rule, "severity": self.severity, "cells": list(self.cells),
            "left": j(self.left), "right": j(self.right), "message": self.message, "key": self.key,
        }
        if self.where is not None:
            out["where"] = self.where.as_json()
        return out


def _key_value(v: Value | str) -> str:
    return "" if v is None else v if isinstance(v, str) else format_value(v)


def _n(v: Value) -> int | Decimal:
    return 0 if v is None else v


def _fmt(v: Value | str) -> str:
    return "空白" if v is None else format_value(v) if not isinstance(v, str) else v


def cell_label(report: Report, cell_id: str) -> str:
    return report.form.cell_title(cell_id)


Evaluator = Callable[[Report, dict[str, Any]], Iterator[Finding]]
_EVALUATORS: dict[str, Evaluator] = {}


def evaluator(kind: str) -> Callable[[Evaluator], Evaluator]:
    def register(fn: Evaluator) -> Evaluator:
        _EVALUATORS[kind] = fn
        return fn

    return register


def _finding(rule: dict[str, Any], cells: tuple[str, ...], left: Value | str, right: Value | str, msg: str) -> Finding:
    return Finding(rule["id"], rule["severity"], cells, left, right, msg)


@evaluator("equal_sums")
def _equal_sums(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    table = report.form.tables[rule["for_each_column"]]
    for col in table.column_ids:
        lc = tuple(x.format(col=col) for x in rule["left"])
        rc = tuple(x.format(col=col) for x in rule["right"])
        lv = [report.get(c) for c in lc]
        rv = [report.get(c) for c in rc]
        left, right = sum(_n(v) for v in lv), sum(_n(v) for v in rv)
        if left != right:
            msg = rule["message"].format(
                col_label=table.column_labels[col], l1=_fmt(lv[0]), l2=_fmt(lv[1]), r1=_fmt(rv[0]), r2=_fmt(rv[1]),
                left=left, right=right,
            )
            yield _finding(rule, lc + rc, left, right, msg)


@evaluator("printed_totals")
def _printed_totals(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    for cell, printed in report.printed_totals.items():
        total = report.form.totals.get(cell)
        if total is None or total.rule != rule["id"] or printed is None:
            continue
        parts = sum_values(report.get(p) for p in total.parts)
        if _n(parts) != printed:
            msg = rule["message"].format(cell_label=cell_label(report, cell), left=_fmt(parts), right=_fmt(printed))
            yield _finding(rule, (cell, *total.parts), parts, printed, msg)


@evaluator("value_types")
def _value_types(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    for cell, value in report.values.items():
        spec = report.form.cells.get(cell)
        if spec is None:
            continue
        try:
            check_value(spec, value)
        except ValueRefused:
            key = "message_decimal" if spec.kind == "decimal" else "message_count"
            msg = rule[key].format(cell_label=cell_label(report, cell), left=value)
            yield _finding(rule, (cell,), str(value), "", msg)


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
        yield _finding(rule, (cell,), now, before, msg)


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


def _stock_rows_with_baseline(report: Report, rule: dict[str, Any]) -> Iterator[tuple[StockRow, Value]]:
    """The rule's stock rows that have last year's stock, with that stock."""
    if report.previous is None:
        return
    for row in stock_rows(report.form, rule):
        before = report.previous.cells.get(row.stock)
        if before is not None:
            yield row, before


@evaluator("baseline_stock")
def _baseline_stock(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    for row, before in _stock_rows_with_baseline(report, rule):
        now = report.get(row.stock)
        expected = _n(before) + _n(report.get(row.issued)) - _n(report.get(row.repealed))
        if now is not None and now != expected:
            msg = rule["message"].format(row_label=row.title, left=now, right=expected)
            yield _finding(rule, (row.stock, row.issued, row.repealed), now, expected, msg)


@evaluator("baseline_repeal")
def _baseline_repeal(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    for row, before in _stock_rows_with_baseline(report, rule):
        repealed = report.get(row.repealed)
        limit = _n(before) + _n(report.get(row.issued))
        if repealed is not None and repealed > limit:
            msg = rule["message"].format(row_label=row.title, left=repealed, right=limit)
            yield _finding(rule, (row.repealed, row.issued), repealed, limit, msg)


@evaluator("nonzero")
def _nonzero(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    cells = tuple(c for c in rule["cells"] if _n(report.get(c)) != 0)
    if cells:
        left = "、".join(_fmt(report.get(c)) for c in rule["cells"])
        yield _finding(rule, cells, left, 0, rule["message"].format(left=left))


@evaluator("max_value")
def _max_value(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    v = report.get(rule["cell"])
    limit = Decimal(rule["max"])
    if v is not None and v > limit:
        yuan = format((Decimal(v) * 10000).normalize(), "f")
        yield _finding(rule, (rule["cell"],), v, limit, rule["message"].format(left=_fmt(v), left_yuan=yuan))


# A text that quotes one figure more often than this is not prose but hostile input (a 1,000,000-character text of
# "办结1件，" made 800,000 findings and took 6.5 s to check): the first quotes are checked, the rest not read.
MAX_QUOTES = 100


@functools.lru_cache(maxsize=1024)
def quotes(pattern: str, text: str) -> tuple[tuple[str, int | Decimal, int, int], ...]:
    """Each match of a W6 pattern in ``text``: the quote, the figure (a count, or an amount with decimals) and the
    offsets of the figure in ``text``."""
    out = []
    for m in re.finditer(pattern, text):
        if len(out) == MAX_QUOTES:
            break
        g = next((i for i, x in enumerate(m.groups(), 1) if x is not None), None)
        if g is not None:
            num = m.group(g)
            out.append((m.group(0), int(num) if num.isdigit() else Decimal(num), m.start(g), m.end(g)))
    return tuple(out)


@evaluator("prose_figures")
def _prose_figures(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    for p in rule["patterns"]:
        table = sum_values(report.get(c) for c in p["cells"])
        if table is None:
            continue
        for key in report.form.text_keys:
            for quote, quoted, start, end in quotes(p["regex"], report.texts.get(key, "")):
                ok = quoted == table if p["compare"] == "eq" else quoted <= table
                if not ok:
                    msg = rule["message"].format(quote=quote, target_label=p["target_label"], right=_fmt(table))
                    yield Finding(rule["id"], rule["severity"], tuple(p["cells"]), quoted, table, msg,
                                  text_key=key, span=(start, end))


@evaluator("fee_mentioned")
def _fee_mentioned(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    v = report.get(rule["cell"])
    if v and rule["keyword"] not in report.texts.get(rule["text"], ""):
        yield _finding(rule, (rule["cell"],), v, "", rule["message"].format(left=v))


@evaluator("blank_cells")
def _blank_cells(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    for table in report.form.tables.values():
        blanks = tuple(c for c in table.cells if c not in report.values and not report.form.cells[c].derived)
        if blanks:
            title = f"{table.short}（{table.title}）"
            yield _finding(rule, blanks, len(blanks), 0, rule["message"].format(table_title=title, left=len(blanks)))


@evaluator("headings")
def _headings(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    for key in report.form.text_keys:
        text = report.texts.get(key, "")
        if not text:
            continue
        for line in text.splitlines():
            for v in rule["variants"]:
                if re.match(v["regex"], line):
                    quote = line.strip()
                    yield _finding(rule, (), quote, v["expected"], rule["message"].format(quote=quote, **v))


@evaluator("undrawable_chars")
def _undrawable_chars(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    from .glyph_coverage import undrawable

    places = [(label, str(report.meta.get(key) or "")) for key, label in rule["meta"].items()]
    places += [(report.form.text_keys[key], report.texts.get(key, "")) for key in report.form.text_keys]
    places.append((rule["explanations"], "".join(report.explanations.values())))
    for place, text in places:
        chars = undrawable(text) if text else []
        if chars:
            sample = "、".join(f"“{ch}”（U+{ord(ch):04X}）" for ch in chars[:5]) + ("等" if len(chars) > 5 else "")
            message = rule["message"].format(place=place, left=len(chars), sample=sample)
            yield _finding(rule, (), len(chars), "", message)


def findings_of_kind(report: Report, kind: str) -> list[Finding]:
    """The findings of the rules of one ``kind`` only (e.g. the export's warning about undrawable characters)."""
    return [f for rule in report.form.rules if rule["kind"] == kind for f in _EVALUATORS[kind](report, rule)]


def check(report: Report) -> list[Finding]:
    """Every finding for ``report``, errors first, in rule order."""
    out: list[Finding] = []
    for rule in report.form.rules:
        out.extend(_EVALUATORS[rule["kind"]](report, rule))
    out.sort(key=lambda f: f.severity != "error")
    return out


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


from . import stale_text  # noqa: E402,F401  (registers the stale-text evaluators)
from .register import checks as _register_checks  # noqa: E402,F401  (registers the register's evaluators)
