"""One comparison of two years, and its short verdict: what the HTML page, the Word document, the workbook, the
command line and the window all show.

The verdict comes first in every output: whether anything needs a second look (sections copied from last year,
cross-year rules not met, tables identical to last year's, two different agencies or years not one apart), then one
line each for the tables, the prose and the cross-year rules.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..checks.finding import Finding
from ..report import Report
from .cells import CellRow, cell_rows
from .cross_year import Carried, carried_figures, cross_year_findings
from .prose import SectionDiff, section_diffs
from .reading import check_order, read_any

ATTENTION, CLEAR = "需要核实", "未见明显问题"


@dataclass
class Comparison:
    """Two reports side by side (``last`` and ``this`` are not changed)."""

    last: Report
    this: Report
    last_name: str
    this_name: str
    cells: list[CellRow]
    sections: list[SectionDiff]
    cross_year: list[Finding]
    carried: list[Carried]
    verdict: list[str] = field(default_factory=list)  # the level, then one line each
    attention: bool = False

    @property
    def changed_cells(self) -> list[CellRow]:
        return [c for c in self.cells if c.changed]

    @property
    def copied(self) -> list[SectionDiff]:
        return [s for s in self.sections if s.copied]

    def title(self) -> str:
        agency = self.this.agency or self.last.agency or "（未填写机关名称）"
        years = f"{_year(self.this)}与{_year(self.last)}"
        return f"{agency}政府信息公开工作年度报告：{years}对比"


def _year(report: Report) -> str:
    return f"{report.year}年度" if report.year is not None else "（年度未填写）"


def compare_reports(last: Report, this: Report, last_name: str = "上年报告", this_name: str = "本年报告") -> Comparison:
    """Compare ``this`` year's report with ``last`` year's."""
    c = Comparison(last, this, last_name, this_name, cell_rows(last, this), section_diffs(last, this),
                   cross_year_findings(last, this), carried_figures(last, this))
    c.verdict, c.attention = verdict(c)
    return c


def compare_files(last_path: str | os.PathLike[str], this_path: str | os.PathLike[str]) -> Comparison:
    """Read both files (any format the importer reads) and compare; :class:`.reading.CompareRefused` when a file
    cannot be read or the two are given the wrong way round."""
    last, this = read_any(last_path), read_any(this_path)
    last_name, this_name = Path(last_path).name, Path(this_path).name
    check_order(last, this, last_name, this_name)
    return compare_reports(last, this, last_name, this_name)


def verdict(c: Comparison) -> tuple[list[str], bool]:
    """The verdict's lines (the level first) and whether anything needs a second look."""
    form = c.this.form
    lines: list[str] = []
    attention = False
    if c.last.agency and c.this.agency and c.last.agency != c.this.agency:
        lines.append(f"两份报告的机关名称不同：上年为“{c.last.agency}”，本年为“{c.this.agency}”。")
        attention = True
    if c.last.year is not None and c.this.year is not None and c.this.year - c.last.year != 1:
        lines.append(f"两份报告的年度为{c.last.year}年和{c.this.year}年，不是相邻的两年。")
        attention = True
    changed = c.changed_cells
    filled = [x for x in c.cells if x.this is not None or x.last is not None]
    if not changed and filled:
        lines.append("表格：所有数字与上年完全相同，请核实是否照抄了上年的表格。")
        attention = True
    else:
        per_table = [f"{form.tables[t].short}{k}个" for t in form.tables
                     if (k := sum(x.table == t and not x.derived for x in changed))]
        lines.append(f"表格：{sum(not x.derived for x in changed)}个填写的数字有变化"
                     + (f"（{'、'.join(per_table)}）" if per_table else "") + "。")
    parts = [f"{s.label}{s.similarity_text}" for s in c.sections if s.last.strip() or s.this.strip()]
    line = "正文与上年的相似度：" + ("；".join(parts) if parts else "两年均无正文") + "。"
    if c.copied:
        line += f"其中{'、'.join(s.label for s in c.copied)}可能照抄了上年的内容。"
        attention = True
    lines.append(line)
    if c.cross_year:
        rules = sorted({f.rule for f in c.cross_year}, key=lambda r: [x["id"] for x in form.rules].index(r))
        lines.append(f"跨年度核对：{len(c.cross_year)}处与上年报告不衔接（{'、'.join(rules)}）。")
        attention = True
    elif any(x.agrees is not None for x in c.carried):
        lines.append("跨年度核对：上年结转和现行有效件数与上年报告衔接。")
    else:
        lines.append("跨年度核对：两份报告没有可以核对的结转数字。")
    return [f"结论：{ATTENTION if attention else CLEAR}。", *lines], attention
