"""HTML saved from a portal (or pasted from Word) → lines: paragraphs, and table rows with spans expanded.

Uses the standard library's :mod:`html.parser` (tolerant of broken markup, no network, no entity expansion beyond
HTML's named characters).  Text split across ``<span>``s inside one cell is joined; Word's ``<o:p>``, conditional
comments, ``<style>`` and ``<script>`` are ignored.  Tables are laid on a grid with ``rowspan``/``colspan`` expanded;
each source cell is emitted once, in the row where it starts, so a merged value is never counted twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from .source import SourceLine

_BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article", "tr", "hr", "title"}
_SKIP = {"script", "style", "head", "noscript", "template", "xml"}
MAX_SPAN = 100
MAX_GRID_CELLS = 100_000  # grid positions one table may cover; the form's largest table covers a few hundred


@dataclass
class _Cell:
    text: list[str] = field(default_factory=list)
    rowspan: int = 1
    colspan: int = 1


@dataclass
class _Table:
    rows: list[list[_Cell]] = field(default_factory=list)
    cell: _Cell | None = None
    line: int = 0


def span(value: str | None) -> int:
    """A ``rowspan``/``colspan`` attribute as a browser reads it, within 1..MAX_SPAN (a hostile span is cut)."""
    try:
        n = int((value or "1").strip().rstrip(";"))
    except ValueError:
        return 1
    return min(max(n, 1), MAX_SPAN)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[SourceLine] = []
        self.buf: list[str] = []
        self.tables: list[_Table] = []
        self.skip = 0

    # paragraphs ------------------------------------------------------------------------------------------------
    def _flush(self) -> None:
        text = "".join(self.buf).replace("\xa0", " ").strip()
        self.buf = []
        if text:
            self.lines.append(SourceLine(f"HTML第{self.getpos()[0]}行", [text]))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
            return
        a = dict(attrs)
        if tag == "table":
            if not self.tables:
                self._flush()
            self.tables.append(_Table(line=self.getpos()[0]))
        elif self.tables and tag == "tr":
            self.tables[-1].rows.append([])
        elif self.tables and tag in ("td", "th"):
            t = self.tables[-1]
            if not t.rows:
                t.rows.append([])
            t.cell = _Cell(rowspan=span(a.get("rowspan")), colspan=span(a.get("colspan")))
            t.rows[-1].append(t.cell)
        elif tag in _BLOCK and not self.tables:
            self._flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr") and not self.tables:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag == "table" and self.tables:
            t = self.tables.pop()
            self.lines.extend(_grid_lines(t))
        elif self.tables and tag in ("td", "th"):
            self.tables[-1].cell = None
        elif tag in _BLOCK and not self.tables:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        data = data.replace("\r", "").replace("\n", " ") if not self.tables else data.replace("\n", "")
        if self.tables:
            cell = self.tables[-1].cell
            if cell is not None:
                cell.text.append(data)
        else:
            self.buf.append(data)

    def close(self) -> None:
        super().close()
        while self.tables:
            self.lines.extend(_grid_lines(self.tables.pop()))
        self._flush()


def _grid_lines(t: _Table) -> list[SourceLine]:
    """Lay the rows on a grid (spans expanded) and emit each source cell once, where it starts."""
    occupied: set[tuple[int, int]] = set()
    out: list[SourceLine] = []
    for r, row in enumerate(t.rows):
        placed: list[tuple[int, str]] = []
        c = 0
        for cell in row:
            while (r, c) in occupied:
                c += 1
            # spans beyond the budget count as 1: 3,000 cells of rowspan=colspan=100 would fill 30 million positions
            rs, cs = (cell.rowspan, cell.colspan) if len(occupied) < MAX_GRID_CELLS else (1, 1)
            for dr in range(rs):
                for dc in range(cs):
                    occupied.add((r + dr, c + dc))
            placed.append((c, "".join(cell.text).replace("\xa0", " ").strip()))
            c += cs
        placed.sort()
        out.append(SourceLine(f"HTML表格（第{t.line}行起）第{r + 1}行", [txt for _, txt in placed], table=True))
    return out


def html_lines(text: str) -> list[SourceLine]:
    p = _Parser()
    p.feed(text)
    p.close()
    return p.lines
