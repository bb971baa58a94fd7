"""汇总: a region's Tables 二, 三 and 四 added cell by cell into one report.

The supervising office's own report is in practice compared with the sum of its units' reports.  Only input cells
are added (the totals of the sum are derived as in any report, so they equal the sum of the units' totals); a cell
blank in every unit stays blank, otherwise blanks count as 0.  Counts add as integers, 收费 (万元) as
:class:`~decimal.Decimal`, so ``0.35 + 1.2`` is ``1.55`` exactly.  Which tables are added comes from the form
file's ``[review] sum_tables``.

:func:`sum_rows` is strict (the ``govreport sum`` command): any unreadable file, a report without a year, mixed years
or the same agency twice refuse the sum with a one-line Chinese message, since a silently wrong total is worse than
none.  :func:`review_sum` is lenient (the review's 合计 sheet): it adds the readable reports of the most common
year, each agency once, and lists what it left out and why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..compute import sum_values
from ..form import Form, load_form
from ..report import Report
from ..values import Value
from .figures import agency_key, sum_cells
from .reading import FileReview


class SumRefused(Exception):
    """The files cannot be summed; ``str(exc)`` is a one-line Chinese message."""


@dataclass
class SumResult:
    report: Report
    sources: list[str]  # the files added, in order
    left_out: list[tuple[str, str]] = field(default_factory=list)  # (file, why) — only in the lenient sum


def add_cells(cells: Sequence[str], rows: Iterable[Sequence[Value]]) -> dict[str, Value]:
    """Cell-wise sums of value tuples aligned with ``cells`` (blank only where every row is blank)."""
    columns: list[list[Value]] = [[] for _ in cells]
    for row in rows:
        for col, v in zip(columns, row, strict=False):
            col.append(v)
    out: dict[str, Value] = {}
    for cell, col in zip(cells, columns, strict=True):
        total = sum_values(col)
        if total is not None:
            out[cell] = total
    return out


def sum_reports(reports: Sequence[Report], agency: str) -> Report:
    """The sum of ``reports`` (all of one year) as a new report of ``agency``; raises :class:`SumRefused`."""
    if not reports:
        raise SumRefused("没有可以合计的报告。")
    years = {r.year for r in reports}
    if len(years) != 1 or None in years:
        shown = "、".join(sorted(f"{y}年" if y else "年度未识别" for y in years))
        raise SumRefused(f"所选报告的年度不一致（{shown}），只能合计同一年度的报告。")
    form = reports[0].form
    cells = sum_cells(form)
    return _report(form, agency, reports[0].year, add_cells(cells, ([r.values.get(c) for c in cells] for r in reports)))


def sum_rows(rows: Sequence[FileReview], agency: str, form: Form | None = None) -> SumResult:
    """The strict sum of reviewed files (``govreport sum``); raises :class:`SumRefused`."""
    form = form or load_form()
    if not rows:
        raise SumRefused("没有找到可以合计的报告文件。")
    for r in rows:
        if not r.readable:
            raise SumRefused(f"“{r.name}”无法读取，未生成汇总：{r.reason}")
        if r.year is None:
            raise SumRefused(f"“{r.name}”未识别年度，无法确认各报告属于同一年度，未生成汇总。")
    by_year: dict[int, list[str]] = {}
    for r in rows:
        by_year.setdefault(r.year or 0, []).append(r.name)
    if len(by_year) > 1:
        parts = "；".join(f"{y}年：{_names(names)}" for y, names in sorted(by_year.items()))
        raise SumRefused(f"所选报告的年度不一致（{parts}），只能合计同一年度的报告。")
    seen: dict[str, str] = {}
    for r in rows:
        key = agency_key(r.agency)
        if key and key in seen:
            raise SumRefused(f"“{r.name}”与“{seen[key]}”是同一机关（{r.agency}）同一年度的报告，重复计入会使合计偏大，"
                             "请去掉其中一份。")
        seen[key] = r.name
    year = rows[0].year
    return SumResult(_report(form, agency, year, add_cells(sum_cells(form), (r.sums for r in rows))),
                     [r.name for r in rows])


def review_sum(rows: Sequence[FileReview], form: Form | None = None, agency: str = "合计") -> SumResult | None:
    """The lenient sum shown in a review: the most common year's readable reports, each agency once."""
    form = form or load_form()
    years = Counter(r.year for r in rows if r.readable and r.year is not None)
    if not years:
        return None
    year = max(years, key=lambda y: (years[y], y))
    taken: list[FileReview] = []
    left_out: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    for r in sorted(rows, key=lambda x: x.path):
        name, key = r.shown or r.name, agency_key(r.agency)
        if not r.readable:
            left_out.append((name, "无法读取"))
        elif r.year != year:
            left_out.append((name, f"年度为{r.year or '未识别'}，不是{year}年"))
        elif key and key in seen:
            left_out.append((name, f"与“{seen[key]}”为同一机关同一年度，只计入一次"))
        else:
            if key:
                seen[key] = name
            taken.append(r)
    report = _report(form, agency, year, add_cells(sum_cells(form), (r.sums for r in taken)))
    return SumResult(report, [r.shown or r.name for r in taken], left_out)


def _report(form: Form, agency: str, year: int | None, values: dict[str, Value]) -> Report:
    report = Report.new(agency=agency, year=year, form=form)
    report.values.update(values)
    report.invalidate()
    return report


def _names(names: list[str], limit: int = 5) -> str:
    shown = "、".join(f"“{n}”" for n in names[:limit])
    return shown + (f"等{len(names)}个文件" if len(names) > limit else "")
