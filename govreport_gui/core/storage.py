"""The ``.govreport`` file: strict reading, stable writing, atomic saving with a ``.bak`` of the previous version.

UTF-8 JSON; only input cells are stored; a blank cell is absent; decimals are strings.  Reading never modifies the
file.  Format version 2 adds the applications register (``"register"``, see :mod:`.register.fileformat`); a version 1
file is read through :data:`MIGRATIONS` unchanged.  Table 三 cells the register fills are derived, so not stored.  A
file that holds applicants' names is written readable by its owner only (0600).
Format version 3 keys explanations by finding (:mod:`.confirmations`); files of format 1 and 2 kept one per
rule, which is given on reading to the warnings of that rule the report has (``docs/file-format.md``, 版本变更).
Format version 4 keeps the values still to check after an import or carry-over (``unchecked``) and the import's log
(``import_log``) (:mod:`.imported.record`) and, in the register, each imported line's own 序号 and the values the
import could not read.
Every way a file can be wrong is a :class:`ReportFileError` whose message is one Chinese sentence.
"""

from __future__ import annotations

import errno
import functools
import json
import os
import re
from collections.abc import Container
from decimal import Decimal
from pathlib import Path
from typing import Any

from .atomic import SaveRefused, atomic_write_bytes
from .bounded_read import read_limited
from .form import Form, load_form
from .imported.record import import_log_from_json, record_to_json, unchecked_from_json
from .meta_fields import MetaRefused, check_meta
from .os_errors import os_error_text
from .report import META_FIELDS, Baseline, Report
from .shown import quoted, shown_value
from .text_safety import MAX_TEXT_CHARS, first_lone_surrogate, has_lone_surrogate, replace_lone_surrogates
from .values import MAX_COUNT, Value, ValueRefused, check_value, format_value, parse_amount

FORMAT = "govreport"
FORMAT_VERSION = 4  # 2: the applications register; 3: explanations per finding; 4: 待核对 marks and import log
MAX_FILE_BYTES = 20 * 1024 * 1024  # a real report is a few tens of KB
TOP_KEYS = ("format", "format_version", "form", "meta", "cells", "texts", "explanations", "previous", "printed_totals",
            "register", "unchecked", "import_log")


class ReportFileError(Exception):
    """A file that cannot be read as a report; ``str(exc)`` is a one-line Chinese message."""


# --- reading ----------------------------------------------------------------------------------------------------
def read_report(path: str | os.PathLike[str]) -> Report:
    """Read and check a ``.govreport`` file.  Raises :class:`ReportFileError`; never writes."""
    data, name = read_limited(path, MAX_FILE_BYTES, ReportFileError, _too_large)
    return loads(data, name)


def read_report_with_hash(path: str | os.PathLike[str]) -> tuple[Report, str]:
    """The report and the :func:`content_hash` of the very bytes it was read from (to notice a later change)."""
    data, name = read_limited(path, MAX_FILE_BYTES, ReportFileError, _too_large)
    return loads(data, name), content_hash(data)


def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook`` for ``json.loads``: a key given twice (at any depth) means a damaged or forged file."""
    doc = dict(pairs)
    if len(doc) != len(pairs):
        seen: set[str] = set()
        dup = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        raise ReportFileError(f"文件中“{replace_lone_surrogates(dup[:40])[0]}”出现了两次，文件已损坏或被改动过。")
    return doc


def _too_large(name: str, size: int | None) -> str:
    shown = f"（{size // (1024 * 1024)} MB）" if size is not None else ""
    return f"“{name}”过大{shown}，不是本程序保存的报告文件。"


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
        doc = json.loads(text, parse_float=_no_float, parse_constant=_no_constant, object_pairs_hook=unique_keys)
    except ReportFileError as exc:
        msg = str(exc)
        raise ReportFileError(msg if msg.startswith("“") else f"“{name}”已损坏：{msg}") from None
    except RecursionError:
        raise ReportFileError(f"“{name}”嵌套层次过深，不是govreport报告文件。") from None
    except json.JSONDecodeError as exc:
        raise ReportFileError(
            f"“{name}”已损坏或不完整（第{exc.lineno}行第{exc.colno}列无法解析），不是有效的报告文件。"
        ) from None
    except ValueError:  # an integer literal too long to convert (Python's message is English)
        raise ReportFileError(f"“{name}”含有位数过多、无法读取的数值，不是有效的报告文件。") from None
    # A lone surrogate can only come from a \\uD800-style escape (the bytes were strict UTF-8) or a str given in:
    # without either, the walk over every string of the document is not needed.
    suspect = bool(_SURROGATE_ESCAPE.search(text)) or (not isinstance(data, bytes) and has_lone_surrogate(text))
    return from_dict(doc, name, scan_surrogates=suspect)


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _need(cond: bool, msg: str) -> None:
    if not cond:
        raise ReportFileError(msg)


def from_dict(doc: Any, name: str = "文件", scan_surrogates: bool = True) -> Report:
    """Check the decoded JSON document and build a :class:`Report` (``scan_surrogates=False``: the caller knows
    that no string of ``doc`` holds a lone surrogate)."""
    _need(isinstance(doc, dict) and doc.get("format") == FORMAT, f"“{name}”不是govreport报告文件。")
    bad = first_lone_surrogate(doc) if scan_surrogates else None
    _need(bad is None, f"“{name}”已损坏：“{bad}”中含有不成对的代理字符（\\ud800一类），无法作为文字保存。")
    version = doc.get("format_version")
    _need(isinstance(version, int) and not isinstance(version, bool) and version >= 1,
          f"“{name}”缺少有效的格式版本号（format_version）。")
    if version > FORMAT_VERSION:
        raise ReportFileError(
            f"“{name}”由较新版本的程序保存（格式版本{version}），本程序只能打开版本{FORMAT_VERSION}，请升级程序；文件未作任何改动。"
        )
    for v in range(version, FORMAT_VERSION):
        doc = MIGRATIONS[v](doc)
    unknown = [k for k in doc if k not in TOP_KEYS]
    _need(not unknown, f"“{name}”含有未知的内容项{quoted(unknown[0]) if unknown else ''}。")
    form_id = doc.get("form")
    try:
        form = load_form(form_id) if isinstance(form_id, str) else None
    except KeyError:
        form = None
    _need(form is not None, f"“{name}”使用了未知的报告格式（{shown_value(form_id)}）。")
    assert form is not None
    report = Report(
        form=form, meta=_meta(doc.get("meta", {}), name),
        values=_cells(form, doc.get("cells", {}), name, inputs_only=True, what="cells"),
        texts=_strings(doc.get("texts", {}), name, "texts", allowed=form.text_keys),
        explanations=_explanations(form, doc.get("explanations", {}), name),
    )
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
    if "register" in doc:
        from .register.count import sync_report
        from .register.fileformat import register_from_json

        try:
            report.register = register_from_json(doc["register"], form)
        except ValueError as exc:
            raise ReportFileError(f"“{name}”的{exc}。") from None
        sync_report(report)
    try:
        report.unchecked = unchecked_from_json(form, doc.get("unchecked", {}))
        report.import_log = import_log_from_json(doc.get("import_log", []))
    except ValueError as exc:
        raise ReportFileError(f"“{name}”的{exc}。") from None
    report.explanations_by_rule = version < 3
    return report


def rule_of_key(key: str) -> str:
    """The rule an explanation key belongs to (``rule|subject|left|right``, or a bare rule id)."""
    return key.split("|", 1)[0]


def valid_key(form: Form, key: str) -> bool:
    """A key the file may hold: a rule id, or ``rule|…`` for a rule of the form."""
    return rule_of_key(key) in {r["id"] for r in form.rules}


def _explanations(form: Form, d: Any, name: str) -> dict[str, str]:
    _need(isinstance(d, dict), f"“{name}”的explanations格式不正确。")
    for k, v in d.items():
        _need(isinstance(k, str) and valid_key(form, k), f"“{name}”的explanations中有未知项“{k}”。")
        _need(isinstance(v, str) and len(v) <= MAX_TEXT_CHARS, f"“{name}”的explanations“{k}”应为文字。")
    return dict(d)


def _v1_to_v2(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 2 only adds the optional ``register``: a version 1 document is already a valid one."""
    return dict(doc, format_version=2)


def _v2_to_v3(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 3 keys explanations by finding; a version 2 document's per-rule keys stay valid (bare rule ids) and
    are given to the findings they match by the report's first check (:func:`.checks.run.check`)."""
    return dict(doc, format_version=3)


def _v3_to_v4(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 4 only adds optional keys (``unchecked``, ``import_log``, a register line's ``seq`` and ``unread``): a
    version 3 document is already a valid one, with nothing left to check and no import log."""
    return dict(doc, format_version=4)


MIGRATIONS = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4}  # version n -> the same document as version n + 1


def _meta(meta: Any, name: str) -> dict[str, Any]:
    _need(isinstance(meta, dict), f"“{name}”的基本信息（meta）格式不正确。")
    out: dict[str, Any] = {}
    for k, v in meta.items():
        _need(k in META_FIELDS, f"“{name}”的基本信息中有未知项{quoted(k)}。")
        try:
            out[k] = check_meta(k, v)
        except MetaRefused as exc:
            raise ReportFileError(f"“{name}”的{exc}") from None
    return out


def _strings(d: Any, name: str, what: str, allowed: Container[str]) -> dict[str, str]:
    _need(isinstance(d, dict), f"“{name}”的{what}格式不正确。")
    for k, v in d.items():  # the messages are made only when needed: a report has hundreds of cells
        if k not in allowed:
            raise ReportFileError(f"“{name}”的{what}中有未知项{quoted(k)}。")
        if not (isinstance(v, str) and len(v) <= MAX_TEXT_CHARS):
            raise ReportFileError(f"“{name}”的{what}{quoted(k)}应为文字。")
    return dict(d)


@functools.lru_cache(maxsize=8)
def _counts(form: Form) -> frozenset[str]:
    """The cells of kind ``count``."""
    return frozenset(c for c, spec in form.cells.items() if spec.kind == "count")


@functools.lru_cache(maxsize=8)
def _count_inputs(form: Form) -> frozenset[str]:
    """The input (not derived) cells of kind ``count``."""
    return frozenset(c for c, spec in form.cells.items() if spec.kind == "count" and not spec.derived)


def _cells(form: Form, d: Any, name: str, inputs_only: bool, what: str) -> dict[str, Value]:
    _need(isinstance(d, dict), f"“{name}”的{what}格式不正确。")
    # The usual cell, a count in range, is taken at C speed; the rest one by one, with a message for the first wrong.
    counts = _count_inputs(form) if inputs_only else _counts(form)
    rest = [c for c, v in d.items() if c not in counts or type(v) is not int or not 0 <= v <= MAX_COUNT]
    out: dict[str, Value] = dict(d)
    for cid in rest:
        del out[cid]
    for cid in rest:
        raw = d[cid]
        spec = form.cells.get(cid)
        if spec is None:
            raise ReportFileError(f"“{name}”含有未知的单元格编号{quoted(cid)}。")
        if inputs_only and spec.derived:
            raise ReportFileError(f"“{name}”保存了合计单元格“{cid}”，合计应由程序计算。")
        if raw is None:
            continue
        try:
            if spec.kind == "decimal" and isinstance(raw, str):
                out[cid] = parse_amount(raw, spec.label)  # plain notation only: no 1E+20, 1_000, -0
            else:
                out[cid] = check_value(spec, raw)
        except ValueRefused as exc:
            raise ReportFileError(f"“{name}”中单元格“{cid}”的值无效：{exc}") from None
    return out


# --- writing ----------------------------------------------------------------------------------------------------
def _json_value(v: Value) -> int | str:
    if isinstance(v, Decimal):
        return format_value(v)
    assert v is not None
    return v


def to_dict(report: Report, omit_applicants: bool = False, counted_cells: bool = False) -> dict[str, Any]:
    """The JSON document for ``report``, keys in a stable order (form order for cells and texts).

    ``omit_applicants`` leaves the register's 申请人 out (the rest of each line is kept); ``counted_cells`` keeps
    the cells the register fills in ``cells`` too (for copies read without the register, like a workbook's).
    """
    from .register.count import register_cells

    form = report.form
    doc: dict[str, Any] = {"format": FORMAT, "format_version": FORMAT_VERSION, "form": form.id}
    doc["meta"] = {k: report.meta[k] for k in META_FIELDS if k in report.meta}
    derived = frozenset() if counted_cells else register_cells(report)
    doc["cells"] = {
        c: _json_value(report.values[c]) for c in form.cells if report.values.get(c) is not None and c not in derived
    }
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
    if report.register is not None:
        from .register.fileformat import register_to_json

        doc["register"] = register_to_json(report.register, omit_applicants)
    doc.update(record_to_json(report))
    return doc


def dumps(report: Report, omit_applicants: bool = False) -> str:
    return json.dumps(to_dict(report, omit_applicants), ensure_ascii=False, indent=2) + "\n"


def write_report(report: Report, path: str | os.PathLike[str], overwrite_readonly: bool = False,
                 omit_applicants: bool = False, private: bool = False) -> str:
    """Save ``report`` atomically to ``path`` (keeping ``.bak``); returns the content hash of what was written.

    A file holding applicants' names (or any, with ``private``) is made readable by the owner only;
    ``omit_applicants`` leaves the names out.  Otherwise an existing file keeps its permission bits and a new one
    gets the user's umask.
    Raises ``OSError`` on failure; a :class:`~.atomic.SaveRefused` (an ``OSError``) carries a Chinese sentence,
    e.g. for text that cannot be stored, a name too long or a read-only file (see :mod:`.atomic`).
    """
    try:
        data = dumps(report, omit_applicants).encode("utf-8")
    except UnicodeEncodeError:
        place = first_lone_surrogate(to_dict(report)) or "正文"
        msg = f"报告中“{place}”含有无法保存的字符（不成对的代理字符），未保存；请删除该处的异常字符后重试。"
        raise SaveRefused(msg) from None
    names = report.register is not None and report.register.has_names() and not omit_applicants
    atomic_write_bytes(path, data, overwrite_readonly=overwrite_readonly, private=private or names)
    return content_hash(data)


def content_hash(data: bytes) -> str:
    """The hash that identifies a file's content (SHA-256, hex): compared at save time to notice a change."""
    import hashlib  # here: `govreport validate` reads a thousand files and hashes none

    return hashlib.sha256(data).hexdigest()


# --- failures and changes underneath ------------------------------------------------------------------------------
def describe_save_error(exc: OSError, path: str | os.PathLike[str]) -> str:
    """A Chinese sentence for a failed save: what happened and what to do.  The file on disk was left as it was."""
    name = Path(path).name
    if isinstance(exc, SaveRefused):
        return str(exc)
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
    detail = os_error_text(exc)
    return f"保存“{name}”失败（{detail}）。{keep}请用“另存为”保存到其他位置。"


def file_hash(path: str | os.PathLike[str]) -> str | None:
    """The :func:`content_hash` of the file now, or ``None`` if it cannot be read (deleted, moved)."""
    import hashlib

    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(1024 * 1024):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()
