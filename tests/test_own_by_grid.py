"""Our own tables read back by the grid (core/importers/own/by_grid.py), whatever file carried them: the Word
document and the web page share this one reading, so a table is matched, a value refused and a printed total kept
the same way in both."""

from __future__ import annotations

from dataclasses import dataclass, field

from govreport_gui.core.form import load_form
from govreport_gui.core.grid import table_grid
from govreport_gui.core.importers.own.by_grid import SHOWN_CHARS, GridReader, match_tables


@dataclass
class Cell:
    value: str


@dataclass
class Table:
    rows: int
    cols: int
    at: dict[tuple[int, int], Cell] = field(default_factory=dict)


def drawn(tid: str, values: dict[str, str]) -> Table:
    """A table as a renderer draws it from the grid: labels in place, the given values in their cells."""
    grid = table_grid(load_form(), tid)
    t = Table(grid.table.rows, grid.table.cols)
    for g in grid.cells:
        t.at[(g.r, g.c)] = Cell(g.text if g.kind in ("head", "label") else values.get(g.cell_id, ""))
    return t


class Reader(GridReader):
    noun = "网页"


def test_tables_are_matched_by_shape_and_labels_not_by_order() -> None:
    form = load_form()
    tids = list(form.tables)
    tables = [drawn(t, {}) for t in reversed(tids)]
    matched = match_tables(form, tables)
    assert {tid: tables.index(t) for tid, t in matched.items()} == {t: len(tids) - 1 - i for i, t in enumerate(tids)}


def test_a_table_with_its_labels_changed_is_not_taken() -> None:
    form = load_form()
    t = drawn("t3", {})
    for pos, cell in t.at.items():
        if cell.value:
            t.at[pos] = Cell("改动")
    assert "t3" not in match_tables(form, [t])


def test_values_refused_and_printed_totals_kept() -> None:
    form = load_form()
    grid = table_grid(form, "t3")
    inputs = [g.cell_id for g in grid.cells if g.kind == "input"]
    total = next(g.cell_id for g in grid.cells if g.kind == "total")
    long_text = "不" * 200
    t = drawn("t3", {inputs[0]: "3", inputs[1]: long_text, total: "999"})
    reader = Reader(form, {"t3": t})
    reader.read_tables()
    rep = reader.result.report
    assert rep.values[inputs[0]] == 3
    assert inputs[1] not in rep.values  # a text is no number: blank, with its reason
    unread = [e for e in reader.result.log if e.level == "unread"]
    assert len(unread) == 1 and unread[0].cell == inputs[1]
    assert long_text[:SHOWN_CHARS] in unread[0].message and long_text[: SHOWN_CHARS + 1] not in unread[0].message
    assert rep.printed_totals.get(total) == 999  # kept as printed: rules H2–H4 report it
    missing = [e for e in reader.result.log if e.level == "missing"]
    assert missing and all(e.message.startswith("网页中没有找到") for e in missing)  # the other tables
