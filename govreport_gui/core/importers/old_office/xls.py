"""Excel 97–2003 ``.xls`` and WPS ``.et`` workbooks (BIFF8): our workbook saved in the old format, read like ``.xlsx``.

The workbook stream comes out of the OLE container already (:mod:`.ole`); ``xlrd`` — maintained, and since 2.0
reading only ``.xls``, the job it is kept for — parses its cells, and a thin view makes them look like the openpyxl
sheets :mod:`.xlsx` reads, so the same reader checks the same grid, totals, text sheet and hidden "govreport" sheet.
What the old format cannot tell is said: BIFF keeps a formula's result, not a text ``xlrd`` gives back, so a total
is checked by its value.  Before ``xlrd`` sees the stream, its records are walked once (:func:`survey`): an encrypted
workbook (FILEPASS) is refused, and so is one of more records or cells than a report's workbook could have.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator
from typing import Any

from ..base import ImportRefused, ImportResult

MAX_RECORDS = 500_000  # BIFF records: our workbook has about 2,000
MAX_CELLS = 200_000  # cell records (a MULRK or MULBLANK counts each cell it holds)
_CELL_RECORDS = {0x0006, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD}
_FILEPASS = 0x002F


def survey(stream: bytes, name: str) -> None:
    """Walk the BIFF records once; refuse an encrypted workbook or one far larger than a report's."""
    pos = records = cells = 0
    while pos + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, pos)
        pos += 4 + size
        records += 1
        if kind == _FILEPASS:
            raise ImportRefused(f"“{name}”是加密（设有打开密码）的工作簿，无法读取；请取消密码后再导入。")
        if kind in _CELL_RECORDS:
            cells += 1
        elif kind in (0x00BD, 0x00BE) and size >= 6:  # MULRK (6 bytes a cell), MULBLANK (2)
            cells += (size - 6) // (6 if kind == 0x00BD else 2)
        if records > MAX_RECORDS or cells > MAX_CELLS:
            raise ImportRefused(f"“{name}”的单元格过多（超过{MAX_CELLS}个），不像一份年度报告的工作簿，无法导入。")


class _Cell:
    __slots__ = ("column", "data_type", "number_format", "row", "value")

    def __init__(self, row: int, column: int, value: Any, data_type: str, number_format: str) -> None:
        self.row, self.column, self.value = row, column, value
        self.data_type, self.number_format = data_type, number_format


class _Sheet:
    """An xlrd sheet seen as openpyxl's read-only worksheet: 1-based rows and columns, cells with a value."""

    def __init__(self, book: Any, sheet: Any) -> None:
        self.book, self.sheet = book, sheet
        self.title: str = sheet.name
        self.sheet_state = ("visible", "hidden", "veryHidden")[min(sheet.visibility, 2)]

    def reset_dimensions(self) -> None:
        """Nothing to reset: xlrd knows the cells it read."""

    def iter_rows(self, max_row: int = 0, max_col: int = 0) -> Iterator[list[_Cell]]:
        rows = min(self.sheet.nrows, max_row) if max_row else self.sheet.nrows
        for r in range(rows):
            cols = min(self.sheet.row_len(r), max_col) if max_col else self.sheet.row_len(r)
            yield [c for c in (self._cell(r, col) for col in range(cols)) if c is not None]

    def _cell(self, r: int, c: int) -> _Cell | None:
        import xlrd

        kind = self.sheet.cell_type(r, c)
        value = self.sheet.cell_value(r, c)
        if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
            return None
        fmt = "General"
        xf = self.sheet.cell_xf_index(r, c)
        if 0 <= xf < len(self.book.xf_list):
            shown = self.book.format_map.get(self.book.xf_list[xf].format_key)
            fmt = shown.format_str if shown is not None else fmt
        if kind == xlrd.XL_CELL_NUMBER:
            return _Cell(r + 1, c + 1, int(value) if float(value).is_integer() else value, "n", fmt)
        if kind == xlrd.XL_CELL_DATE:
            try:
                value = xlrd.xldate.xldate_as_datetime(value, self.book.datemode)
            except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                pass
            return _Cell(r + 1, c + 1, value, "d", fmt)
        if kind == xlrd.XL_CELL_BOOLEAN:
            return _Cell(r + 1, c + 1, bool(value), "b", fmt)
        if kind == xlrd.XL_CELL_ERROR:
            return _Cell(r + 1, c + 1, xlrd.error_text_from_code.get(value, "#N/A"), "e", fmt)
        return _Cell(r + 1, c + 1, str(value), "s", fmt)


class _Book:
    """The workbook as the reader of :mod:`.xlsx` uses it: sheet names, sheets by name, close."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.sheetnames: list[str] = list(book.sheet_names())
        self._sheets: dict[str, _Sheet] = {}

    def __getitem__(self, title: str) -> _Sheet:
        if title not in self._sheets:
            self._sheets[title] = _Sheet(self.book, self.book.sheet_by_name(title))
        return self._sheets[title]

    def close(self) -> None:
        self.book.release_resources()


def open_book(stream: bytes, name: str) -> _Book:
    survey(stream, name)
    try:
        import xlrd
    except ImportError:  # pragma: no cover - a declared dependency
        raise ImportRefused("缺少读取Excel 97-2003工作簿的组件（xlrd），请重新安装本程序。") from None
    try:
        book = xlrd.open_workbook(file_contents=stream, formatting_info=True, on_demand=True, ragged_rows=True,
                                  logfile=io.StringIO(), verbosity=0)  # ragged: one far cell pads no row
    except Exception as exc:  # xlrd raises XLRDError, struct.error, IndexError … for a damaged stream
        raise ImportRefused(f"“{name}”已损坏，无法作为Excel 97-2003工作簿读取（{type(exc).__name__}）。") from None
    return _Book(book)


def import_xls(stream: bytes, name: str) -> ImportResult:
    """Read our workbook from its BIFF8 workbook stream.  Raises :class:`ImportRefused` (Chinese message)."""
    from ..xlsx import import_xlsx_bytes

    book = open_book(stream, name)
    try:
        return import_xlsx_bytes(b"", name, book)
    except ImportRefused:
        raise
    except Exception as exc:  # sheets are parsed when first opened: a damaged one surfaces here
        raise ImportRefused(f"“{name}”已损坏，无法作为Excel 97-2003工作簿读取（{type(exc).__name__}）。") from None
    finally:
        book.close()
