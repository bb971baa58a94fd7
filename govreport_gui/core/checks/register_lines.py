"""Findings that account for every line of the register: each line is counted in Table 三 or named here.

The form's rules of kinds ``register_uncounted`` (a line the count cannot place: no applicant type, answered without
a result, a value the import could not read — e.g. the 办理结果 "已公开" — or answered before received),
``register_other_year`` (received after the report year, or answered before it began) and ``register_repeated_seq``
(the same 序号 on several lines of the office's workbook).  Each finding lists the lines by 序号 and stays until those
lines are put right (or the warning is confirmed).  The count is :func:`..register.count.cached_count`, the one the
report's sync made for the same lines, so a check after an edit of a 10,000-line register counts nothing again.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..register.count import PROBLEMS, RegisterCount, cached_count
from ..register.model import Register
from ..report import Report
from .finding import Finding, evaluator

MAX_LISTED = 20


def counted(report: Report) -> RegisterCount | None:
    """The count of the report's register for its year (``None`` without a register, lines or year)."""
    reg = report.register
    if reg is None or not reg.lines or report.year is None or not report.form.register:
        return None
    return cached_count(reg, report.form, report.year)


def listed(nos: list[int]) -> str:
    """序号 as a message lists them: at most :data:`MAX_LISTED`, then 等."""
    return "、".join(str(n) for n in nos[:MAX_LISTED]) + ("等" if len(nos) > MAX_LISTED else "")


def _finding(rule: dict[str, Any], nos: list[int], tag: str, message: str) -> Finding:
    # ``right`` names the lines (and why), so that a confirmation holds for exactly these lines
    return Finding(rule["id"], rule["severity"], (), len(nos), f"{tag}:{listed(nos)}", message)


def uncounted_groups(report: Report) -> list[tuple[str, list[int]]]:
    """(reason code, 序号) for the lines not counted, by reason in :data:`~..register.count.PROBLEMS` order."""
    count = counted(report)
    if count is None:
        return []
    by_code: dict[str, list[int]] = {}
    for no, code in count.codes.items():
        by_code.setdefault(code, []).append(no)
    return [(code, sorted(by_code[code])) for code in PROBLEMS if code in by_code]


def other_year_groups(report: Report) -> list[tuple[str, list[int]]]:
    """("after", 序号 received after the year) and ("before", 序号 answered before it began), where there are any."""
    count = counted(report)
    reg = report.register
    if count is None or reg is None or report.year is None:
        return []
    after = [no for no in count.outside if reg.lines[no - 1].received.year > report.year]
    before = [no for no in count.outside if reg.lines[no - 1].received.year <= report.year]
    return [(tag, nos) for tag, nos in (("after", after), ("before", before)) if nos]


def repeated_seqs(register: Register | None) -> list[tuple[str, list[int]]]:
    """(序号 as written in the office's workbook, the lines that carry it) for every 序号 on more than one line."""
    if register is None:
        return []
    by_seq: dict[str, list[int]] = {}
    for no, line in enumerate(register.lines, 1):
        if line.seq:
            by_seq.setdefault(line.seq, []).append(no)
    return [(seq, nos) for seq, nos in by_seq.items() if len(nos) > 1]


def lines_of(report: Report, kind: str) -> list[int]:
    """The 序号 the findings of the rules of ``kind`` name (for the 台账 tab to select them)."""
    if kind == "register_uncounted":
        groups = uncounted_groups(report)
    elif kind == "register_other_year":
        groups = other_year_groups(report)
    elif kind == "register_repeated_seq":
        groups = repeated_seqs(report.register)
    else:
        return []
    return sorted({no for _, nos in groups for no in nos})


def _written(report: Report, code: str, nos: list[int]) -> str:
    """For lines kept with a value the import could not read: the texts written there (“已公开”…), else ""."""
    reg = report.register
    if reg is None or not code.startswith("unread_"):
        return ""
    texts: list[str] = []
    for no in nos:
        text = reg.lines[no - 1].unread_value(code.removeprefix("unread_"))
        if text is not None and text not in texts:
            texts.append(text)
    shown = "、".join(f"“{t[:20]}”" for t in texts[:3]) + ("等" if len(texts) > 3 else "")
    return f"（台账中写的是{shown}）" if shown else ""


@evaluator("register_uncounted")
def _uncounted(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    for code, nos in uncounted_groups(report):
        reason = PROBLEMS[code] + _written(report, code, nos)
        msg = rule["message"].format(left=len(nos), lines=listed(nos), reason=reason)
        yield _finding(rule, nos, code, msg)


@evaluator("register_other_year")
def _other_year(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    for tag, nos in other_year_groups(report):
        reason = rule[f"reason_{tag}"].format(year=report.year)
        msg = rule["message"].format(left=len(nos), lines=listed(nos), reason=reason, year=report.year)
        yield _finding(rule, nos, tag, msg)


@evaluator("register_repeated_seq")
def _repeated_seq(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    for seq, nos in repeated_seqs(report.register):
        msg = rule["message"].format(seq=seq, left=len(nos), lines=listed(nos))
        yield _finding(rule, nos, seq, msg)
