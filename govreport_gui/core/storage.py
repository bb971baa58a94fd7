"""The ``.govreport`` file: strict reading, stable writing, atomic saving with a ``.bak`` of the previous version.

UTF-8 JSON; only input cells are stored; a blank cell is absent; decimals are strings.  Reading never modifies the
file.  Format 3 keys explanations by finding (:mod:`.confirmations`); files of format 1 and 2 kept one per rule,
which is given on reading to the warnings of that rule the report has (``docs/file-format.md``, 版本变更).
Every way a file can be wrong is a :class:`ReportFileError` whose message is one Chinese sentence.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .confirmations import migrate_rule_explanations, rule_of_key, valid_key
from .form import Form, load_form
from .report import META_FIELDS, Baseline, Report
from .values import Value, ValueRefused, check_value, format_value

FORMAT = "govreport"
FORMAT_VERSION = 3  # 2: the applications register (another branch); 3: explanations per finding
MAX_FILE_BYTES = 20 * 1024 * 1024  # a real report is a few tens of KB
MAX_TEXT_CHARS = 1_000_000
TOP_KEYS = ("format", "format_version", "form", "meta", "cells", "texts", "explanations", "previous", "printed_totals")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ReportFileError(Exception):
    """A file that cannot be read as a report; ``str(exc)`` is a one-line Chinese message."""


# --- reading ----------------------------------------------------------------------------------------------------
def read_report(path: str | os.PathLike[str]) -> Report:
    """Read and check a ``.govreport`` file.  Raises :class:`ReportFileError`; never writes."""
    p = Path(path)
    name = p.name
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReportFileError(f"“{name}”过大（{size // (1024 * 1024)} MB），不是本程序保存的报告文件。")
        with open(p, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ReportFileError(f"找不到文件“{name}”。") from None
    except IsADirectoryError:
        raise ReportFileError(f"“{name}”是文件夹，不是报告文件。") from None
    except PermissionError:
        raise ReportFileError(f"没有读取“{name}”的权限。") from None
    except OSError as exc:
        raise ReportFileError(f"无法读取“{name}”：{exc.strerror or exc}。") from None
    return loads(data, name)


def _no_float(s: str) -> Any:
    raise ReportFileError(f"数值“{s}”不能用浮点数保存（金额应写成字符串）。")


def _no_constant(s: str) -> Any:
    raise ReportFileError(f"文件中有无效的数值“{s}”。")


def loads(data: bytes | str, name: str = "文件") -> Report:
    """Parse the bytes of a ``.govreport`` file; ``name`` is used in messages."""
    if not data or (isinstance(data, bytes) and not data.strip()):
        raise ReportFileError(f"“{name}”是空文件，不是报告文件。")
    if isinstance(data, bytes):
        if b"\x00" in data[:4096]:
            raise ReportFileError(f"“{name}”是二进制文件，不是govreport报告文件。")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ReportFileError(f"“{name}”不是UTF-8文本，不是govreport报告文件。") from None
    else:
        text = data
    try:
        doc = json.loads(text, parse_float=_no_float, parse_constant=_no_constant)
    except ReportFileError:
        raise
    except RecursionError:
        raise ReportFileError(f"“{name}”嵌套层次过深，不是govreport报告文件。") from None
    except json.JSONDecodeError as exc:
        raise ReportFileError(
            f"“{name}”已损坏或不完整（第{exc.lineno}行第{exc.colno}列无法解析），不是有效的报告文件。"
        ) from None
    except ValueError as exc:  # e.g. an integer literal too long to convert
        raise ReportFileError(f"“{name}”含有无法读取的内容（{exc}）。") from None
    return from_dict(doc, name)


def _need(cond: bool, msg: str) -> None:
    if not cond:
        raise ReportFileError(msg)


def from_dict(doc: Any, name: str = "文件") -> Report:
    """Check the decoded JSON document and build a :class:`Report`."""
    _need(isinstance(doc, dict) and doc.get("format") == FORMAT, f"“{name}”不是govreport报告文件。")
    version = doc.get("format_version")
    _need(isinstance(version, int) and not isinstance(version, bool) and version >= 1,
          f"“{name}”缺少有效的格式版本号（format_version）。")
    if version > FORMAT_VERSION:
        raise ReportFileError(
            f"“{name}”由较新版本的程序保存（格式版本{version}），本程序只能打开版本{FORMAT_VERSION}，请升级程序；文件未作任何改动。"
        )
    unknown = [k for k in doc if k not in TOP_KEYS]
    _need(not unknown, f"“{name}”含有未知的内容项“{unknown[0] if unknown else ''}”。")
    form_id = doc.get("form")
    try:
        form = load_form(form_id) if isinstance(form_id, str) else None
    except KeyError:
        form = None
    _need(form is not None, f"“{name}”使用了未知的报告格式“{form_id}”。")
    assert form is not None
    report = Report(form=form)
    report.meta = _meta(doc.get("meta", {}), name)
    report.values = _cells(form, doc.get("cells", {}), name, inputs_only=True, what="cells")
    report.texts = _strings(doc.get("texts", {}), name, "texts", allowed=set(form.text_keys))
    report.explanations = _explanations(form, doc.get("explanations", {}), name)
    prev = doc.get("previous")
    if prev is not None:
        _need(isinstance(prev, dict) and set(prev) <= {"year", "cells"}, f"“{name}”的上年数据（previous）格式不正确。")
        year = prev.get("year")
        _need(year is None or (isinstance(year, int) and not isinstance(year, bool)),
              f"“{name}”的上年年度不是整数。")
        report.previous = Baseline(year=year, cells=_cells(form, prev.get("cells", {}), name, False, "previous"))
    printed = _cells(form, doc.get("printed_totals", {}), name, inputs_only=False, what="printed_totals")
    _need(all(c in form.totals for c in printed), f"“{name}”的printed_totals只能包含合计单元格。")
    report.printed_totals = printed
    if version < 3:
        migrate_rule_explanations(report)
    return report


def _explanations(form: Form, d: Any, name: str) -> dict[str, str]:
    _need(isinstance(d, dict), f"“{name}”的explanations格式不正确。")
    for k, v in d.items():
        _need(isinstance(k, str) and valid_key(form, k), f"“{name}”的explanations中有未知项“{k}”。")
        _need(isinstance(v, str) and len(v) <= MAX_TEXT_CHARS, f"“{name}”的explanations“{k}”应为文字。")
    return dict(d)


def _meta(meta: Any, name: str) -> dict[str, Any]:
    _need(isinstance(meta, dict), f"“{name}”的基本信息（meta）格式不正确。")
    out: dict[str, Any] = {}
    for k, v in meta.items():
        _need(k in META_FIELDS, f"“{name}”的基本信息中有未知项“{k}”。")
        if k == "year":
            _need(v is None or (isinstance(v, int) and not isinstance(v, bool) and 1990 <= v <= 2999),
                  f"“{name}”的年度“{v}”无效。")
        elif k == "published":
            _need(v is None or (isinstance(v, str) and (v == "" or _DATE_RE.match(v) is not None)),
                  f"“{name}”的发布日期“{v}”应写成YYYY-MM-DD。")
        else:
            _need(v is None or (isinstance(v, str) and len(v) <= 1000), f"“{name}”的基本信息“{k}”应为文字。")
        out[k] = v
    return out


def _strings(d: Any, name: str, what: str, allowed: set[str]) -> dict[str, str]:
    _need(isinstance(d, dict), f"“{name}”的{what}格式不正确。")
    for k, v in d.items():
        _need(k in allowed, f"“{name}”的{what}中有未知项“{k}”。")
        _need(isinstance(v, str) and len(v) <= MAX_TEXT_CHARS, f"“{name}”的{what}“{k}”应为文字。")
    return dict(d)


def _cells(form: Form, d: Any, name: str, inputs_only: bool, what: str) -> dict[str, Value]:
    _need(isinstance(d, dict), f"“{name}”的{what}格式不正确。")
    out: dict[str, Value] = {}
    for cid, raw in d.items():
        spec = form.cells.get(cid)
        _need(spec is not None, f"“{name}”含有未知的单元格编号“{cid}”。")
        assert spec is not None
        _need(not (inputs_only and spec.derived), f"“{name}”保存了合计单元格“{cid}”，合计应由程序计算。")
        if raw is None:
            continue
        value: object = raw
        if spec.kind == "decimal" and isinstance(raw, str):
            try:
                value = Decimal(raw)
            except InvalidOperation:
                raise ReportFileError(f"“{name}”中单元格“{cid}”的值“{raw}”不是数字。") from None
        try:
            out[cid] = check_value(spec, value)
        except ValueRefused as exc:
            raise ReportFileError(f"“{name}”中单元格“{cid}”的值无效：{exc}") from None
    return out


# --- writing ----------------------------------------------------------------------------------------------------
def _json_value(v: Value) -> int | str:
    if isinstance(v, Decimal):
        return format_value(v)
    assert v is not None
    return v


def to_dict(report: Report) -> dict[str, Any]:
    """The JSON document for ``report``, keys in a stable order (form order for cells and texts)."""
    form = report.form
    doc: dict[str, Any] = {"format": FORMAT, "format_version": FORMAT_VERSION, "form": form.id}
    doc["meta"] = {k: report.meta[k] for k in META_FIELDS if k in report.meta}
    doc["cells"] = {c: _json_value(report.values[c]) for c in form.cells if report.values.get(c) is not None}
    doc["texts"] = {k: report.texts[k] for k in form.text_keys if report.texts.get(k)}
    order = {r["id"]: i for i, r in enumerate(form.rules)}
    doc["explanations"] = {
        k: report.explanations[k]
        for k in sorted(report.explanations, key=lambda k: (order.get(rule_of_key(k), len(order)), k))
    }
    if report.previous is not None:
        doc["previous"] = {
            "year": report.previous.year,
            "cells": {c: _json_value(v) for c in form.cells if (v := report.previous.cells.get(c)) is not None},
        }
    if report.printed_totals:
        doc["printed_totals"] = {
            c: _json_value(v) for c in form.cells if (v := report.printed_totals.get(c)) is not None
        }
    return doc


def dumps(report: Report) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, keep_backup: bool = True) -> None:
    """Write ``data`` to ``path`` so that the file is always the complete old or the complete new content.

    A temporary file in the same folder is written, flushed and fsynced, then renamed over ``path``; the previous
    version is kept as ``<path>.bak``.  On failure the temporary file is removed and ``path`` is untouched.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if keep_backup and target.exists():
            _backup(target)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(folder)


def _backup(target: Path) -> None:
    bak = target.with_name(target.name + ".bak")
    tmp_bak = target.with_name(f".{target.name}.bak.tmp")
    try:
        if tmp_bak.exists():
            tmp_bak.unlink()
        os.link(target, tmp_bak)
    except OSError:
        shutil.copy2(target, tmp_bak)
    os.replace(tmp_bak, bak)


def write_report(report: Report, path: str | os.PathLike[str]) -> None:
    """Save ``report`` atomically to ``path`` (keeping ``.bak``).  Raises ``OSError`` on failure."""
    atomic_write_bytes(path, dumps(report).encode("utf-8"))


# --- failures and changes underneath ------------------------------------------------------------------------------
def describe_save_error(exc: OSError, path: str | os.PathLike[str]) -> str:
    """A Chinese sentence for a failed save: what happened and what to do.  The file on disk was left as it was."""
    import errno

    name = Path(path).name
    keep = "原文件未被改动，您的修改仍在程序中，"
    code = exc.errno
    winerror = getattr(exc, "winerror", None)
    if code == errno.ENOSPC or code == getattr(errno, "EDQUOT", -1):
        return f"磁盘空间不足，无法保存“{name}”。{keep}请清理磁盘空间后重试，或用“另存为”保存到其他磁盘。"
    if winerror in (32, 33):
        return (f"“{name}”正被其他程序占用（例如已在WPS或Excel中打开），无法保存。"
                f"{keep}请关闭该程序后重试，或用“另存为”。")
    if code == errno.EROFS:
        return f"“{name}”所在的位置是只读的，无法保存。{keep}请用“另存为”保存到其他位置。"
    if code in (errno.EACCES, errno.EPERM):
        return f"没有写入“{name}”所在文件夹的权限，无法保存。{keep}请用“另存为”保存到其他位置，或请管理员开放权限。"
    if code == errno.ENOENT:
        return (f"保存位置已不存在（文件夹被删除、移动或网络盘已断开），无法保存“{name}”。"
                f"{keep}请用“另存为”选择其他位置。")
    if code == errno.ENAMETOOLONG:
        return f"文件名或路径过长，无法保存“{name}”。{keep}请用“另存为”换一个较短的名称或位置。"
    detail = exc.strerror or str(exc)
    return f"保存“{name}”失败（{detail}）。{keep}请用“另存为”保存到其他位置。"


FileStamp = tuple[int, int] | None


def file_stamp(path: str | os.PathLike[str]) -> FileStamp:
    """(modification time, size) of a file, or ``None`` if it does not exist: to notice a change underneath."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)
