"""The copied-text warning (rule kind copied_text, W17) and the similarity it rests on (core/text_similarity)."""

from __future__ import annotations

import time

from govreport_gui.core.checks.copied_text import copied_sections
from govreport_gui.core.checks.run import check
from govreport_gui.core.compare.sentences import diff, sentences
from govreport_gui.core.intake.carryover import DRAFT_MARK, carry_over
from govreport_gui.core.report import Report
from govreport_gui.core.storage import dumps, loads
from govreport_gui.core.text_similarity import percent, similarity


def copied(report: Report) -> dict[str, str]:
    rule = report.form.rules_of_kind("copied_text")[0]
    return {f.place.key: f.left for f in check(report) if f.rule == rule["id"] and f.place}


def test_the_rule_and_its_threshold_come_from_the_form(form) -> None:  # type: ignore[no-untyped-def]
    (rule,) = form.rules_of_kind("copied_text")
    assert rule["severity"] == "warning" and rule["threshold"] == 0.9
    assert "problems" in rule["texts"] and rule["explain"]["what"]


def test_a_carried_report_warns_of_every_copied_section(seed: Report) -> None:
    new = carry_over(seed)
    assert copied(new) == {"overview": "100%", "problems": "100%"}  # "other" is one short sentence: not judged
    f = next(f for f in check(new) if f.place is not None and f.place.key == "problems" and f.left == "100%")
    assert "五、存在的主要问题及改进情况" in f.message and "相似度为100%（不低于90%）" in f.message
    assert (f.place.start, f.place.end) == (0, len(new.texts["problems"]))  # the window selects the section


def test_removing_the_marker_or_changing_the_year_is_still_copying(seed: Report) -> None:
    new = carry_over(seed)
    for key, text in new.texts.items():
        new.texts[key] = text.replace(DRAFT_MARK + "\n", "").replace("2023", "2024")
    assert set(copied(new)) == {"overview", "problems"}


def test_rewritten_problems_are_no_longer_flagged(seed: Report) -> None:
    new = carry_over(seed)
    new.texts["problems"] = ("本年度政务公开工作仍存在公开内容不够丰富、解读回应不够及时等问题。"
                             "下一步，我办将建立信息发布台账，每月检查栏目更新情况；对重要政策同步发布图文解读，"
                             "并开展两次业务培训。")
    assert set(copied(new)) == {"overview"}


def test_no_last_year_no_warning_and_nothing_saved(seed: Report) -> None:
    assert copied(seed) == {}  # the seed does not know last year's prose
    new = carry_over(seed)
    again = loads(dumps(new))  # last year's prose is not part of the file (format unchanged)
    assert again.last_texts == {} and copied(again) == {}
    assert "last_texts" not in dumps(new)


def test_the_threshold_decides(seed: Report) -> None:
    new = carry_over(seed)
    del new.texts["overview"]
    rule = dict(new.form.rules_of_kind("copied_text")[0])
    ratio = similarity(seed.texts["problems"], new.texts["problems"], (DRAFT_MARK,))
    assert ratio == 1.0
    new.texts["problems"] = seed.texts["problems"][: len(seed.texts["problems"]) * 9 // 10]
    cut = similarity(seed.texts["problems"], new.texts["problems"])
    assert 0.9 < cut < 1.0
    assert [k for k, _ in copied_sections(new, {**rule, "threshold": cut})] == ["problems"]
    assert [k for k, _ in copied_sections(new, {**rule, "threshold": cut + 0.001})] == []


def test_similarity_ignores_blanks_and_counts_words() -> None:
    a = "一是加强培训。二是完善制度。"
    assert similarity(a, "一是 加强培训。\n二是完善制度。") == 1.0
    assert similarity("", "") == 1.0 and similarity(a, "") == 0.0
    assert [s.text for s in sentences("甲。乙！“丙？”\n丁")] == ["甲。", "乙！", "“丙？”", "丁"]
    assert percent(0.8999) == "89%" and percent(0.9) == "90%"
    changes = diff("收到申请3件。其他不变。", "收到申请5件。其他不变。")
    assert [c.tag for c in changes] == ["replace", "equal"]
    assert [(p.tag, p.text) for p in changes[0].pieces] == [
        ("equal", "收到申请"), ("delete", "3"), ("insert", "5"), ("equal", "件。")]


def test_a_hostile_text_stays_bounded() -> None:
    big = "政府信息公开" * 160_000  # 960,000 characters, no sentence end
    other = "依申请公开答复" * 140_000
    start = time.perf_counter()
    assert similarity(big, big + "。") > 0.999
    assert similarity(big, other) < 0.2
    many = "。".join(f"第{i}句话有所不同" for i in range(20_000))
    assert 0.5 < similarity(many, many.replace("不同", "相同")) < 0.9
    assert len(diff(many, many.replace("不同", "相同"))) >= 1  # paired by position: a block this large
    assert time.perf_counter() - start < 10


def test_the_measure_on_real_reports() -> None:
    """Rewritten throughout (every sixth character): about two thirds; years changed: still copied."""
    from common import SHARED

    from govreport_gui.core.importers.dispatch import import_file

    path = SHARED / "samples" / "huaian-2024-pdftotext.txt"
    if not path.exists():
        import pytest

        pytest.skip("shared samples not found")
    text = import_file(path).report.texts["overview"]
    rewritten = "".join("新" if i % 6 == 5 and ch not in "。\n" else ch for i, ch in enumerate(text))
    assert 0.6 < similarity(text, rewritten) < 0.75
    assert similarity(text, text.replace("2024", "2025")) > 0.98
