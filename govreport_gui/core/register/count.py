"""Table 三 counted from the register for report year Y, with the lines each cell counts (its provenance).

For each line, in its applicant column:
- received in Y → 本年新收; received before Y and not answered before Y → 上年结转;
- answered in Y → the row of its 办理结果; received by 31 December of Y and not answered by then → 结转下年度.
So 本年新收 + 上年结转 = 办理结果总计 + 结转下年度 holds for every column by construction (rule H1).  Lines that
cannot be counted (no applicant type, answered without a result, a value the import could not read in a field the
count needs, answered before received) are listed as problems and counted nowhere; lines of another year (received
after Y, or answered before it) are listed in ``outside``.  Every line is counted or listed: the register's findings
(:mod:`..checks.register_lines`) name each listed one.  10,000 lines are counted in about 10 ms (see
``benchmarks/bench_register.py``).
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from datetime import date

from ..form import Form
from .model import FIELD_LABELS, HoldsRegister, Register, RegisterLine, RegisterSpec, register_spec


@dataclass
class RegisterCount:
    """Every input cell of the table with its count, and the 序号 (1-based) of the lines behind each cell."""

    values: dict[str, int]
    sources: dict[str, list[int]]
    problems: list[tuple[int, str]] = field(default_factory=list)  # (序号, Chinese message)
    codes: dict[int, str] = field(default_factory=dict)  # 序号 → why it was not counted (a key of PROBLEMS)
    outside: list[int] = field(default_factory=list)  # 序号 of lines of another year (counted nowhere)

    def lines_for(self, form: Form, cell_id: str) -> list[int]:
        """The 序号 a cell counts; for a total, those of its parts (sorted, each once)."""
        if cell_id in self.sources:
            return self.sources[cell_id]
        total = form.totals.get(cell_id)
        if total is None:
            return []
        out: set[int] = set()
        for p in total.parts:
            out.update(self.lines_for(form, p))
        return sorted(out)


# Why a line is not counted: code → the reason, as the findings and ``register apply`` say it.
PROBLEMS: dict[str, str] = {
    "no_type": f"缺少{FIELD_LABELS['applicant_type']}",
    "unread_applicant_type": f"{FIELD_LABELS['applicant_type']}未能识别",
    "unread_result": f"{FIELD_LABELS['result']}不在表三的办理结果之中",
    "unread_answered": f"{FIELD_LABELS['answered']}未能识别或早于收到日期",
    "answered_before_received": f"{FIELD_LABELS['answered']}早于{FIELD_LABELS['received']}",
    "no_result": f"已答复但缺少{FIELD_LABELS['result']}",
}
COUNTED_FIELDS = ("applicant_type", "result", "answered")  # a value of these the import could not read: not counted


def count_table(register: Register, form: Form, year: int) -> RegisterCount:
    """Count the register into the table's input cells for report ``year``."""
    spec = register_spec(form)
    cells = spec.input_cells(form)
    sources: dict[str, list[int]] = {c: [] for c in cells}
    problems: list[tuple[int, str]] = []
    start, end = date(year, 1, 1), date(year, 12, 31)
    row_cells = _row_cells(spec)
    types = set(spec.types)
    results = set(spec.results)
    new, carried_in, carried_out = spec.new_row, spec.carried_in_row, spec.carried_out_row
    codes: dict[int, str] = {}
    outside: list[int] = []

    def problem(no: int, code: str, line: RegisterLine) -> None:
        codes[no] = code
        field_name = code.removeprefix("unread_")
        text = line.unread_value(field_name) if code.startswith("unread_") else None
        shown = f"（“{text}”）" if text is not None else ""
        problems.append((no, f"{PROBLEMS[code]}{shown}，未计入表格。"))

    for no, line in enumerate(register.lines, 1):
        received, answered = line.received, line.answered
        if received > end or (answered is not None and answered < start):
            outside.append(no)
            continue  # another year's application
        unread = next((f for f in COUNTED_FIELDS if line.unread_value(f) is not None), None) if line.unread else None
        if unread is not None:
            problem(no, f"unread_{unread}", line)
            continue
        col = line.applicant_type
        if col not in types:
            problem(no, "no_type", line)
            continue
        if answered is not None and answered < received:
            problem(no, "answered_before_received", line)
            continue
        answered_in_year = answered is not None and answered <= end
        if answered_in_year and line.result not in results:
            problem(no, "no_result", line)
            continue
        if received >= start:
            sources[row_cells[new][col]].append(no)
        else:
            sources[row_cells[carried_in][col]].append(no)
        if answered_in_year:
            assert line.result is not None
            sources[row_cells[line.result][col]].append(no)
        else:
            sources[row_cells[carried_out][col]].append(no)
    return RegisterCount({c: len(v) for c, v in sources.items()}, sources, problems, codes, outside)


_LAST: list[tuple[Form, int, tuple[RegisterLine, ...], RegisterCount]] = []  # one entry: the last count made


def cached_count(register: Register, form: Form, year: int) -> RegisterCount:
    """:func:`count_table`, kept for the very lines it was made from: the report's sync after an edit and the
    register's findings (:mod:`..checks.register_lines`) then count a 10,000-line register once, not twice.  Lines
    are immutable, so the same line objects in the same order give the same count."""
    if _LAST:
        f, y, lines, result = _LAST[0]
        if f is form and y == year and len(lines) == len(register.lines) \
                and all(map(operator.is_, lines, register.lines)):  # in C: 10,000 lines in 0.1 ms
            return result
    result = count_table(register, form, year)
    _LAST[:] = [(form, year, tuple(register.lines), result)]
    return result


def _row_cells(spec: RegisterSpec) -> dict[str, dict[str, str]]:
    rows = (spec.new_row, spec.carried_in_row, spec.carried_out_row, *spec.results)
    return {r: {c: spec.cell(r, c) for c in spec.types} for r in rows}


def sync_report(report: HoldsRegister) -> set[str]:
    """Make a report's table cells equal the count of its register (when it fills the table and has a year).

    Returns the ids of input cells whose value changed; the report's cached totals are invalidated.
    """
    reg = report.register
    if reg is None or not reg.fills_table or report.year is None:
        return set()
    counted = cached_count(reg, report.form, report.year)
    changed = set()
    for cid, n in counted.values.items():
        old = report.values.get(cid)
        if old != n or type(old) is not int:
            report.values[cid] = n
            changed.add(cid)
    if changed:
        report.invalidate()
    return changed


def register_cells(report: HoldsRegister) -> frozenset[str]:
    """The input cells a report's register fills (empty when it keeps typed figures or has no year to count)."""
    reg = report.register
    if reg is None or not reg.fills_table or not report.form.register or report.year is None:
        return frozenset()
    return frozenset(register_spec(report.form).input_cells(report.form))
