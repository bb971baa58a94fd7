"""A finding and the registry of evaluators: what every check of the form's rules returns, and where it is looked up.

Each rule of the form definition has a ``kind`` naming one evaluator; the rest of its definition is that
evaluator's data (cells, patterns, messages).  The evaluators live in the modules beside this one and register here
with :func:`evaluator`; :mod:`.run` lists those modules in one place and runs them.  The vocabulary is closed: sums
of cells, equality or ≤ between two sums, per-column expansion, a few plausibility checks.  No ``eval``.

A finding's :attr:`Finding.key` names the rule and what the finding is about (its cells or its place in the text)
and the values that raised it: a confirmation (explanation) is stored under that key, so it stops applying when the
values change (:mod:`.confirmations`).  A finding about words carries one :class:`TextPlace` (W6's quoted figure,
stale text): the findings list selects those words and the W6 quick fix rewrites them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from ..report import Report
from ..values import Value, format_value

Severity = Literal["error", "warning"]
# One word per severity everywhere: the window, the command line, the PDF's appendix and the import logs.
SEVERITY_NAMES: dict[str, str] = {"error": "错误", "warning": "警告"}
MAX_KEY_CELLS = 8  # a finding about more cells names them in its key by a digest


@dataclass(frozen=True)
class TextPlace:
    """Where in the prose (or in a meta field, ``meta=True``) a finding stands: characters ``start``–``end``.

    The offsets move with typing elsewhere in the text, so they take no part in comparing places (nor findings):
    take the current finding's place with :func:`current`."""

    key: str  # a text key of the form ("overview"), or a meta field ("title") when ``meta``
    start: int = field(compare=False)
    end: int = field(compare=False)
    meta: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"key": self.key, "start": self.start, "end": self.end, "meta": self.meta}


@dataclass(frozen=True)
class Finding:
    """One failed check: which rule, how serious, which cells, the two sides compared and a Chinese message; for a
    finding about words, their ``place``."""

    rule: str
    severity: Severity
    cells: tuple[str, ...]
    left: Value | str
    right: Value | str
    message: str
    place: TextPlace | None = None

    @property
    def subject(self) -> str:
        """What the finding is about: its cells, or (having none) the text or meta field it quotes."""
        if not self.cells and self.place is not None:
            return ("meta:" if self.place.meta else "text:") + self.place.key
        if len(self.cells) > MAX_KEY_CELLS:  # e.g. W8's blank cells: first, last and a digest of them all
            digest = hashlib.sha1(",".join(self.cells).encode()).hexdigest()[:12]
            return f"{self.cells[0]}…{self.cells[-1]}#{len(self.cells)}:{digest}"
        return ",".join(self.cells)

    @property
    def key(self) -> str:
        """``rule|subject|values``: stable across runs, different as soon as the values that raised it change."""
        return f"{self.rule}|{self.subject}|{_key_value(self.left)}|{_key_value(self.right)}"

    def as_json(self) -> dict[str, Any]:
        def j(v: Value | str) -> Any:
            return format_value(v) if isinstance(v, Decimal) else v

        out = {
            "rule": self.rule, "severity": self.severity, "cells": list(self.cells),
            "left": j(self.left), "right": j(self.right), "message": self.message, "key": self.key,
        }
        if self.place is not None:  # the words it is about (W6's quoted figure, stale text)
            out["where"] = self.place.as_json()
        return out


def current(findings: Iterable[Finding], finding: Finding) -> Finding:
    """``finding`` as the report stands now: the equal finding of ``findings`` (its place where the words are now),
    or ``finding`` itself when it is gone."""
    return next((f for f in findings if f == finding), finding)


def _key_value(v: Value | str) -> str:
    return "" if v is None else v if isinstance(v, str) else format_value(v)


def n(v: Value) -> int | Decimal:
    """A blank counts as 0 in a sum."""
    return 0 if v is None else v


def fmt(v: Value | str) -> str:
    """A value as a message shows it (空白 for a blank)."""
    return "空白" if v is None else format_value(v) if not isinstance(v, str) else v


def cell_label(report: Report, cell_id: str) -> str:
    return report.form.cell_title(cell_id)


Evaluator = Callable[[Report, dict[str, Any]], Iterator[Finding]]
EVALUATORS: dict[str, Evaluator] = {}


def evaluator(kind: str) -> Callable[[Evaluator], Evaluator]:
    """Register the decorated function as the evaluator of rules of ``kind``."""
    def register(fn: Evaluator) -> Evaluator:
        EVALUATORS[kind] = fn
        return fn

    return register


def finding(rule: dict[str, Any], cells: tuple[str, ...], left: Value | str, right: Value | str, msg: str,
            place: TextPlace | None = None) -> Finding:
    """A finding of ``rule`` (its id and severity)."""
    return Finding(rule["id"], rule["severity"], cells, left, right, msg, place)
