"""The evaluator of characters no available font draws (W12): they would print as empty boxes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..fonts.coverage import undrawable_in
from ..report import Report
from .finding import Finding, evaluator, finding


@evaluator("undrawable_chars")
def _undrawable_chars(report: Report, rule: dict[str, Any]) -> Iterator[Finding]:
    places = [(label, str(report.meta.get(key) or "")) for key, label in rule["meta"].items()]
    places += [(report.form.text_keys[key], report.texts.get(key, "")) for key in report.form.text_keys]
    places.append((rule["explanations"], "".join(report.explanations.values())))
    for (place, _text), chars in zip(places, undrawable_in([text for _place, text in places]), strict=True):
        if chars:
            sample = "、".join(f"“{ch}”（U+{ord(ch):04X}）" for ch in chars[:5]) + ("等" if len(chars) > 5 else "")
            message = rule["message"].format(place=place, left=len(chars), sample=sample)
            yield finding(rule, (), len(chars), "", message)
