"""Confirmed warnings: a written explanation belongs to one finding, not to a rule.

``report.explanations`` maps a finding's :attr:`~.finding.Finding.key` (``rule|subject|left|right``: the rule, its
cells or place in the text, and the values that raised it) to the clerk's explanation.  When those values change the
finding has another key: it shows open again, and the explanation of the same rule and subject is *offered* for
editing (:func:`offered`), never silently reused.  A bare rule id as key is an explanation from a file of format 1
or 2 (per rule) that matched no finding when the file was read: it is offered to every finding of that rule and
kept in the file until the clerk confirms one of them.  Failing both, another finding's explanation of the same rule
is offered as a starting text (it stays with its own finding).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..report import Report
from .finding import Finding
from .run import check


def _settled(report: Report) -> None:
    """Explanations read from a format 1 or 2 file go to their findings before any question about them."""
    if report.explanations_by_rule:
        check(report)


def is_confirmed(report: Report, finding: Finding) -> bool:
    """True for a warning explained for exactly these values."""
    _settled(report)
    return finding.severity == "warning" and bool(report.explanations.get(finding.key, "").strip())


def explanation(report: Report, finding: Finding) -> str:
    """The explanation confirming ``finding`` ("" when it is not confirmed)."""
    return report.explanations.get(finding.key, "") if is_confirmed(report, finding) else ""


@dataclass(frozen=True)
class Offer:
    """An earlier explanation offered for editing: ``changed`` — this rule and subject, other values (it is
    replaced when the finding is confirmed); ``migrated`` — per rule from an old file (replaced too); ``same_rule``
    — another finding's of the same rule (left with that finding)."""

    key: str
    text: str
    kind: Literal["changed", "migrated", "same_rule"]


def offered(report: Report, finding: Finding) -> Offer | None:
    """The explanation to offer for an unconfirmed warning, or ``None`` (confirmed, an error, nothing on offer)."""
    if finding.severity != "warning" or is_confirmed(report, finding):  # is_confirmed settles old explanations
        return None
    prefix = f"{finding.rule}|{finding.subject}|"
    same_rule: Offer | None = None
    for key, text in report.explanations.items():
        if not text.strip():
            continue
        if key.startswith(prefix):
            return Offer(key, text, "changed")
        if same_rule is None and key.startswith(f"{finding.rule}|"):
            same_rule = Offer(key, text, "same_rule")
    text = report.explanations.get(finding.rule, "")
    return Offer(finding.rule, text, "migrated") if text.strip() else same_rule


def unconfirmed_warnings(report: Report, findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "warning" and not is_confirmed(report, f)]
