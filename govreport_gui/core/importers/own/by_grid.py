"""Our own tables read back by the one grid every renderer uses (:func:`core.grid.table_grid`), whatever carried them.

The Word document (:mod:`.word`) and the web page (:mod:`.html`) both hold the form's tables exactly as the grid lays
them out; each reader parses its container into :class:`GridTable` objects (cells at their top-left grid positions)
and leaves the rest to this module: which table of the document is which table of the form (:func:`match_tables`:
the same shape, and the labels where the grid puts them), and :class:`GridReader`'s reading of one table — a label
moved or changed is logged, each input cell parsed (a cell that is no number is left blank with its reason), a
printed total that disagrees with its parts kept in ``printed_totals`` (rules H2–H4 report it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Protocol, TypeVar

from ...form import Form
from ...grid import TableGrid, table_grid
from ...report import Report
from ...values import ValueRefused, format_value, parse_value
from ..base import ImportResult

_SPACE = re.compile(r"\s+")
LABEL_SHARE = 0.8  # labels that must stand where the grid puts them for a table to be read by the grid
SHOWN_CHARS = 50  # of a cell's text quoted in the log when it is no number


class GridCell(Protocol):
    @property
    def value(self) -> str: ...


class GridTable(Protocol):
    rows: int
    cols: int

    @property
    def at(self) -> Mapping[tuple[int, int], GridCell]: ...  # top-left positions only


def same_label(got: str, want: str) -> bool:
    """Labels compared without their white space (a renderer or an editor may break or pad them)."""
    return _SPACE.sub("", got) == _SPACE.sub("", want)


def labels_at(grid: TableGrid, table: GridTable) -> int:
    """How many of the grid's heads and labels stand in ``table`` where the grid puts them."""
    hits = 0
    for g in grid.cells:
        if g.kind in ("head", "label"):
            cell = table.at.get((g.r, g.c))
            hits += cell is not None and same_label(cell.value, g.text)
    return hits


T = TypeVar("T", bound=GridTable)


def match_tables(form: Form, tables: list[T]) -> dict[str, T]:
    """Each form table → the first table of ``tables`` of its shape whose labels stand where the grid puts them."""
    out: dict[str, T] = {}
    taken: set[int] = set()
    for tid in form.tables:
        grid = table_grid(form, tid)
        n_labels = sum(1 for g in grid.cells if g.kind in ("head", "label"))
        for i, t in enumerate(tables):
            if i in taken or t.rows != grid.table.rows or t.cols != grid.table.cols:
                continue
            if labels_at(grid, t) >= LABEL_SHARE * n_labels:
                out[tid] = t
                taken.add(i)
                break
    return out


class GridReader:
    """The reading of the form's tables into ``result``'s report; a reader sets ``noun`` (what the log calls the
    file: 文档, 网页) and ``tables`` (from :func:`match_tables`)."""

    noun = "文件"

    def __init__(self, form: Form, tables: Mapping[str, GridTable]) -> None:
        self.form, self.tables = form, tables
        self.result = ImportResult(Report(form=form))

    def log(self, level: Any, message: str, cell: str = "", where: str = "") -> None:
        self.result.add(level, message, cell, where)

    def read_tables(self) -> None:
        for tid in self.form.tables:
            self.read_table(tid)

    def read_table(self, tid: str) -> None:
        grid = table_grid(self.form, tid)
        label = next((s.heading for s in self.form.sections if s.key == tid), grid.table.title)
        table = self.tables.get(tid)
        if table is None:
            n = sum(1 for c in grid.table.cells if not self.form.cells[c].derived)
            self.log("missing", f"{self.noun}中没有找到格式相符的“{label}”表格，其{n}个单元格未读入（空白）。",
                     where=label)
            return
        rep = self.result.report
        for g in grid.cells:
            if g.kind in ("head", "label"):
                cell = table.at.get((g.r, g.c))
                if cell is None or not same_label(cell.value, g.text):
                    got = "空白" if cell is None or not cell.value.strip() else f"“{cell.value.strip()}”"
                    self.log("warning", f"此处应为“{g.text}”，实为{got}：表格可能被改动，请核对。",
                             where=f"{label}第{g.r}行第{g.c}列")
        n_read = 0
        for g in grid.cells:
            if g.kind == "input":
                v = self.read_value(table, g.cell_id, g.r, g.c, label)
                if v is not None:
                    rep.values[g.cell_id] = v
                    n_read += 1
        rep.invalidate()
        for g in grid.cells:
            if g.kind == "total":
                self.read_total(table, g.cell_id, g.r, g.c, label)
        self.log("read", f"{label}：读入{n_read}个有数值的单元格。", where=label)

    def read_value(self, table: GridTable, cid: str, r: int, c: int, label: str) -> Any:
        cell = table.at.get((r, c))
        text = "" if cell is None else cell.value.strip()
        if not text:
            return None
        try:
            return parse_value(self.form.cells[cid], text)
        except ValueRefused as exc:
            self.log("unread", f"此处应填数字，却是“{text[:SHOWN_CHARS]}”，未读入（空白）：{exc}", cid,
                     f"{label}第{r}行第{c}列")
            return None

    def read_total(self, table: GridTable, cid: str, r: int, c: int, label: str) -> None:
        rep = self.result.report
        computed = rep.get(cid)
        value = self.read_value(table, cid, r, c, label)
        if value is None:
            return
        if value != (computed if computed is not None else 0):
            rep.printed_totals[cid] = value
            shown = format_value(computed) if computed is not None else "空白"
            self.log("mismatch", f"{self.form.cells[cid].label}：表中的合计为{format_value(value)}，而各项之和为"
                     f"{shown}；已记下原数，请核对。", cid, f"{label}第{r}行第{c}列")
