"""以计算值为准: settle a printed total that disagrees with its parts, so that an imported report is never trapped.

A published report can print a wrong total (行政复议 总计 0 while its parts sum to 11).  The import keeps the printed
figure (rules H2–H4 show the disagreement, never silently corrected), but an error cannot be confirmed and a total
cannot be typed, so such a report could only ever go out as a draft.  Settling it, one undo step, takes the computed
total: the printed figure leaves ``printed_totals`` and is kept in the import log and in an explanation under the
finding's key (which names the cells, the sum and the printed figure).
"""

from __future__ import annotations

from ..checks.finding import Finding, fmt
from ..edits import Batch, Edit, SetExplanation
from ..imported.record_edits import SetImportLog, SetPrintedTotals
from ..report import ImportNote, Report

SETTLE_TEXT = "以计算值为准"


def settles(report: Report, finding: Finding) -> bool:
    """True for a finding about a printed total (rule kind ``printed_totals``) whose printed figure is still kept."""
    rule = report.form.rule(finding.rule)
    return rule.get("kind") == "printed_totals" and bool(finding.cells) and finding.cells[0] in report.printed_totals


def settle_note(report: Report, finding: Finding) -> str:
    """The sentence kept in the import log and the explanation."""
    cell = finding.cells[0]
    label = report.form.cell_title(cell)
    return (f"{SETTLE_TEXT}：原报告{label}印出{fmt(finding.right)}，而各项之和为{fmt(finding.left)}；"
            f"已按各项之和计算（规则{finding.rule}），原印出的数字记于此。")


def settle_printed(report: Report, finding: Finding) -> Edit | None:
    """The one edit that settles ``finding`` with the computed total, or ``None`` when it is no such finding."""
    if not settles(report, finding):
        return None
    cell = finding.cells[0]
    text = settle_note(report, finding)
    note = ImportNote("info", text, cell, "")
    return Batch((
        SetPrintedTotals({cell: None}),
        SetExplanation(finding.key, text),
        SetImportLog((*report.import_log, note)),
    ))
