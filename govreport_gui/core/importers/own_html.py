"""Read back a web page written by :mod:`core.exporters.html` — as exported, as a browser saves it (另存为网页:
the browser writes the page it holds, with its own markup), or copied from the clipboard into a file.

The page is ours when its ``generator`` meta says so, or when every table of the form is found in it by the grid's
shape (rows, columns and labels where :func:`core.grid.table_grid` puts them) and every section heading is an
``<h2>`` (a copy that lost its head).  Then each table is read cell by cell at the grid's positions — a figure
changed in an editor comes in, a printed total that disagrees with its parts is kept in ``printed_totals`` (rules
H2–H4 report it) — and the prose paragraph by paragraph between the section headings, exactly as exported (one
``<p>`` or ``<h3>`` per line).  The title is the ``<h1>``; agency, year and published date come from the
``govreport-…`` meta (the year from the title when they are gone).  The draft note and the signature block are not
the clerk's text and are left out.  Anything else goes to the published-report reader.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..exporters.html.body import DRAFT_MARK, SIGNATURE_LINE, SIGNATURE_MARK
from ..exporters.html.page import FORMAT, META_PREFIX
from ..exporters.printed import default_opening
from ..form import Form, load_form
from ..grid import TableGrid, table_grid
from ..meta_fields import MAX_META_CHARS, MAX_YEAR, MIN_YEAR
from ..report import Report
from ..values import ValueRefused, format_value, parse_value
from .base import ImportResult
from .html_blocks import Table, html_blocks

_SPACE = re.compile(r"\s+")
_YEAR = re.compile(r"(\d{4})\s*年")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LABEL_SHARE = 0.8  # labels that must stand where the grid puts them for a table to be read by the grid
Block = tuple[str, Any, str]


def import_own_html(text: str, name: str) -> ImportResult | None:
    """Our own page read back by the grid, or ``None`` when the page is not ours."""
    blocks, meta = html_blocks(text)
    form = load_form()
    tables = [t for kind, t, _mark in blocks if kind == "table"]
    matched = _match_tables(form, tables)
    generator = meta.get("generator", "")
    marked = generator.split(" ")[0] == FORMAT and meta.get(META_PREFIX + "form", form.id) == form.id
    headings = {_SPACE.sub("", str(t)) for kind, t, _mark in blocks if kind == "h2"}
    ours_by_shape = len(matched) == len(form.tables) and all(_SPACE.sub("", s.heading) in headings
                                                               for s in form.sections)
    if not marked and not ours_by_shape:
        return None
    return _Reader(form, name, meta, blocks, matched).run()


def _same_label(got: str, want: str) -> bool:
    return _SPACE.sub("", got) == _SPACE.sub("", want)


def _labels_at(grid: TableGrid, table: Table) -> int:
    hits = 0
    for g in grid.cells:
        if g.kind in ("head", "label"):
            cell = table.at.get((g.r, g.c))
            hits += cell is not None and _same_label(cell.value, g.text)
    return hits


def _match_tables(form: Form, tables: list[Table]) -> dict[str, Table]:
    """Each form table → the first page table of its shape whose labels stand where the grid puts them."""
    out: dict[str, Table] = {}
    taken: set[int] = set()
    for tid in form.tables:
        grid = table_grid(form, tid)
        n_labels = sum(1 for g in grid.cells if g.kind in ("head", "label"))
        for i, t in enumerate(tables):
            if i in taken or t.rows != grid.table.rows or t.cols != grid.table.cols:
                continue
            if _labels_at(grid, t) >= LABEL_SHARE * n_labels:
                out[tid] = t
                taken.add(i)
                break
    return out


def _meta_text(raw: str) -> str | None:
    """A meta value as written by :func:`core.exporters.html.page.meta_value`, or ``None`` if it is not one."""
    try:
        value = json.loads(f'"{raw}"')
    except (json.JSONDecodeError, RecursionError):
        return None
    return value if isinstance(value, str) else None


class _Reader:
    def __init__(self, form: Form, name: str, meta: dict[str, str], blocks: list[Block],
                 tables: dict[str, Table]) -> None:
        self.form, self.name, self.meta, self.blocks, self.tables = form, name, meta, blocks, tables
        self.result = ImportResult(Report(form=form))

    def log(self, level: Any, message: str, cell: str = "", where: str = "") -> None:
        self.result.add(level, message, cell, where)

    def run(self) -> ImportResult:
        self.log("info", f"“{self.name}”是本程序导出的网页，表格按官方表格的格子读入。")
        self.read_meta()
        for tid in self.form.tables:
            self.read_table(tid)
        self.read_prose()
        self.result.report.invalidate()
        return self.result

    # meta ------------------------------------------------------------------------------------------------------
    def stored(self, key: str) -> str | None:
        raw = self.meta.get(META_PREFIX + key)
        value = None if raw is None else _meta_text(raw)
        return None if value is None else value[:MAX_META_CHARS]

    def read_meta(self) -> None:
        meta = self.result.report.meta
        agency = self.stored("agency")
        if agency is not None:
            meta["agency"] = agency
        year = self.stored("year")
        if year is not None and year.isdigit() and MIN_YEAR <= int(year) <= MAX_YEAR:
            meta["year"] = int(year)
        published = self.stored("published")
        if published is not None and _DATE.match(published):
            meta["published"] = published
        stored = self.stored("title")
        shown = next((str(t) for kind, t, mark in self.blocks if kind == "h1" and not mark), None)
        if shown is not None:
            shown = shown[:MAX_META_CHARS]
        if stored is not None and (shown is None or _same_label(shown, stored)):
            meta["title"] = stored
        elif shown and not _same_label(shown, self.form.title_for(meta.get("agency") or "", meta.get("year"))):
            meta["title"] = shown.strip()
            if stored is not None:
                self.log("info", "报告标题在网页中已修改，按网页中的标题读入。", where="标题")
        if "year" not in meta:
            m = _YEAR.search(str(meta.get("title") or shown or ""))
            if m and MIN_YEAR <= int(m.group(1)) <= MAX_YEAR:
                meta["year"] = int(m.group(1))
                self.log("info", f"网页中没有年度信息，按标题读作{meta['year']}年。", where="标题")

    # tables ----------------------------------------------------------------------------------------------------
    def read_table(self, tid: str) -> None:
        grid = table_grid(self.form, tid)
        label = next((s.heading for s in self.form.sections if s.key == tid), grid.table.title)
        table = self.tables.get(tid)
        if table is None:
            n = sum(1 for c in grid.table.cells if not self.form.cells[c].derived)
            self.log("missing", f"网页中没有找到格式相符的“{label}”表格，其{n}个单元格未读入（空白）。", where=label)
            return
        rep = self.result.report
        for g in grid.cells:
            if g.kind in ("head", "label"):
                cell = table.at.get((g.r, g.c))
                if cell is None or not _same_label(cell.value, g.text):
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

    def read_value(self, table: Table, cid: str, r: int, c: int, label: str) -> Any:
        cell = table.at.get((r, c))
        text = "" if cell is None else cell.value.strip()
        if not text:
            return None
        try:
            return parse_value(self.form.cells[cid], text)
        except ValueRefused as exc:
            self.log("unread", f"此处应填数字，却是“{text[:50]}”，未读入（空白）：{exc}", cid, f"{label}第{r}行第{c}列")
            return None

    def read_total(self, table: Table, cid: str, r: int, c: int, label: str) -> None:
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

    # prose -----------------------------------------------------------------------------------------------------
    def read_prose(self) -> None:
        """The 开篇 between the title and the first heading; each text section's paragraphs up to the next heading."""
        headings = {_SPACE.sub("", s.heading): s for s in self.form.sections}
        rep = self.result.report
        current = ""  # nothing is prose before the title
        blocks: dict[str, list[str]] = {}
        for kind, text, mark in self.blocks:
            if kind == "table" or mark in (DRAFT_MARK, SIGNATURE_MARK):
                continue
            if kind == "h1":
                if not blocks:
                    current = self.form.preface_key
                    blocks[current] = []
                continue
            if kind == "h2":
                section = headings.get(_SPACE.sub("", text))
                current = section.key if section is not None and section.kind == "text" else ""
                if current:
                    blocks.setdefault(current, [])
                continue
            if kind not in ("p", "h3") or not current:
                continue
            if text.startswith(SIGNATURE_LINE.rstrip("　")):
                current = ""  # the signature block: the report's text has ended
                continue
            blocks[current].append(text)
        for key, lines in blocks.items():
            text = "\n".join(lines)
            if key == self.form.preface_key and text == default_opening(rep):
                continue
            if text:
                rep.texts[key] = text
