"""An HTML document as the blocks a reader sees, in order: headings, paragraphs and tables laid on their grid.

For :mod:`.html`, which reads our own page back exactly.  The standard library's :mod:`html.parser` (tolerant of
broken markup, no network) fills: ``blocks`` — ``("h1"|"h2"|"h3"|"p", text, mark)`` and ``("table", _Table, mark)``
where ``mark`` is the ``data-govreport`` of the nearest marked ancestor ("" if none); and ``meta`` — the ``<meta
name content>`` pairs of the head.  Text is taken as a browser holds it in the page: character references are
resolved as the HTML standard says (a control character stays that character, U+0000 and surrogates become U+FFFD,
128–159 are read as Windows-1252), ``<br>`` is a line feed, and whitespace is kept as written (what the browser
shows collapsed is still in the page, and in a copy the browser saves).  ``<script>``, ``<style>``, ``<template>`` and
table captions are not text.  A ``<div>`` or other block around paragraphs adds nothing.

Spans are limited as the published-page reader limits them (:func:`..html.span`) and the grid positions of one table
to :data:`MAX_GRID_CELLS`, so hostile markup costs time in proportion to its size (the dispatcher has already refused
pages over 1 MB).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..html import span

MAX_GRID_CELLS = 100_000
_TEXT_BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p"}
_SKIP = {"script", "style", "template", "noscript", "title", "caption", "textarea", "select"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Cell:
    r: int
    c: int
    rs: int
    cs: int
    text: list[str] = field(default_factory=list)

    @property
    def value(self) -> str:
        return "".join(self.text)


@dataclass
class Table:
    rows: int = 0
    cols: int = 0
    at: dict[tuple[int, int], Cell] = field(default_factory=dict)  # top-left positions only
    _taken: set[tuple[int, int]] = field(default_factory=set)
    _c: int = 0

    def new_row(self) -> None:
        self.rows += 1
        self._c = 0

    def new_cell(self, rs: int, cs: int) -> Cell:
        if self.rows == 0:
            self.new_row()
        r = self.rows
        c = self._c + 1
        while (r, c) in self._taken:
            c += 1
        if len(self._taken) >= MAX_GRID_CELLS:
            rs = cs = 1
        for dr in range(rs):
            for dc in range(cs):
                self._taken.add((r + dr, c + dc))
        cell = Cell(r, c, rs, cs)
        self.at[(r, c)] = cell
        self._c = c + cs - 1
        self.cols = max(self.cols, self._c)
        return cell


def charref(name: str) -> str:
    """A numeric character reference (``name`` as after ``&#``) resolved as a browser does."""
    try:
        n = int(name[1:], 16) if name[:1] in "xX" else int(name)
    except ValueError:
        return f"&#{name}"
    if n == 0 or 0x80 <= n <= 0x9F:
        return html.unescape(f"&#{n};")  # U+FFFD; the Windows-1252 characters
    if 0xD800 <= n <= 0xDFFF or n > 0x10FFFF:
        return "\ufffd"
    return chr(n)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.blocks: list[tuple[str, object, str]] = []
        self.meta: dict[str, str] = {}
        self.skip: list[str] = []
        self.marks: list[tuple[str, str]] = []  # (tag, data-govreport) of open marked elements
        self.block: tuple[str, list[str], str] | None = None  # the open heading or paragraph
        self.tables: list[Table] = []
        self.cell: Cell | None = None

    @property
    def mark(self) -> str:
        return self.marks[-1][1] if self.marks else ""

    def _text(self, data: str) -> None:
        if self.skip:
            return
        if self.tables:
            if self.cell is not None:
                self.cell.text.append(data)
        elif self.block is not None:
            self.block[1].append(data)

    def _close_block(self) -> None:
        if self.block is not None:
            tag, parts, mark = self.block
            self.blocks.append((tag, "".join(parts), mark))
            self.block = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "meta" and a.get("name") and a.get("content") is not None:
            self.meta.setdefault(str(a["name"]).lower(), str(a["content"]))
            return
        if tag in _SKIP:
            self.skip.append(tag)
            return
        if tag == "br":
            self._text("\n")
            return
        if tag in _VOID:
            return
        if a.get("data-govreport") is not None:
            self.marks.append((tag, str(a["data-govreport"])))
        if tag == "table":
            self._close_block()
            self.tables.append(Table())
        elif self.tables:
            t = self.tables[-1]
            if tag == "tr":
                t.new_row()
                self.cell = None
            elif tag in ("td", "th"):
                self.cell = t.new_cell(span(a.get("rowspan")), span(a.get("colspan")))
        elif tag in _TEXT_BLOCKS:
            self._close_block()
            self.block = (tag, [], self.mark)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.pop()
            return
        if self.marks and self.marks[-1][0] == tag:
            self.marks.pop()
        if tag == "table" and self.tables:
            self.blocks.append(("table", self.tables.pop(), self.mark))
            self.cell = None
        elif self.tables and tag in ("td", "th"):
            self.cell = None
        elif tag in _TEXT_BLOCKS and self.block is not None and self.block[0] == tag:
            self._close_block()

    def handle_data(self, data: str) -> None:
        self._text(data)

    def handle_charref(self, name: str) -> None:
        self._text(charref(name))

    def handle_entityref(self, name: str) -> None:
        self._text(html.unescape(f"&{name};"))

    def close(self) -> None:
        super().close()
        self._close_block()
        while self.tables:
            self.blocks.append(("table", self.tables.pop(), ""))


def html_blocks(text: str) -> tuple[list[tuple[str, object, str]], dict[str, str]]:
    """The blocks of an HTML document in order, and its ``<meta name>`` → content."""
    p = _Parser()
    p.feed(text)
    p.close()
    return p.blocks, p.meta
