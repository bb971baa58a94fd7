"""Opening an untrusted workbook: the zip container checked before any XML is parsed, openpyxl with ``defusedxml``,
the Chinese refusal for whatever a hostile file makes the parser raise, and a sheet's cells read once.

A formula cell is data only through its cached value (what the program that saved it computed): :func:`value_rows`
gives that value, or a :class:`Formula` marker where there is none, never the formula's source text.

Split from :mod:`.xlsx` (which reads our layout out of the sheets) so that each file keeps one job; the limits are
the ones :mod:`.safezip` applies to Word files too.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from typing import Any

from ..values import Value
from ..workbook import clean_text
from .base import ImportRefused
from .safezip import ZipKind, open_checked
from .xlsx_budget import XML_PREFIX, Budget, check_part

XLSX = ZipKind("Excel工作簿", ".xlsx", "xl/workbook.xml", max_entries=1000, max_uncompressed=50 * 1024 * 1024)
_SPACE = re.compile(r"\s+")
_P = XML_PREFIX
# a formula element the cell closes after without a cached value (Excel, WPS and LibreOffice always store one)
_UNCACHED = re.compile(rb"(?:</" + _P + rb"f>|<" + _P + rb"f\b[^>]*/>)\s*(?:<" + _P + rb"v\s*/>|<" + _P + rb"v>\s*</"
                       + _P + rb"v>)?\s*</" + _P + rb"c>")


# --- the container ------------------------------------------------------------------------------------------------
def check_container(data: bytes, name: str) -> None:
    """Refuse what is not a sane ``.xlsx`` zip before any XML is parsed (zip bombs, old .xls, other files)."""
    if not data:
        raise ImportRefused(f"“{name}”是空文件，不是Excel工作簿。")
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportRefused(f"“{name}”是旧版Excel（.xls）或加密的工作簿，请在Excel或WPS中另存为 .xlsx 后再导入。")
    zf = open_checked(data, name, XLSX)
    # A spreadsheet's XML never declares a DTD; one that does may hide entity expansion (billion laughs) or
    # external entities.  Refuse it here whichever XML parser openpyxl would use for that part.  Each part is also
    # counted against what openpyxl can parse in time (:mod:`.xlsx_budget`).
    budget = Budget()
    try:
        with zf:
            for info in zf.infolist():
                if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
                    continue
                body = zf.read(info)
                if _declares_dtd(body):
                    raise ImportRefused(f"“{name}”含有不安全的XML内容（{info.filename}中有DTD声明），拒绝读取。")
                check_part(info.filename, body, name, budget)
    except ImportRefused:
        raise
    except Exception:  # BadZipFile, zlib.error, unsupported compression, …
        raise ImportRefused(f"“{name}”已损坏，无法解压（不是有效的 .xlsx 工作簿）。") from None


def _declares_dtd(body: bytes) -> bool:
    if body[:2] in (b"\xff\xfe", b"\xfe\xff"):
        body = body.decode("utf-16", errors="replace").encode("utf-8")
    return b"<!DOCTYPE" in body or b"<!ENTITY" in body


@contextmanager
def quiet() -> Iterator[None]:
    """Silence openpyxl's English warnings while a sheet is read (what they warn of is logged or refused in Chinese:
    a date serial out of range arrives as ``#VALUE!``, an unknown extension is ignored)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def load_workbook(data: bytes, name: str, data_only: bool = False) -> Any:
    import openpyxl
    from openpyxl.xml import DEFUSEDXML

    if not DEFUSEDXML:  # pragma: no cover - defusedxml is a dependency; refuse rather than parse unsafely
        raise ImportRefused("缺少安全解析组件 defusedxml，无法安全读取Excel工作簿。")
    try:
        with quiet():
            return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only, keep_links=False)
    except Exception as exc:  # a malformed or hostile workbook: openpyxl and defusedxml raise many kinds
        raise refusal(exc, name) from None


def refusal(exc: Exception, name: str) -> ImportRefused:
    """The Chinese refusal for an error met while parsing the workbook."""
    from defusedxml import DefusedXmlException

    kind = type(exc).__name__
    chain = [exc, exc.__cause__, exc.__context__]
    if any(isinstance(e, DefusedXmlException) for e in chain):
        return ImportRefused(f"“{name}”含有不安全的XML内容（{kind}），拒绝读取。")
    return ImportRefused(f"“{name}”已损坏，无法作为Excel工作簿读取（{kind}）。")


# --- formulas -----------------------------------------------------------------------------------------------------
class Formula:
    """A formula cell that has no cached value: refused as data (the caller logs it), its text only for the log."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Formula({self.text!r})"


def uncached_formulas(data: bytes) -> bool:
    """True when a sheet of the (already checked) ``.xlsx`` holds a formula without a cached value (openpyxl and
    some generators write those): only then is a sheet read a second time to name them."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return any(info.filename.startswith("xl/worksheets/") and _UNCACHED.search(zf.read(info))
                   for info in zf.infolist())


def value_rows(values: Any, formulas: Any | None, **bounds: int) -> Iterator[list[Any]]:
    """The rows of a read-only sheet opened with ``data_only=True`` (``values``), as lists: a formula's cached value,
    or :class:`Formula` where it has none.  ``formulas`` is the same sheet opened without ``data_only`` (``None``
    when every formula has a cached value: :func:`uncached_formulas`); ``bounds`` go to ``iter_rows``."""
    rows = values.iter_rows(values_only=True, **bounds)
    if formulas is None:
        for row in rows:
            yield list(row)
        return
    for row, source in zip(rows, formulas.iter_rows(values_only=True, **bounds), strict=False):
        out = list(row)
        for i, f in enumerate(source):
            if isinstance(f, str) and f.startswith("=") and (i >= len(out) or out[i] is None):
                out += [None] * (i + 1 - len(out))
                out[i] = Formula(f)
        yield out


class Sheet:
    """A sheet's cells by (row, column), read once (fast in read-only mode)."""

    def __init__(self, ws: Any, max_row: int = 0, max_col: int = 0) -> None:
        self.title: str = ws.title
        self.state: str = getattr(ws, "sheet_state", "visible")
        self.cells: dict[tuple[int, int], Any] = {}
        kw: dict[str, int] = {}
        if max_row:
            kw["max_row"] = max_row
        if max_col:
            kw["max_col"] = max_col
        self.bounds = kw
        try:
            ws.reset_dimensions()  # other programs write wrong <dimension> elements
        except AttributeError:
            pass
        for row in ws.iter_rows(**kw):
            for cell in row:
                if getattr(cell, "value", None) is not None:
                    self.cells[(cell.row, cell.column)] = cell

    def value(self, r: int, c: int) -> Any:
        cell = self.cells.get((r, c))
        return None if cell is None else cell.value

    def fmt(self, r: int, c: int) -> str:
        cell = self.cells.get((r, c))
        return "General" if cell is None else str(getattr(cell, "number_format", "General") or "General")

    def kind(self, r: int, c: int) -> str:
        cell = self.cells.get((r, c))
        return "n" if cell is None else str(getattr(cell, "data_type", "n"))


class CachedValues:
    """The values another program computed for a workbook's formula cells (absent in files openpyxl wrote): opened
    once with ``data_only``, each sheet read once within the bounds its cells were read in (a lookup per cell would
    parse the sheet again up to that row)."""

    def __init__(self, data: bytes, name: str) -> None:
        self.data, self.name = data, name
        self.wb: Any = None
        self.sheets: dict[str, Sheet | None] = {}

    def value(self, sh: Sheet, r: int, c: int) -> Any:
        if self.wb is None:
            self.wb = load_workbook(self.data, self.name, data_only=True)
        if sh.title not in self.sheets:
            self.sheets[sh.title] = Sheet(self.wb[sh.title], **sh.bounds) if sh.title in self.wb.sheetnames else None
        values = self.sheets[sh.title]
        return None if values is None else values.value(r, c)

    def close(self) -> None:
        if self.wb is not None:
            self.wb.close()


# --- comparing what a cell holds ----------------------------------------------------------------------------------
def num_equal(a: Any, b: Value) -> bool:
    try:
        return Decimal(str(a)) == Decimal(b)  # type: ignore[arg-type]
    except (InvalidOperation, TypeError, ValueError):
        return False


def clean(v: Any) -> Any:
    return clean_text(v) if isinstance(v, str) else v


def same_label(got: Any, text: str) -> bool:
    return isinstance(got, str) and _SPACE.sub("", got) == _SPACE.sub("", text)


def norm_formula(f: str) -> str:
    return _SPACE.sub("", f).replace("$", "").upper().lstrip("=")
