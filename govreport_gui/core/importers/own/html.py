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

from ...exporters.html.body import DRAFT_MARK, SIGNATURE_LINE, SIGNATURE_MARK
from ...exporters.html.page import FORMAT, META_PREFIX
from ...exporters.printed import default_opening
from ...form import Form, load_form
from ...meta_fields import MAX_META_CHARS, MAX_YEAR, MIN_YEAR
from ..base import ImportResult
from .by_grid import GridReader, match_tables, same_label
from .html_blocks import Table, html_blocks

_SPACE = re.compile(r"\s+")
_YEAR = re.compile(r"(\d{4})\s*年")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
Block = tuple[str, Any, str]


def import_own_html(text: str, name: str) -> ImportResult | None:
    """Our own page read back by the grid, or ``None`` when the page is not ours."""
    blocks, meta = html_blocks(text)
    form = load_form()
    tables = [t for kind, t, _mark in blocks if kind == "table"]
    matched = match_tables(form, tables)
    generator = meta.get("generator", "")
    marked = generator.split(" ")[0] == FORMAT and meta.get(META_PREFIX + "form", form.id) == form.id
    headings = {_SPACE.sub("", str(t)) for kind, t, _mark in blocks if kind == "h2"}
    ours_by_shape = len(matched) == len(form.tables) and all(_SPACE.sub("", s.heading) in headings
                                                               for s in form.sections)
    if not marked and not ours_by_shape:
        return None
    return _Reader(form, name, meta, blocks, matched).run()


def _meta_text(raw: str) -> str | None:
    """A meta value as written by :func:`core.exporters.html.page.meta_value`, or ``None`` if it is not one."""
    try:
        value = json.loads(f'"{raw}"')
    except (json.JSONDecodeError, RecursionError):
        return None
    return value if isinstance(value, str) else None


class _Reader(GridReader):
    noun = "网页"

    def __init__(self, form: Form, name: str, meta: dict[str, str], blocks: list[Block],
                 tables: dict[str, Table]) -> None:
        super().__init__(form, tables)
        self.name, self.meta, self.blocks = name, meta, blocks

    def run(self) -> ImportResult:
        self.log("info", f"“{self.name}”是本程序导出的网页，表格按官方表格的格子读入。")
        self.read_meta()
        self.read_tables()
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
        if stored is not None and (shown is None or same_label(shown, stored)):
            meta["title"] = stored
        elif shown and not same_label(shown, self.form.title_for(meta.get("agency") or "", meta.get("year"))):
            meta["title"] = shown.strip()
            if stored is not None:
                self.log("info", "报告标题在网页中已修改，按网页中的标题读入。", where="标题")
        if "year" not in meta:
            m = _YEAR.search(str(meta.get("title") or shown or ""))
            if m and MIN_YEAR <= int(m.group(1)) <= MAX_YEAR:
                meta["year"] = int(m.group(1))
                self.log("info", f"网页中没有年度信息，按标题读作{meta['year']}年。", where="标题")

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
