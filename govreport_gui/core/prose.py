"""Paragraphs drafted from the tables, so that the clerk never types a figure twice.

Published reports contradict their own tables again and again (the seed says 已处理完成2件 over a Table 三 of 3; rule
W6 finds these).  Here the figure paragraphs of 一、总体情况 — （一）主动公开 from Table 二, （二）依申请公开 from
Table 三, the 行政复议/行政诉讼 summary from Table 四 — are written from the tables in the register of the published
reports, with the change against last year where last year's figures are known (``last`` or the carried baseline
``report.previous``).  Which cells each paragraph restates and in which words is data: ``forms/<form>-prose.toml``;
every phrase it writes is read back by W6, so a drafted paragraph passes W6 against the tables it came from.

The comparison is exact: ``Decimal`` arithmetic, the percentage to one decimal rounded half up (95 against 80:
增加15件，增长18.8%); it is left out where last year's figure is 0 or unknown.  A blank cell is unknown, not 0: a
clause whose figure is blank is left out rather than invented.

:func:`fix_prose_figure` is the quick fix of a W6 finding: the edit that rewrites exactly the quoted number to the
table's figure (one :class:`~.edits.SetText`, undone as one step).
"""

from __future__ import annotations

import decimal
import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from importlib import resources
from typing import Any

from .checks.finding import Finding
from .checks.prose import quotes
from .compute import compute_all, sum_values
from .edits import SetText
from .form import Form
from .report import Report
from .values import Value, ValueRefused, check_value, format_value

_TENTH = Decimal("0.1")


@dataclass(frozen=True)
class DraftParagraph:
    """One drafted paragraph: the sub-heading it goes under, the prose section (text key) and the text."""

    id: str
    heading: str
    text_key: str
    text: str


@functools.cache
def prose_spec(form_id: str) -> dict[str, Any]:
    """The drafting data of a form (``resources/forms/<id>-prose.toml``); empty when the form has none."""
    if not form_id.isalnum():
        return {}
    ref = resources.files("govreport_gui") / "resources" / "forms" / f"{form_id}-prose.toml"
    try:
        return tomllib.loads(ref.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def text_keys_with_drafts(form: Form) -> set[str]:
    """The prose sections that have drafted paragraphs (the others have no 插入数据段落)."""
    return {p["text"] for p in prose_spec(form.id).get("paragraphs", ())}


# --- figures --------------------------------------------------------------------------------------------------------
class _Figures:
    """This year's and last year's value of each named figure of the drafting data."""

    def __init__(self, report: Report, last: Report | None, names: Mapping[str, list[str]]) -> None:
        self.names = names
        self.report = report
        self._last = self._last_getter(report, last)

    @staticmethod
    def _last_getter(report: Report, last: Report | None) -> Any:
        if last is not None:
            return last.get
        if report.previous is None:
            return lambda cell: None
        cells = report.previous.cells
        totals = compute_all(report.form, cells)
        return lambda cell: totals[cell] if cell in totals else cells.get(cell)

    def _sum(self, get: Any, name: str) -> Value:
        """The figure's cells summed; a value the cell cannot hold (rule H5: e.g. a negative count from an import) is
        unknown, so that it is never restated."""
        if not all(self._valid(get, c) for c in self.names[name]):
            return None
        return sum_values(get(c) for c in self.names[name])

    def _valid(self, get: Any, cell: str) -> bool:
        form = self.report.form
        if cell in form.totals:
            return all(self._valid(get, p) for p in form.totals[cell].parts)
        try:
            check_value(form.cells[cell], get(cell))
        except ValueRefused:
            return False
        return True

    def now(self, name: str) -> Value:
        return self._sum(self.report.get, name)

    def before(self, name: str) -> Value:
        return self._sum(self._last, name)

    def unit(self, name: str) -> str:
        return self.report.form.cells[self.names[name][0]].unit


def change_against(now: Value, before: Value) -> tuple[int, Decimal, Decimal] | None:
    """(sign, absolute change, percentage of last year's figure rounded half up to one decimal), or ``None``
    where last year's figure is 0 or either figure unknown."""
    if now is None or before is None or before == 0:
        return None
    with decimal.localcontext() as ctx:
        ctx.prec = 60  # far beyond any count or 万元 amount: the division is exact to well past the rounding digit
        diff = Decimal(now) - Decimal(before)
        pct = (abs(diff) * 100 / Decimal(before)).quantize(_TENTH, rounding=ROUND_HALF_UP)
    sign = (diff > 0) - (diff < 0)
    return sign, abs(diff), pct


def comparison_text(now: Value, before: Value, unit: str, templates: Mapping[str, str]) -> str:
    """较上年增加/减少N件，增长/下降X% (the data's templates), or "" where it is to be left out."""
    change = change_against(now, before)
    if change is None:
        return ""
    sign, diff, pct = change
    key = "same" if sign == 0 else "more" if sign > 0 else "less"
    return templates[key].format(diff=format_value(diff), unit=unit, pct=format(pct, "f"))


# --- drafting -------------------------------------------------------------------------------------------------------
def _clause(c: dict[str, Any], fig: _Figures, templates: Mapping[str, str]) -> tuple[str, list[Value]]:
    """The clause's text ("" to leave it out) and the figures it rests on."""
    if "items" in c:
        values = [fig.now(i["value"]) for i in c["items"]]
        said = [c["item"].format(label=i["label"], n=format_value(v))
                for i, v in zip(c["items"], values, strict=True) if v]
        return (c["text"].format(items=c.get("sep", "、").join(said)) if said else ""), values
    name = c["value"]
    v = fig.now(name)
    if v is None:
        return "", [v]
    if v == 0:
        return c.get("zero", ""), [v]
    cmp = comparison_text(v, fig.before(name), fig.unit(name), templates) if "{cmp}" in c["text"] else ""
    return c["text"].format(n=format_value(v), cmp=cmp), [v]


def _sentence(s: dict[str, Any], fig: _Figures, templates: Mapping[str, str]) -> tuple[str, list[Value]]:
    out = ""
    values: list[Value] = []
    said = False  # whether the clause a list refines ("其中…") was said
    for c in s["clauses"]:
        text, vs = _clause(c, fig, templates)
        values.extend(vs)
        if "items" in c and not said:
            text = ""
        elif "items" not in c:
            said = bool(text)
        if text:
            out += (c.get("before", s.get("join", "，")) if out else "") + text
    if "none" in s and values and all(v == 0 for v in values):
        return s["none"] + "。", values
    return (s.get("prefix", "") + out + "。" if out else ""), values


def draft_paragraphs(report: Report, last: Report | None = None) -> list[DraftParagraph]:
    """The figure paragraphs drafted from ``report``'s tables, in form order; comparisons with ``last`` (or, if it
    is not given, with the carried baseline ``report.previous``) where last year's figure is known and not 0.
    A paragraph whose figures are all blank is not drafted."""
    spec = prose_spec(report.form.id)
    if not spec:
        return []
    fig = _Figures(report, last, spec["values"])
    templates = spec["comparison"]
    out: list[DraftParagraph] = []
    for p in spec["paragraphs"]:
        texts: list[str] = []
        values: list[Value] = []
        for s in p["sentences"]:
            text, vs = _sentence(s, fig, templates)
            values.extend(vs)
            if text:
                texts.append(text)
        if "none" in p and values and all(v == 0 for v in values):
            texts = [p["none"]]
        if texts:
            out.append(DraftParagraph(p["id"], p["heading"], p["text"], "".join(texts)))
    return out


def drafts_for(report: Report, text_key: str, last: Report | None = None) -> list[DraftParagraph]:
    """The drafted paragraphs that belong to one prose section."""
    return [p for p in draft_paragraphs(report, last) if p.text_key == text_key]


# --- the quick fix of a W6 finding ----------------------------------------------------------------------------------
def fix_prose_figure(report: Report, finding: Finding) -> SetText | None:
    """The edit that rewrites exactly the number a prose-figure finding quotes to the table's figure, or ``None``
    when there is nothing to rewrite: the finding is not about a prose figure, the text has changed since, the table
    side is blank, or the rule only bounds the figure (≤) so that the prose is not simply to be made equal."""
    rule = next((r for r in report.form.rules if r["id"] == finding.rule), None)
    place = finding.place
    if rule is None or rule.get("kind") != "prose_figures" or place is None:
        return None
    text = report.texts.get(place.key, "")
    for p in rule["patterns"]:
        if p["compare"] != "eq" or tuple(p["cells"]) != finding.cells:
            continue
        for _quote, quoted, start, end in quotes(p["regex"], text):
            if (start, end) != (place.start, place.end):
                continue
            table = sum_values(report.get(c) for c in p["cells"])
            if table is None or quoted == table:
                return None
            return SetText(place.key, text[:start] + format_value(table) + text[end:])
    return None


def insert_paragraphs(text: str, start: int, end: int, paragraphs: list[str]) -> tuple[str, int, int]:
    """``text`` with ``paragraphs`` (one per line) put in place of the lines that ``start``–``end`` touch when that
    range is a selection, or else at the cursor ``start`` as lines of their own: before the line the cursor begins,
    or after the line the cursor is inside (a sentence is never split).  Returns the new text and the range the
    inserted paragraphs occupy."""
    block = "\n".join(paragraphs)
    if not block:
        return text, start, start
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    if start != end:
        start, end = min(start, end), max(start, end)
        start = text.rfind("\n", 0, start) + 1
        nl = text.find("\n", end - 1)  # the line break that ends the last line the selection touches
        end = len(text) if nl < 0 else nl
        return text[:start] + block + text[end:], start, start + len(block)
    if start > 0 and text[start - 1] != "\n":  # inside a line: the paragraphs go after it, not into it
        nl = text.find("\n", start)
        start = len(text) if nl < 0 else nl
    before = "" if start == 0 or text[start - 1] == "\n" else "\n"
    after = "" if start == len(text) or text[start] == "\n" else "\n"
    new = text[:start] + before + block + after + text[start:]
    at = start + len(before)
    return new, at, at + len(block)

