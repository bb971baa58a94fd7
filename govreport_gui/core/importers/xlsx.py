"""Read back a workbook written by :mod:`core.exporters.excel`, possibly edited in Excel, WPS or LibreOffice.

The table sheets are read at the grid coordinates of :func:`core.grid.table_grid`; what a person changed there
comes in, and everything doubtful is logged with its ``sheet!cell`` address: a missing sheet, labels not where the
grid puts them (moved rows), text or a formula where a number belongs, a total overwritten with a number.  A printed
total that disagrees with its parts is kept in ``report.printed_totals`` so that rules H2–H4 report it; it is never
silently corrected.  Meta, prose, explanations and last year's baseline come from the hidden "govreport" sheet where
the visible sheet still shows what was exported, else from the visible sheet.

Untrusted files are read safely: the zip container is checked (size, entry count) before openpyxl opens it, and
openpyxl parses XML with ``defusedxml``.
"""

from __future__ import annotations

import io
import json
import os
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ..confirmations import migrate_rule_explanations
from ..form import Form, load_form
from ..grid import table_grid
from ..report import Report
from ..rules import TABLE_NAMES
from ..storage import FORMAT_VERSION, ReportFileError, from_dict
from ..values import Value, ValueRefused, check_value, format_value, parse_value
from ..workbook import (
    DATA_FORMAT,
    DATA_SHEET,
    DATA_VERSION,
    META_LABELS,
    TEXT_SHEET,
    address,
    clean_text,
    decimal_places,
    meta_shown,
    sheet_names,
    shown_text,
    text_layout,
    total_formula,
)
from .base import ImportRefused, ImportResult, read_bounded
from .safezip import ZipKind, open_checked

MAX_FILE_BYTES = 20 * 1024 * 1024
XLSX = ZipKind("Excel工作簿", ".xlsx", "xl/workbook.xml", max_entries=1000, max_uncompressed=50 * 1024 * 1024)
MAX_SHEET_ROWS, MAX_SHEET_COLS = 2000, 200  # far beyond what the text and data sheets hold; a sheet of a million
# rows would otherwise be parsed to its end (45 MB of rows took 19 s)
_NUMBER_FORMAT_PLACES = re.compile(r"^(?:#,##)?0(?:\.(0+))?$")
_SPACE = re.compile(r"\s+")


# --- the container ------------------------------------------------------------------------------------------------
def check_container(data: bytes, name: str) -> None:
    """Refuse what is not a sane ``.xlsx`` zip before any XML is parsed (zip bombs, old .xls, other files)."""
    if not data:
        raise ImportRefused(f"“{name}”是空文件，不是Excel工作簿。")
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportRefused(f"“{name}”是旧版Excel（.xls）或加密的工作簿，请在Excel或WPS中另存为 .xlsx 后再导入。")
    zf = open_checked(data, name, XLSX)
    # A spreadsheet's XML never declares a DTD; one that does may hide entity expansion (billion laughs) or
    # external entities.  Refuse it here whichever XML parser openpyxl would use for that part.
    try:
        with zf:
            for info in zf.infolist():
                if info.filename.lower().endswith((".xml", ".rels", ".vml")) and _declares_dtd(zf.read(info)):
                    raise ImportRefused(f"“{name}”含有不安全的XML内容（{info.filename}中有DTD声明），拒绝读取。")
    except ImportRefused:
        raise
    except Exception:  # BadZipFile, zlib.error, unsupported compression, …
        raise ImportRefused(f"“{name}”已损坏，无法解压（不是有效的 .xlsx 工作簿）。") from None


def _declares_dtd(body: bytes) -> bool:
    if body[:2] in (b"\xff\xfe", b"\xfe\xff"):
        body = body.decode("utf-16", errors="replace").encode("utf-8")
    return b"<!DOCTYPE" in body or b"<!ENTITY" in body


def _load(data: bytes, name: str, data_only: bool = False) -> Any:
    import openpyxl
    from openpyxl.xml import DEFUSEDXML

    if not DEFUSEDXML:  # pragma: no cover - defusedxml is a dependency; refuse rather than parse unsafely
        raise ImportRefused("缺少安全解析组件 defusedxml，无法安全读取Excel工作簿。")
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only, keep_links=False)
    except Exception as exc:  # a malformed or hostile workbook: openpyxl and defusedxml raise many kinds
        raise _refusal(exc, name) from None


def _refusal(exc: Exception, name: str) -> ImportRefused:
    """The Chinese refusal for an error met while parsing the workbook."""
    from defusedxml import DefusedXmlException

    kind = type(exc).__name__
    chain = [exc, exc.__cause__, exc.__context__]
    if any(isinstance(e, DefusedXmlException) for e in chain):
        return ImportRefused(f"“{name}”含有不安全的XML内容（{kind}），拒绝读取。")
    return ImportRefused(f"“{name}”已损坏，无法作为Excel工作簿读取（{kind}）。")


class _Sheet:
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


# --- the import ---------------------------------------------------------------------------------------------------
class _Reader:
    def __init__(self, data: bytes, name: str) -> None:
        self.data = data
        self.name = name
        self.wb = _load(data, name)
        self._cached: Any = None
        self.form: Form = load_form()
        self.snapshot: dict[str, Any] = {}
        self.result = ImportResult(Report(form=self.form))
        self._snapshot_printed: dict[str, Value] = {}
        self._snapshot_cells: dict[str, Any] = {}

    def log(self, level: Any, message: str, cell: str = "", where: str = "") -> None:
        self.result.add(level, message, cell, where)

    def cached_value(self, sheet: str, r: int, c: int) -> Any:
        """The value another program computed for a formula cell (absent in files openpyxl wrote)."""
        if self._cached is None:
            self._cached = _load(self.data, self.name, data_only=True)
        try:
            return self._cached[sheet].cell(row=r, column=c).value
        except KeyError:
            return None

    # hidden sheet --------------------------------------------------------------------------------------------
    def read_snapshot(self) -> None:
        if DATA_SHEET not in self.wb.sheetnames:
            self.log("info", "工作簿中没有程序信息工作表“govreport”，基本信息、正文和数值均按可见工作表读入。")
            return
        sh = _Sheet(self.wb[DATA_SHEET], MAX_SHEET_ROWS, MAX_SHEET_COLS)
        rows: dict[int, dict[int, Any]] = {}
        for (r, c), cell in sh.cells.items():
            rows.setdefault(r, {})[c] = cell.value
        doc: dict[str, Any] = {}
        for r in sorted(rows):
            key = rows[r].get(1)
            if not isinstance(key, str) or r == 1:
                continue
            parts = []
            c = 2
            while isinstance(rows[r].get(c), str):
                parts.append(rows[r][c])
                c += 1
            try:
                doc[key] = json.loads("".join(parts))
            except (json.JSONDecodeError, RecursionError):
                self.log("warning", f"程序信息工作表中“{key}”一项已损坏，未采用。",
                         where=f"{DATA_SHEET}!{address(r, 2)}")
        if doc.get("format") != DATA_FORMAT or doc.get("form") != self.form.id:
            self.log("warning", "程序信息工作表不是本程序写入的，未采用；按可见工作表读入。", where=DATA_SHEET)
            return
        version = doc.get("format_version")
        if not isinstance(version, int) or version > DATA_VERSION:
            self.log("warning", f"程序信息工作表由较新版本的程序写入（版本{version}），未采用。", where=DATA_SHEET)
            return
        self.snapshot = doc
        try:
            base = from_dict({
                "format": "govreport", "format_version": FORMAT_VERSION, "form": self.form.id,
                "meta": doc.get("meta") or {}, "texts": doc.get("texts") or {},
                "explanations": doc.get("explanations") or {}, "previous": doc.get("previous"),
                "printed_totals": doc.get("printed_totals") or {},
            }, self.name)
        except ReportFileError as exc:
            self.log("warning", f"程序信息工作表的内容无效，未采用：{exc}", where=DATA_SHEET)
            self.snapshot = {}
            return
        rep = self.result.report
        rep.meta, rep.texts, rep.explanations, rep.previous = base.meta, base.texts, base.explanations, base.previous
        self._snapshot_printed = base.printed_totals
        self._snapshot_cells = doc.get("cells") if isinstance(doc.get("cells"), dict) else {}

    # table sheets --------------------------------------------------------------------------------------------
    def find_sheet(self, tid: str, expected: str, taken: set[str]) -> _Sheet | None:
        grid = table_grid(self.form, tid)
        t = grid.table
        if expected in self.wb.sheetnames:
            return _Sheet(self.wb[expected], t.rows + 5, t.cols + 2)
        # renamed? the first other sheet whose labels match the grid
        labels = [g for g in grid.cells if g.kind in ("head", "label")]
        for title in self.wb.sheetnames:
            if title in taken or title in (TEXT_SHEET, DATA_SHEET):
                continue
            sh = _Sheet(self.wb[title], t.rows + 5, t.cols + 2)
            hits = sum(_same_label(sh.value(g.r, g.c), g.text) for g in labels)
            if hits >= 0.8 * len(labels):
                self.log("warning", f"没有找到工作表“{expected}”，已按内容认定工作表“{title}”为{_tname(tid)}。",
                         where=title)
                return sh
        return None

    def read_tables(self) -> None:
        names = sheet_names(self.form)
        taken: set[str] = set()
        for tid in self.form.tables:
            sh = self.find_sheet(tid, names[tid], taken)
            if sh is None:
                n = sum(1 for c in self.form.tables[tid].cells if not self.form.cells[c].derived)
                self.log("missing", f"缺少工作表“{names[tid]}”：{_tname(tid)}的{n}个单元格未读入，均为空白。",
                         where=names[tid])
                continue
            taken.add(sh.title)
            self.read_table(tid, sh)

    def read_table(self, tid: str, sh: _Sheet) -> None:
        form = self.form
        grid = table_grid(form, tid)
        moved = 0
        for g in grid.cells:
            if g.kind not in ("head", "label"):
                continue
            got = sh.value(g.r, g.c)
            if not _same_label(got, g.text):
                moved += 1
                shown = "空白" if got is None else f"“{shown_text(got)}”"
                self.log("warning", f"此处应为“{g.text}”，实为{shown}：表格的行或列可能被移动，数值可能错位，请核对。",
                         where=f"{sh.title}!{address(g.r, g.c)}")
        row_at = self.relocate_rows(grid, sh) if moved else {}
        rep = self.result.report
        n_read = 0
        totals: list[Any] = []
        for g in grid.cells:
            if g.kind == "total":
                totals.append(g)
            elif g.kind == "input":
                v = self.read_input(sh, g.cell_id, row_at.get(g.r, g.r), g.c)
                if v is not None:
                    rep.values[g.cell_id] = v
                    n_read += 1
        rep.invalidate()
        for g in totals:
            self.read_total(sh, g.cell_id, row_at.get(g.r, g.r), g.c)
        self.log("read", f"{_tname(tid)}：读入{n_read}个有数值的单元格。", where=sh.title)
        if moved:
            self.log("warning", f"{_tname(tid)}有{moved}处标签与表格格式不符。", where=sh.title)
        # (range merges, widths and styles are presentation only; nothing to read there)

    def relocate_rows(self, grid: Any, sh: _Sheet) -> dict[int, int]:
        """Grid row → sheet row, for value rows whose own row label (the rightmost) now stands in one other row."""
        out: dict[int, int] = {}
        value_rows = sorted({g.r for g in grid.cells if g.is_value})
        for r in value_rows:
            own = [g for g in grid.cells if g.kind == "label" and g.r == r and g.rs == 1]
            if not own:
                continue
            g = max(own, key=lambda x: x.c)
            if _same_label(sh.value(r, g.c), g.text):
                continue
            hits = [rr for (rr, cc), cell in sh.cells.items() if cc == g.c and _same_label(cell.value, g.text)]
            if len(hits) == 1:
                out[r] = hits[0]
                self.log("warning", f"“{g.text}”一行在第{hits[0]}行而不是第{r}行，已按标签所在行读入，请核对。",
                         where=f"{sh.title}!{address(hits[0], g.c)}")
        return out

    def read_input(self, sh: _Sheet, cid: str, r: int, c: int) -> Value:
        spec = self.form.cells[cid]
        where = f"{sh.title}!{address(r, c)}"
        raw = sh.value(r, c)
        if raw is None:
            return None
        if sh.kind(r, c) == "f" or (isinstance(raw, str) and raw.startswith("=")):
            cached = self.cached_value(sh.title, r, c)
            if isinstance(cached, int | float) and not isinstance(cached, bool):
                v = self._number(spec, cached, sh.fmt(r, c), where, cid)
                if v is not None:
                    self.log("warning", f"{spec.label}：此处应填数字，却是公式“{raw}”；"
                             f"已采用其计算结果{format_value(v)}。", cid, where)
                return v
            self.log("unread", f"{spec.label}：此处应填数字，却是公式“{raw}”，没有计算结果，未读入（空白）。",
                     cid, where)
            return None
        if isinstance(raw, bool) or not isinstance(raw, int | float | Decimal | str):
            self.log("unread", f"{spec.label}：此处应填数字，却是“{shown_text(raw)}”，未读入（空白）。", cid, where)
            return None
        if isinstance(raw, str):
            if raw.strip() == "":
                return None
            try:
                v = parse_value(spec, raw)
            except ValueRefused as exc:
                self.log("unread", f"此处应填数字，却是文字“{raw}”，未读入（空白）：{exc}", cid, where)
                return None
            if v is not None:
                exported = self._snapshot_cells.get(cid)
                if spec.kind == "decimal" and exported == raw:
                    self.log("info", f"{spec.label}：金额位数超出Excel数字精度，以文字保存，已按数字{raw}读入。",
                             cid, where)
                else:
                    self.log("warning", f"{spec.label}：数字单元格中是文字“{raw}”，已按数字{format_value(v)}读入。",
                             cid, where)
            return v
        return self._number(spec, raw, sh.fmt(r, c), where, cid)

    def _number(self, spec: Any, raw: int | float | Decimal, fmt: str, where: str, cid: str) -> Value:
        value: object
        if spec.kind == "count":
            if isinstance(raw, float):
                if not raw.is_integer():
                    self.log("unread", f"{spec.label}：件数应为整数，现为{raw!r}，未读入（空白）。", cid, where)
                    return None
                value = int(raw)
            else:
                value = int(raw) if isinstance(raw, Decimal) and raw == raw.to_integral_value() else raw
        else:
            d = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
            value = d
            try:
                m = _NUMBER_FORMAT_PLACES.match(fmt)
                if m is not None:  # the number format tells how many decimals were written ("0.00")
                    places = len(m.group(1) or "")
                    if decimal_places(d) <= places:
                        value = d.quantize(Decimal(1).scaleb(-places))
                elif d == d.to_integral_value():
                    value = d.quantize(Decimal(1))
            except InvalidOperation:
                value = d
        try:
            return check_value(spec, value)
        except ValueRefused as exc:
            self.log("unread", f"{exc}未读入（空白）。", cid, where)
            return None

    def read_total(self, sh: _Sheet, cid: str, r: int, c: int) -> None:
        rep = self.result.report
        spec = self.form.cells[cid]
        where = f"{sh.title}!{address(r, c)}"
        computed = rep.get(cid)
        raw = sh.value(r, c)
        snap = self._snapshot_printed.get(cid)
        if sh.kind(r, c) == "f" or (isinstance(raw, str) and raw.startswith("=")):
            if _norm_formula(str(raw)) == _norm_formula(total_formula(self.form, cid)):
                if snap is not None and snap == computed:
                    rep.printed_totals[cid] = snap
                return
            cached = self.cached_value(sh.title, r, c)
            if isinstance(cached, int | float) and not isinstance(cached, bool):
                self.log("warning", f"{spec.label}：合计公式被改为“{raw}”，按其计算结果核对。", cid, where)
                raw = cached
            else:
                self.log("warning", f"{spec.label}：合计公式被改为“{raw}”，应为“{total_formula(self.form, cid)}”；"
                         "合计按各项重新计算。", cid, where)
                return
        if raw is None or (isinstance(raw, str) and raw.strip() == ""):
            if computed is not None:
                self.log("warning", f"{spec.label}：合计单元格为空白，合计按各项计算为{format_value(computed)}。",
                         cid, where)
            return
        value: Value
        if isinstance(raw, str):
            try:
                value = parse_value(spec, raw)
            except ValueRefused:
                self.log("unread", f"{spec.label}：合计单元格中是文字“{raw}”，未读入；合计按各项重新计算。", cid, where)
                return
        elif isinstance(raw, bool) or not isinstance(raw, int | float | Decimal):
            self.log("unread", f"{spec.label}：合计单元格中是“{shown_text(raw)}”，未读入；合计按各项重新计算。",
                     cid, where)
            return
        else:
            value = self._number(spec, raw, sh.fmt(r, c), where, cid)
        if value is None:
            return
        if value != (computed if computed is not None else 0):
            rep.printed_totals[cid] = value
            self.log("mismatch", f"{spec.label}：表中的合计为{format_value(value)}，而各项之和为"
                     f"{format_value(computed) if computed is not None else '空白'}；已记下原数，请核对。", cid, where)
        else:
            if snap is not None and snap == value:
                rep.printed_totals[cid] = snap
            self.log("info", f"{spec.label}：合计是数字{format_value(value)}而不是公式，与各项之和一致。", cid, where)

    # text sheet ----------------------------------------------------------------------------------------------
    def read_texts(self) -> None:
        rep = self.result.report
        if TEXT_SHEET not in self.wb.sheetnames:
            self.log("missing", f"缺少工作表“{TEXT_SHEET}”：基本信息和正文"
                     f"{'按程序信息工作表读入' if self.snapshot else '未读入'}。", where=TEXT_SHEET)
            return
        sh = _Sheet(self.wb[TEXT_SHEET], MAX_SHEET_ROWS, MAX_SHEET_COLS)
        by_label: dict[str, int] = {}
        col_a = sorted((r, v.value) for (r, c), v in sh.cells.items() if c == 1)
        for r, v in col_a:
            if isinstance(v, str):
                by_label.setdefault(_SPACE.sub("", v), r)
        # meta: rows labelled in column A
        for key, label in META_LABELS.items():
            r = by_label.get(label)
            if r is None:
                self.log("missing", f"没有找到“{label}”一行。", where=TEXT_SHEET)
                continue
            got = sh.value(r, 2)
            if shown_text(got) == shown_text(_clean(meta_shown(rep, key))):
                continue
            self._set_meta(key, got, f"{TEXT_SHEET}!{address(r, 2)}", label)
        # prose: a block starts at its heading in column A and runs until the next label in column A
        starts = [r for r, v in col_a if v is not None]
        layout = {heading: key for key, heading, _ in text_layout(rep) if not key.startswith("table:")}
        b_rows = sorted(rr for (rr, cc) in sh.cells if cc == 2)
        for r, v in col_a:
            key = layout.get(_SPACE.sub("", v)) if isinstance(v, str) else None
            if key is None:
                continue
            end = next((s for s in starts if s > r), None)
            last = max((rr for rr in b_rows if rr >= r and (end is None or rr < end)), default=r)
            text = "\n".join(shown_text(sh.value(rr, 2)) for rr in range(r, last + 1)).rstrip("\n")
            current = rep.texts.get(key)
            shown = "\n".join(clean_text(x) for x in (current or "").split("\n")).rstrip("\n")
            if text == shown:
                continue
            rep.texts[key] = text
            self.log("info", f"“{v}”的正文已在工作簿中修改，按工作簿读入。", where=f"{TEXT_SHEET}!{address(r, 2)}")

    def _set_meta(self, key: str, got: Any, where: str, label: str) -> None:
        meta = self.result.report.meta
        if key == "year":
            year: Any = got
            if isinstance(got, float) and got.is_integer():
                year = int(got)
            elif isinstance(got, str) and got.strip().isdigit():
                year = int(got.strip())
            if got is None:
                meta["year"] = None
            elif isinstance(year, int) and not isinstance(year, bool) and 1990 <= year <= 2999:
                meta["year"] = year
            else:
                self.log("unread", f"年度“{shown_text(got)}”无效，未读入。", where=where)
                return
        elif key == "published":
            text = shown_text(got).strip()
            if text and not re.match(r"^\d{4}-\d{2}-\d{2}$", text):
                self.log("unread", f"发布日期“{text}”应写成YYYY-MM-DD，未读入。", where=where)
                return
            meta["published"] = text or None
        else:
            meta[key] = shown_text(got).strip()[:1000] or None
        self.log("info", f"“{label}”已在工作簿中修改，按工作簿读入。", where=where)

    def run(self) -> ImportResult:
        self.read_snapshot()
        self.read_tables()
        self.read_texts()
        self.log_changes()
        self.result.report.invalidate()
        if self.snapshot.get("format_version", DATA_VERSION) < 2:
            migrate_rule_explanations(self.result.report)  # version 1 kept one explanation per rule
        return self.result

    def log_changes(self) -> None:
        """Tell which values differ from those exported (only when the hidden sheet recorded them)."""
        if not self.snapshot:
            return
        names = sheet_names(self.form)
        rep = self.result.report
        for cid in self.form.inputs:
            old = self._snapshot_cells.get(cid)
            new = rep.values.get(cid)
            old_s = "" if old is None else str(old)
            new_s = "" if new is None else format_value(new)
            if old_s != new_s and not (old is not None and new is not None and _num_equal(old, new)):
                spec = self.form.cells[cid]
                where = f"{names[spec.table]}!{address(spec.r, spec.c)}"
                self.log("info", f"{spec.label}：导出时为{old_s or '空白'}，现为{new_s or '空白'}。", cid, where)


def _num_equal(a: Any, b: Value) -> bool:
    try:
        return Decimal(str(a)) == Decimal(b)  # type: ignore[arg-type]
    except (InvalidOperation, TypeError, ValueError):
        return False


def _clean(v: Any) -> Any:
    return clean_text(v) if isinstance(v, str) else v


def _same_label(got: Any, text: str) -> bool:
    return isinstance(got, str) and _SPACE.sub("", got) == _SPACE.sub("", text)


def _norm_formula(f: str) -> str:
    return _SPACE.sub("", f).replace("$", "").upper().lstrip("=")


def _tname(tid: str) -> str:
    return TABLE_NAMES.get(tid, tid)


def import_xlsx(path: str | os.PathLike[str]) -> ImportResult:
    """Read a workbook of our layout.  Raises :class:`ImportRefused` (Chinese message) for anything else."""
    data, name = read_bounded(path, MAX_FILE_BYTES)
    return import_xlsx_bytes(data, name)


def import_xlsx_bytes(data: bytes, name: str = "工作簿") -> ImportResult:
    check_container(data, name)
    reader = _Reader(data, name)
    try:
        names = reader.wb.sheetnames
        ours = set(sheet_names(reader.form).values()) | {TEXT_SHEET, DATA_SHEET}
        if not ours & set(names):
            raise ImportRefused(f"“{name}”不是本程序导出的报告工作簿（没有“{TEXT_SHEET}”等工作表）。")
        return reader.run()
    except ImportRefused:
        raise
    except Exception as exc:  # sheets are parsed lazily: malformed or hostile XML surfaces here
        raise _refusal(exc, name) from None
    finally:
        for wb in (reader.wb, reader._cached):
            if wb is not None:
                wb.close()
