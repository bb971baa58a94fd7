"""The three tables as real Word tables, cell by cell from :func:`core.grid.table_grid` — the grid the screen, the
workbook and the PDF draw.

A grid cell of span ``rs`` × ``cs`` is one ``w:tc`` with ``gridSpan`` = ``cs`` that opens a vertical merge
(``vMerge="restart"``) continued by ``rs - 1`` empty cells below it, the merge Word itself writes; so the document has
exactly the official merged cells and :mod:`core.importers.own.word` reads a table back by the same grid.

Each table is set in the largest size (:data:`.styles.TABLE_SIZES`) at which every short header line the form gives
(≤ 6 characters: 自然人, 商业/企业) fits its column: Table 二 小四, Table 三 小五, Table 四 五号 — the sizes the PDF
finds with real font metrics.  A figure too long for its cell at that size is set smaller in that cell only (the one
direct formatting), so no number wraps.  Rows do not split, the header rows repeat, and every row but the last keeps
with the next, so Word and WPS move a table whole to the next page rather than break it.  The XML is written as text
and parsed once per table: 1.5 ms for Table 三, where python-docx's cell API with its merges took 2.7 s.
"""

from __future__ import annotations

import functools
from typing import Any

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from ...form import Form, TableSpec
from ...grid import GridCell, table_grid
from ...report import Report
from ..printed import cell_text
from .styles import CELL_MARGIN_TWIPS, TABLE_SIZES, TABLE_STYLE, TEXT_WIDTH_TWIPS, table_style_id

MAX_SIZE_WIDE = 12.0  # 小四: a table of four wide columns (Table 二)
MAX_SIZE = 10.5  # 五号: the largest for tables of many columns
FIT_SHARE = 0.9  # a figure may fill this share of its cell: digit widths differ between the fonts that stand in
WIDE_LABEL_PT = 60.0  # a label cell wider than this is set flush left (long row labels), narrower ones centred


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def column_widths(spec: TableSpec) -> list[int]:
    """Each column's width in twips; together exactly the text width."""
    total = sum(spec.col_widths)
    widths = [TEXT_WIDTH_TWIPS * w // total for w in spec.col_widths]
    widths[-1] += TEXT_WIDTH_TWIPS - sum(widths)
    return widths


def text_width(text: str, size: float) -> float:
    """Points taken by ``text`` at ``size``: a CJK character is one em, Latin letters and digits half of one."""
    return sum(size if ord(ch) >= 0x2E80 else size * 0.5 for ch in text)


def _room(widths: list[int], g: GridCell) -> float:
    return sum(widths[g.c - 1:g.c - 1 + g.cs]) / 20 - 2 * CELL_MARGIN_TWIPS / 20


@functools.cache
def table_size(form: Form, table_id: str) -> float:
    """The type size of a table: the largest at which each short header line fits its cell unbroken."""
    grid = table_grid(form, table_id)
    widths = column_widths(grid.table)
    limit = MAX_SIZE_WIDE if grid.table.cols <= 4 else MAX_SIZE
    sizes = [s for s in TABLE_SIZES if s <= limit]
    for size in sizes:
        if all(
            text_width(line, size) <= _room(widths, g)
            for g in grid.cells if g.kind == "head"
            for line in (g.wrap or g.text).split("\n") if len(line) <= 6
        ):
            return size
    return sizes[-1]


def table_element(report: Report, table_id: str, blank_as_zero: bool = False) -> Any:
    """The ``w:tbl`` of one table of ``report``, ready to append to the document body."""
    return parse_xml(table_xml(report, table_id, blank_as_zero))


def table_xml(report: Report, table_id: str, blank_as_zero: bool = False) -> str:
    grid = table_grid(report.form, table_id)
    spec = grid.table
    widths = column_widths(spec)
    size = table_size(report.form, table_id)
    centre, left = table_style_id(size), table_style_id(size, left=True)
    rows: list[str] = []
    for r in range(1, spec.rows + 1):
        keep = "<w:keepNext/>" if r < spec.rows else ""
        head = "<w:tblHeader/>" if r <= spec.header_rows else ""
        cells: list[str] = []
        c = 1
        while c <= spec.cols:
            g = grid.covering.get((r, c))
            if g is None:  # a position the form leaves empty
                cells.append(_tc(widths[c - 1], 1, "", f'<w:p><w:pPr><w:pStyle w:val="{centre}"/>{keep}</w:pPr></w:p>'))
                c += 1
                continue
            width = sum(widths[g.c - 1:g.c - 1 + g.cs])
            merge = "" if g.rs == 1 else ('<w:vMerge w:val="restart"/>' if g.r == r else "<w:vMerge/>")
            if g.r != r:  # under a cell merged downwards
                body = f'<w:p><w:pPr><w:pStyle w:val="{centre}"/>{keep}</w:pPr></w:p>'
            elif g.is_value:
                text = cell_text(report, g.cell_id, blank_as_zero)
                body = _paragraph(centre, keep, [text], _fitted_half_points(text, size, _room(widths, g)))
            else:
                style = centre if g.kind == "head" or width / 20 < WIDE_LABEL_PT else left
                body = _paragraph(style, keep, (g.wrap or g.text).split("\n"), 0)
            cells.append(_tc(width, g.cs, merge, body))
            c = g.c + g.cs
        rows.append(f'<w:tr><w:trPr><w:cantSplit/>{head}</w:trPr>{"".join(cells)}</w:tr>')
    grid_cols = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="{TABLE_STYLE}"/>'
        f'<w:tblW w:w="{TEXT_WIDTH_TWIPS}" w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" '
        f'w:noVBand="1"/></w:tblPr><w:tblGrid>{grid_cols}</w:tblGrid>{"".join(rows)}</w:tbl>'
    )


def _tc(width: int, span: int, merge: str, body: str) -> str:
    span_xml = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span_xml}{merge}<w:vAlign w:val="center"/></w:tcPr>'
            f"{body}</w:tc>")


def _paragraph(style: str, keep: str, lines: list[str], half_points: int) -> str:
    rpr = f'<w:rPr><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>' if half_points else ""
    runs = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
    text = f"<w:r>{rpr}{runs}</w:r>" if any(lines) else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{keep}</w:pPr>{text}</w:p>'


def _fitted_half_points(text: str, size: float, room: float) -> int:
    """0 when ``text`` fits at the table's size; else the half-point size at which it does (a huge figure)."""
    wide = text_width(text, size)
    room *= FIT_SHARE
    if wide <= room:
        return 0
    return max(8, int(2 * size * room / wide))
