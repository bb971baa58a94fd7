"""Evaluators over the prose: figures quoted in the text against the tables (W6), the fee mentioned, headings of
the old form."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from ..compute import sum_values
from ..report import Report
from .finding import Finding, TextPlace, evaluator, finding, fmt

# A text that quotes one figure more often than this is not prose but hostile input (a 1,000,000-character text of
# "办结1件，" made 800,000 findings and took 6.5 s to check): the first quotes are checked, the rest not read.
MAX_QUOTES = 100
Quote = tuple[str, int | Decimal, int, int]  # the words, the figure, and the figure's offsets in the text


@functools.lru_cache(maxsize=1024)
def quotes(pattern: str, text: str) -> tuple[Quote, ...]:
    """Each match of a W6 pattern in ``text``: the quote, the figure (a count, or an amount with decimals) and the
    offsets of the figure in ``text``."""
    out = []
    for m in re.finditer(pattern, text):
        if len(out) == MAX_QUOTES:
            break
        g = next((i for i, x in enumerate(m.groups(), 1) if x is not None), None)
        if g is not None:
            num = m.group(g)
            out.append((m.group(0), int(num) if num.isdigit() else Decimal(num), m.start(g), m.end(g)))
    return tuple(out)


@functools.lru_cache(maxsize=256)
def quotes_by_pattern(regexes: tuple[str, ...], text: str) -> dict[int, tuple[Quote, ...]]:
    """:func:`quotes` of each pattern that matches ``text`` at all, by the pattern's index (one look-up per text
    and check instead of one per pattern)."""
    found = {i: quotes(rx, text) for i, rx in enumerate(regexes)} if text else {}
    return {i: q for i, q in found.items() if q}


_REGEXES: dict[int, tuple[dict[str, Any], tuple[str, ...]]] = {}


def _regexes(rule: dict[str, Any]) -> tuple[str, ...]:
    """The rule's patterns, kept by the rule's identity (the rule is held too, so that its id is never reused)."""
    found = _REGEXES.get(id(rule))
    if found is None or found[0] is not rule:
        found = _REGEXES[id(rule)] = (rule, tuple(p["regex"] for p in rule["patterns"]))
    return found[1]


@evaluator("prose_figures")
def _prose_figures(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    regexes = _regexes(rule)
    by_text = {key: quotes_by_pattern(regexes, report.texts.get(key, "")) for key in report.form.text_keys}
    quoted_patterns = sorted({i for found in by_text.values() for i in found})
    for i in quoted_patterns:
        p = rule["patterns"][i]
        table = sum_values(report.get(c) for c in p["cells"])
        if table is None:
            continue
        for key, found in by_text.items():
            for quote, quoted, start, end in found.get(i, ()):
                ok = quoted == table if p["compare"] == "eq" else quoted <= table
                if not ok:
                    msg = rule["message"].format(quote=quote, target_label=p["target_label"], right=fmt(table))
                    yield finding(rule, tuple(p["cells"]), quoted, table, msg, TextPlace(key, start, end))


@evaluator("fee_mentioned")
def _fee_mentioned(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    v = report.get(rule["cell"])
    if v and rule["keyword"] not in report.texts.get(rule["text"], ""):
        yield finding(rule, (rule["cell"],), v, "", rule["message"].format(left=v))


@functools.lru_cache(maxsize=16)
def _any_line_start(regexes: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern that finds a line of a text opening like any of ``regexes`` (as ``re.match`` on each line)."""
    return re.compile("|".join(f"(?:^(?:{rx}))" for rx in regexes), re.MULTILINE)


@evaluator("headings")
def _headings(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    anywhere = _any_line_start(tuple(v["regex"] for v in rule["variants"]))
    for key in report.form.text_keys:
        text = report.texts.get(key, "")
        if not text or anywhere.search(text) is None:  # no line of the text opens like an old heading
            continue
        for line in text.splitlines():
            for v in rule["variants"]:
                if re.match(v["regex"], line):
                    quote = line.strip()
                    yield finding(rule, (), quote, v["expected"], rule["message"].format(quote=quote, **v))
