"""Word 97–2003 ``.doc`` and WPS ``.wps`` → lines: the body's paragraphs and table rows, in document order.

The text comes from the piece table (:mod:`.doc_binary`); paragraphs end with ``\\r``, table cells with ``\\x07``, and
a row with one more ``\\x07`` whose paragraph is marked as the row's end.  Each row becomes one line of cells exactly
as :mod:`.docx` makes one of a ``.docx`` table row: a cell merged into the one above (or before) is left out, a
cell's paragraphs are joined, and a nested table's text stays inside its cell.  Field codes are dropped and their
results kept; pictures and other anchors are dropped.  The lines then go to the published-report reader, which is
how a ``.docx`` that is not our own export is read — and how our own export reads there too, cell for cell.
"""

from __future__ import annotations

from ..source import SourceLine
from .doc_binary import Fib, Para, ParaProps, Piece

_KEEP = {0x09: "\t", 0x0B: "\n", 0x1E: "-", 0xA0: " "}  # tab, line break, non-breaking hyphen, no-break space
_CELL, _PARA, _SECTION = "\x07", "\r", "\x0c"
_FIELD_BEGIN, _FIELD_SEP, _FIELD_END = "\x13", "\x14", "\x15"


class _Walker:
    def __init__(self, props: ParaProps) -> None:
        self.props = props
        self.out: list[SourceLine] = []
        self.text: list[str] = []  # the paragraph being read
        self.cell: list[str] = []  # the paragraphs of the cell being read
        self.cells: list[str] = []  # the cells of the row being read
        self.fields: list[bool] = []  # for each open field: in its result (True) or its code (False)
        self.n_par = self.n_tab = self.n_row = 0
        self.after_text = True  # a body paragraph since the last row: the next row starts a new table

    def char(self, ch: str) -> None:
        if ch == _FIELD_BEGIN:
            self.fields.append(False)
        elif ch == _FIELD_SEP:
            if self.fields:
                self.fields[-1] = True
        elif ch == _FIELD_END:
            if self.fields:
                self.fields.pop()
        elif not all(self.fields):
            return
        elif ord(ch) in _KEEP:
            self.text.append(_KEEP[ord(ch)])
        elif ord(ch) >= 0x20 and ch not in "\ufffe\uffff":
            self.text.append(ch)

    def mark(self, ch: str, para: Para) -> None:
        text = "".join(self.text)
        self.text = []
        if ch == _CELL and para.row_end:
            self.row(para)
        elif ch == _CELL and para.depth <= 1:
            self.cell.append(text)
            self.cells.append("".join(self.cell).strip())
            self.cell = []
        elif para.in_table:  # a paragraph inside a cell, or a nested table's cell or row
            self.cell.append(text)
        else:
            self.n_par += 1
            self.after_text = True
            if text.strip():
                self.out.append(SourceLine(f"第{self.n_par}段", [text.strip()]))

    def row(self, para: Para) -> None:
        if self.after_text:
            self.n_tab, self.n_row, self.after_text = self.n_tab + 1, 0, False
        self.n_row += 1
        cells = [c for i, c in enumerate(self.cells) if i not in para.skip]
        self.out.append(SourceLine(f"Word表格{self.n_tab}第{self.n_row}行", cells, table=True))
        self.cells, self.cell = [], []

    def finish(self) -> list[SourceLine]:
        if self.cells:  # a row the document does not end (a damaged file): keep what it has
            self.row(Para())
        if self.text and "".join(self.text).strip():
            self.n_par += 1
            self.out.append(SourceLine(f"第{self.n_par}段", ["".join(self.text).strip()]))
        return self.out


def doc_lines(pieces: list[Piece], props: ParaProps, fib: Fib) -> list[SourceLine]:
    """The main document's paragraphs and table rows as lines."""
    walker = _Walker(props)
    for piece in pieces:
        for k, ch in enumerate(piece.text):
            if ch in (_CELL, _PARA):
                walker.mark(ch, props.at(piece.fc + k * piece.width))
            elif ch == _SECTION:
                walker.mark(_PARA, Para())
            else:
                walker.char(ch)
    return walker.finish()
