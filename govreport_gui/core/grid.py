"""The grid of each table as every renderer draws it: screen, Excel, PDF and print use this one layout.

A :class:`GridCell` is a rectangle of the official table (1-based row/column with spans): a header, a row label,
an input cell or a derived total.  Renderers place these; none of them knows a row of the form.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Literal

from .form import Form, TableSpec

GridKind = Literal["head", "label", "input", "total"]


@dataclass(frozen=True)
class GridCell:
    r: int
    c: int
    rs: int
    cs: int
    kind: GridKind
    text: str = ""  # label text, verbatim
    wrap: str = ""  # label text with the form's line breaks (narrow headers)
    cell_id: str = ""  # for input and total cells

    @property
    def is_value(self) -> bool:
        return self.kind in ("input", "total")


@dataclass(frozen=True)
class TableGrid:
    table: TableSpec
    cells: tuple[GridCell, ...]

    @functools.cached_property
    def by_position(self) -> dict[tuple[int, int], GridCell]:
        """Each grid cell at its top-left position."""
        return {(g.r, g.c): g for g in self.cells}

    @functools.cached_property
    def covering(self) -> dict[tuple[int, int], GridCell]:
        """The grid cell covering each (row, column) position, spans included."""
        out: dict[tuple[int, int], GridCell] = {}
        for g in self.cells:
            for r in range(g.r, g.r + g.rs):
                for c in range(g.c, g.c + g.cs):
                    out[(r, c)] = g
        return out

    @functools.cached_property
    def by_id(self) -> dict[str, GridCell]:
        return {g.cell_id: g for g in self.cells if g.cell_id}

    @property
    def spans(self) -> list[GridCell]:
        return [g for g in self.cells if g.rs > 1 or g.cs > 1]


def table_grid(form: Form, table_id: str) -> TableGrid:
    return _grid(form, table_id)


@functools.cache
def _grid(form: Form, table_id: str) -> TableGrid:
    t = form.tables[table_id]
    cells: list[GridCell] = [
        GridCell(x.r, x.c, x.rs, x.cs, "head" if x.head else "label", x.text, x.wrap) for x in t.labels
    ]
    for cid in t.cells:
        s = form.cells[cid]
        cells.append(GridCell(s.r, s.c, 1, s.cs, "total" if s.derived else "input", cell_id=cid))
    cells.sort(key=lambda g: (g.r, g.c))
    return TableGrid(t, tuple(cells))
