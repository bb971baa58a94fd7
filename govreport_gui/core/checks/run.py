"""Run the form's rules on a report: every evaluator module is listed here, once, and registers on import.

The evaluators import the registry (:mod:`.finding`) and never this module, so nothing imports back up.
"""

from __future__ import annotations

from ..report import Report
from . import baseline, copied_text, glyphs, prose, register, register_lines, stale_text, tables
from .finding import EVALUATORS, Finding

EVALUATOR_MODULES = (tables, baseline, prose, glyphs, stale_text, register, copied_text, register_lines)


def findings_of_kind(report: Report, kind: str) -> list[Finding]:
    """The findings of the rules of one ``kind`` only (e.g. the export's warning about undrawable characters)."""
    return [f for rule in report.form.rules if rule["kind"] == kind for f in EVALUATORS[kind](report, rule)]


def check(report: Report) -> list[Finding]:
    """Every finding for ``report``, errors first, in rule order.

    The first check of a report read from a file of format 1 or 2 also gives each per-rule explanation to the
    warnings of that rule (:func:`migrate_rule_explanations`)."""
    out: list[Finding] = []
    for rule in report.form.rules:
        out.extend(EVALUATORS[rule["kind"]](report, rule))
    out.sort(key=lambda f: f.severity != "error")
    if report.explanations_by_rule:
        migrate_rule_explanations(report, out)
    return out


def migrate_rule_explanations(report: Report, findings: list[Finding]) -> None:
    """Format 1 and 2 kept one explanation per rule: give it to each warning of that rule in ``findings`` (the
    report's findings now).  A rule's explanation that no finding matches stays under the bare rule id (offered,
    not confirming).  The explanations' texts take no part in any rule's outcome, so ``findings`` stay current."""
    report.explanations_by_rule = False
    per_rule = {k: v for k, v in report.explanations.items() if "|" not in k}
    if not per_rule:
        return
    keep = {k: v for k, v in report.explanations.items() if "|" in k}
    for rule, text in per_rule.items():
        mine = [f for f in findings if f.rule == rule and f.severity == "warning"]
        for f in mine:
            keep.setdefault(f.key, text)
        if not mine:
            keep[rule] = text
    report.explanations = keep


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]
