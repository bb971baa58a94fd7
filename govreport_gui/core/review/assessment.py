"""The supervisor's assessment of a region's reports: every unit of the units list, whether its report came, and a
score whose every point is shown.

Each unit of the list (:mod:`.units`) is matched with the reviewed reports by agency name (compared loosely, as for
duplicates); of several, the one of the review's main year is taken.  A unit without a report is a row too (未报送);
one whose file could not be read — an unreadable file whose name holds the unit's name — is 无法读取.  Reports of
agencies not on the list are listed apart (名单外), unscored.

The score is the form's ``[assessment]`` items, in order; each item gives a :class:`Point` (its full points, the
points got and why any were lost), so that the score can be argued line by line:

- ``on_time``: published (发布日期) by the deadline of the unit's 类别 in the year after the report year
  (《政府信息公开条例》第四十九条: 部门 by 1月31日, 政府 by 3月31日); no date given is not on time;
- ``sections``: ``per_section`` for each of the six sections the report fills (a text written; a table with a figure);
- ``errors``: ``per_finding`` off for each error (勾稽关系), down to 0;
- ``rules``: ``per_finding`` off for each unexplained finding of the rules named (W1–W3 against last year's report;
  W6 the prose against the tables);
- ``copied``: ``per_text`` off for each section copied from last year's (rule kind ``copied_text``);
- ``warnings``: ``per_finding`` off for every other unexplained warning.

An explained (confirmed) warning loses nothing; an error always does.  A unit with no usable report gets 0 on every
item.  :class:`Assessment` sorts the units by score (best first, ties by name) and sums them per 上级.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..form import Form
from .figures import agency_key
from .reading import FileReview
from .run import ReviewResult
from .units import Unit

RECEIVED, MISSING, UNREADABLE = "已报送", "未报送", "无法读取"


@dataclass(frozen=True)
class Point:
    """One item of the score: its label, full points, points got, and why any were lost ("" when none)."""

    label: str
    full: int
    got: int
    why: str = ""


@dataclass
class UnitResult:
    """One unit of the list (or, with ``unit`` None, a report of an agency not on it) with its assessment."""

    unit: Unit | None
    row: FileReview | None
    status: str
    deadline: dt.date | None = None
    on_time: bool | None = None  # None: no report, or no publication date
    points: list[Point] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def score(self) -> int:
        return sum(p.got for p in self.points)

    @property
    def name(self) -> str:
        return self.unit.name if self.unit is not None else (self.row.agency if self.row else "")


@dataclass(frozen=True)
class GroupSums:
    """The sums of one 上级's units."""

    superior: str
    units: int
    received: int
    missing: int
    unreadable: int
    on_time: int
    late: int
    no_date: int
    incomplete: int
    copied: int
    total_score: int

    @property
    def average(self) -> str:
        return f"{self.total_score / self.units:.1f}" if self.units else ""


@dataclass
class Assessment:
    units: list[UnitResult]  # best score first
    outside: list[UnitResult]  # reports of agencies not on the list
    groups: list[GroupSums]  # per 上级, in the list's order of first appearance
    total: GroupSums
    full: int  # the full score
    year: int | None
    labels: tuple[tuple[str, int], ...]  # each item's label and full points, in order


def deadline_of(form: Form, category: str, year: int | None) -> dt.date | None:
    """The statutory last day to publish a report of ``year`` for a unit of ``category``."""
    month_day = form.assessment.get("deadlines", {}).get(category)
    if year is None or not month_day:
        return None
    month, day = (int(x) for x in month_day.split("-"))
    return dt.date(year + 1, month, day)


def _published(row: FileReview) -> dt.date | None:
    try:
        return dt.date.fromisoformat(row.published) if row.published else None
    except ValueError:
        return None


def _deducted(full: int, each: int, count: int) -> int:
    return max(0, full - each * count)


def _points(form: Form, u: UnitResult) -> list[Point]:
    """The points of ``u`` on every item of the form's assessment (all 0 when no report was read)."""
    items: list[dict[str, Any]] = form.assessment.get("items", [])
    row = u.row if u.status == RECEIVED else None
    if row is None:
        why = {MISSING: "未报送年度报告", UNREADABLE: "报告文件无法读取"}.get(u.status, "")
        return [Point(i["label"], int(i["points"]), 0, why) for i in items]
    counts = dict(row.open_counts)
    named = {r for i in items if i["kind"] == "rules" for r in i["rules"]}
    copied_rules = form.rule_ids_of_kind("copied_text")
    warnings = {r["id"] for r in form.rules if r["severity"] == "warning"} - named - copied_rules
    out = []
    for item in items:
        full, kind, label = int(item["points"]), item["kind"], item["label"]
        if kind == "on_time":
            got, why = _on_time(u, row, full, form)
        elif kind == "sections":
            missing = len(row.missing_sections)
            got = max(0, full - int(item["per_section"]) * missing)
            why = f"缺少{'、'.join(row.missing_sections)}" if missing else ""
        elif kind == "errors":
            got = _deducted(full, int(item["per_finding"]), row.errors)
            why = f"错误{row.errors}项" if row.errors else ""
        elif kind == "rules":
            hits = [(r, counts[r]) for r in item["rules"] if counts.get(r)]
            got = _deducted(full, int(item["per_finding"]), sum(k for _, k in hits))
            why = "、".join(f"{r}未说明{k}项" for r, k in hits)
        elif kind == "copied":
            per_text = item.get("per_text", {})
            labels = {form.text_keys.get(k, k): int(v) for k, v in per_text.items()}
            lost = sum(labels.get(label_, 0) for label_, _ in row.copied)
            got = max(0, full - lost)
            why = "；".join(f"{label_}与上年相似度{pct}" for label_, pct in row.copied)
        elif kind == "warnings":
            n = sum(k for r, k in counts.items() if r in warnings)
            got = _deducted(full, int(item["per_finding"]), n)
            why = f"其他警告{n}项未说明" if n else ""
        else:  # an item this version does not know: shown, not scored
            got, why = 0, f"未知的考核项“{kind}”"
        out.append(Point(label, full, got, why))
    return out


def _on_time(u: UnitResult, row: FileReview, full: int, form: Form) -> tuple[int, str]:
    basis = form.assessment.get("deadline_basis", "")
    if u.deadline is None:
        return 0, "报告年度不明，无法确定法定期限"
    day = _published(row)
    if day is None:
        u.on_time = None
        return 0, f"未填写发布日期，无法确认在{u.deadline.isoformat()}前公布"
    u.on_time = day <= u.deadline
    if u.on_time:
        return full, ""
    return 0, f"发布日期{day.isoformat()}晚于法定期限{u.deadline.isoformat()}（{basis}）"


def assess(result: ReviewResult, units: list[Unit], form: Form) -> Assessment:
    """The assessment of ``result`` against ``units`` (see the module text)."""
    year = result.main_year
    by_key: dict[str, list[FileReview]] = {}
    for row in result.rows:
        if row.readable and agency_key(row.agency):
            by_key.setdefault(agency_key(row.agency), []).append(row)
    unreadable = [r for r in result.rows if not r.readable]
    listed = {u.key for u in units}
    out: list[UnitResult] = []
    for unit in units:
        rows = sorted(by_key.get(unit.key, []), key=lambda r: (r.year != year, r.path))
        if rows:
            row = rows[0]
            u = UnitResult(unit, row, RECEIVED, deadline_of(form, unit.category, row.year or year))
            if len(rows) > 1:
                u.notes.append(f"收到{len(rows)}份报告，按“{row.shown or row.name}”考核")
            if year is not None and row.year is not None and row.year != year:
                u.notes.append(f"报告年度为{row.year}年，与多数报告（{year}年）不同")
        else:
            bad = next((r for r in unreadable if unit.key and unit.key in agency_key(r.name)), None)
            u = UnitResult(unit, bad, UNREADABLE if bad else MISSING, deadline_of(form, unit.category, year))
        u.points = _points(form, u)
        out.append(u)
    out.sort(key=lambda u: (-u.score, u.name))
    outside = [UnitResult(None, r, RECEIVED) for r in result.rows
               if r.readable and agency_key(r.agency) not in listed]
    superiors = list(dict.fromkeys(u.unit.superior for u in out if u.unit is not None))
    groups = [_sums(s, [u for u in out if u.unit is not None and u.unit.superior == s]) for s in superiors]
    items = form.assessment.get("items", [])
    return Assessment(out, outside, groups, _sums("合计", out), sum(int(i["points"]) for i in items), year,
                      tuple((i["label"], int(i["points"])) for i in items))


def _sums(superior: str, units: list[UnitResult]) -> GroupSums:
    received = [u for u in units if u.status == RECEIVED]
    return GroupSums(
        superior, len(units), len(received), sum(u.status == MISSING for u in units),
        sum(u.status == UNREADABLE for u in units), sum(u.on_time is True for u in received),
        sum(u.on_time is False for u in received), sum(u.on_time is None for u in received),
        sum(bool(u.row and u.row.missing_sections) for u in received),
        sum(bool(u.row and u.row.copied) for u in received), sum(u.score for u in units),
    )
