"""The hidden "govreport" sheet of our workbook: the report as exported (meta, prose, explanations, last year's
baseline, printed totals and the cells), as JSON split over cells of at most 30,000 characters.

The workbook reader takes meta and prose from here where the visible sheets still show what was exported.  A sheet
another program wrote, a newer format version or broken JSON is logged and not used; nothing here refuses the file.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..form import Form
from ..report import Report
from ..storage import FORMAT_VERSION, ReportFileError, from_dict
from ..workbook import DATA_FORMAT, DATA_SHEET, DATA_VERSION, address
from .xlsx_open import Sheet

MAX_SHEET_ROWS, MAX_SHEET_COLS = 2000, 200  # far beyond what the text and data sheets hold; a sheet of a million
# rows would otherwise be parsed to its end (45 MB of rows took 19 s)


@dataclass
class Snapshot:
    doc: dict[str, Any]  # the sheet's JSON items by key
    base: Report  # its meta, texts, explanations, previous and printed totals, checked like a .govreport file
    cells: dict[str, Any]  # the cell values as exported (to tell which ones were changed in the workbook)


def read_data_sheet(wb: Any, form: Form, name: str, log: Callable[..., None]) -> Snapshot | None:
    """The hidden sheet's snapshot, or ``None`` (logged) when it is absent, foreign, newer or invalid."""
    if DATA_SHEET not in wb.sheetnames:
        log("info", "工作簿中没有程序信息工作表“govreport”，基本信息、正文和数值均按可见工作表读入。")
        return None
    sh = Sheet(wb[DATA_SHEET], MAX_SHEET_ROWS, MAX_SHEET_COLS)
    rows: dict[int, dict[int, Any]] = {}
    formula_rows: set[int] = set()  # a formula is never read as data, here not even through its cached value
    for (r, c), cell in sh.cells.items():
        if sh.kind(r, c) == "f":
            formula_rows.add(r)
        else:
            rows.setdefault(r, {})[c] = cell.value
    doc: dict[str, Any] = {}
    for r in sorted(rows):
        key = rows[r].get(1)
        if not isinstance(key, str) or r == 1:
            continue
        if r in formula_rows:
            log("warning", f"程序信息工作表中“{key}”一项含有公式，未采用。", where=f"{DATA_SHEET}!{address(r, 2)}")
            continue
        parts = []
        c = 2
        while isinstance(rows[r].get(c), str):
            parts.append(rows[r][c])
            c += 1
        try:
            doc[key] = json.loads("".join(parts))
        except (json.JSONDecodeError, RecursionError):
            log("warning", f"程序信息工作表中“{key}”一项已损坏，未采用。",
                where=f"{DATA_SHEET}!{address(r, 2)}")
    if doc.get("format") != DATA_FORMAT or doc.get("form") != form.id:
        log("warning", "程序信息工作表不是本程序写入的，未采用；按可见工作表读入。", where=DATA_SHEET)
        return None
    version = doc.get("format_version")
    if not isinstance(version, int) or version > DATA_VERSION:
        log("warning", f"程序信息工作表由较新版本的程序写入（版本{version}），未采用。", where=DATA_SHEET)
        return None
    try:
        base = from_dict({
            "format": "govreport", "format_version": FORMAT_VERSION, "form": form.id,
            "meta": doc.get("meta") or {}, "texts": doc.get("texts") or {},
            "explanations": doc.get("explanations") or {}, "previous": doc.get("previous"),
            "printed_totals": doc.get("printed_totals") or {},
        }, name)
    except ReportFileError as exc:
        log("warning", f"程序信息工作表的内容无效，未采用：{exc}", where=DATA_SHEET)
        return None
    cells = doc.get("cells")
    return Snapshot(doc, base, cells if isinstance(cells, dict) else {})
