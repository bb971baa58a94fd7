"""Results, applicant types, yes/no and dates as clerks write them: matched to the form's rows, or not at all."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from govreport_gui.core.register.dates import parse_date
from govreport_gui.core.register.matching import match_result, match_type, match_yes_no


@pytest.mark.parametrize("text, row", [
    ("（一）予以公开", "granted"), ("予以公开", "granted"), ("一、予以公开", "granted"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partial"), ("部分公开", "partial"),
    ("（三）不予公开 1.属于国家秘密", "withheld.state_secret"), ("不予公开-属于国家秘密", "withheld.state_secret"),
    ("属于国家秘密", "withheld.state_secret"), ("3.危及“三安全一稳定”", "withheld.three_safeties"),
    ("（四）无法提供 1.本机关不掌握相关政府信息", "unavailable.not_held"), ("信息不存在", "unavailable.not_held"),
    ("非本机关信息", "unavailable.not_held"), ("申请人撤回", "other.other"), ("撤回", "other.other"),
    ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other.no_correction"),
    ("（五）不予处理 2.重复申请", "not_processed.duplicate"), ("重复申请", "not_processed.duplicate"),
    ("（六）其他处理 3.其他", "other.other"),
])
def test_results_matched(form, text, row) -> None:
    assert match_result(form, text) == row


@pytest.mark.parametrize("text", [
    "不予公开", "无法提供", "不予处理", "其他处理", "已办理", "已答复", "", "三、本年度办理结果", "（七）总计",
])
def test_results_never_guessed(form, text) -> None:
    assert match_result(form, text) is None


@pytest.mark.parametrize("text, col", [
    ("自然人", "natural"), ("公民", "natural"), ("商业企业", "business"), ("企业", "business"),
    ("科研机构", "research"), ("社会公益组织", "nonprofit"), ("法律服务机构", "legal"), ("律师事务所", "legal"),
    ("其他", "other_org"), ("其他组织", "other_org"),
])
def test_types_matched(form, text, col) -> None:
    assert match_type(form, text) == col


@pytest.mark.parametrize("text", ["律师", "法人或其他组织", "总计", "单位"])
def test_types_never_guessed(form, text) -> None:
    assert match_type(form, text) is None


def test_yes_no() -> None:
    assert [match_yes_no(v) for v in ("是", "否", None, "", "Y", 1, 0, True, "也许", 2)] == [
        True, False, False, False, True, True, False, True, None, None]


@pytest.mark.parametrize("value, expected", [
    ("2025-01-20", date(2025, 1, 20)), ("2025/1/20", date(2025, 1, 20)), ("2025年1月20日", date(2025, 1, 20)),
    ("2025.1.20", date(2025, 1, 20)), ("２０２５－０１－２０", date(2025, 1, 20)), ("20250120", date(2025, 1, 20)),
    ("2025-01-20 14:30", date(2025, 1, 20)), (datetime(2025, 1, 20, 9), date(2025, 1, 20)),
    ("2025-02-30", None), ("1月20日", None), ("2025年1月", None), (45678, None), ("", None),
])
def test_dates(value, expected) -> None:
    assert parse_date(value) == expected


def test_grid_fields_display_and_parse(form) -> None:
    from govreport_gui.core.register.fields import display, with_field
    from govreport_gui.core.register.model import FIELDS, RegisterLine
    from govreport_gui.core.values import ValueRefused

    line = RegisterLine(date(2025, 1, 20), "natural", "张三", result="granted", answered=date(2025, 2, 21),
                        extended=True, consultation_days=3)
    shown = [display(form, line, f) for f, _ in FIELDS]
    assert shown == ["2025-01-20", "自然人", "张三", "", "（一）予以公开", "2025-02-21", "是", "", "", "3", ""]
    again = line
    for (f, _), text in zip(FIELDS, shown, strict=True):
        again = with_field(form, again, f, text)
    assert again == line
    assert with_field(form, line, "answered", "2025年3月1日").answered == date(2025, 3, 1)
    assert with_field(form, line, "result", "信息不存在").result == "unavailable.not_held"
    assert with_field(form, line, "result", "").result is None
    for f, text in (("received", ""), ("answered", "2025-01-01"), ("result", "不予公开"), ("applicant_type", "律师"),
                    ("extended", "也许"), ("consultation_days", "-2"), ("nope", "x"), ("received", "明天")):
        with pytest.raises(ValueRefused):
            with_field(form, line, f, text)
