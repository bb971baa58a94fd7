"""Findings about the register's deadlines: the form's rules of kinds ``register_overdue`` (open applications past
their 答复期限 today) and ``register_late_answer`` (answers given after it).

Registered in :mod:`.finding`'s closed set of evaluators; a report without a register yields nothing.  Deadlines
are cached per day in the calendar, so checking a 10,000-line register after each edit stays cheap.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from ..register.deadlines import OVERDUE, late_answers, open_lines
from ..register.model import register_spec
from ..register.workdays import CalendarFileError, WorkCalendar, load_calendar
from ..report import Report
from .finding import Finding, evaluator

MAX_LISTED = 20


def today() -> date:
    """The day overdue is judged on (a function, so that tests can fix it)."""
    return date.today()


def _calendar() -> WorkCalendar | str:
    try:
        return load_calendar()
    except CalendarFileError as exc:
        return str(exc)


def _listed(nos: list[int]) -> str:
    shown = "、".join(str(n) for n in nos[:MAX_LISTED])
    return shown + ("等" if len(nos) > MAX_LISTED else "")


def _finding(rule: dict[str, Any], left: int, msg: str) -> Finding:
    return Finding(rule["id"], rule["severity"], (), left, "", msg)


@evaluator("register_overdue")
def register_overdue(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    reg = report.register
    if reg is None or not reg.lines or not report.form.register:
        return
    cal = _calendar()
    spec = register_spec(report.form)
    if isinstance(cal, str):
        yield _finding(rule, len(reg.lines), rule["message_uncovered"].format(left=len(reg.lines), lines="全部",
                                                                             reason=cal))
        return
    due = open_lines(reg, spec, cal, today())
    overdue = [d.no for d in due if d.status == OVERDUE]
    if overdue:
        yield _finding(rule, len(overdue), rule["message"].format(left=len(overdue), lines=_listed(overdue)))
    gaps = [d for d in due if d.problem]
    if gaps:
        nos = [d.no for d in gaps]
        yield _finding(rule, len(gaps), rule["message_uncovered"].format(
            left=len(gaps), lines=_listed(nos), reason=gaps[0].problem))


@evaluator("register_late_answer")
def register_late_answer(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    reg = report.register
    if reg is None or not reg.lines or not report.form.register:
        return
    cal = _calendar()
    if isinstance(cal, str):
        return  # said once, by register_overdue
    late, _problems = late_answers(reg, register_spec(report.form), cal)
    if late:
        yield _finding(rule, len(late), rule["message"].format(left=len(late), lines=_listed(late)))
