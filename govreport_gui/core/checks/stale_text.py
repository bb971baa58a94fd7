"""Stale text: what a report started from last year's still says about last year (rules of group "stale_text").

Carry-over (:mod:`..intake.carryover`) copies last year's prose under a marker line; a clerk who edits the figures but
not the prose hands in last year's statistics period ("统计数据自2023年1月1日起至2023年12月31日止" in a 2024
report), last year's "2023年度，本单位…", a title or a publication date of the wrong year.  Each evaluator here reads
its patterns and messages from the form file and reports the place (:class:`~.finding.TextPlace`) of every match, so
the window can select the words.

Precision matters more than recall: a false alarm on a real report teaches clerks to ignore the panel.  The year
patterns only match where the report's own year belongs (the statistics period, "X年度" as this report's period, a
sentence opening with "X年") and leave comparisons ("较2023年增长", "与2023年度相比"), "2023年结转", dates and last
year's report by name alone.  Measured: no finding on the seed report nor on the prose of the five shared sample
reports (2021–2025) imported as published; on the seed carried to 2024, 9 findings (4 marker lines, the
statistics period, "2023年度，我单位…", "2023年收到…" opening a line, "，2023年没有发生…", "，2023年未发生…").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from ..report import Report
from .finding import Finding, TextPlace, evaluator

STALE_GROUP = "stale_text"


def _text_label(report: Report, key: str) -> str:
    return report.form.text_keys.get(key, key)


def _finding(rule: dict[str, Any], left: str, right: Any, msg: str, where: TextPlace) -> Finding:
    return Finding(rule["id"], rule["severity"], (), left, right, msg, where)


def marker_of(form_rules: tuple[dict[str, Any], ...]) -> str:
    """The carry-over marker line, from the form's ``draft_marker`` rule."""
    for rule in form_rules:
        if rule.get("kind") == "draft_marker":
            return str(rule["marker"])
    raise KeyError("draft_marker")


@evaluator("draft_marker")
def _draft_marker(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    marker = rule["marker"]
    for key in report.form.text_keys:
        text = report.texts.get(key, "")
        start = text.find(marker)
        if start < 0:
            continue
        msg = rule["message"].format(text_label=_text_label(report, key), quote=marker)
        yield _finding(rule, marker, "", msg, TextPlace(key, start, start + len(marker)))


@functools.lru_cache(maxsize=64)
def _compiled(pattern: str, prev: int) -> re.Pattern[str]:
    return re.compile(pattern.replace("{prev}", str(prev)), re.MULTILINE)


def _spans(text: str, patterns: list[dict[str, Any]], prev: int) -> Iterator[tuple[int, int, dict[str, Any]]]:
    """Non-overlapping matches of every pattern, in text order (leading blanks trimmed)."""
    found: list[tuple[int, int, dict[str, Any]]] = []
    for p in patterns:
        for m in _compiled(p["regex"], prev).finditer(text):
            start, end = m.start(), m.end()
            while start < end and text[start].isspace():
                start += 1
            if end > start and not any(s < end and start < e for s, e, _ in found):
                found.append((start, end, p))
    yield from sorted(found, key=lambda x: x[0])


@evaluator("stale_year")
def _stale_year(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    year = report.year
    if year is None:
        return
    for key in report.form.text_keys:
        text = report.texts.get(key, "")
        if str(year - 1) not in text:
            continue
        for start, end, p in _spans(text, rule["patterns"], year - 1):
            quote = text[start:end]
            hint = p["hint"].format(year=year)
            msg = rule["message"].format(text_label=_text_label(report, key), quote=quote, year=year, hint=hint)
            yield _finding(rule, quote, year, msg, TextPlace(key, start, end))


@evaluator("title_year")
def _title_year(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    year = report.year
    title = str(report.meta.get("title") or "")
    if year is None or not title:
        return  # without a title of its own the report prints the customary one, built from its year
    for m in re.finditer(rule["regex"], title):
        named = int(m.group(1))
        if named != year:
            msg = rule["message"].format(title=title, left=named, right=year)
            yield _finding(rule, m.group(0), year, msg, TextPlace("title", m.start(), m.end(), meta=True))


@evaluator("published_after_year")
def _published_after_year(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    year = report.year
    published = str(report.meta.get("published") or "")
    if year is None or not published:
        return
    try:
        day = date.fromisoformat(published)
    except ValueError:
        return
    if day <= date(year, 12, 31):
        msg = rule["message"].format(left=published, year=year)
        yield _finding(rule, published, year, msg, TextPlace("published", 0, len(published), meta=True))


def is_stale_rule(rule: dict[str, Any]) -> bool:
    return rule.get("group") == STALE_GROUP
