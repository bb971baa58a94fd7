"""Copied text (rule kind ``copied_text``): a section of this year's prose that is last year's, nearly word for word.

Supervisors sanction a 存在的主要问题及改进情况 copied from last year ("内容雷同").  The rule compares each text the
form names (``texts``) with the same section of last year's report, :attr:`~..report.Report.last_texts` — known to a
report started from last year's, and to the comparison and the review, which read last year's file; it is never
saved — by :func:`..text_similarity.similarity`, with the carry-over marker line left out (rule W13 flags that line on
its own).  At or above the form's ``threshold`` the section is a finding whose place is the whole section, so the
window selects it.  A section shorter than ``min_chars`` on either side is not judged: "本年度未收取信息处理费。" is
the same every year by right.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..report import Report
from ..text_similarity import key_length, percent, similarity
from .finding import Finding, TextPlace, evaluator
from .stale_text import marker_of


def copied_sections(report: Report, rule: dict[str, Any]) -> list[tuple[str, float]]:
    """(text key, similarity) of every section of ``report`` at or above the rule's threshold, in the rule's order."""
    if not report.last_texts:
        return []
    ignore = (marker_of(report.form.rules),)
    least = int(rule.get("min_chars", 0))
    out = []
    for key in rule.get("texts", ()):
        now, before = report.texts.get(key, ""), report.last_texts.get(key, "")
        if key_length(now, ignore) < least or key_length(before, ignore) < least:
            continue
        ratio = similarity(before, now, ignore)
        if ratio >= float(rule["threshold"]):
            out.append((key, ratio))
    return out


@evaluator("copied_text")
def _copied_text(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    if not report.last_texts:  # the usual case (a report read from its file): nothing to compare with
        return
    threshold = percent(float(rule["threshold"]))
    for key, ratio in copied_sections(report, rule):
        text = report.texts.get(key, "")
        label = report.form.text_keys.get(key, key)
        msg = rule["message"].format(text_label=label, left=percent(ratio), right=threshold)
        yield Finding(rule["id"], rule["severity"], (), percent(ratio), threshold, msg, TextPlace(key, 0, len(text)))
