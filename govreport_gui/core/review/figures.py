"""What the review takes from the form file: key figures, the cells a sum adds, the cross-year rules.

All three come from the form's ``[review]`` block (``resources/forms/2021.toml``), so that the summary's columns,
the sum and the cross-year comparison follow the form and no cell id is written here.  Also the agency key that
decides whether two reports are the same agency's (duplicates, last year's report).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..compute import sum_values
from ..form import Form
from ..report import Report
from ..values import Value

_BLANKS = re.compile(r"[\s\u3000]+")


@dataclass(frozen=True)
class KeyFigure:
    label: str
    cells: tuple[str, ...]


def key_figures(form: Form) -> tuple[KeyFigure, ...]:
    """The summary's key-figure columns, in the form file's order."""
    return tuple(KeyFigure(k["label"], tuple(k["cells"])) for k in form.review.get("key_figures", ()))


def figure_values(report: Report) -> tuple[Value, ...]:
    """The key figures of ``report`` (a figure of several cells is their sum; blank when all are blank)."""
    return tuple(sum_values(report.get(c) for c in k.cells) for k in key_figures(report.form))


def sum_cells(form: Form) -> tuple[str, ...]:
    """The input cells a region's sum adds: every input cell of the form's ``sum_tables``, in grid order."""
    tables = set(form.review.get("sum_tables", ()))
    return tuple(c for c in form.inputs if form.cells[c].table in tables)


def cross_year_rules(form: Form) -> frozenset[str]:
    """Ids of the rules that compare a report with last year's (re-run against the report found in ``--last``)."""
    return frozenset(form.review.get("cross_year_rules", ()))


def missing_sections(report: Report) -> tuple[str, ...]:
    """Headings of the form's sections ``report`` leaves empty: a text section without words (the carry-over marker
    alone is none), a table section without a single figure."""
    from ..checks.stale_text import marker_of
    from ..text_similarity import key_length

    form = report.form
    marker = (marker_of(form.rules),)
    out = []
    for s in form.sections:
        if s.kind == "text":
            present = key_length(report.texts.get(s.key, ""), marker) > 0
        else:
            present = any(report.values.get(c) is not None for c in form.tables[s.key].cells)
        if not present:
            out.append(s.heading)
    return tuple(out)


def agency_key(agency: str) -> str:
    """The agency's name compared loosely: full-width forms folded, blanks removed; '' when unknown."""
    return _BLANKS.sub("", unicodedata.normalize("NFKC", agency or ""))
