"""The three tables as HTML tables, cell by cell from :func:`core.grid.table_grid` — the grid the screen, the
workbook, the PDF and the Word document draw.

A grid cell of span ``rs`` × ``cs`` is one ``<th>``/``<td>`` with ``rowspan``/``colspan``, written in the row where
it starts, so the page has exactly the form's merged headers and :mod:`core.importers.own.html` reads each value
back at its grid position.  Column headers are ``<th scope="col">`` (``colgroup`` when they span columns), row
labels ``<th scope="row">`` (``rowgroup`` when they span rows); a header over no figure at all (Table 三's
勾稽关系 note, Table 二's 信息内容) is a plain cell.  Because the form's headers nest three deep, every figure also
names all of its headers by ``headers="…"`` (WCAG technique H43): the column headers above it, from the outermost
in, and the row labels to its left — so a screen reader says 申请人情况 › 法人或其他组织 › 商业企业 and
三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密 for one number.  A value cell also carries its cell id
(``data-cell``) for programs that read the page.

The ``<caption>`` is the table's 单位 line (单位：件, and 万元 where a row counts money), the table's name is its
section heading (``aria-labelledby``).  The type size follows the PDF's rule: the largest at which every short
header line of the form fits its column on the 156 mm text block.  The table sits in a box that scrolls sideways
(``overflow-x:auto``) with a minimum width at which no column is narrower than its headers, so on a phone the table
scrolls inside its box and the page does not.
"""

from __future__ import annotations

import functools
from collections import Counter

from ...form import Form
from ...grid import GridCell, TableGrid, table_grid
from ...report import Report
from ..printed import cell_text
from . import markup as M

TABLE_SIZES = (12.0, 11.5, 11.0, 10.5, 10.0, 9.5, 9.0, 8.5, 8.0, 7.5)  # pt, tried in turn (as the PDF)
MAX_SIZE_WIDE = 12.0  # 小四: a table of four wide columns
MAX_SIZE = 10.5  # 五号: the largest for tables of many columns
PAD_PT = 1.5  # a cell's padding left and right (1 pt) and half its rule
SHORT_LINE = 6  # header lines up to this many characters must not break (自然人, 商业/企业)
WIDE_LABEL_PT = 60.0  # a label cell wider than this is set flush left, narrower ones centred
VALUE_EM = 3.5  # the least room of a column holding figures
HEAD_SHARE = 0.95  # a short header line may fill this share of its cell (a face's CJK advance may exceed 1 em)
FIT_SHARE = 0.9  # a figure may fill this share of its cell: digit widths differ between the faces that stand in
CELL = "border:1px solid #000;padding:0.15em 1pt;vertical-align:middle"


def _em(text: str) -> float:
    """Width of ``text`` in em: a CJK character one em, Latin letters and digits half of one."""
    return sum(1.0 if ord(ch) >= 0x2E80 else 0.5 for ch in text)


def _short_lines(g: GridCell) -> list[str]:
    return [line for line in (g.wrap or g.text).split("\n") if len(line) <= SHORT_LINE]


@functools.cache
def table_size(form: Form, table_id: str) -> float:
    """The type size (pt) of a table on paper: the largest at which each short header line fits its column."""
    grid = table_grid(form, table_id)
    widths = _widths_pt(grid)
    sizes = [s for s in TABLE_SIZES if s <= (MAX_SIZE_WIDE if grid.table.cols <= 4 else MAX_SIZE)]
    for size in sizes:
        if all(_em(line) * size <= (sum(widths[g.c - 1:g.c - 1 + g.cs]) - 2 * PAD_PT) * HEAD_SHARE
               for g in grid.cells if g.kind == "head" for line in _short_lines(g)):
            return size
    return sizes[-1]


def _widths_pt(grid: TableGrid) -> list[float]:
    total = sum(grid.table.col_widths)
    return [M.TEXT_WIDTH_PT * w / total for w in grid.table.col_widths]


def min_width_em(report: Report, table_id: str, blank_as_zero: bool = False) -> float:
    """The narrowest the table may be on screen (in em of its own type) so that no column is narrower than its
    short headers or its widest figure at full size."""
    grid = table_grid(report.form, table_id)
    need = list(_header_room(report.form, table_id))
    for g in grid.cells:
        if g.is_value and g.cs == 1:
            need[g.c - 1] = max(need[g.c - 1], _em(cell_text(report, g.cell_id, blank_as_zero)) + 0.7)
    total = sum(grid.table.col_widths)
    return round(max(n * total / w for n, w in zip(need, grid.table.col_widths, strict=True)), 1)


@functools.cache
def _header_room(form: Form, table_id: str) -> tuple[float, ...]:
    grid = table_grid(form, table_id)
    need = [VALUE_EM if any(g.is_value for g in grid.cells if g.c == c + 1) else 2.0 for c in range(grid.table.cols)]
    for g in grid.cells:
        if g.cs == 1 and not g.is_value:
            for line in _short_lines(g):
                need[g.c - 1] = max(need[g.c - 1], _em(line) + 0.7)
    return tuple(need)


def unit_line(form: Form, table_id: str) -> str:
    """单位：件 — or, where some rows count another unit, 单位：件（行政事业性收费：万元）."""
    spec = form.tables[table_id]
    cells = [form.cells[c] for c in spec.cells]
    main = Counter(c.unit for c in cells).most_common(1)[0][0]
    others = {spec.row_labels[c.row]: c.unit for c in cells if c.unit != main}
    extra = "；".join(f"{label}：{unit}" for label, unit in others.items())
    return f"单位：{main}" + (f"（{extra}）" if extra else "")


def header_ids(grid: TableGrid) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """Each value cell's headers (top-left positions): the block of column headers directly above it (outermost
    first), then the row labels to its left (outermost first)."""
    out: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for g in grid.cells:
        if not g.is_value:
            continue
        above: list[tuple[int, int]] = []
        for c in range(g.c, g.c + g.cs):
            seen_head = False
            for r in range(g.r - 1, 0, -1):
                h = grid.covering.get((r, c))
                if h is not None and h.kind == "head":
                    seen_head = True
                    if (h.r, h.c) not in above:
                        above.append((h.r, h.c))
                elif seen_head:
                    break
        above.sort()
        left: list[tuple[int, int]] = []
        for c in range(1, g.c):
            h = grid.covering.get((g.r, c))
            if h is not None and h.kind == "label" and (h.r, h.c) not in left:
                left.append((h.r, h.c))
        out[(g.r, g.c)] = above + left
    return out


@functools.cache
def _headers(form: Form, table_id: str) -> tuple[dict[tuple[int, int], list[tuple[int, int]]], frozenset]:
    by_value = header_ids(table_grid(form, table_id))
    return by_value, frozenset(h for hs in by_value.values() for h in hs)


def _fitted(value: str, width_pt: float, size: float) -> str:
    """"" when a figure fits its cell on paper at the table's size; else a smaller size for this cell alone, as the
    PDF and the Word document set a huge figure: no number wraps.  On screen the page sets every figure at full size
    (the table's minimum width leaves room for the widest)."""
    room = (width_pt - 2 * PAD_PT) * FIT_SHARE / size
    wide = _em(value)
    return f";font-size:{room / wide:.2f}em" if wide > room else ""


def cell_id_attr(table_id: str, r: int, c: int) -> str:
    return f"{table_id}-r{r}c{c}"


def table_html(report: Report, table_id: str, heading_id: str, blank_as_zero: bool = False) -> str:
    """The table in its scrolling box, ready to follow its section heading (whose id is ``heading_id``)."""
    form = report.form
    grid = table_grid(form, table_id)
    spec = grid.table
    size = table_size(form, table_id)
    widths = _widths_pt(grid)
    by_value, used = _headers(form, table_id)
    rows: list[str] = []
    for r in range(1, spec.rows + 1):
        cells: list[str] = []
        c = 1
        while c <= spec.cols:
            g = grid.covering.get((r, c))
            if g is None:  # a position the form leaves empty
                cells.append(f'<td style="{CELL}"></td>')
                c += 1
                continue
            if g.r == r:
                cells.append(_cell(report, g, table_id, widths, by_value, used, blank_as_zero))
            c = g.c + g.cs
        rows.append("<tr>" + "".join(cells) + "</tr>")
    head = spec.header_rows
    body = (f"<thead>{''.join(rows[:head])}</thead><tbody>{''.join(rows[head:])}</tbody>" if head
            else f"<tbody>{''.join(rows)}</tbody>")
    total = sum(spec.col_widths)
    cols = "".join(f'<col style="width:{100 * w / total:.2f}%">' for w in spec.col_widths)
    caption = (f'<caption style="caption-side:top;text-align:right;font-size:{size:g}pt;padding:0 0 0.2em">'
               f"{M.text(unit_line(form, table_id))}</caption>")
    least = min_width_em(report, table_id, blank_as_zero)
    style = (f"border-collapse:collapse;width:100%;min-width:{least:g}em;table-layout:fixed;"
             f"font-family:{M.TABLE_FACE};font-size:{size:g}pt;line-height:1.25;text-indent:0;color:{M.INK}")
    table = (f'<table data-table="{M.attr(table_id)}" aria-labelledby="{M.attr(heading_id)}" style="{style}">'
             f"{caption}<colgroup>{cols}</colgroup>{body}</table>")
    box = "overflow-x:auto;max-width:100%;margin:0.3em 0 0.8em"
    return (f'<div role="region" tabindex="0" aria-labelledby="{M.attr(heading_id)}" style="{box}">'
            f"{table}</div>")


def _cell(report: Report, g: GridCell, table_id: str, widths: list[float],
          by_value: dict[tuple[int, int], list[tuple[int, int]]], used: frozenset, blank_as_zero: bool) -> str:
    spans = (f' rowspan="{g.rs}"' if g.rs > 1 else "") + (f' colspan="{g.cs}"' if g.cs > 1 else "")
    if g.is_value:
        heads = " ".join(cell_id_attr(table_id, r, c) for r, c in by_value[(g.r, g.c)])
        value = cell_text(report, g.cell_id, blank_as_zero)
        fit = _fitted(value, sum(widths[g.c - 1:g.c - 1 + g.cs]), table_size(report.form, table_id))
        return (f'<td{spans} data-cell="{M.attr(g.cell_id)}" headers="{heads}" '
                f'style="{CELL};text-align:center;white-space:nowrap{fit}">{M.text(value)}</td>')
    lines = "<br>".join(M.text(line) for line in (g.wrap or g.text).split("\n"))
    width = sum(widths[g.c - 1:g.c - 1 + g.cs])
    align = "center" if g.kind == "head" or width < WIDE_LABEL_PT else "left"
    style = f"{CELL};text-align:{align};font-weight:normal"
    if (g.r, g.c) not in used:  # a note or the label column's heading: describes no figure
        return f'<td{spans} style="{style}">{lines}</td>'
    scope = ("colgroup" if g.cs > 1 else "col") if g.kind == "head" else ("rowgroup" if g.rs > 1 else "row")
    return f'<th{spans} id="{cell_id_attr(table_id, g.r, g.c)}" scope="{scope}" style="{style}">{lines}</th>'
