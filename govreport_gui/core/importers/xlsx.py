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

import os
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ..form import Form, load_form
from ..grid import table_grid
from ..meta_fields import MetaRefused, parse_meta
from ..paragraphs import IMPORT_PARAGRAPH_CHARS, cut_long_paragraphs
from ..report import Report
from ..shown import quoted
from ..values import Value, ValueRefused, check_value, format_value, parse_value
from ..workbook import (
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
from .xlsx_data_sheet import MAX_SHEET_COLS, MAX_SHEET_ROWS, read_data_sheet
from .xlsx_open import Sheet, check_container, clean, load_workbook, norm_formula, num_equal, refusal, same_label

MAX_FILE_BYTES = 20 * 1024 * 1024
_NUMBER_FORMAT_PLACES = re.compile(r"^(?:#,##)?0(?:\.(0+))?$")
_SPACE = re.compile(r"\s+")


# --- the import ---------------------------------------------------------------------------------------------------
class _Reader:
    formulas_shown = True  # an .xls (xlrd) gives a formula's result only: a total is then checked by its value

    def __init__(self, data: bytes, name: str, wb: Any = None) -> None:
        self.data = data
        self.name = name
        self.wb = wb if wb is not None else load_workbook(data, name)
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
        if not self.formulas_shown:
            return None
        if self._cached is None:
            self._cached = load_workbook(self.data, self.name, data_only=True)
        try:
            return self._cached[sheet].cell(row=r, column=c).value
        except KeyError:
            return None

    # hidden sheet --------------------------------------------------------------------------------------------
    def read_snapshot(self) -> None:
        snap = read_data_sheet(self.wb, self.form, self.name, self.log)
        if snap is None:
            return
        self.snapshot = snap.doc
        rep, base = self.result.report, snap.base
        rep.meta, rep.texts, rep.explanations, rep.previous = base.meta, base.texts, base.explanations, base.previous
        self._snapshot_printed = base.printed_totals
        self._snapshot_cells = snap.cells

    # table sheets --------------------------------------------------------------------------------------------
    def find_sheet(self, tid: str, expected: str, taken: set[str]) -> Sheet | None:
        grid = table_grid(self.form, tid)
        t = grid.table
        if expected in self.wb.sheetnames:
            return Sheet(self.wb[expected], t.rows + 5, t.cols + 2)
        # renamed? the first other sheet whose labels match the grid
        labels = [g for g in grid.cells if g.kind in ("head", "label")]
        for title in self.wb.sheetnames:
            if title in taken or title in (TEXT_SHEET, DATA_SHEET):
                continue
            sh = Sheet(self.wb[title], t.rows + 5, t.cols + 2)
            hits = sum(same_label(sh.value(g.r, g.c), g.text) for g in labels)
            if hits >= 0.8 * len(labels):
                short = self.form.tables[tid].short
                self.log("warning", f"没有找到工作表“{expected}”，已按内容认定工作表“{title}”为{short}。", where=title)
                return sh
        return None

    def read_tables(self) -> None:
        names = sheet_names(self.form)
        taken: set[str] = set()
        for tid in self.form.tables:
            sh = self.find_sheet(tid, names[tid], taken)
            if sh is None:
                n = sum(1 for c in self.form.tables[tid].cells if not self.form.cells[c].derived)
                short = self.form.tables[tid].short
                self.log("missing", f"缺少工作表“{names[tid]}”：{short}的{n}个单元格未读入，均为空白。",
                         where=names[tid])
                continue
            taken.add(sh.title)
            self.read_table(tid, sh)

    def read_table(self, tid: str, sh: Sheet) -> None:
        form = self.form
        grid = table_grid(form, tid)
        moved = 0
        for g in grid.cells:
            if g.kind not in ("head", "label"):
                continue
            got = sh.value(g.r, g.c)
            if not same_label(got, g.text):
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
        for g in totals:
            self.read_total(sh, g.cell_id, row_at.get(g.r, g.r), g.c)
        self.log("read", f"{self.form.tables[tid].short}：读入{n_read}个有数值的单元格。", where=sh.title)
        if moved:
            self.log("warning", f"{self.form.tables[tid].short}有{moved}处标签与表格格式不符。", where=sh.title)
        # (range merges, widths and styles are presentation only; nothing to read there)

    def relocate_rows(self, grid: Any, sh: Sheet) -> dict[int, int]:
        """Grid row → sheet row, for value rows whose own row label (the rightmost) now stands in one other row."""
        out: dict[int, int] = {}
        value_rows = sorted({g.r for g in grid.cells if g.is_value})
        for r in value_rows:
            own = [g for g in grid.cells if g.kind == "label" and g.r == r and g.rs == 1]
            if not own:
                continue
            g = max(own, key=lambda x: x.c)
            if same_label(sh.value(r, g.c), g.text):
                continue
            hits = [rr for (rr, cc), cell in sh.cells.items() if cc == g.c and same_label(cell.value, g.text)]
            if len(hits) == 1:
                out[r] = hits[0]
                self.log("warning", f"“{g.text}”一行在第{hits[0]}行而不是第{r}行，已按标签所在行读入，请核对。",
                         where=f"{sh.title}!{address(hits[0], g.c)}")
        return out

    def read_input(self, sh: Sheet, cid: str, r: int, c: int) -> Value:
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
                self.log("unread", f"此处应填数字，却是文字{quoted(raw)}，未读入（空白）：{exc}", cid, where)
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

    def read_total(self, sh: Sheet, cid: str, r: int, c: int) -> None:
        rep = self.result.report
        spec = self.form.cells[cid]
        where = f"{sh.title}!{address(r, c)}"
        computed = rep.get(cid)
        raw = sh.value(r, c)
        snap = self._snapshot_printed.get(cid)
        if sh.kind(r, c) == "f" or (isinstance(raw, str) and raw.startswith("=")):
            if norm_formula(str(raw)) == norm_formula(total_formula(self.form, cid)):
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
            if self.formulas_shown:
                self.log("info", f"{spec.label}：合计是数字{format_value(value)}而不是公式，与各项之和一致。",
                         cid, where)

    # text sheet ----------------------------------------------------------------------------------------------
    def read_texts(self) -> None:
        rep = self.result.report
        if TEXT_SHEET not in self.wb.sheetnames:
            self.log("missing", f"缺少工作表“{TEXT_SHEET}”：基本信息和正文"
                     f"{'按程序信息工作表读入' if self.snapshot else '未读入'}。", where=TEXT_SHEET)
            return
        sh = Sheet(self.wb[TEXT_SHEET], MAX_SHEET_ROWS, MAX_SHEET_COLS)
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
            if shown_text(got) == shown_text(clean(meta_shown(rep, key))):
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
            rep.texts[key], cut = cut_long_paragraphs(text, IMPORT_PARAGRAPH_CHARS)
            self.log("info", f"“{v}”的正文已在工作簿中修改，按工作簿读入。", where=f"{TEXT_SHEET}!{address(r, 2)}")
            if cut:
                self.log("warning", f"“{v}”的正文中有{cut}段超过{IMPORT_PARAGRAPH_CHARS}字，已在句末分成几段，请核对。",
                         where=f"{TEXT_SHEET}!{address(r, 2)}")

    def _set_meta(self, key: str, got: Any, where: str, label: str) -> None:
        try:
            self.result.report.meta[key] = parse_meta(key, got)
        except MetaRefused as exc:
            self.log("unread", f"{str(exc).rstrip('。')}，未读入。", where=where)
            return
        self.log("info", f"“{label}”已在工作簿中修改，按工作簿读入。", where=where)

    def run(self) -> ImportResult:
        self.read_snapshot()
        self.read_tables()
        self.read_texts()
        self.log_changes()
        if self.snapshot.get("format_version", DATA_VERSION) < 2:
            self.result.report.explanations_by_rule = True  # version 1 kept one per rule: the first check moves them
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
            if old_s != new_s and not (old is not None and new is not None and num_equal(old, new)):
                spec = self.form.cells[cid]
                where = f"{names[spec.table]}!{address(spec.r, spec.c)}"
                self.log("info", f"{spec.label}：导出时为{old_s or '空白'}，现为{new_s or '空白'}。", cid, where)


def import_xlsx(path: str | os.PathLike[str]) -> ImportResult:
    """Read a workbook of our layout.  Raises :class:`ImportRefused` (Chinese message) for anything else."""
    data, name = read_bounded(path, MAX_FILE_BYTES)
    return import_xlsx_bytes(data, name)


def import_xlsx_bytes(data: bytes, name: str = "工作簿", book: Any = None) -> ImportResult:
    """``book``: an opened .xls that looks like openpyxl's workbook (:mod:`.xls`), whose formulas show their values."""
    if book is None:
        check_container(data, name)
    reader = _Reader(data, name, book)
    reader.formulas_shown = book is None
    try:
        names = reader.wb.sheetnames
        ours = set(sheet_names(reader.form).values()) | {TEXT_SHEET, DATA_SHEET}
        if not ours & set(names):
            raise ImportRefused(f"“{name}”不是本程序导出的报告工作簿（没有“{TEXT_SHEET}”等工作表）。")
        return reader.run()
    except ImportRefused:
        raise
    except Exception as exc:  # sheets are parsed lazily: malformed or hostile XML surfaces here
        raise refusal(exc, name) from None
    finally:
        for wb in (reader.wb, reader._cached):
            if wb is not None:
                wb.close()
