"""The register's account of itself, as the 台账 tab shows it: every line counted in Table 三 or named.

"台账共8件 = 计入表三7件（本年新收7件 + 上年结转0件）+ 未计入1件（序号5）": the lines the count places in the
table's 本年新收 and 上年结转 rows, plus those it cannot place (the findings of rule kind ``register_uncounted``
name them) and those of another year (``register_other_year``).  The two sides are equal by construction
(:func:`.count.count_table` lists every line it does not count); when Table 三 holds typed figures, they are set
beside the register's so that a difference shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from .count import RegisterCount, count_table
from .model import HoldsRegister, register_spec

MAX_LISTED = 10


@dataclass(frozen=True)
class Balance:
    """How the register's lines are accounted for in one year's table."""

    lines: int
    new: int
    carried_in: int
    uncounted: tuple[int, ...]  # 序号
    other_year: tuple[int, ...]  # 序号

    @property
    def counted(self) -> int:
        return self.new + self.carried_in

    @property
    def balanced(self) -> bool:
        return self.lines == self.counted + len(self.uncounted) + len(self.other_year)


def balance(report: HoldsRegister, count: RegisterCount | None = None) -> Balance | None:
    """The account of the report's register for its year (``None`` without a register or a year)."""
    reg = report.register
    if reg is None or report.year is None or not report.form.register:
        return None
    spec = register_spec(report.form)
    c = count if count is not None else count_table(reg, report.form, report.year)
    new = sum(c.values[spec.cell(spec.new_row, t)] for t in spec.types)
    carried = sum(c.values[spec.cell(spec.carried_in_row, t)] for t in spec.types)
    return Balance(len(reg.lines), new, carried, tuple(sorted(c.codes)), tuple(c.outside))


def _nos(nos: tuple[int, ...]) -> str:
    return "、".join(map(str, nos[:MAX_LISTED])) + ("等" if len(nos) > MAX_LISTED else "")


def balance_text(report: HoldsRegister, count: RegisterCount | None = None) -> str:
    """The one line the 台账 tab shows ("" without a register)."""
    reg = report.register
    if reg is None:
        return ""
    b = balance(report, count)
    if b is None:
        return f"台账共{len(reg.lines)}件；报告尚未填写年度，无法统计表三。"
    spec = register_spec(report.form)
    short = spec.table.short
    text = f"台账共{b.lines}件 = 计入{short}{b.counted}件（本年新收{b.new}件 + 上年结转{b.carried_in}件）"
    if b.uncounted:
        text += f" + 未计入{len(b.uncounted)}件（序号{_nos(b.uncounted)}，见检查结果）"
    if b.other_year:
        text += f" + 其他年度{len(b.other_year)}件（序号{_nos(b.other_year)}）"
    if not reg.fills_table:
        typed_new = sum(int(report.values.get(spec.cell(spec.new_row, t)) or 0) for t in spec.types)
        typed_in = sum(int(report.values.get(spec.cell(spec.carried_in_row, t)) or 0) for t in spec.types)
        same = (typed_new, typed_in) == (b.new, b.carried_in)
        text += (f"；{short}为手工填写：本年新收{typed_new}件、上年结转{typed_in}件"
                 + ("，与台账一致" if same else "，与台账统计不同"))
    return text + "。"
