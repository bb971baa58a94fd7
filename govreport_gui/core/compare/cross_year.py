"""The cross-year rules between two reports, and the figures one year carries into the next.

The rules the form's ``[review]`` block names as cross-year (W1–W3) are run on this year's report against last
year's figures (as the review does with ``--last``), on a copy: this year's report is not changed.  The carried
figures are listed whether or not they agree: each ``[carry_over]`` pair (last year's 结转下年度 → this year's 上年结转)
and each stock row of the baseline rules (last year's 现行有效 + 本年制发 − 本年废止 → this year's 现行有效).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..checks.baseline import stock_rows
from ..checks.finding import EVALUATORS, Finding, n
from ..checks.run import EVALUATOR_MODULES
from ..report import Baseline, Report
from ..values import Value

assert EVALUATOR_MODULES  # every evaluator registered


@dataclass(frozen=True)
class Carried:
    """One figure carried from last year: what it is, last year's source value, what this year should show, what
    it shows."""

    label: str
    last: Value
    expected: Value
    this: Value

    @property
    def agrees(self) -> bool | None:
        """True or False; ``None`` when either side is blank (nothing to compare)."""
        if self.expected is None or self.this is None:
            return None
        return self.expected == self.this


def cross_year_findings(last: Report, this: Report) -> list[Finding]:
    """The findings of the form's cross-year rules for ``this`` against ``last``'s figures."""
    form = this.form
    ids = set(form.review.get("cross_year_rules", ()))
    probe = Report(form=form, meta=dict(this.meta), values=dict(this.values))
    probe.previous = Baseline(year=last.year, cells={c: v for c, v in last.values.items() if v is not None})
    out: list[Finding] = []
    for rule in form.rules:
        if rule["id"] in ids:
            out.extend(EVALUATORS[rule["kind"]](probe, rule))
    return out


def carried_figures(last: Report, this: Report) -> list[Carried]:
    """Every figure the form carries from one year to the next, in the form's order."""
    form = this.form
    out = []
    for dst, src in form.carry_pairs:
        spec = form.cells[dst]
        src_label = form.cells[src].label.split(" / ")[0]
        label = f"{form.tables[spec.table].short}“{spec.label}”（上年“{src_label}”）"
        out.append(Carried(label, last.get(src), last.get(src), this.get(dst)))
    seen: set[str] = set()
    for rule in form.rules_of_kind("baseline_stock"):
        for row in stock_rows(form, rule):
            if row.stock in seen:
                continue
            seen.add(row.stock)
            before = last.get(row.stock)
            issued, repealed = this.get(row.issued), this.get(row.repealed)
            expected = None if before is None else n(before) + n(issued) - n(repealed)
            label = f"{row.title}现行有效件数（上年现行有效 + 本年制发 − 本年废止）"
            out.append(Carried(label, before, expected, this.get(row.stock)))
    return out
