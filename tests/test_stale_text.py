"""Stale text (W13–W16): a report carried from last year flags last year's marker, dates, title and publication date,
points at the words, and is quiet once the prose is updated — and never flags the seed or the real samples."""

from __future__ import annotations

import pytest
from test_import_samples import COMPLETE, PARTIAL, SAMPLES, load

from govreport_gui.core.checks.finding import Finding
from govreport_gui.core.checks.run import check
from govreport_gui.core.checks.stale_text import is_stale_rule
from govreport_gui.core.intake.carryover import DRAFT_MARK, carry_over
from govreport_gui.core.report import Report


def stale(report: Report) -> list[Finding]:
    ids = {r["id"] for r in report.form.rules if is_stale_rule(r)}
    return [f for f in check(report) if f.rule in ids]


def kinds(report: Report) -> dict[str, str]:
    return {r["id"]: r["kind"] for r in report.form.rules}


def test_stale_rules_come_from_the_form_after_w9(form) -> None:  # type: ignore[no-untyped-def]
    ids = [r["id"] for r in form.rules if is_stale_rule(r)]
    assert ids == ["W13", "W14", "W15", "W16"]
    assert next(r for r in form.rules if r["kind"] == "draft_marker")["marker"] == DRAFT_MARK


def test_carried_seed_flags_every_stale_place_with_its_words(seed: Report) -> None:
    new = carry_over(seed)
    found = stale(new)
    k = kinds(new)
    markers = [f for f in found if k[f.rule] == "draft_marker"]
    assert {f.place.key for f in markers if f.place} == set(new.texts)  # every carried text keeps the marker
    years = [f for f in found if k[f.rule] == "stale_year"]
    quotes = {(f.place.key, new.texts[f.place.key][f.place.start:f.place.end]) for f in years if f.place}
    assert quotes == {
        ("preface", "自2023年1月1日起至2023年12月31日止"),  # the statistics period
        ("overview", "2023年"),  # "2023年收到政府信息公开申请3件" opens a line; "，2023年没有发生…", "，2023年未发生…"
        ("problems", "2023年度"),  # "2023年度，我单位…"
    }
    for f in found:
        assert f.place is not None and f.left == new.texts[f.place.key][f.place.start:f.place.end]
        assert f.severity == "warning" and f.message


def test_no_stale_text_once_the_prose_is_updated(seed: Report) -> None:
    new = carry_over(seed)
    for key, text in new.texts.items():
        new.texts[key] = text.replace(DRAFT_MARK + "\n", "").replace("2023", "2024")
    assert stale(new) == []


def test_the_seed_itself_has_no_stale_text(seed: Report) -> None:
    assert stale(seed) == []


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"shared samples not found at {SAMPLES}")
@pytest.mark.parametrize("name", COMPLETE + PARTIAL)
def test_no_false_alarm_on_the_samples_prose(name: str) -> None:
    report = load(name).report
    assert stale(report) == [], [f.message for f in stale(report)]


@pytest.mark.parametrize("text", [
    "本年共收到申请10件，较2023年增长25%。",
    "其中2023年结转的申请1件已办结。",
    "与2023年度相比，主动公开数量有所增加。",
    "对照《杭州市临平区2023年度政府信息公开工作报告》，逐项整改。",
    "2023年12月收到的申请已于本年1月答复。",
    "2023年以来，本机关持续推进政务公开。",
    "2024年收到申请10件，比2023年多2件。",
])
def test_legitimate_mentions_of_last_year_are_not_flagged(text: str) -> None:
    r = Report.new("某局", 2024)
    r.texts["overview"] = text
    assert stale(r) == []


@pytest.mark.parametrize("text,quote", [
    ("本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。", "自2023年1月1日起至2023年12月31日止"),
    ("2023年，本机关认真贯彻落实《条例》。", "2023年"),
    ("严格实施“三审三校”制度，2023年没有发生网络安全责任事故。", "2023年"),
    ("（一）主动公开\n2023年度，我局主动公开信息120条。", "2023年度"),
    ("本单位2023年度共收到申请5件。", "2023年度"),
])
def test_last_years_period_is_flagged(text: str, quote: str) -> None:
    r = Report.new("某局", 2024)
    r.texts["overview"] = text
    (f,) = stale(r)
    assert f.place is not None and text[f.place.start:f.place.end] == quote


def test_title_year_and_publication_date(seed: Report) -> None:
    new = carry_over(seed)
    new.texts.clear()
    new.meta["title"] = "杭州市临平区行政审批服务管理办公室2023年度政府信息公开工作报告"
    new.meta["published"] = "2024-01-20"  # last year's date: before the end of 2024
    found = {kinds(new)[f.rule]: f for f in stale(new)}
    title = found["title_year"]
    assert title.place is not None and title.place.meta and title.place.key == "title"
    assert new.meta["title"][title.place.start:title.place.end] == "2023年"
    assert "2023" in title.message and "2024" in title.message
    assert "2024-01-20" in found["published_after_year"].message
    new.meta["title"] = new.meta["title"].replace("2023", "2024")
    new.meta["published"] = "2025-01-20"
    assert stale(new) == []
