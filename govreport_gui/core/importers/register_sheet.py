"""Read an office's register from .xlsx or .csv, whatever its headers, without guessing.

The header row is the first row (of the first 20, on the first sheet that has one) naming a 收到日期 column by one of
the names in :data:`HEADERS`; other columns are placed by their names too.  Dates may be real spreadsheet dates or
text (:mod:`.dates`); results and applicant types are matched by :mod:`.matching`.  Every value that cannot be
placed is returned in ``unmatched`` (its field is left empty and the text kept in the line's ``unread``, so that the
line's findings name it until the clerk sets the field), every column that cannot be placed in ``unplaced``; the
序号 column, when there is one, is kept as each line's ``seq``.
Bounded like the report importers: 20 MB file, the zip checked member by member before openpyxl sees it, at most
:data:`MAX_ROWS` rows × :data:`MAX_COLS` columns read.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from ..form import Form
from ..register.dates import parse_date
from ..register.matching import match_result, match_type, match_yes_no, normalise
from ..register.model import FIELD_LABELS, MAX_CONSULTATION_DAYS, MAX_SEQ, MAX_TEXT, RegisterLine
from .base import ImportRefused, read_bounded

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS, MAX_COLS, HEADER_SCAN = 30_000, 60, 20  # openpyxl reads ~20,000 rows a second: 30,000 stays in 5 s
# openpyxl parses a whole sheet that has no <dimension> element just to size it (30 MB took 13 s): Excel, WPS,
# LibreOffice and openpyxl always write one, so a sheet without it is read only while small.
MAX_UNSIZED_SHEET = 2 * 1024 * 1024

# Header names seen in offices' registers, by field; compared after :func:`.matching.normalise`.
HEADERS: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "编号", "登记号", "登记编号", "申请编号", "顺序号", "受理编号", "流水号"),
    "received": ("收到日期", "受理日期", "申请日期", "收件日期", "接收日期", "登记日期", "收到申请日期", "申请时间",
                 "收到时间", "受理时间", "收到申请时间", "申请收到日期"),
    "applicant_type": ("申请人类型", "申请人类别", "申请主体", "申请主体类型", "申请主体类别", "申请人性质",
                       "申请人身份", "类型", "类别"),
    "applicant": ("申请人", "申请人姓名", "申请人名称", "姓名", "名称", "申请人姓名或名称", "申请人姓名名称"),
    "content": ("申请内容", "申请事项", "申请公开内容", "申请公开的政府信息", "申请信息内容", "所需信息内容描述",
                "所需政府信息内容描述", "内容", "事由"),
    "result": ("办理结果", "处理结果", "答复结果", "答复类型", "答复情况", "处理情况", "办理情况", "答复意见",
               "结果"),
    "answered": ("答复日期", "办结日期", "答复时间", "办结时间", "回复日期", "答复办结日期", "处理日期"),
    "extended": ("延期", "是否延期", "延期答复", "延长答复期限", "是否延长答复期限", "是否延长"),
    "correction_asked": ("补正告知日期", "告知补正日期", "补正通知日期", "通知补正日期", "补正告知时间"),
    "correction_received": ("补正收到日期", "收到补正日期", "补正材料收到日期", "补正收到时间", "收到补正材料日期"),
    "consultation_days": ("征求意见天数", "征求第三方意见天数", "征求意见工作日", "征求第三方意见工作日",
                          "第三方意见天数", "征求意见时间天"),
    "note": ("备注", "说明", "其他说明"),
}
_BY_NAME = {normalise(n): f for f, names in HEADERS.items() for n in names}


@dataclass(frozen=True)
class Unmatched:
    """A value that could not be placed: the sheet row, the column's header, the value and why."""

    row: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        return f"第{self.row}行“{self.column}”：“{self.value}”{self.reason}"


@dataclass
class RegisterImport:
    lines: list[RegisterLine] = field(default_factory=list)
    unmatched: list[Unmatched] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)  # headers of columns not placed (with values below them)
    where: str = ""  # sheet and header row, for the log


def read_register(path: str | os.PathLike[str], form: Form) -> RegisterImport:
    """Read ``path`` (.xlsx or .csv).  :class:`ImportRefused` (Chinese) when it is no register at all."""
    data, name = read_bounded(path, MAX_FILE_BYTES)
    suffix = Path(path).suffix.lower()
    if suffix in (".csv", ".txt"):
        return _from_rows(_csv_rows(data, name), form, name, "")
    if suffix in (".xlsx", ".xlsm") or data[:2] == b"PK" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return _from_workbook(data, name, form)
    raise ImportRefused(f"“{name}”不是 .xlsx 或 .csv 文件，无法作为台账导入。")


def _csv_rows(data: bytes, name: str) -> list[list[Any]]:
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportRefused(f"“{name}”不是UTF-8或GBK编码的文本，无法作为CSV台账导入。")
    if "\x00" in text:
        raise ImportRefused(f"“{name}”是二进制文件，不是CSV台账。")
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        rows = []
        for row in reader:
            rows.append(row[:MAX_COLS])
            if len(rows) > MAX_ROWS:
                raise ImportRefused(f"“{name}”超过{MAX_ROWS}行，不像一份台账。")
        return rows
    except csv.Error as exc:
        raise ImportRefused(f"“{name}”不是有效的CSV文件（{exc}）。") from None


def _from_workbook(data: bytes, name: str, form: Form) -> RegisterImport:
    from .xlsx_open import check_container, load_workbook, refusal

    check_container(data, name)
    _check_sheet_sizes(data, name)
    wb = load_workbook(data, name)
    try:
        for ws in wb.worksheets:
            if getattr(ws, "sheet_state", "visible") != "visible":
                continue
            ws.reset_dimensions()  # read to the real end (bounded below), whatever size the sheet claims
            head = [list(r) for r in ws.iter_rows(max_row=HEADER_SCAN, max_col=MAX_COLS, values_only=True)]
            h = _header_row(head)
            if h is None:
                continue
            width = max((c + 1 for c, v in enumerate(head[h]) if v not in (None, "")), default=1)
            rows = head[:h + 1]
            for r in ws.iter_rows(min_row=h + 2, max_col=width, values_only=True):
                rows.append(list(r))
                if len(rows) > MAX_ROWS:
                    raise ImportRefused(f"“{name}”的工作表“{ws.title}”超过{MAX_ROWS}行，不像一份台账。")
            return _from_rows(rows, form, name, ws.title)
    except ImportRefused:
        raise
    except Exception as exc:  # a malformed sheet: openpyxl raises many kinds
        raise refusal(exc, name) from None
    finally:
        wb.close()
    raise ImportRefused(f"“{name}”中找不到台账的表头（需要有“收到日期”或“受理日期”“申请日期”一列）。")


def _check_sheet_sizes(data: bytes, name: str) -> None:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            if not info.filename.startswith("xl/worksheets/") or info.file_size <= MAX_UNSIZED_SHEET:
                continue
            with zf.open(info) as fh:
                head = fh.read(64 * 1024)
            cut = head.find(b"<sheetData")
            if b"<dimension" not in (head if cut < 0 else head[:cut]):
                raise ImportRefused(f"“{name}”的工作表过大且缺少尺寸信息，不像Excel或WPS保存的台账，拒绝读取。")


def _header_row(rows: list[list[Any]]) -> int | None:
    for i, row in enumerate(rows[:HEADER_SCAN]):
        if any(isinstance(v, str) and _BY_NAME.get(normalise(v)) == "received" for v in row):
            return i
    return None


def _from_rows(rows: list[list[Any]], form: Form, name: str, sheet: str) -> RegisterImport:
    h = _header_row(rows)
    if h is None:
        raise ImportRefused(f"“{name}”中找不到台账的表头（需要有“收到日期”或“受理日期”“申请日期”一列）。")
    out = RegisterImport(where=f"{sheet + '，' if sheet else ''}第{h + 1}行为表头")
    columns: dict[str, int] = {}
    headers = rows[h]
    unplaced_cols: list[tuple[int, str]] = []
    for c, v in enumerate(headers):
        text = "" if v is None else str(v).strip()
        if not text:
            continue
        f = _BY_NAME.get(normalise(text))
        if f is None or f in columns:
            unplaced_cols.append((c, text))
        else:
            columns[f] = c
    body = rows[h + 1:]
    out.unplaced = [t for c, t in unplaced_cols if any(_cell(r, c) not in (None, "") for r in body)]
    labels = {f: str(headers[c]).strip() for f, c in columns.items()}
    for k, row in enumerate(body, h + 2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
            continue
        line = _line(row, k, columns, labels, form, out.unmatched)
        if line is not None:
            out.lines.append(line)
    if all(line.seq == str(no) for no, line in enumerate(out.lines, 1)):  # 1, 2, 3…: the register's own order
        out.lines = [replace(line, seq="") for line in out.lines]
    return out


def _cell(row: list[Any], c: int | None) -> Any:
    if c is None or c >= len(row):
        return None
    v = row[c]
    if isinstance(v, str):
        v = v.strip()
        return v or None
    return v


def _line(row: list[Any], k: int, columns: dict[str, int], labels: dict[str, str], form: Form,
          unmatched: list[Unmatched]) -> RegisterLine | None:
    unread: dict[str, str] = {}

    def bad(f: str, v: Any, reason: str) -> None:
        unmatched.append(Unmatched(k, labels.get(f, FIELD_LABELS.get(f, f)), str(v)[:80], reason))
        if f in FIELD_LABELS and str(v).strip():
            unread[f] = _text(v)

    def get(f: str) -> Any:
        return _cell(row, columns.get(f))

    dates: dict[str, date | None] = {}
    for f in ("received", "answered", "correction_asked", "correction_received"):
        v = get(f)
        d = parse_date(v) if v is not None else None
        if v is not None and (d is None or not 1990 <= d.year <= 2999):
            bad(f, v, "不是可识别的日期")
            d = None
        dates[f] = d
    received = dates["received"]
    if received is None:
        if get("received") is None:
            bad("received", "", "为空，此行未导入")
        return None
    kind = None
    v = get("applicant_type")
    if v is not None:
        kind = match_type(form, str(v))
        if kind is None:
            bad("applicant_type", v, "无法对应到表三的申请人类别")
    result = None
    v = get("result")
    if v is not None:
        result = match_result(form, str(v))
        if result is None:
            bad("result", v, "无法对应到表三的办理结果")
    v = get("extended")
    extended = match_yes_no(v)
    if extended is None:
        bad("extended", v, "应为“是”或“否”")
        extended = False
    days = 0
    v = get("consultation_days")
    if v is not None:
        try:
            days = int(str(v).strip().removesuffix("天").removesuffix("个工作日")) if not isinstance(v, float) \
                else int(v) if v == int(v) else -1
        except ValueError:
            days = -1
        if not 0 <= days <= MAX_CONSULTATION_DAYS:
            bad("consultation_days", v, f"应为0至{MAX_CONSULTATION_DAYS}的整数")
            days = 0
    answered = dates["answered"]
    if answered is not None and answered < received:
        bad("answered", answered.isoformat(), "早于收到日期")
        answered = None
    return RegisterLine(
        received=received, applicant_type=kind, applicant=_text(get("applicant")), content=_text(get("content")),
        result=result, answered=answered, extended=extended, correction_asked=dates["correction_asked"],
        correction_received=dates["correction_received"], consultation_days=days, note=_text(get("note")),
        seq=_text(get("seq"))[:MAX_SEQ], unread=tuple((f, unread[f]) for f in FIELD_LABELS if f in unread),
    )


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v == int(v):
        v = int(v)
    return str(v).strip()[:MAX_TEXT]
