"""The report's basic information (基本信息) declared once: agency, year, title and publication date, each with its
label, its check and its message.

Storage (reading a ``.govreport``), edits (the window's and the CLI's changes), the workbook (writer and reader),
the command line and the 基本信息 tab all take the fields, the year range and the date forms from here; before,
the year range was written out in five places and the date format in three.

Two ways in: :func:`check_meta` for a value as stored (a year is an ``int``, a date an ISO string), and
:func:`parse_meta` for what a person typed or a workbook cell holds ("2024", 2024.0, "2024年1月31日").  Both raise
:class:`MetaRefused` whose text is the clerk's one-line reason; callers add where (a file's name, a sheet's cell).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .shown import quoted, shown_value

MIN_YEAR, MAX_YEAR = 1990, 2999
MAX_META_CHARS = 1000
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE_FORMS = (
    re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$"),
    re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$"),
)
_FULL_WIDTH = str.maketrans("０１２３４５６７８９－／．", "0123456789-/.")


class MetaRefused(ValueError):
    """A basic-information value that cannot be taken; the text is the clerk's reason (Chinese, one line)."""


@dataclass(frozen=True)
class MetaField:
    key: str
    label: str  # as the workbook's text sheet and messages name it
    form_label: str  # as the 基本信息 tab names it
    check: Callable[[Any], Any]  # a stored value → itself, or MetaRefused
    parse: Callable[[Any], Any]  # typed text or a workbook cell → the value to store, or MetaRefused


def _check_year(v: Any) -> int | None:
    if v is None or (isinstance(v, int) and not isinstance(v, bool) and MIN_YEAR <= v <= MAX_YEAR):
        return v
    raise MetaRefused(f"年度无效（现为{shown_value(v)}，应为{MIN_YEAR}至{MAX_YEAR}之间的四位数年份）。")


def _parse_year(raw: Any) -> int | None:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    elif isinstance(raw, str):
        raw = int(raw.strip()) if raw.strip().isdigit() else (None if not raw.strip() else raw.strip())
    return _check_year(raw)


def _check_date(v: Any) -> str | None:
    if v is None or (isinstance(v, str) and (v == "" or ISO_DATE.match(v) is not None)):
        return v
    raise MetaRefused(f"发布日期无效（现为{shown_value(v)}），应写成YYYY-MM-DD（如2024-01-31）。")


def parse_date(text: str) -> str | None:
    """ISO date from "2024-01-31", "2024/1/31", "2024年1月31日" or "20240131"; ``None`` for blank.

    Raises :class:`MetaRefused` (a ``ValueError``) with a Chinese message for anything else.
    """
    s = text.strip().translate(_FULL_WIDTH)
    if not s:
        return None
    for pattern in _DATE_FORMS:
        m = pattern.match(s)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
            except ValueError:
                break
    raise MetaRefused(f"发布日期“{text.strip()}”无效，请按“2024-01-31”的格式填写。")


def _parse_date_cell(raw: Any) -> str | None:
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    return parse_date("" if raw is None else str(raw))


def _text_field(label: str) -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
    def check(v: Any) -> str | None:
        if v is None or (isinstance(v, str) and len(v) <= MAX_META_CHARS):
            return v
        raise MetaRefused(f"{label}应为不超过{MAX_META_CHARS}字的文字。")

    def parse(raw: Any) -> str | None:
        if isinstance(raw, float) and raw.is_integer():  # a workbook cell holding a number
            raw = int(raw)
        text = "" if raw is None else str(raw)
        return text.strip()[:MAX_META_CHARS] or None

    return check, parse


FIELDS: dict[str, MetaField] = {
    f.key: f for f in (
        MetaField("agency", "机关名称", "机关名称", *_text_field("机关名称")),
        MetaField("year", "年度", "报告年度", _check_year, _parse_year),
        MetaField("title", "报告标题", "报告标题", *_text_field("报告标题")),
        MetaField("published", "发布日期", "发布日期", _check_date, _parse_date_cell),
    )
}
META_KEYS = tuple(FIELDS)


def _field(key: str) -> MetaField:
    field = FIELDS.get(key)
    if field is None:
        raise MetaRefused(f"没有名为{quoted(key)}的基本信息项。")
    return field


def check_meta(key: str, value: Any) -> Any:
    """``value`` as stored for field ``key``; :class:`MetaRefused` for an unknown field or a bad value."""
    return _field(key).check(value)


def parse_meta(key: str, raw: Any) -> Any:
    """The value to store for what a person typed or a workbook cell holds; :class:`MetaRefused` otherwise."""
    return _field(key).parse(raw)
