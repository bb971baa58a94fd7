"""What an untrusted workbook may make openpyxl do, counted in its XML before openpyxl parses any of it.

openpyxl reads the shared strings and the styles whole when it opens a workbook, and every cell of each sheet row it
reaches, whatever columns were asked for.  A small file can therefore cost minutes and gigabytes; measured on the
shared 2-core machine (a 125 KB file each): 2.9 million one-letter shared strings 26 s, 1.5 million empty cell styles
18 s and 818 MB, one row of 2.3 million cells 30 s and 1.5 GB.  The parts are counted here with byte searches over
the decompressed XML (which :func:`.xlsx_open.check_container` reads anyway, for the DTD check) and refused with a
Chinese sentence when they hold more than any office's workbook: Excel itself allows 64,000 cell styles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .base import ImportRefused

MAX_STRINGS = 200_000  # shared strings: a register of 30,000 lines holds about 100,000
MAX_ELEMENTS = 100_000  # elements of any other part (styles, workbook, relationships, drawings, comments)
HEAD_ROWS = 2_020  # the rows any reader of ours parses at most outside the register sheet itself
MAX_HEAD_CELLS = 1_000_000  # cells in the first HEAD_ROWS rows of all sheets together (about 3 s of openpyxl)
XML_PREFIX = rb"(?:[\w.-]+:)?"  # an XML namespace prefix, if any
_P = XML_PREFIX
_ROW_OR_CELL = re.compile(rb"<" + _P + rb"(row|c)[\s/>]")
_ROW_END = re.compile(rb"</" + _P + rb"row>")
_VALUE = re.compile(rb"<" + _P + rb"(?:v|is)>")
_STRING = re.compile(rb"<" + _P + rb"si[\s/>]")


class TooManyStrings(ImportRefused):
    """The shared strings are over the limit (a register reader says so in lines when its sheet is that long)."""


@dataclass
class Budget:
    """What the parts counted so far add up to (one per workbook)."""

    head_cells: int = 0


def check_part(part: str, body: bytes, name: str, budget: Budget) -> None:
    """Refuse (:class:`ImportRefused`) a part that would cost openpyxl more than any real workbook does."""
    if part.startswith("xl/worksheets/") and not part.startswith("xl/worksheets/_rels/"):
        budget.head_cells += head_cells(body, MAX_HEAD_CELLS - budget.head_cells + 1)
        if budget.head_cells > MAX_HEAD_CELLS:
            raise ImportRefused(f"“{name}”的工作表单元格过多（前{HEAD_ROWS}行超过{MAX_HEAD_CELLS}个），"
                                "数据量远超一份台账或报告，拒绝读取。")
        start, end = body.find(b"sheetData"), body.rfind(b"sheetData>")
        outside = body[:start] + body[end:] if 0 <= start < end else body if start < 0 else b""
        if len(outside) > 4 * MAX_ELEMENTS and (n := elements(outside)) > MAX_ELEMENTS:  # merged ranges, links…
            raise ImportRefused(f"“{name}”的“{part}”在单元格之外含有{n}个元素（如合并区域，上限{MAX_ELEMENTS}），"
                                "不像Excel或WPS保存的工作簿，拒绝读取。")
    elif len(body) > 4 * MAX_STRINGS and b"sst" in body[:1000]:
        n = strings(body)
        if n > MAX_STRINGS:
            raise TooManyStrings(f"“{name}”含有{n}段不同的文字（上限{MAX_STRINGS}），数据量远超一份台账或报告，"
                                "拒绝读取。")
    elif len(body) > 4 * MAX_ELEMENTS:
        n = elements(body)
        if n > MAX_ELEMENTS:
            raise ImportRefused(f"“{name}”的“{part}”含有{n}个元素（上限{MAX_ELEMENTS}），"
                                "不像Excel或WPS保存的工作簿，拒绝读取。")


def elements(body: bytes) -> int:
    """Elements of an XML text (start and empty tags)."""
    return body.count(b"<") - body.count(b"</") - body.count(b"<?") - body.count(b"<!")


def head_cells(body: bytes, stop: int) -> int:
    """Cells in the first :data:`HEAD_ROWS` rows of a sheet's XML (counting stops past ``stop``)."""
    rows = cells = 0
    for m in _ROW_OR_CELL.finditer(body):
        if m.group(1) == b"row":
            rows += 1
            if rows > HEAD_ROWS:
                break
        else:
            cells += 1
            if cells > stop:
                break
    return cells


def strings(body: bytes) -> int:
    """Entries of a shared string table."""
    n = body.count(b"<si>") + body.count(b"<si ") + body.count(b"<si/>")
    return n if n or b":si" not in body else sum(1 for _ in _STRING.finditer(body))


def sheet_cells(body: bytes) -> int:
    """Cells of a whole sheet (empty formatted ones included: openpyxl parses them all the same)."""
    n = body.count(b"<c ") + body.count(b"<c>") + body.count(b"<c/>")
    return n if n or b":c" not in body else sum(1 for m in _ROW_OR_CELL.finditer(body) if m.group(1) == b"c")


def value_rows(body: bytes) -> int:
    """Rows of a sheet that hold at least one value (rows only formatted do not count)."""
    return sum(1 for row in _ROW_END.split(body) if _VALUE.search(row))
