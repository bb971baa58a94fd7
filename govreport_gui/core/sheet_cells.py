"""Every cell of every workbook the program writes goes through here: a text is always a string cell.

The register carries applicants' own words and the review quotes other offices' files, so no text may ever become a
live formula, whatever it starts with (``=``, ``+``, ``-``, ``@``, tab, CR — the OWASP CSV-injection leads).  The
only formulas are the program's own ``=SUM(...)`` totals, written by an explicit call (:func:`put_sum`,
:meth:`XlsxBook.sum`) that accepts nothing else.  A text that such a program would take for a formula when a person
edits the cell also gets Excel's quote prefix (the hidden apostrophe), so re-typing it keeps it text.

Two writers, one rule:

- openpyxl (the register and its template, the review and its assessment): :func:`openpyxl_book` makes the
  workbook, :func:`put` writes a value (``None``, text, number, ``Decimal``, date), :func:`put_sum` a total,
  :func:`openpyxl_bytes` saves;
- XlsxWriter (the report, the comparison, the units list template): :class:`XlsxBook` wraps it
  (``strings_to_formulas`` and the other guesses off) with :meth:`~XlsxBook.text`, :meth:`~XlsxBook.rich_text`,
  :meth:`~XlsxBook.number`, :meth:`~XlsxBook.blank`, :meth:`~XlsxBook.sum`, :meth:`~XlsxBook.merge_blank` and
  :meth:`~XlsxBook.bytes`.

Both byte producers finish with :func:`check_workbook`, which refuses (:class:`ForeignFormula`, nothing written) a
workbook holding any formula but an own SUM, or an external link.  ``tests/test_sheet_cells.py`` fails on a module
that builds a workbook any other way, and feeds every writer hostile texts.  For CSV, :func:`csv_field`.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .atomic import SaveRefused
from .text_safety import replace_lone_surrogates
from .workbook import clean_text, decimal_places

if TYPE_CHECKING:  # pragma: no cover
    from xlsxwriter.format import Format
    from xlsxwriter.worksheet import Worksheet

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")  # what spreadsheet programs may read as the start of a formula
_REF = r"\$?[A-Z]{1,3}\$?[1-9][0-9]{0,6}"
_RANGE = rf"{_REF}(?::{_REF})?"
OWN_FORMULA = re.compile(rf"=SUM\({_RANGE}(?:,{_RANGE})*\)")  # the only formula a workbook of ours holds
_F_ELEMENT = re.compile(rb"<(?:[\w.-]+:)?f(?=[\s/>])([^>]*?)(?:/>|>(.*?)</(?:[\w.-]+:)?f>)", re.S)


class ForeignFormula(SaveRefused):
    """A workbook about to be written holds a formula the program did not mean to write (a bug, never the
    clerk's doing): the file is not written.  An ``OSError`` so that every caller's refusal of a failed write shows
    this sentence."""


def cell_text(text: str) -> str:
    """``text`` as a cell can hold it: a lone surrogate (a file name in a foreign encoding) shown as U+FFFD, other
    characters XML forbids dropped, cut at Excel's 32,767 characters."""
    return clean_text(replace_lone_surrogates(text)[0])


_SHEET_BAD = re.compile(r"[\[\]:*?/\\'\t\n]")


def sheet_title(text: str) -> str:
    """``text`` as a sheet name: as :func:`cell_text`, without the characters Excel refuses in a name ([ ] : * ? / \\),
    apostrophes (a link to the sheet quotes its name) and line breaks, at most 31 characters (the caller makes it
    unique)."""
    return _SHEET_BAD.sub("", cell_text(text)).strip()[:31].rstrip()


def formula_lead(text: str) -> bool:
    """True when a spreadsheet program could read ``text`` as a formula (it starts with = + - @ tab or CR)."""
    return text.startswith(FORMULA_LEADS)


def csv_field(text: str) -> str:
    """``text`` as a CSV field a spreadsheet program will not evaluate: prefixed with ``'`` when it starts with
    = + - @ tab or CR (the OWASP CSV-injection rule; the csv module adds the quoting)."""
    return "'" + text if formula_lead(text) else text


def own_formula(formula: str, writer: str = "") -> str:
    """``formula`` when it is one of the program's own totals (``=SUM(B3:G3,B5)``), else :class:`ForeignFormula`."""
    if not OWN_FORMULA.fullmatch(formula):
        raise ForeignFormula(f"内部错误：{writer}工作簿中将出现不是合计的公式“{formula[:40]}”，未写入。")
    return formula


# --- numbers ------------------------------------------------------------------------------------------------------
def exact_as_number(d: Decimal) -> bool:
    """True when ``d`` written as a spreadsheet number reads back as exactly ``d`` (no binary-float artefact)."""
    if not d.is_finite():
        return False
    if len(d.normalize().as_tuple().digits) > 15:  # a double holds 15 significant decimal digits for sure
        return False
    written = f"{float(d):.16g}"  # what XlsxWriter and openpyxl write for a number ("%.16G")
    return Decimal(repr(float(written))) == d


def decimal_format(places: int) -> str:
    return "0" if places <= 0 else "0." + "0" * places


def sheet_number(d: Decimal) -> int | float | None:
    """``d`` as the number a cell holds, ``None`` when it must be written as text to stay exact."""
    if not exact_as_number(d):
        return None
    return int(d) if decimal_places(d) == 0 and d == d.to_integral_value() else float(d)


# --- openpyxl -----------------------------------------------------------------------------------------------------
def openpyxl_book(writer: str) -> Any:
    """A new openpyxl workbook for the writer named ``writer`` (the name the tests list its hostile case under)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.properties.creator = "govreport"
    wb._govreport_writer = writer  # named in a refusal by openpyxl_bytes
    return wb


def put(ws: Any, r: int, c: int, value: object) -> Any:
    """Write ``value`` into the openpyxl cell (row ``r``, column ``c``) and return the cell.

    ``None`` leaves it blank; a text is a string cell (cleaned of what XML forbids, cut at Excel's limit), quote-
    prefixed when it starts like a formula; ``int``/``float`` numbers; a ``Decimal`` a number with exactly its
    decimals when a double holds it, else text; a date a date (the caller sets its number format)."""
    cell = ws.cell(row=r, column=c)
    if value is None:
        return cell
    if isinstance(value, str):
        text = cell_text(value)
        cell.value = text
        cell.data_type = "s"  # openpyxl makes a formula of any text starting with "=": never here
        if formula_lead(text):
            cell.quotePrefix = True
    elif isinstance(value, Decimal):
        number = sheet_number(value)
        if number is None:
            cell.value = format(value, "f")
            cell.data_type = "s"
        else:
            cell.value = number
            cell.number_format = decimal_format(decimal_places(value))
    elif isinstance(value, bool) or not isinstance(value, int | float | date | datetime):
        raise TypeError(f"put: {type(value).__name__} is no cell value")
    else:
        cell.value = value
    return cell


def put_sum(ws: Any, r: int, c: int, formula: str) -> Any:
    """Write one of the program's own totals (``=SUM(...)``) as a formula; anything else is refused."""
    cell = ws.cell(row=r, column=c)
    cell.value = own_formula(formula)
    cell.data_type = "f"
    return cell


def openpyxl_bytes(wb: Any) -> bytes:
    """The ``.xlsx`` bytes of an openpyxl workbook, checked by :func:`check_workbook`."""
    out = io.BytesIO()
    wb.save(out)
    return check_workbook(out.getvalue(), getattr(wb, "_govreport_writer", ""))


# --- XlsxWriter ---------------------------------------------------------------------------------------------------
class XlsxBook:
    """An XlsxWriter workbook in memory whose cells are written only by these methods."""

    def __init__(self, writer: str, default_format: dict[str, Any] | None = None) -> None:
        import xlsxwriter

        self.writer = writer
        self._out = io.BytesIO()
        self.workbook = xlsxwriter.Workbook(self._out, {
            "in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False,
            "default_format_properties": dict(default_format or {}),
        })
        self._props: dict[int, dict[str, Any]] = {}
        self._quoted: dict[int | None, Format] = {}

    def add_format(self, props: dict[str, Any]) -> Format:
        fmt = self.workbook.add_format(props)
        self._props[id(fmt)] = dict(props)
        return fmt

    def add_worksheet(self, name: str) -> Worksheet:
        return self.workbook.add_worksheet(name)

    def text(self, ws: Worksheet, r: int, c: int, text: str, fmt: Format | None = None) -> None:
        """A string cell (0-based row and column), quote-prefixed when it starts like a formula; ``""`` is blank."""
        text = cell_text(text)
        if not text:
            ws.write_blank(r, c, None, fmt)
            return
        ws.write_string(r, c, text, self._quote(fmt) if formula_lead(text) else fmt)

    def rich_text(self, ws: Worksheet, r: int, c: int, parts: list[Any], fmt: Format | None = None) -> bool:
        """A string cell of runs: ``parts`` as XlsxWriter's ``write_rich_string`` takes them (texts, each optionally
        after its run's format); the texts cleaned, the cell quote-prefixed when it starts like a formula.  False
        when XlsxWriter refuses the runs (too long for one cell): the caller writes the plain text instead."""
        runs = [cell_text(p) if isinstance(p, str) else p for p in parts]
        runs = [p for p in runs if not (isinstance(p, str) and not p)]
        first = next((p for p in runs if isinstance(p, str)), "")
        cell = self._quote(fmt) if formula_lead(first) else fmt
        return ws.write_rich_string(r, c, *runs, cell) >= 0

    def number(self, ws: Worksheet, r: int, c: int, number: int | float, fmt: Format | None = None) -> None:
        if isinstance(number, bool) or not isinstance(number, int | float):
            raise TypeError(f"number: {type(number).__name__} is no number")
        ws.write_number(r, c, number, fmt)

    def blank(self, ws: Worksheet, r: int, c: int, fmt: Format | None = None) -> None:
        ws.write_blank(r, c, None, fmt)

    def sum(self, ws: Worksheet, r: int, c: int, formula: str, fmt: Format | None, cached: int | float) -> None:
        """One of the program's own totals with its computed (cached) value; anything but ``=SUM(...)`` refused."""
        ws.write_formula(r, c, own_formula(formula), fmt, cached)

    def merge_blank(self, ws: Worksheet, r1: int, c1: int, r2: int, c2: int, fmt: Format | None) -> None:
        """Merge a range, empty (its text is written afterwards with :meth:`text`)."""
        ws.merge_range(r1, c1, r2, c2, "", fmt)

    def bytes(self) -> bytes:
        """Close the workbook; its ``.xlsx`` bytes, checked by :func:`check_workbook`."""
        self.workbook.close()
        return check_workbook(self._out.getvalue(), self.writer)

    def _quote(self, fmt: Format | None) -> Format:
        key = None if fmt is None else id(fmt)
        if key not in self._quoted:
            props = {} if fmt is None else self._props.get(id(fmt))
            if props is None:
                raise TypeError("text: a format not made by XlsxBook.add_format")
            self._quoted[key] = self.workbook.add_format({**props, "quote_prefix": True})
        return self._quoted[key]


# --- the check before any byte is written -------------------------------------------------------------------------
def formulas_in(data: bytes) -> list[tuple[str, str]]:
    """(part, formula) of every formula cell in the ``.xlsx`` bytes, and ("link", part) for external links."""
    found: list[tuple[str, str]] = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            if name.startswith("xl/externalLinks/"):
                found.append(("link", name))
            elif name.startswith("xl/worksheets/") and name.endswith(".xml"):
                for m in _F_ELEMENT.finditer(zf.read(name)):
                    found.append((name, "=" + (m.group(2) or b"").decode("utf-8", "replace")))
    return found


def check_workbook(data: bytes, writer: str = "") -> bytes:
    """``data`` unchanged when its only formulas are own SUMs (and nothing links outside); else ForeignFormula."""
    for part, formula in formulas_in(data):
        if part == "link":
            raise ForeignFormula(f"内部错误：{writer}工作簿中出现外部链接“{formula}”，未写入。")
        own_formula(formula, writer)
    return data
