"""A published report as offices put them online: a PDF of plain lines, made in the suite.

The title, the opening with its hard line breaks where the clerk's word processor wrapped it, the six sections and
the three tables as rows of figures (one line per row of the official table, the cells apart), drawn line by line
with reportlab in the CJK face the PDF exporter uses.  ``printed`` overrides what a total cell prints, so that a
report with a wrong printed total (行政复议 总计 0 while its parts sum to 11) can be made.
"""

from __future__ import annotations

from pathlib import Path

from govreport_gui.core.grid import table_grid
from govreport_gui.core.report import Report
from govreport_gui.core.values import Value, format_value

LINE_CHARS = 28  # characters of a printed line (GB/T 9704: 28 a line)
GAP = "    "  # between the cells of a table row


def wrap(text: str, width: int = LINE_CHARS) -> list[str]:
    """A paragraph cut into printed lines of ``width`` characters (a word processor's hard wraps)."""
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


def table_lines(report: Report, table_id: str, printed: dict[str, Value]) -> list[str]:
    grid = table_grid(report.form, table_id)
    rows: dict[int, list[tuple[int, str]]] = {}
    for g in grid.cells:
        if g.is_value:
            v = printed.get(g.cell_id, report.get(g.cell_id))
            text = format_value(v) if v is not None else "0"
        else:
            text = g.text.replace("\n", "")
        if text:
            rows.setdefault(g.r, []).append((g.c, text))
    return [GAP.join(t for _, t in sorted(cells)) for _, cells in sorted(rows.items())]


def published_lines(report: Report, opening: list[str], printed: dict[str, Value] | None = None) -> list[str]:
    """The report's lines as printed: ``opening`` as given (already wrapped), the rest wrapped at 28 characters."""
    printed = printed or {}
    lines = [report.title, "", *opening, ""]
    for sec in report.form.sections:
        lines.append(sec.heading)
        if sec.kind == "table":
            lines += table_lines(report, sec.key, printed)
        else:
            for para in report.texts.get(sec.key, "").splitlines():
                lines += wrap(para)
        lines.append("")
    return lines


def write_pdf(lines: list[str], path: Path) -> Path:
    """Draw ``lines`` on A4 pages, 40 lines a page, in the exporter's body face."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from govreport_gui.core.exporters.pdf.fonts import resolve_fonts

    font = resolve_fonts()["body"]
    c = canvas.Canvas(str(path), pagesize=A4)
    size, top, left = 10.5, A4[1] - 60, 50
    for i, line in enumerate(lines):
        if i and i % 60 == 0:
            c.showPage()
        c.setFont(font, size)
        c.drawString(left, top - (i % 60) * size * 1.25, line)
    c.save()
    return path
