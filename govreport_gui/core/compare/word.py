"""The comparison as a Word document (python-docx), for the meeting's papers: the same content as the HTML page.

A4, the verdict first; each table's cells with last year, this year and the change, changed rows shaded (green up,
red down, yellow where one year is blank); each prose section with last year's deleted words struck through in red
and this year's new words underlined in green; the cross-year rules and the carried figures.  Text is cleaned of
the characters XML forbids (a report's prose is hostile input).
"""

from __future__ import annotations

import io
import os
from typing import Any

from ..atomic import atomic_write_bytes
from ..exporters.word.document import clean
from .page import row_class
from .run import Comparison
from .shown import (
    CARRIED_HEADER,
    CELL_HEADER,
    carried_values,
    cell_values,
    file_lines,
    legend,
    paragraphs,
    section_heading,
    tables_of,
)

FONT = "宋体"
SHADES = {"up": "E6F4EA", "down": "FDECEA", "blank": "FFF6E0", "head": "EEF2F7"}
RED, GREEN = "B00020", "0B6B2B"
CELL_WIDTHS_CM = (6.0, 2.6, 1.6, 1.6, 3.6, 1.6)
CARRIED_WIDTHS_CM = (8.0, 1.6, 1.8, 1.6, 2.2)


def _east_asian(run: Any, font: str = FONT) -> None:
    from docx.oxml.ns import qn

    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), font)


def _shade(cell: Any, color: str) -> None:
    from docx.oxml.ns import qn

    tcpr = cell._element.get_or_add_tcPr()
    shd = tcpr.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): color})
    tcpr.append(shd)


def _table(document: Any, header: tuple[str, ...], rows: list[tuple[tuple[str, ...], str]],
           widths: tuple[float, ...]) -> None:
    """A bordered table: the header shaded, each row ``(values, shade)`` (shade a key of :data:`SHADES` or "")."""
    from docx.shared import Cm, Pt

    table = document.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    table.autofit = False
    for c, column in enumerate(table.columns):  # LibreOffice takes the grid's widths, Word the cells'
        column.width = Cm(widths[c])
    for r, (values, shade) in enumerate([(header, "head"), *rows]):
        cells = table.rows[r].cells
        for c, text in enumerate(values):
            cell = cells[c]
            cell.width = Cm(widths[c])
            run = cell.paragraphs[0].add_run(clean(text))
            run.font.size = Pt(9)
            run.bold = r == 0
            _east_asian(run)
            if shade:
                _shade(cell, SHADES[shade])


def render_comparison_docx(c: Comparison) -> bytes:
    import docx
    from docx.shared import Pt, RGBColor

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.size = Pt(10.5)
    section = document.sections[0]
    section.page_width, section.page_height = docx.shared.Cm(21), docx.shared.Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, docx.shared.Cm(2))

    def heading(text: str, level: int) -> None:
        for run in document.add_heading(clean(text), level).runs:
            _east_asian(run, "黑体")

    def para(text: str, bold: bool = False, color: str = "") -> None:
        run = document.add_paragraph().add_run(clean(text))
        run.bold = bold
        if color:
            run.font.color.rgb = RGBColor.from_string(color)
        _east_asian(run)

    heading(c.title(), 0)
    for k, v in file_lines(c):
        para(f"{k}：{v}")
    level, *lines = c.verdict
    para(level, bold=True, color=RED if c.attention else "")
    for line in lines:
        para(line)
    heading("表格", 1)
    para("绿色为比上年增加，红色为减少，黄色为一年空白。")
    for title, rows in tables_of(c):
        heading(title, 2)
        _table(document, CELL_HEADER, [(cell_values(r), row_class(r)) for r in rows], CELL_WIDTHS_CM)
    heading("正文", 1)
    para(legend())
    for s in c.sections:
        if not s.last.strip() and not s.this.strip():
            continue
        heading(section_heading(s), 2)
        for runs in paragraphs(s):
            p = document.add_paragraph()
            for tag, text in runs:
                run = p.add_run(clean(text))
                _east_asian(run)
                if tag == "delete":
                    run.font.strike = True
                    run.font.color.rgb = RGBColor.from_string(RED)
                elif tag == "insert":
                    run.font.underline = True
                    run.font.color.rgb = RGBColor.from_string(GREEN)
    heading("跨年度核对", 1)
    for f in c.cross_year:
        para(f"{f.rule}：{f.message}")
    if not c.cross_year:
        para("跨年度规则均已满足。")
    _table(document, CARRIED_HEADER, [(carried_values(x), "down" if x.agrees is False else "") for x in c.carried],
           CARRIED_WIDTHS_CM)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def export_comparison_docx(c: Comparison, path: str | os.PathLike[str]) -> None:
    """Write the document atomically."""
    atomic_write_bytes(path, render_comparison_docx(c))
