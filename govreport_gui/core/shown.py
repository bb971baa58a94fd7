"""Raw values and names as they appear inside a one-line Chinese message: short, on one line, never Python notation.

A message used to carry whatever it was given: ``True``, ``{'a': 1}``, a 4,000-digit integer, a name with a line
break, or Python's own English text about an integer too long to convert.  :func:`shown_value` says what a JSON value
is in the clerk's words (a text quoted and cut to :data:`MAX_SHOWN` characters; a number with too many digits by its
length; true/false, a list or a group of items by their kind); :func:`one_line` makes any message text one line.
"""

from __future__ import annotations

MAX_SHOWN = 40  # characters of a quoted text
MAX_DIGITS = 30  # digits of a number shown as it is
MAX_LINE = 600  # characters of a whole message line

_CONTROLS = {i: " " for i in range(32)} | {0x7F: " ", 0x2028: " ", 0x2029: " ", 0x85: " "}


def one_line(text: str, limit: int = MAX_LINE) -> str:
    """``text`` with line breaks and control characters as blanks, cut to ``limit`` characters (“…” at the cut)."""
    flat = text.translate(_CONTROLS)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def quoted(text: str, limit: int = MAX_SHOWN) -> str:
    """A text in Chinese quotes, on one line, cut to ``limit`` characters."""
    return f"“{one_line(text, limit)}”"


def shown_value(value: object) -> str:
    """A value read from a file or a cell as the clerk should see it in a message."""
    if value is None:
        return "空值（null）"
    if isinstance(value, bool):
        return "逻辑值“是”（true）" if value else "逻辑值“否”（false）"
    if isinstance(value, int):
        digits = len(str(abs(value))) if abs(value) < 10**4000 else value.bit_length() * 3 // 10 + 1
        if digits > MAX_DIGITS:
            return f"一个{'负' if value < 0 else ''}{digits}位的整数"
        return f"“{value}”"
    if isinstance(value, float):
        return f"“{value:g}”"
    if isinstance(value, str):
        return quoted(value)
    if isinstance(value, dict):
        return f"一组内容项（{len(value)}项）"
    if isinstance(value, list | tuple):
        return f"一个列表（{len(value)}项）"
    return f"无法识别的内容（{type(value).__name__}）"
