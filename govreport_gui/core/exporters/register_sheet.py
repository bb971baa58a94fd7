"""The register as an Excel workbook: the blank template (``register template``) and a report's register
(``register export``).

One sheet 台账 with the headers of :data:`.model.FIELDS` after 序号, real Excel dates, and drop-down lists for
申请人类型, 办理结果 (Table 三's labels, from the form) and 延期 (是/否), kept on a hidden sheet 选项 because a list
of 21 results is longer than Excel's 255-character inline limit.  The workbook reads back with
:mod:`..importers.register_sheet`: an imported line's own 序号 and the values the import could not read (kept in the
line) are written back as they were.
"""

from __future__ import annotations

import io
import os
from typing import Any

from ..atomic import atomic_write_bytes
from ..form import Form
from ..register.model import DATE_FIELDS, FIELDS, MAX_CONSULTATION_DAYS, Register, register_spec

SHEET, OPTIONS = "台账", "选项"
SEQ_HEADER = "序号"
TEMPLATE_ROWS = 500  # rows the drop-downs and date format cover in a blank template
WIDTHS = {"received": 12, "applicant_type": 13, "applicant": 14, "content": 36, "result": 40, "answered": 12,
          "extended": 6, "correction_asked": 13, "correction_received": 13, "consultation_days": 8, "note": 24}


def build_register_workbook(form: Form, register: Register | None = None, omit_applicants: bool = False) -> Any:
    """The openpyxl workbook of ``register`` (a blank template when ``None``)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    spec = register_spec(form)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    opts = wb.create_sheet(OPTIONS)
    opts.sheet_state = "hidden"
    types = [spec.type_labels[c] for c in spec.types]
    results = [spec.result_labels[r] for r in spec.results]
    for i, t in enumerate(types, 1):
        opts.cell(row=i, column=1, value=t)
    for i, t in enumerate(results, 1):
        opts.cell(row=i, column=2, value=t)
    opts.cell(row=1, column=3, value="是")
    opts.cell(row=2, column=3, value="否")
    headers = [SEQ_HEADER] + [label for _, label in FIELDS]
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for c, h in enumerate(headers, 1):
        cell = ws.cell(row=1, column=c, value=h)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    col_of = {name: i + 2 for i, (name, _) in enumerate(FIELDS)}
    ws.column_dimensions["A"].width = 6
    for name, c in col_of.items():
        ws.column_dimensions[get_column_letter(c)].width = WIDTHS.get(name, 12)
    ws.freeze_panes = "B2"
    ws.row_dimensions[1].height = 30
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    lines = register.lines if register is not None else []
    for r, line in enumerate(lines, 2):
        seq = line.seq or r - 1  # an imported line keeps its office's 序号
        ws.cell(row=r, column=1, value=int(seq) if isinstance(seq, str) and seq.isdigit() else seq)
        row: dict[str, Any] = {
            "received": line.received, "answered": line.answered, "correction_asked": line.correction_asked,
            "correction_received": line.correction_received,
            "applicant_type": spec.type_labels.get(line.applicant_type or ""),
            "applicant": "" if omit_applicants else line.applicant, "content": line.content,
            "result": spec.result_labels.get(line.result or ""), "extended": "是" if line.extended else "否",
            "consultation_days": line.consultation_days or None, "note": line.note,
        }
        for name, v in row.items():
            v = line.unread_value(name) if v in (None, "") and line.unread else v  # what the import could not read
            if v not in (None, ""):
                ws.cell(row=r, column=col_of[name], value=v)
    last = max(len(lines) + 1, TEMPLATE_ROWS)
    for name in DATE_FIELDS:
        letter = get_column_letter(col_of[name])
        for r in range(2, last + 1):
            ws[f"{letter}{r}"].number_format = "yyyy-mm-dd"
    for name, source, n in (("applicant_type", "A", len(types)), ("result", "B", len(results)), ("extended", "C", 2)):
        letter = get_column_letter(col_of[name])
        dv = DataValidation(type="list", formula1=f"'{OPTIONS}'!${source}$1:${source}${n}", allow_blank=True,
                            showErrorMessage=True, errorTitle="无效的值", error="请从下拉列表中选择。")
        dv.add(f"{letter}2:{letter}{last}")
        ws.add_data_validation(dv)
    days = DataValidation(
        type="whole", operator="between", formula1="0", formula2=str(MAX_CONSULTATION_DAYS), allow_blank=True,
        showErrorMessage=True, errorTitle="无效的天数", error="征求意见天数应为不小于0的整数（工作日）。",
    )
    letter = get_column_letter(col_of["consultation_days"])
    days.add(f"{letter}2:{letter}{last}")
    ws.add_data_validation(days)
    return wb


def write_register_workbook(
    path: str | os.PathLike[str], form: Form, register: Register | None = None, omit_applicants: bool = False
) -> None:
    """Save the workbook atomically; owner-only when it holds applicants' names.  ``OSError`` on failure."""
    buf = io.BytesIO()
    build_register_workbook(form, register, omit_applicants).save(buf)
    names = register is not None and register.has_names() and not omit_applicants
    atomic_write_bytes(path, buf.getvalue(), keep_backup=False, private=names)
