"""Register workbooks as an office fills them: `govreport register template`, then lines typed under its headers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from govreport_gui.core.exporters.register_sheet import write_register_workbook
from govreport_gui.core.form import Form

D = date.fromisoformat


def filled_template(path: Path, form: Form, rows: list[list[object]]) -> Path:
    """The blank template, then ``rows`` typed into it under its headers (序号 first)."""
    write_register_workbook(path, form)
    wb = openpyxl.load_workbook(path)
    ws = wb["台账"]
    for r, row in enumerate(rows, 2):
        for c, v in enumerate(row, 1):
            ws.cell(row=r, column=c, value=v)
    wb.save(path)
    return path


def eight_lines(year: int = 2024, faulty: int = 5) -> list[list[object]]:
    """序号, 收到日期, 申请人类型, 申请人, 申请内容, 办理结果, 答复日期: eight applications of ``year``, line ``faulty``
    answered with "已公开" (not a result of Table 三)."""
    rows: list[list[object]] = []
    for i in range(1, 9):
        result = "已公开" if i == faulty else "予以公开"
        received, answered = D(f"{year}-03-{i:02d}"), D(f"{year}-03-{i + 10:02d}")
        rows.append([i, received, "自然人", f"申请人{i}", f"事项{i}", result, answered])
    return rows
