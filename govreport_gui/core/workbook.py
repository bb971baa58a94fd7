"""What the Excel writer and the workbook reader agree on: sheet names, cell addresses, the text sheet's blocks.

:mod:`core.exporters.excel` writes a workbook by these names and :mod:`core.importers.xlsx` reads it back by the same
ones, so a name changed here changes both sides at once.  No openpyxl here (the core stays free of it).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from .form import Form
from .meta_fields import FIELDS
from .report import Report

TEXT_SHEET = "基本信息与正文"
DATA_SHEET = "govreport"
DATA_FORMAT = "govreport-xlsx"
DATA_VERSION = 2  # 2: explanations keyed by finding (core.checks.confirmations), as in the .govreport format 3
MAX_CELL_CHARS = 32767
META_LABELS = {k: f.label for k, f in FIELDS.items()}
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
# characters a cell cannot hold: outside XML 1.0, plus CR (parsers turn it into LF)
ILLEGAL_XML = re.compile("[^\t\n\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def sheet_names(form: Form) -> dict[str, str]:
    """The sheet name of each table: the form file's ``sheet`` (else the title), made valid and unique (≤ 31 chars)."""
    out: dict[str, str] = {}
    used: set[str] = {TEXT_SHEET, DATA_SHEET}
    for tid, table in form.tables.items():
        name = _SHEET_NAME_BAD.sub("_", table.sheet or table.title).strip("'")[:31] or tid
        base, n = name, 2
        while name in used:
            name = f"{base[:28]}({n})"
            n += 1
        used.add(name)
        out[tid] = name
    return out


def column_letter(c: int) -> str:
    s = ""
    while c:
        c, rem = divmod(c - 1, 26)
        s = chr(65 + rem) + s
    return s


def address(r: int, c: int) -> str:
    return f"{column_letter(c)}{r}"


def total_formula(form: Form, cell_id: str) -> str:
    """``=SUM(...)`` of a derived cell's parts, as ranges of adjacent cells."""
    cells = form.cells
    parts = [(cells[p].r, cells[p].c, cells[p].cs) for p in form.totals[cell_id].parts]
    ranges: list[str] = []
    i = 0
    while i < len(parts):
        r0, c0, _ = parts[i]
        j = i
        # the same row, each next cell directly right of the previous one
        while j + 1 < len(parts) and parts[j + 1][0] == r0 and parts[j + 1][1] == parts[j][1] + parts[j][2]:
            j += 1
        if j == i:  # the same column, each next cell directly below
            while j + 1 < len(parts) and parts[j + 1][1] == c0 and parts[j + 1][0] == parts[j][0] + 1:
                j += 1
        first, last = address(r0, c0), address(parts[j][0], parts[j][1])
        ranges.append(first if j == i else f"{first}:{last}")
        i = j + 1
    return f"=SUM({','.join(ranges)})"


def decimal_places(d: Decimal) -> int:
    exp = d.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def clean_text(s: str) -> str:
    """Text a cell can hold: characters XML 1.0 forbids removed, cut at Excel's limit."""
    return ILLEGAL_XML.sub("", s)[:MAX_CELL_CHARS]


def shown_text(value: Any) -> str:
    """A cell's content as text (for comparing what a sheet shows with what was exported)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "date") and hasattr(value, "isoformat"):
        return value.date().isoformat() if hasattr(value, "hour") else value.isoformat()
    return str(value)


def text_layout(report: Report) -> list[tuple[str, str, str]]:
    """(key, heading, text) of every block of the text sheet, in order: meta fields, the preface, six sections."""
    form = report.form
    blocks: list[tuple[str, str, str]] = []
    key = form.preface_key
    blocks.append((key, form.text_keys[key], report.texts.get(key, "")))
    names = sheet_names(form)
    for s in form.sections:
        if s.kind == "text":
            blocks.append((s.key, s.heading, report.texts.get(s.key, "")))
        else:
            blocks.append((f"table:{s.key}", s.heading, f"见工作表“{names.get(s.key, s.key)}”。"))
    return blocks


def meta_shown(report: Report, key: str) -> Any:
    """The value shown on the text sheet for a meta field (the customary title when none is set)."""
    if key == "title":
        return report.title
    v = report.meta.get(key)
    return v if v not in ("",) else None
