"""Table 三 counted from the register for report year Y, with the lines each cell counts (its provenance).

For each line, in its applicant column:
- received in Y → 本年新收; received before Y and not answered before Y → 上年结转;
- answered in Y → the row of its 办理结果; received by 31 December of Y and not answered by then → 结转下年度.
So 本年新收 + 上年结转 = 办理结果总计 + 结转下年度 holds for every column by construction (rule H1).  Lines that
cannot be counted (no applicant type, answered without a result, answered before received) are listed as problems
and counted nowhere.  10,000 lines are counted in about 10 ms (see ``benchmarks/bench_register.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..form import Form
from .model import FIELD_LABELS, HoldsRegister, Register, RegisterSpec, register_spec


@dataclass
class RegisterCount:
    """Every input cell of the table with its count, and the 序号 (1-based) of the lines behind each cell."""

    values: dict[str, int]
    sources: dict[str, list[int]]
    problems: list[tuple[int, str]] = field(default_factory=list)  # (序号, Chinese message)

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
    for no, line in enumerate(register.lines, 1):
        received, answered = line.received, line.answered
        if received > end or (answered is not None and answered < start):
            continue  # another year's application
        col = line.applicant_type
        if col not in types:
            problems.append((no, f"缺少{FIELD_LABELS['applicant_type']}，未计入表格。"))
            continue
        if answered is not None and answered < received:
            problems.append((no, "答复日期早于收到日期，未计入表格。"))
            continue
        answered_in_year = answered is not None and answered <= end
        if answered_in_year and line.result not in results:
            problems.append((no, f"已答复但缺少{FIELD_LABELS['result']}，未计入表格。"))
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
    return RegisterCount({c: len(v) for c, v in sources.items()}, sources, problems)


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
    counted = count_table(reg, report.form, report.year)
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
