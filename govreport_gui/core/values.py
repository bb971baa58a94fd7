"""Cell values: parse what a clerk types or pastes, check a stored value, format a value for display.

Counts are ``int`` ≥ 0; amounts in 万元 are :class:`~decimal.Decimal` ≥ 0; a blank cell is ``None`` (not 0).
Every refusal is a :class:`ValueRefused` carrying a Chinese message.

Amounts are parsed in one place, :func:`parse_amount`, strictly: plain decimal notation only (ASCII digits, at
most one point).  ``Decimal()`` itself also reads ``1E+20``, ``1_000``, ``-0``, ``NaN`` and Arabic-Indic digits;
``"1E999999"`` then passed the size check (it counted the written digits, not the value's) and made the rules
overflow.  The file reader, cell edits and pastes and every importer use this parser and :func:`check_value`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .form import CellSpec
from .shown import quoted, shown_value

Value = int | Decimal | None

MAX_COUNT = 10**9  # no office receives a billion applications; larger is a typing or import error
MAX_DECIMAL_DIGITS = 18  # digits before the point
MAX_DECIMAL_PLACES = 6  # real reports print up to 6 decimals of 万元

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋　", "0123456789.,-+ ")
_COUNT_RE = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")
_DECIMAL_RE = re.compile(r"^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^\.\d+$")


_PLAIN_AMOUNT_RE = re.compile(rf"0*[0-9]{{1,{MAX_DECIMAL_DIGITS + 1}}}(?:\.[0-9]{{1,{MAX_DECIMAL_PLACES + 1}}})?")


class ValueRefused(ValueError):
    """A value that a cell cannot hold; ``str(exc)`` is the Chinese message for the clerk."""


def parse_amount(text: str, name: str = "金额") -> Decimal:
    """The amount written in plain decimal notation (``"12.5"``); anything else raises :class:`ValueRefused`.

    No exponent, no ``_``, no sign (``-0`` included), no blanks or separators, at most the digits the form allows
    (:data:`MAX_DECIMAL_DIGITS` before the point, :data:`MAX_DECIMAL_PLACES` after it).  ``name`` is the cell's
    label for the message.
    """
    shown = text if len(text) <= 40 else text[:40] + "…"
    if text.startswith("-"):
        raise ValueRefused(f"{name}：金额不能为负数（“{shown}”）。")
    if not _PLAIN_AMOUNT_RE.fullmatch(text):
        if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", text):  # plain but too long: say which way
            if len(text.partition(".")[0].lstrip("0")) > MAX_DECIMAL_DIGITS:
                raise ValueRefused(f"{name}：金额“{shown}”过大。")
            raise ValueRefused(f"{name}：金额最多保留{MAX_DECIMAL_PLACES}位小数（“{shown}”）。")
        raise ValueRefused(f"{name}：“{shown}”不是数字（金额应写成普通的数字，如12.5，单位：万元）。")
    return check_amount(Decimal(text), name)


def check_amount(d: Decimal, name: str = "金额") -> Decimal:
    """``d`` if it is a finite amount ≥ 0 (not ``-0``) within the form's digits, else :class:`ValueRefused`."""
    if not d.is_finite():
        raise ValueRefused(f"{name}：金额“{d}”不是有效数字。")
    sign, _digits, exp = d.as_tuple()
    assert isinstance(exp, int)
    if sign:
        raise ValueRefused(f"{name}：金额不能为负数（{_short(d)}）。")
    places = -exp if exp < 0 else 0
    if places > MAX_DECIMAL_PLACES:
        raise ValueRefused(f"{name}：金额最多保留{MAX_DECIMAL_PLACES}位小数（“{_short(d)}”）。")
    if d and d.adjusted() + 1 > MAX_DECIMAL_DIGITS:  # the value's integer digits, also when written as 1E+20
        raise ValueRefused(f"{name}：金额“{_short(d)}”过大。")
    if exp > 0:  # 1E+2 from a workbook number: keep the plain form so that it is saved and shown as 100
        d = d.quantize(Decimal(1))
    return d


def _short(d: Decimal) -> str:
    s = str(d)
    return s if len(s) <= 40 else s[:40] + "…"


def normalise(text: str) -> str:
    """Full-width digits and punctuation to ASCII, surrounding blanks removed."""
    return text.translate(_FULLWIDTH).strip().replace("\u00a0", "")


def parse_value(spec: CellSpec, text: str) -> Value:
    """Parse typed or pasted text for ``spec``; blank text clears the cell. Raises :class:`ValueRefused`."""
    s = normalise(text)
    if s == "":
        return None
    name = spec.label
    if spec.kind == "count":
        if s.startswith("-"):
            raise ValueRefused(f"{name}：件数不能为负数（{quoted(text.strip())}）。")
        if not _COUNT_RE.match(s):
            raise ValueRefused(f"{name}：应填写不小于0的整数件数，{quoted(text.strip())}不是整数。")
        n = int(s.replace(",", ""))
        if n > MAX_COUNT:
            raise ValueRefused(f"{name}：{quoted(text.strip())}过大，请核实。")
        return n
    unit_note = ""
    if s.endswith("万元"):
        s = s[:-2].strip()
    elif s.endswith("元"):
        unit_note = "本栏单位为万元，请换算后填写数字，不要带“元”。"
    if unit_note:
        raise ValueRefused(f"{name}：{unit_note}")
    if s.startswith("-"):
        raise ValueRefused(f"{name}：金额不能为负数（{quoted(text.strip())}）。")
    if not _DECIMAL_RE.match(s):
        raise ValueRefused(f"{name}：应填写不小于0的数（单位：万元），{quoted(text.strip())}不是数字。")
    plain = s.replace(",", "")
    return parse_amount("0" + plain if plain.startswith(".") else plain, name)


def check_value(spec: CellSpec, value: object) -> Value:
    """Return ``value`` if ``spec`` can hold it, else raise :class:`ValueRefused` (rule H5's test)."""
    if type(value) is int and spec.kind == "count" and 0 <= value <= MAX_COUNT:  # the usual case, first
        return value
    name = spec.label
    if value is None:
        return None
    if spec.kind == "count":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueRefused(f"{name}：件数应为整数，现为{shown_value(value)}。")
        if value < 0:
            raise ValueRefused(f"{name}：件数不能为负数（{value}）。")
        if value > MAX_COUNT:
            raise ValueRefused(f"{name}：件数过大（{shown_value(value)}）。")
        return value
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise ValueRefused(f"{name}：金额应为数字，现为{shown_value(value)}。")
    if isinstance(value, int) and value < 0:
        raise ValueRefused(f"{name}：金额不能为负数（{value}）。")
    return check_amount(Decimal(value), name)


def format_value(value: Value) -> str:
    """Text for display and export: blank stays blank; a Decimal keeps exactly its digits."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        s = format(value, "f")
        return s
    return str(value)
