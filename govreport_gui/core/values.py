"""Cell values: parse what a clerk types or pastes, check a stored value, format a value for display.

Counts are ``int`` ≥ 0; amounts in 万元 are :class:`~decimal.Decimal` ≥ 0; a blank cell is ``None`` (not 0).
Every refusal is a :class:`ValueRefused` carrying a Chinese message.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .form import CellSpec
from .shown import quoted, shown_value

Value = int | Decimal | None

MAX_COUNT = 10**9  # no office receives a billion applications; larger is a typing or import error
MAX_DECIMAL_DIGITS = 18  # digits before the point
MAX_DECIMAL_PLACES = 6  # real reports print up to 6 decimals of 万元

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋　", "0123456789.,-+ ")
_COUNT_RE = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")
_DECIMAL_RE = re.compile(r"^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^\.\d+$")


class ValueRefused(ValueError):
    """A value that a cell cannot hold; ``str(exc)`` is the Chinese message for the clerk."""


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
    try:
        d = Decimal(s.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern already excludes this
        raise ValueRefused(f"{name}：{quoted(text.strip())}不是数字。") from None
    return check_value(spec, d)


def check_value(spec: CellSpec, value: object) -> Value:
    """Return ``value`` if ``spec`` can hold it, else raise :class:`ValueRefused` (rule H5's test)."""
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
    d = Decimal(value)
    if not d.is_finite():
        raise ValueRefused(f"{name}：金额“{value}”不是有效数字。")
    if d < 0:
        raise ValueRefused(f"{name}：金额不能为负数（{value}）。")
    _sign, digits, exp = d.as_tuple()
    places = -exp if isinstance(exp, int) and exp < 0 else 0
    if len(digits) - places > MAX_DECIMAL_DIGITS:
        raise ValueRefused(f"{name}：金额“{value}”过大。")
    if places > MAX_DECIMAL_PLACES:
        raise ValueRefused(f"{name}：金额最多保留{MAX_DECIMAL_PLACES}位小数（“{value}”）。")
    return d


def format_value(value: Value) -> str:
    """Text for display and export: blank stays blank; a Decimal keeps exactly its digits."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        s = format(value, "f")
        return s
    return str(value)
