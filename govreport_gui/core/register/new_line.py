"""The 收到日期 a new register line starts with: always a day of the report's year.

A 2024 report's register is often filled in long after 2024; a new line dated today (2026-12-05) was at once
another year's application and its deadline reached a year the holiday calendar does not cover (W10).  So a new line
takes the date of the line it follows when that is in the report's year, else the latest date of the year already
in the register, else today when today is in the year, else 1 January of the year.  The clerk types the real date
over it (the cursor is put on it).
"""

from __future__ import annotations

from datetime import date

from .model import RegisterLine


def new_line_date(lines: list[RegisterLine], at: int, year: int | None, today: date) -> date:
    """The 收到日期 for a line inserted before index ``at`` of ``lines`` in a report of ``year``."""
    if year is None:
        return lines[at - 1].received if 0 < at <= len(lines) else today
    if 0 < at <= len(lines) and lines[at - 1].received.year == year:
        return lines[at - 1].received
    in_year = [x.received for x in lines if x.received.year == year]
    if in_year:
        return max(in_year)
    return today if today.year == year else date(year, 1, 1)
