"""Next year's register from last year's: the applications not answered by 31 December move on (they are next
year's 上年结转), with everything recorded about them; answered ones stay in last year's file.  Lines received after
the year (already next year's) move too.
"""

from __future__ import annotations

from datetime import date

from .model import Register


def carry_register(last: Register, last_year: int) -> Register:
    """The lines of ``last`` still open at the end of ``last_year``, in their order."""
    end = date(last_year, 12, 31)
    return Register([x for x in last.lines if not x.is_answered_by(end)], last.fills_table)
