"""Parsing what a clerk types or pastes: counts, 万元 decimals, full-width digits, refusals in Chinese."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govreport_gui.core.form import Form
from govreport_gui.core.values import ValueRefused, format_value, parse_value


@pytest.mark.parametrize(("text", "value"), [
    ("3", 3), (" 12 ", 12), ("１２", 12), ("1,234", 1234), ("１，２３４", 1234), ("", None), ("  ", None), ("0", 0),
])
def test_counts(form: Form, text: str, value: int | None) -> None:
    assert parse_value(form.cells["t3.new.natural"], text) == value


@pytest.mark.parametrize(("text", "fragment"), [
    ("-1", "负数"), ("1.5", "整数"), ("abc", "整数"), ("1e9", "整数"), ("3件", "整数"), ("12,34", "整数"),
    ("99999999999", "过大"), ("NaN", "整数"),
])
def test_counts_refused(form: Form, text: str, fragment: str) -> None:
    with pytest.raises(ValueRefused) as exc:
        parse_value(form.cells["t3.new.natural"], text)
    assert fragment in str(exc.value) and "一、本年新收" in str(exc.value)


@pytest.mark.parametrize(("text", "value"), [
    ("24252.311082", Decimal("24252.311082")), ("0", Decimal("0")), ("1,234.5", Decimal("1234.5")),
    ("２．５", Decimal("2.5")), ("3.20万元", Decimal("3.20")), (".5", Decimal(".5")),
])
def test_decimals(form: Form, text: str, value: Decimal) -> None:
    got = parse_value(form.cells["t2.fees.amount"], text)
    assert got == value and str(got) == str(value)


@pytest.mark.parametrize(("text", "fragment"), [
    ("5000元", "单位为万元"), ("-1", "负数"), ("1.2.3", "不是数字"), ("1.1234567", "6位小数"), ("Infinity", "不是数字"),
    ("1" * 19, "过大"),
])
def test_decimals_refused(form: Form, text: str, fragment: str) -> None:
    with pytest.raises(ValueRefused, match=fragment):
        parse_value(form.cells["t2.fees.amount"], text)


def test_format_keeps_digits() -> None:
    assert format_value(Decimal("24252.311082")) == "24252.311082"
    assert format_value(Decimal("3.20")) == "3.20"
    assert format_value(None) == ""
    assert format_value(0) == "0"
