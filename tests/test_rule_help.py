"""Each rule's plain-Chinese explanation is form data (what, why, how to fix); H1's quotes the form's own words."""

from __future__ import annotations

from govreport_gui.core.checks.help import USER_GUIDE, rule_explanation, rules_guide_html, user_guide_html
from govreport_gui.core.form import Form


def test_every_rule_is_explained(form: Form) -> None:
    for rule in form.rules:
        explain = rule.get("explain", {})
        assert set(explain) == {"what", "why", "fix"}, rule["id"]
        assert all(len(explain[k]) >= 6 for k in explain), rule["id"]
        text = rule_explanation(form, rule["id"])
        assert text.startswith(f"{rule['id']} {rule['title']}") and "检查什么：" in text and "怎样改正：" in text
    html = rules_guide_html(form)
    assert all(f"{r['id']} " in html for r in form.rules)


def test_the_balance_rule_quotes_the_printed_form(form: Form) -> None:
    [rule] = [r for r in form.rules if r["kind"] == "equal_sums"]
    table = form.tables[rule["for_each_column"]]
    printed = next(label.text for label in table.labels if "勾稽关系为" in label.text)
    words = printed.strip("（）").split("：", 1)[1]  # 第一项加第二项之和，等于第三项加第四项之和
    assert words in rule["explain"]["why"]


def test_carry_over_rule_names_both_rows(form: Form) -> None:
    rule = next(r for r in form.rules if r["kind"] == "baseline_equal")
    why = rule["explain"]["why"]
    assert "上年报告的第四项转入本年报告的第二项" in why


def test_every_section_has_a_short_tab_label(form: Form) -> None:
    for section in form.sections:
        assert section.short and section.short != section.heading and len(section.short) <= 7
        assert section.short[0] == section.heading[0]  # 一 … 六, as the heading starts


def test_user_guide_covers_the_year() -> None:
    html = user_guide_html()
    assert [t for t, _ in USER_GUIDE] == ["从上年报告开始", "填写", "检查", "确认", "导出", "打印"]
    assert all(t in html for t, _ in USER_GUIDE)
