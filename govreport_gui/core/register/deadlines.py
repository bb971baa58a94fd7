"""答复期限 and the state of each application (《政府信息公开条例》第三十条–第三十三条).

- 20 working days from receipt (the day of receipt not counted), by the official calendar (:mod:`.workdays`);
- when a 补正 was asked, the period runs from the day the corrected application was received (第三十条); while the
  correction is awaited there is no deadline (状态“待补正”);
- 延期 adds 20 working days (第三十三条第二款);
- the days spent consulting a third party do not count (第三十二条): 征求意见天数 working days are added.
The day counts come from the form file's ``[register]`` section.  Status of an open application on a given day:
已逾期 past its deadline, 即将到期 with at most 5 working days left (the deadline day included), else 办理中.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .model import Register, RegisterLine, RegisterSpec
from .workdays import CalendarGap, WorkCalendar

DONE, WAITING, OPEN, DUE_SOON, OVERDUE = "已办结", "待补正", "办理中", "即将到期", "已逾期"


def deadline(line: RegisterLine, spec: RegisterSpec, cal: WorkCalendar) -> date | None:
    """The line's 答复期限, or ``None`` while a requested 补正 has not come in.  May raise :class:`CalendarGap`."""
    if line.correction_asked is not None and line.correction_received is None:
        return None
    start = line.correction_received or line.received
    days = spec.answer_days + (spec.extension_days if line.extended else 0) + max(0, line.consultation_days)
    return cal.add_workdays(start, days)


@dataclass(frozen=True)
class DueLine:
    """An open application on a given day: 序号, the line, its deadline, status and working days left."""

    no: int
    line: RegisterLine
    deadline: date | None
    status: str
    days_left: int | None  # working days from the day to the deadline (negative when overdue: days past)
    problem: str = ""  # why no deadline could be computed (an uncovered year)


def status_of(line: RegisterLine, spec: RegisterSpec, cal: WorkCalendar, today: date) -> DueLine:
    """The state of ``line`` on ``today`` (序号 0: the caller knows it)."""
    return _status(0, line, spec, cal, today)


def _status(no: int, line: RegisterLine, spec: RegisterSpec, cal: WorkCalendar, today: date) -> DueLine:
    if line.is_answered_by(today):
        return DueLine(no, line, None, DONE, None)
    try:
        due = deadline(line, spec, cal)
        if due is None:
            return DueLine(no, line, None, WAITING, None)
        if due < today:
            return DueLine(no, line, due, OVERDUE, -cal.workdays_between(due, today))
        left = cal.workdays_between(today, due)
    except CalendarGap as exc:
        return DueLine(no, line, None, OPEN, None, str(exc))
    return DueLine(no, line, due, DUE_SOON if left <= spec.due_soon_days else OPEN, left)


def open_lines(register: Register, spec: RegisterSpec, cal: WorkCalendar, today: date) -> list[DueLine]:
    """Applications not answered by ``today`` (received by then), earliest deadline first; no deadline last."""
    out = [
        _status(no, line, spec, cal, today)
        for no, line in enumerate(register.lines, 1)
        if line.received <= today and not line.is_answered_by(today)
    ]
    out.sort(key=lambda d: (d.deadline is None, d.deadline or today, d.no))
    return out


def late_answers(register: Register, spec: RegisterSpec, cal: WorkCalendar) -> tuple[list[int], list[str]]:
    """序号 of lines answered after their deadline, and the calendar problems met (one message per year)."""
    late: list[int] = []
    problems: dict[int, str] = {}
    for no, line in enumerate(register.lines, 1):
        if line.answered is None:
            continue
        try:
            due = deadline(line, spec, cal)
        except CalendarGap as exc:
            problems.setdefault(exc.year, str(exc))
            continue
        if due is not None and line.answered > due:
            late.append(no)
    return late, list(problems.values())
