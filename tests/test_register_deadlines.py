"""答复期限 by the official calendar: the 2025 Spring Festival and National Day with their 调休 working days, 补正,
延期 and consultation days, statuses, the local file for uncovered years, and the findings W10/W11."""

from __future__ import annotations

from datetime import date

import pytest

from govreport_gui.core.checks import register as checks
from govreport_gui.core.checks.run import check
from govreport_gui.core.register.count import sync_report
from govreport_gui.core.register.deadlines import (
    DONE,
    DUE_SOON,
    OPEN,
    OVERDUE,
    WAITING,
    deadline,
    late_answers,
    open_lines,
    status_of,
)
from govreport_gui.core.register.model import Register, RegisterLine, register_spec
from govreport_gui.core.register.workdays import (
    CalendarFileError,
    CalendarGap,
    WorkCalendar,
    load_calendar,
    parse_local,
)
from govreport_gui.core.report import Report

D = date.fromisoformat


@pytest.fixture
def cal() -> WorkCalendar:
    return WorkCalendar()


def test_package_knows_the_2025_tiaoxiu_days(cal) -> None:
    # 调休 working weekend days (checked against the State Council's notice for 2025)
    for d in ("2025-01-26", "2025-02-08", "2025-09-28", "2025-10-11"):
        assert D(d).weekday() >= 5 and cal.is_workday(D(d)), d
    for d in ("2025-01-28", "2025-02-04", "2025-10-01", "2025-10-08"):
        assert D(d).weekday() < 5 and not cal.is_workday(D(d)), d


def test_spring_festival(form, cal) -> None:
    spec = register_spec(form)
    # 1-21..24 (4), Sun 1-26 worked (5), 1-27 (6), 1-28..2-4 off, 2-5..7 (9), Sat 2-8 worked (10), 2-10..14 (15),
    # 2-17..21 (20)
    assert deadline(RegisterLine(D("2025-01-20"), "natural"), spec, cal) == D("2025-02-21")


def test_national_day(form, cal) -> None:
    spec = register_spec(form)
    line = RegisterLine(D("2025-09-26"), "natural")
    # Sun 9-28 worked (1), 9-29, 9-30 (3), 10-1..8 off, 10-9, 10-10 (5), Sat 10-11 worked (6), 10-13..17 (11),
    # 10-20..24 (16), 10-27..30 (20)
    assert deadline(line, spec, cal) == D("2025-10-30")
    assert deadline(RegisterLine(D("2025-09-26"), "natural", extended=True), spec, cal) == D("2025-11-27")
    assert deadline(RegisterLine(D("2025-09-26"), "natural", consultation_days=5), spec, cal) == D("2025-11-06")
    # 补正: the period runs from the day the corrected application came in
    corrected = RegisterLine(D("2025-09-01"), "natural", correction_asked=D("2025-09-03"),
                             correction_received=D("2025-09-26"))
    assert deadline(corrected, spec, cal) == D("2025-10-30")
    waiting = RegisterLine(D("2025-09-01"), "natural", correction_asked=D("2025-09-03"))
    assert deadline(waiting, spec, cal) is None
    assert status_of(waiting, spec, cal, D("2025-12-01")).status == WAITING


def test_status_on_a_day(form, cal) -> None:
    spec = register_spec(form)
    line = RegisterLine(D("2025-09-26"), "natural")  # due 2025-10-30
    assert status_of(line, spec, cal, D("2025-10-22")).status == OPEN
    soon = status_of(line, spec, cal, D("2025-10-23"))
    assert soon.status == DUE_SOON and soon.days_left == 5
    assert status_of(line, spec, cal, D("2025-10-30")).days_left == 0
    late = status_of(line, spec, cal, D("2025-11-03"))
    assert late.status == OVERDUE and late.days_left == -2
    assert status_of(RegisterLine(D("2025-09-26"), "natural", result="granted", answered=D("2025-10-09")), spec, cal,
                     D("2025-11-03")).status == DONE


def test_open_lines_sorted_by_deadline(form, cal) -> None:
    spec = register_spec(form)
    reg = Register([
        RegisterLine(D("2025-09-26"), "natural", extended=True),
        RegisterLine(D("2025-09-26"), "natural"),
        RegisterLine(D("2025-09-01"), "natural", correction_asked=D("2025-09-03")),
        RegisterLine(D("2025-09-20"), "natural", result="granted", answered=D("2025-09-30")),
        RegisterLine(D("2025-12-01"), "natural"),  # not yet received on the day
    ])
    due = open_lines(reg, spec, cal, D("2025-11-03"))
    assert [(d.no, d.status) for d in due] == [(2, OVERDUE), (1, OPEN), (3, WAITING)]


def test_uncovered_year_and_the_local_file(form, tmp_path) -> None:
    spec = register_spec(form)
    line = RegisterLine(D("2026-12-20"), "natural")
    with pytest.raises(CalendarGap, match="2027年"):
        deadline(line, spec, WorkCalendar())
    f = tmp_path / "holidays.toml"
    f.write_text('# 2027\n[2027]\nholidays = ["2027-01-01"]\nworkdays = []\n', encoding="utf-8")
    cal = load_calendar(f)
    # 12-21..25 (5), 12-28..31 (9), 2027-01-01 off (local file), 1-4..8 (14), 1-11..15 (19), 1-18 (20)
    assert deadline(line, spec, cal) == D("2027-01-18")
    st = status_of(RegisterLine(D("2026-12-20"), "natural"), spec, WorkCalendar({}, "某处/holidays.toml"),
                   D("2026-12-22"))
    assert st.problem and "2027年" in st.problem and "holidays.toml" in st.problem


@pytest.mark.parametrize("text, fragment", [
    ("[2027\n", "格式有误"),
    ("[abc]\nholidays = []\n", "四位年份"),
    ('[2027]\nholidays = ["2027-02-30"]\n', "不是YYYY-MM-DD"),
    ('[2027]\nholidays = ["2026-02-03"]\n', "其他年份"),
    ("[2027]\nholidays = 3\n", "日期列表"),
    ("[2027]\nfoo = []\n", "未知项"),
])
def test_malformed_local_file_refused(text, fragment) -> None:
    with pytest.raises(CalendarFileError, match=fragment):
        parse_local(text)


def test_findings_overdue_and_late_answers(monkeypatch) -> None:
    monkeypatch.setattr(checks, "today", lambda: D("2025-11-03"))
    r = Report.new("某局", 2025)
    r.register = Register([
        RegisterLine(D("2025-09-26"), "natural"),  # open, due 10-30: overdue on 11-03
        RegisterLine(D("2025-09-26"), "business", result="granted", answered=D("2025-10-31")),  # a day late
        RegisterLine(D("2025-09-26"), "business", result="granted", answered=D("2025-10-30")),  # on time
        RegisterLine(D("2025-09-26"), "legal", result="granted", answered=D("2025-11-20"), extended=True),  # on time
    ])
    sync_report(r)
    found = {f.rule: f for f in check(r) if f.rule in ("W10", "W11")}
    assert found["W10"].left == 1 and "序号1" in found["W10"].message
    assert found["W11"].left == 1 and "序号2" in found["W11"].message
    late, problems = late_answers(r.register, register_spec(r.form), WorkCalendar())
    assert late == [2] and problems == []
    r.register = None
    assert not [f for f in check(r) if f.rule in ("W10", "W11")]
