"""The final check before anything leaves the program: what is still unresolved in a report.

Export (PDF, workbook), printing and the command line's ``export`` ask :func:`unresolved` first.  A report is ready
when it has no error, every warning is confirmed for its current values (:mod:`.confirmations`), no text still
speaks of last year (the rules of group "stale_text", :mod:`.stale_text`) and the clerk has checked every value an
import or carry-over filled in (the report's ``unchecked`` marks, saved in the file since format 4; the window
passes its own, which are the same).  A report that is not ready may still go out, as a draft marked
:data:`DRAFT_WORD` on every page (PDF, print) and in every sheet's page header (workbook).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..report import Report
from .confirmations import is_confirmed
from .finding import Finding
from .run import check
from .stale_text import is_stale_rule

DRAFT_WORD = "草稿"
DRAFT_NOTE = "草稿：本稿尚有未解决的问题，不是正式报告"


@dataclass(frozen=True)
class Readiness:
    """What stands between the report and paper, by kind."""

    errors: tuple[Finding, ...] = ()
    warnings: tuple[Finding, ...] = ()  # warnings not confirmed for their current values (stale text apart)
    stale: tuple[Finding, ...] = ()  # text left over from last year's report, not confirmed
    marks: tuple[str, ...] = ()  # cell ids of imported or carried values not yet confirmed

    @property
    def clean(self) -> bool:
        return not (self.errors or self.warnings or self.stale or self.marks)

    def counts(self) -> dict[str, int]:
        return {"errors": len(self.errors), "warnings": len(self.warnings), "stale": len(self.stale),
                "marks": len(self.marks)}

    def headline(self) -> str:
        """One line: what kinds remain and how many ("" when clean)."""
        parts = []
        if self.errors:
            parts.append(f"错误{len(self.errors)}项")
        if self.warnings:
            parts.append(f"未确认的警告{len(self.warnings)}项")
        if self.stale:
            parts.append(f"沿用上年的正文{len(self.stale)}处")
        if self.marks:
            parts.append(f"未核对的导入或转入数值{len(self.marks)}个")
        return "报告尚有未解决的问题：" + "，".join(parts) + "。" if parts else ""

    def lines(self, report: Report, each: int = 3) -> list[str]:
        """The headline, then up to ``each`` examples of every kind (Chinese, one line each)."""
        if self.clean:
            return []
        out = [self.headline()]
        for tag, findings in (("错误", self.errors), ("警告", self.warnings), ("上年正文", self.stale)):
            out += [f"  [{tag} {f.rule}] {f.message}" for f in findings[:each]]
            if len(findings) > each:
                out.append(f"  ……另有{len(findings) - each}项{tag}")
        if self.marks:
            cells = report.form.cells
            shown = "、".join(cells[c].label if c in cells else c for c in self.marks[:each])
            more = f"等{len(self.marks)}个" if len(self.marks) > each else ""
            out.append(f"  [待核对] 导入或从上年转入的数值尚未确认：{shown}{more}")
        return out


def unresolved(report: Report, marks: Iterable[str] | None = None, findings: list[Finding] | None = None) -> Readiness:
    """What is unresolved in ``report``; ``marks`` are the cells whose imported/carried value awaits confirmation
    (the report's own ``unchecked`` when not given), ``findings`` the report's current findings when the caller has
    them (else they are computed)."""
    if marks is None:
        marks = report.unchecked
    found = check(report) if findings is None else findings
    stale_rules = {r["id"] for r in report.form.rules if is_stale_rule(r)}
    errors = tuple(f for f in found if f.severity == "error")
    open_warnings = [f for f in found if f.severity == "warning" and not is_confirmed(report, f)]
    return Readiness(
        errors=errors,
        warnings=tuple(f for f in open_warnings if f.rule not in stale_rules),
        stale=tuple(f for f in open_warnings if f.rule in stale_rules),
        marks=tuple(c for c in report.form.cells if c in set(marks)),
    )
