"""The plain-text alternative on the clipboard beside the HTML: what a text field or a plain editor pastes.

The title, the 开篇, each section heading and its text line for line, and each table as rows of tab-separated cells
at their grid positions (a merged cell once, where it starts; the positions it covers empty), so that a pasted table
also lands cell for cell in a spreadsheet.  Text is as typed; line feeds inside a table's header become spaces.
"""

from __future__ import annotations

from ...checks.readiness import DRAFT_NOTE
from ...grid import table_grid
from ...report import Report
from ..printed import cell_text, signing_date
from .body import SEAL, SIGNATURE_LINE, opening
from .tables import unit_line


def _table_lines(report: Report, table_id: str, blank_as_zero: bool) -> list[str]:
    grid = table_grid(report.form, table_id)
    spec = grid.table
    out = [unit_line(report.form, table_id)]
    for r in range(1, spec.rows + 1):
        row: list[str] = []
        for c in range(1, spec.cols + 1):
            g = grid.by_position.get((r, c))
            if g is None:
                row.append("")
            elif g.is_value:
                row.append(cell_text(report, g.cell_id, blank_as_zero))
            else:
                row.append(g.text.replace("\n", " ").replace("\t", " "))
        out.append("\t".join(row).rstrip("\t"))
    return out


def plain_text(report: Report, *, blank_as_zero: bool = False, signature_block: bool = False,
               draft: bool = False) -> str:
    lines: list[str] = [DRAFT_NOTE, ""] if draft else []
    lines += [report.title.replace("\n", " "), ""]
    lines += opening(report).split("\n")
    for section in report.form.sections:
        lines += ["", section.heading]
        if section.kind == "table":
            lines += _table_lines(report, section.key, blank_as_zero)
        else:
            text = report.texts.get(section.key, "")
            if text:
                lines += text.split("\n")
    if signature_block:
        lines += ["", SIGNATURE_LINE, "", report.agency.replace("\n", " ") + SEAL, signing_date(report)]
    return "\n".join(lines) + "\n"
