"""The form definition checked against spec §2 and §3: counts, ids, labels verbatim, spans."""

from __future__ import annotations

import pytest

from govreport_gui.core.form import Form, load_form
from govreport_gui.core.grid import table_grid

T3_ROWS = [
    "new", "carried_in", "granted", "partial",
    "withheld.state_secret", "withheld.law_forbidden", "withheld.three_safeties", "withheld.third_party",
    "withheld.internal_affairs", "withheld.process_info", "withheld.enforcement_file", "withheld.query_matter",
    "unavailable.not_held", "unavailable.needs_creation", "unavailable.unclear",
    "not_processed.petition", "not_processed.duplicate", "not_processed.publication", "not_processed.excessive",
    "not_processed.confirmation", "other.no_correction", "other.no_fee", "other.other", "total", "carried_out",
]
T3_COLS = ["natural", "business", "research", "nonprofit", "legal", "other_org", "total"]

# Every label of spec §2, verbatim, with its grid rectangle (row, col, rowspan, colspan).
T2_LABELS = {
    (1, 1, 1, 4): "第二十条第（一）项", (2, 1, 1, 1): "信息内容", (2, 2, 1, 1): "本年制发件数",
    (2, 3, 1, 1): "本年废止件数", (2, 4, 1, 1): "现行有效件数", (3, 1, 1, 1): "规章", (4, 1, 1, 1): "行政规范性文件",
    (5, 1, 1, 4): "第二十条第（五）项", (6, 1, 1, 1): "信息内容", (6, 2, 1, 3): "本年处理决定数量",
    (7, 1, 1, 1): "行政许可", (8, 1, 1, 4): "第二十条第（六）项", (9, 1, 1, 1): "信息内容",
    (9, 2, 1, 3): "本年处理决定数量", (10, 1, 1, 1): "行政处罚", (11, 1, 1, 1): "行政强制",
    (12, 1, 1, 4): "第二十条第（八）项", (13, 1, 1, 1): "信息内容", (13, 2, 1, 3): "本年收费金额（单位：万元）",
    (14, 1, 1, 1): "行政事业性收费",
}
T3_LABELS = {
    (1, 1, 3, 3): "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    (1, 4, 1, 7): "申请人情况", (2, 4, 2, 1): "自然人", (2, 5, 1, 5): "法人或其他组织", (2, 10, 2, 1): "总计",
    (3, 5, 1, 1): "商业企业", (3, 6, 1, 1): "科研机构", (3, 7, 1, 1): "社会公益组织", (3, 8, 1, 1): "法律服务机构",
    (3, 9, 1, 1): "其他",
    (4, 1, 1, 3): "一、本年新收政府信息公开申请数量", (5, 1, 1, 3): "二、上年结转政府信息公开申请数量",
    (6, 1, 22, 1): "三、本年度办理结果", (6, 2, 1, 2): "（一）予以公开",
    (7, 2, 1, 2): "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    (8, 2, 8, 1): "（三）不予公开", (8, 3, 1, 1): "1.属于国家秘密", (9, 3, 1, 1): "2.其他法律行政法规禁止公开",
    (10, 3, 1, 1): "3.危及“三安全一稳定”", (11, 3, 1, 1): "4.保护第三方合法权益",
    (12, 3, 1, 1): "5.属于三类内部事务信息", (13, 3, 1, 1): "6.属于四类过程性信息",
    (14, 3, 1, 1): "7.属于行政执法案卷", (15, 3, 1, 1): "8.属于行政查询事项",
    (16, 2, 3, 1): "（四）无法提供", (16, 3, 1, 1): "1.本机关不掌握相关政府信息",
    (17, 3, 1, 1): "2.没有现成信息需要另行制作", (18, 3, 1, 1): "3.补正后申请内容仍不明确",
    (19, 2, 5, 1): "（五）不予处理", (19, 3, 1, 1): "1.信访举报投诉类申请", (20, 3, 1, 1): "2.重复申请",
    (21, 3, 1, 1): "3.要求提供公开出版物", (22, 3, 1, 1): "4.无正当理由大量反复申请",
    (23, 3, 1, 1): "5.要求行政机关确认或重新出具已获取信息",
    (24, 2, 3, 1): "（六）其他处理",
    (24, 3, 1, 1): "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    (25, 3, 1, 1): "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    (26, 3, 1, 1): "3.其他", (27, 2, 1, 2): "（七）总计", (28, 1, 1, 3): "四、结转下年度继续办理",
}
T4_LABELS = {
    (1, 1, 1, 5): "行政复议", (1, 6, 1, 10): "行政诉讼",
    (2, 1, 2, 1): "结果维持", (2, 2, 2, 1): "结果纠正", (2, 3, 2, 1): "其他结果", (2, 4, 2, 1): "尚未审结",
    (2, 5, 2, 1): "总计", (2, 6, 1, 5): "未经复议直接起诉", (2, 11, 1, 5): "复议后起诉",
    **{(3, 6 + 5 * g + i, 1, 1): t for g in range(2) for i, t in enumerate(
        ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"])},
}


def _labels(form: Form, tid: str) -> dict[tuple[int, int, int, int], str]:
    return {(g.r, g.c, g.rs, g.cs): g.text for g in table_grid(form, tid).cells if g.kind in ("head", "label")}


def test_table3_counts(form: Form) -> None:
    t3 = form.tables["t3"]
    assert list(t3.row_ids) == T3_ROWS
    assert list(t3.column_ids) == T3_COLS
    assert len(t3.cells) == 25 * 7
    inputs = [c for c in t3.cells if not form.cells[c].derived]
    derived = [c for c in t3.cells if form.cells[c].derived]
    assert len(inputs) == 144 and len(derived) == 31
    assert set(derived) == {f"t3.{r}.total" for r in T3_ROWS} | {f"t3.total.{c}" for c in T3_COLS}


def test_table4_and_table2_counts(form: Form) -> None:
    t4 = [form.cells[c] for c in form.tables["t4"].cells]
    assert sum(not c.derived for c in t4) == 12
    assert {c.id for c in t4 if c.derived} == {"t4.review.total", "t4.suit_direct.total", "t4.suit_after_review.total"}
    t2 = [form.cells[c] for c in form.tables["t2"].cells]
    assert len(t2) == 10 and not any(c.derived for c in t2)
    assert {c.id for c in t2} == {
        *(f"t2.{r}.{c}" for r in ("regulations", "normative") for c in ("issued", "repealed", "in_force")),
        "t2.licensing.decisions", "t2.penalty.decisions", "t2.coercion.decisions", "t2.fees.amount",
    }
    assert form.cells["t2.fees.amount"].kind == "decimal" and form.cells["t2.fees.amount"].unit == "万元"


@pytest.mark.parametrize(("tid", "expected"), [("t2", T2_LABELS), ("t3", T3_LABELS), ("t4", T4_LABELS)])
def test_labels_and_spans_verbatim(form: Form, tid: str, expected: dict) -> None:
    assert _labels(form, tid) == expected


def test_value_cells_at_spec_coordinates(form: Form) -> None:
    g3 = table_grid(form, "t3").by_id
    assert (g3["t3.new.natural"].r, g3["t3.new.natural"].c) == (4, 4)  # D4
    assert (g3["t3.new.total"].r, g3["t3.new.total"].c) == (4, 10)  # J4
    assert (g3["t3.total.business"].r, g3["t3.total.business"].c) == (27, 5)  # E27
    assert (g3["t3.carried_out.other_org"].r, g3["t3.carried_out.other_org"].c) == (28, 9)  # I28
    g4 = table_grid(form, "t4").by_id
    assert [(g4[f"t4.{r}.total"].r, g4[f"t4.{r}.total"].c) for r in ("review", "suit_direct", "suit_after_review")] \
        == [(4, 5), (4, 10), (4, 15)]
    g2 = table_grid(form, "t2").by_id
    assert (g2["t2.fees.amount"].r, g2["t2.fees.amount"].c, g2["t2.fees.amount"].cs) == (14, 2, 3)


@pytest.mark.parametrize("tid", ["t2", "t3", "t4"])
def test_grid_tiles_the_table_exactly(form: Form, tid: str) -> None:
    grid = table_grid(form, tid)
    covered: dict[tuple[int, int], int] = {}
    for g in grid.cells:
        for r in range(g.r, g.r + g.rs):
            for c in range(g.c, g.c + g.cs):
                covered[(r, c)] = covered.get((r, c), 0) + 1
    t = form.tables[tid]
    blank_corner = {(r, c) for r in range(1, t.rows + 1) for c in range(1, t.cols + 1)} - set(covered)
    assert all(n == 1 for n in covered.values()), "overlapping cells"
    assert not blank_corner, f"uncovered positions {sorted(blank_corner)}"


def test_sections_and_rules(form: Form) -> None:
    assert [s.heading for s in form.sections] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
    ]
    warnings = [f"W{i}" for i in range(1, 21)]
    assert [r["id"] for r in form.rules] == [f"H{i}" for i in range(1, 6)] + warnings
    assert all(r["severity"] == ("error" if r["id"][0] == "H" else "warning") for r in form.rules)


def test_totals_are_sums_of_their_parts(form: Form) -> None:
    assert form.totals["t3.new.total"].parts == tuple(f"t3.new.{c}" for c in T3_COLS[:-1])
    assert len(form.totals["t3.total.natural"].parts) == 21
    assert form.totals["t4.suit_direct.total"].parts == tuple(
        f"t4.suit_direct.{c}" for c in ("upheld", "corrected", "other", "pending"))
    assert set(form.dependents["t3.granted.natural"]) == {"t3.granted.total", "t3.total.natural", "t3.total.total"}


def test_unknown_form_is_refused() -> None:
    with pytest.raises(KeyError):
        load_form("1999")
    with pytest.raises(KeyError):
        load_form("../x")
