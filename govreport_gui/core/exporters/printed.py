"""What the printed report says, shared by the PDF and the Word document: values, opening, level-2 headings, date.

Kept apart from :mod:`.page_layout` so that the Word exporter need not import reportlab (~200 ms) to know how a blank
cell or the opening paragraph reads.
"""

from __future__ import annotations

import re

from ..report import Report
from ..values import format_value

# a prose line opening with （一）, （二）… is a level-2 heading (楷体)
LEVEL2 = re.compile(r"^\s*（[一二三四五六七八九十]+）")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
BLANK_DATE = "　　年　　月　　日"  # for a hand-written date under the signature


_YEAR = re.compile(r"(?:19|20)\d{2}\s*年")


def title_parts(report: Report) -> list[str]:
    """The title cut at its natural break: after the agency's name, so that "2024年度政府信息公开工作报告" stays whole
    (never "…2024年 / 度政府…"); before the year when the title does not start with the agency; else whole."""
    title = report.title
    agency = report.agency.strip()
    if agency and title.startswith(agency) and len(title) > len(agency):
        return [agency, title[len(agency):]]
    m = _YEAR.search(title)
    if m and m.start() > 0:
        return [title[: m.start()], title[m.start():]]
    return [title]


def cell_text(report: Report, cell_id: str, blank_as_zero: bool) -> str:
    """A value as printed: the computed total or the clerk's input; blank stays blank unless ``blank_as_zero``."""
    v = report.get(cell_id)
    if v is None:
        return "0" if blank_as_zero else ""
    return format_value(v)


def opening_text(report: Report) -> str:
    """The 开篇: the clerk's preface, or the form's customary opening for the year."""
    preface = report.texts.get(report.form.preface_key, "").strip()
    if preface:
        return preface
    return default_opening(report)


def default_opening(report: Report) -> str:
    return report.form.opening.format(year=report.year if report.year is not None else "")


def signing_date(report: Report) -> str:
    """The published date as 2024年1月31日, or a blank date to fill in by hand."""
    published = str(report.meta.get("published") or "")
    if _ISO_DATE.match(published):
        y, m, d = (int(x) for x in published.split("-"))
        return f"{y}年{m}月{d}日"
    return BLANK_DATE
