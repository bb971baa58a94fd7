"""Dates as clerks write them: real spreadsheet dates, 2025-01-20, 2025/1/20, 2025.1.20, 2025年1月20日, 20250120.

Anything else (a month without a day, 2025-02-30, free text) is not a date: ``None``, never a guess.
"""

from __future__ import annotations

import re
from datetime import date, datetime

_PATTERNS = (
    re.compile(r"^(\d{4})\s*[-/.．]\s*(\d{1,2})\s*[-/.．]\s*(\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"),
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date(value: object) -> date | None:
    """The date ``value`` stands for, or ``None``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip().translate(_FULLWIDTH)
    if len(text) > 40:
        return None
    for pattern in _PATTERNS:
        m = pattern.match(text)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None


_FULLWIDTH = str.maketrans("０１２３４５６７８９－／：　", "0123456789-/: ")


def format_date(d: date | None) -> str:
    return "" if d is None else d.isoformat()
