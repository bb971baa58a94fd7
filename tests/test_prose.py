"""Paragraphs drafted from the tables: wording, exact comparisons with last year, zero and unknown cases, and that
every drafted paragraph passes rule W6 (whose patterns read every figure the drafts write), on the seed, the samples
and random valid reports; the quick fix of a W6 finding."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from fuzzing import fuzz_settings
from hypothesis import given
from hypothesis import strategies as st

from govreport_gui.core.checks.finding import Finding
from govreport_gui.core.checks.prose import quotes
from govreport_gui.core.checks.run import check
from govreport_gui.core.edits import Document, SetText
from govreport_gui.core.prose import (
    change_against,
    draft_paragraphs,
    drafts_for,
    fix_prose_figure,
    insert_paragraphs,
    text_keys_with_drafts,
)
from govreport_gui.core.report import Baseline, Report

SAMPLES = sorted((Path(__file__).resolve().parents[1].parent / "shared" / "samples").glob("*.txt"))


def zero_report() -> Report:
    r = Report.new("某区某局", 2024)
    for cid in r.form.inputs:
        r.values[cid] = Decimal("0") if r.form.cells[cid].kind == "decimal" else 0
    return r


def prose_rule(r: Report) -> dict:
    return next(x for x in r.form.rules if x["kind"] == "prose_figures")


def w6(r: Report) -> list[Finding]:
    r.invalidate()
    kind = prose_rule(r)["id"]
    return [f for f in check(r) if f.rule == kind]


def with_drafts(r: Report, last: Report | None = None) -> Report:
    """``r`` with its drafted paragraphs put into their sections (after what the sections already say)."""
    for p in draft_paragraphs(r, last):
        old = r.texts.get(p.text_key, "")
        r.texts[p.text_key] = f"{old}\n{p.text}" if old else p.text
    return r


def unread_figures(r: Report, text: str) -> list[str]:
    """Figures ("N件", "N万元") in ``text`` that no W6 pattern reads, other than the change against last year."""
    read = {(s, e) for p in prose_rule(r)["patterns"] for _q, _n, s, e in quotes(p["regex"], text)}
    out = []
    for m in re.finditer(r"(\d+(?:\.\d+)?)(?:件|万元)", text):
        if text[max(0, m.start() - 2):m.start()] in ("增加", "减少"):
            continue
        if m.span(1) not in read:
            out.append(text[max(0, m.start() - 8):m.end()])
    return out


def figure_report() -> Report:
    """A consistent report with distinct figures in every paragraph."""
    r = zero_report()
    r.values.update({
        "t2.regulations.issued": 1, "t2.regulations.in_force": 4, "t2.normative.issued": 5,
        "t2.normative.repealed": 2, "t2.normative.in_force": 30, "t2.licensing.decisions": 1200,
        "t2.penalty.decisions": 33, "t2.coercion.decisions": 7, "t2.fees.amount": Decimal("12.50"),
        "t3.new.natural": 90, "t3.new.business": 3, "t3.new.legal": 2, "t3.carried_in.natural": 2,
        "t3.granted.natural": 60, "t3.partial.natural": 10, "t3.withheld.third_party.natural": 4,
        "t3.unavailable.not_held.natural": 16, "t3.unavailable.not_held.business": 3,
        "t3.other.other.legal": 2, "t3.carried_out.natural": 2,
        "t4.review.upheld": 3, "t4.review.pending": 1, "t4.suit_direct.upheld": 1, "t4.suit_after_review.corrected": 1,
    })
    r.invalidate()
    return r


# --- wording ---------------------------------------------------------------------------------------------------------
def test_seed_drafts_read_naturally_and_agree_with_the_tables(seed: Report) -> None:
    drafts = draft_paragraphs(seed)
    assert [(p.heading, p.text_key) for p in drafts] == [
        ("（一）主动公开", "overview"), ("（二）依申请公开", "overview"), ("行政复议和行政诉讼", "overview")]
    requests = drafts[1].text
    assert requests == "本年度新收政府信息公开申请3件，其中商业企业申请3件。办结政府信息公开申请3件，其中无法提供3件。"
    assert "0件" not in "".join(p.text for p in drafts)  # zeros are said in words
    assert drafts[2].text == "本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。"
    assert len(w6(seed)) == 2  # the seed's own contradictions
    assert len(w6(with_drafts(seed))) == 2  # the drafts add none
    seed.texts["overview"] = "\n".join(p.text for p in drafts)
    assert w6(seed) == []


def test_every_figure_of_the_drafts_is_read_by_w6() -> None:
    r = figure_report()
    text = "\n".join(p.text for p in draft_paragraphs(r))
    for words in ("制发行政规范性文件5件", "废止行政规范性文件2件", "现行有效行政规范性文件30件", "作出行政强制决定7件",
                  "行政事业性收费金额12.50万元", "其中自然人申请90件、商业企业申请3件、法律服务机构申请2件",
                  "上年结转政府信息公开申请2件", "办结政府信息公开申请95件",
                  "予以公开60件、部分公开10件、不予公开4件、无法提供19件、其他处理2件", "结转下年度继续办理2件",
                  "行政复议4件，其中结果维持3件、尚未审结1件",
                  "行政诉讼2件，其中未经复议直接起诉1件、复议后起诉1件，结果维持1件、结果纠正1件"):
        assert words in text, words
    assert unread_figures(r, text) == []
    r.texts["overview"] = text
    assert w6(r) == []
    # and W6 notices when a table changes under a drafted paragraph
    for cell, value in (("t2.normative.repealed", 3), ("t3.carried_out.natural", 1), ("t4.review.pending", 2),
                        ("t2.fees.amount", Decimal("12.6")), ("t3.new.legal", 1)):
        old = r.values[cell]
        r.values[cell] = value
        assert w6(r), cell
        r.values[cell] = old


def test_all_zero_and_blank_cases() -> None:
    r = zero_report()
    texts = {p.id: p.text for p in draft_paragraphs(r)}
    assert texts["requests"] == "本年度未收到政府信息公开申请，无上年结转的申请。"
    assert "无行政事业性收费" in texts["active"]
    r.values["t3.carried_in.natural"] = 2
    r.values["t3.granted.natural"] = 2
    r.invalidate()
    requests = drafts_for(r, "overview")[1].text
    assert requests == ("本年度未收到政府信息公开申请；上年结转政府信息公开申请2件。"
                        "办结政府信息公开申请2件，其中予以公开2件。")
    blank = Report.new("某局", 2024)
    assert draft_paragraphs(blank) == []  # nothing known: nothing invented
    blank.values["t3.new.natural"] = 4
    blank.invalidate()
    (only,) = draft_paragraphs(blank)
    assert only.text == "本年度新收政府信息公开申请4件，其中自然人申请4件。"
    assert drafts_for(blank, "problems") == [] and text_keys_with_drafts(blank.form) == {"overview"}
    blank.values["t3.new.business"] = -1  # a value that bypassed parsing (rule H5) is not restated
    blank.invalidate()
    assert draft_paragraphs(blank) == []  # the total is unknown, and a list is never said without its total


# --- comparison with last year ---------------------------------------------------------------------------------------
def test_comparison_hand_computed() -> None:
    assert change_against(95, 80) == (1, Decimal(15), Decimal("18.8"))  # 15/80 = 18.75 % → 18.8 (half up)
    assert change_against(401, 400) == (1, Decimal(1), Decimal("0.3"))  # 0.25 % → 0.3, not the banker's 0.2
    assert change_against(60, 80) == (-1, Decimal(20), Decimal("25.0"))
    assert change_against(2, 3) == (-1, Decimal(1), Decimal("33.3"))
    assert change_against(Decimal("12.5"), Decimal("10")) == (1, Decimal("2.5"), Decimal("25.0"))
    assert change_against(5, 0) is None and change_against(5, None) is None and change_against(None, 5) is None
    r = figure_report()
    r.values.update({"t3.new.natural": 90, "t3.new.business": 5, "t3.new.legal": 0, "t3.carried_in.natural": 0,
                     "t3.other.other.legal": 0, "t3.granted.natural": 62, "t3.unavailable.not_held.business": 5})
    r.invalidate()
    r.previous = Baseline(2023, {"t3.new.natural": 70, "t3.new.business": 10, "t2.licensing.decisions": 1500,
                                 "t2.normative.issued": 5, "t2.penalty.decisions": 0, "t4.review.upheld": 4,
                                 "t2.fees.amount": Decimal("10")})
    texts = {p.id: p.text for p in draft_paragraphs(r)}
    assert "新收政府信息公开申请95件，较上年增加15件，增长18.8%，其中" in texts["requests"]
    assert "作出行政许可决定1200件，较上年减少300件，下降20.0%；" in texts["active"]
    assert "制发行政规范性文件5件，与上年持平；" in texts["active"]
    assert "作出行政处罚决定33件；" in texts["active"]  # last year 0: no comparison
    assert "作出行政强制决定7件。" in texts["active"]  # last year unknown: no comparison
    assert "行政事业性收费金额12.50万元，较上年增加2.50万元，增长25.0%。" in texts["active"]
    assert "行政复议4件，与上年持平，其中" in texts["disputes"]
    r.texts["overview"] = "\n".join(texts.values())
    assert w6(r) == [] and unread_figures(r, r.texts["overview"]) == []


def test_a_last_year_report_passed_in_wins_over_the_baseline() -> None:
    r = figure_report()
    r.previous = Baseline(2023, {"t3.new.natural": 1})
    last = zero_report()
    last.values["t3.new.natural"] = 80
    last.invalidate()
    assert "较上年增加15件，增长18.8%" in drafts_for(r, "overview", last)[1].text
    assert "较上年增加94件" in drafts_for(r, "overview")[1].text
    r.previous = None
    assert "较上年" not in drafts_for(r, "overview")[1].text


# --- self-consistency under W6 -------------------------------------------------------------------------------------
@pytest.mark.skipif(not SAMPLES, reason="the shared samples are not here")
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_sample_drafts_pass_w6(path: Path) -> None:
    from govreport_gui.core.importers.dispatch import import_file

    r = import_file(path).report
    before = w6(r)
    drafts = draft_paragraphs(r)
    assert drafts
    assert w6(with_drafts(r)) == before
    r.texts["overview"] = "\n".join(p.text for p in drafts)
    assert w6(r) == []


_COUNT = st.one_of(st.just(0), st.integers(0, 9), st.integers(0, 10**6))
_MAYBE_COUNT = st.one_of(_COUNT, st.none())


@st.composite
def valid_reports(draw: st.DrawFn) -> tuple[Report, Report | None]:
    """A report that passes H1–H5 (Table 二 and 四 may have blanks), and maybe last year's report."""
    r = Report.new("某局", 2024)
    form = r.form
    t3 = form.tables["t3"]
    result_rows = [x for x in t3.row_ids if form.totals.get(t3.cell_id("total", "natural"))
                   and t3.cell_id(x, "natural") in form.totals[t3.cell_id("total", "natural")].parts]
    for cid in form.inputs:
        spec = form.cells[cid]
        if spec.table == "t3":
            continue
        if spec.kind == "decimal":
            r.values[cid] = draw(st.one_of(st.none(), st.decimals(0, 10**6, places=draw(st.integers(0, 6)))))
        else:
            r.values[cid] = draw(_MAYBE_COUNT)
    for col in t3.column_ids:
        if form.cells[t3.cell_id("new", col)].derived:
            continue
        results = [draw(_COUNT) for _ in result_rows]
        out = draw(_COUNT)
        carried_in = draw(st.integers(0, sum(results) + out))
        for row, v in zip(result_rows, results, strict=True):
            r.values[t3.cell_id(row, col)] = v
        r.values[t3.cell_id("carried_out", col)] = out
        r.values[t3.cell_id("carried_in", col)] = carried_in
        r.values[t3.cell_id("new", col)] = sum(results) + out - carried_in
    r.values = {k: v for k, v in r.values.items() if v is not None}
    r.invalidate()
    last = None
    if draw(st.booleans()):
        last = Report.new("某局", 2023)
        for cid in form.inputs:
            v = draw(_MAYBE_COUNT) if form.cells[cid].kind == "count" else draw(st.sampled_from(
                [None, Decimal("0"), Decimal("3.5"), Decimal("100")]))
            if v is not None:
                last.values[cid] = v
        last.invalidate()
    return r, last


@fuzz_settings(normal=150, long=3000)
@given(valid_reports())
def test_random_valid_reports_drafts_pass_w6(case: tuple[Report, Report | None]) -> None:
    r, last = case
    assert not [f for f in check(r) if f.severity == "error"]
    text = "\n".join(p.text for p in draft_paragraphs(r, last))
    r.texts["overview"] = text
    assert w6(r) == []
    assert unread_figures(r, text) == []


# --- inserting -------------------------------------------------------------------------------------------------------
def test_insert_paragraphs_at_the_cursor_or_over_the_selected_lines() -> None:
    text = "（一）主动公开\n旧的一段。\n（二）依申请公开\n"
    two = insert_paragraphs(text, 8, 8, ["甲。", "乙。"])
    assert two == ("（一）主动公开\n甲。\n乙。\n旧的一段。\n（二）依申请公开\n", 8, 13)
    assert insert_paragraphs(text, 7, 7, ["甲。"])[0] == "（一）主动公开\n甲。\n旧的一段。\n（二）依申请公开\n"
    assert insert_paragraphs(text, 3, 3, ["甲。"]) == ("（一）主动公开\n甲。\n旧的一段。\n（二）依申请公开\n", 8, 10)
    assert insert_paragraphs("一段", 1, 1, ["甲。"]) == ("一段\n甲。", 3, 5)
    sel = text.index("旧的")
    assert insert_paragraphs(text, sel + 1, sel + 3, ["甲。"])[0] == "（一）主动公开\n甲。\n（二）依申请公开\n"
    assert insert_paragraphs(text, sel, sel + 6, ["甲。"])[0] == "（一）主动公开\n甲。\n（二）依申请公开\n"
    assert insert_paragraphs("", 0, 0, ["甲。"]) == ("甲。", 0, 2)
    assert insert_paragraphs(text, 0, 0, []) == (text, 0, 0)


# --- the quick fix ---------------------------------------------------------------------------------------------------
def test_fix_rewrites_exactly_the_quoted_number_and_undoes(seed: Report) -> None:
    doc = Document(seed)
    before = seed.texts["overview"]
    completed = next(f for f in w6(seed) if "已处理完成" in f.message)
    withdrawn = next(f for f in w6(seed) if "撤回" in f.message)
    assert fix_prose_figure(seed, withdrawn) is None  # only bounded (≤): the prose is not simply to be made equal
    edit = fix_prose_figure(seed, completed)
    assert isinstance(edit, SetText) and edit.key == "overview"
    assert edit.text == before.replace("已处理完成2件", "已处理完成3件")
    cs = doc.apply(edit)
    assert completed in cs.gone and not cs.appeared
    assert [f.message for f in w6(seed)] == [withdrawn.message]
    doc.apply(cs.inverse)
    assert seed.texts["overview"] == before and len(w6(seed)) == 2


def test_fix_of_an_amount_and_of_a_stale_finding() -> None:
    r = zero_report()
    r.values["t2.fees.amount"] = Decimal("12.50")
    r.texts["other"] = "本年度行政事业性收费金额9.5万元。"
    (f,) = w6(r)
    assert f.left == Decimal("9.5") and f.place is not None and f.place.key == "other"
    edit = fix_prose_figure(r, f)
    assert edit is not None and edit.text == "本年度行政事业性收费金额12.50万元。"
    r.texts["other"] = "前言。" + r.texts["other"]  # typed since: the finding's place is no longer the number
    assert fix_prose_figure(r, f) is None
    (f2,) = w6(r)
    assert f2 == f and fix_prose_figure(r, f2) is not None


def test_hostile_prose_is_checked_quickly() -> None:
    """Every text at its largest (1,000,000 characters), quoting figures as densely as it can: read within 5 s."""
    import time

    from govreport_gui.core.checks.prose import MAX_QUOTES
    from govreport_gui.core.storage import MAX_TEXT_CHARS

    r = zero_report()
    for word in ("办结1件，", "行政复议1件", "行政诉讼2件，其中结果维持1件"):
        text = (word * (MAX_TEXT_CHARS // len(word) + 1))[:MAX_TEXT_CHARS]
        r.texts = dict.fromkeys(r.form.text_keys, text)
        t = time.perf_counter()
        found = w6(r)
        assert time.perf_counter() - t < 5
        assert found and len(found) <= MAX_QUOTES * len(r.form.text_keys) * len(prose_rule(r)["patterns"])
