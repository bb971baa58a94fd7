"""The register inside the ``.govreport`` file (format version 2; ``seq`` and ``unread`` since version 4), read
strictly and written in a stable order.

::

    "register": {"fills_table": true,
                 "lines": [{"received": "2025-01-20", "type": "natural", "applicant": "张三", "content": "…",
                            "result": "granted", "answered": "2025-02-10", "extended": false,
                            "correction_asked": "2025-01-22", "correction_received": "2025-01-27",
                            "consultation_days": 0, "note": "…", "seq": "15", "unread": {"result": "已公开"}}]}

``received`` and ``type`` are always written; the other keys only when they hold something.  ``seq`` is the 序号 an
imported line had in the office's workbook; ``unread`` keeps, by field, a value the import could not read (that
field is then empty) until the clerk sets the field.  ``type`` is an
applicant column id and ``result`` a result row id of the counted table.  Any malformed value refuses the whole file
with a one-line Chinese message (:class:`ValueError` here; storage turns it into its own error).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..form import Form
from .model import FIELD_LABELS, MAX_CONSULTATION_DAYS, MAX_SEQ, MAX_TEXT, Register, RegisterLine, register_spec

MAX_LINES = 200_000
_KEYS = ("received", "type", "applicant", "content", "result", "answered", "extended", "correction_asked",
         "correction_received", "consultation_days", "note", "seq", "unread")
UNREAD_FIELDS = tuple(FIELD_LABELS)  # the fields a value may be kept unread for
_DATES = {"received": "收到日期", "answered": "答复日期", "correction_asked": "补正告知日期",
          "correction_received": "补正收到日期"}
_TEXTS = ("applicant", "content", "note")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def register_to_json(register: Register, omit_applicants: bool = False) -> dict[str, Any]:
    lines = []
    for line in register.lines:
        d: dict[str, Any] = {"received": line.received.isoformat(), "type": line.applicant_type}
        if line.applicant and not omit_applicants:
            d["applicant"] = line.applicant
        if line.content:
            d["content"] = line.content
        if line.result:
            d["result"] = line.result
        for key in ("answered", "correction_asked", "correction_received"):
            v = getattr(line, key)
            if v is not None:
                d[key] = v.isoformat()
        if line.extended:
            d["extended"] = True
        if line.consultation_days:
            d["consultation_days"] = line.consultation_days
        if line.note:
            d["note"] = line.note
        if line.seq:
            d["seq"] = line.seq
        if line.unread:
            d["unread"] = {f: t for f in UNREAD_FIELDS for g, t in line.unread if g == f}
        lines.append(d)
    return {"fills_table": register.fills_table, "lines": lines}


def register_from_json(raw: Any, form: Form) -> Register:
    """Check and build the register; :class:`ValueError` (Chinese message, without the file name) if malformed."""
    if not form.register:
        raise ValueError(f"报告格式“{form.id}”不支持依申请公开台账")
    spec = register_spec(form)
    if not isinstance(raw, dict) or set(raw) - {"fills_table", "lines"}:
        raise ValueError("台账（register）格式不正确")
    fills = raw.get("fills_table", True)
    lines = raw.get("lines", [])
    if not isinstance(fills, bool) or not isinstance(lines, list):
        raise ValueError("台账（register）格式不正确")
    if len(lines) > MAX_LINES:
        raise ValueError(f"台账有{len(lines)}行，超过上限{MAX_LINES}行")
    types, results = set(spec.types), set(spec.results)
    out = []
    for no, d in enumerate(lines, 1):
        where = f"台账第{no}行"
        if not isinstance(d, dict):
            raise ValueError(f"{where}格式不正确")
        unknown = [k for k in d if k not in _KEYS]
        if unknown:
            raise ValueError(f"{where}有未知项“{unknown[0]}”")
        dates = {k: _date(d.get(k), f"{where}的{label}") for k, label in _DATES.items()}
        if dates["received"] is None:
            raise ValueError(f"{where}缺少收到日期")
        kind = d.get("type")
        if kind is not None and (not isinstance(kind, str) or kind not in types):
            raise ValueError(f"{where}的申请人类型“{kind}”无效")
        result = d.get("result")
        if result is not None and (not isinstance(result, str) or result not in results):
            raise ValueError(f"{where}的办理结果“{result}”无效")
        texts = {}
        for k in _TEXTS:
            v = d.get(k, "")
            if not isinstance(v, str) or len(v) > MAX_TEXT:
                raise ValueError(f"{where}的{FIELD_LABELS[k]}应为不超过{MAX_TEXT}字的文字")
            texts[k] = v
        extended = d.get("extended", False)
        if not isinstance(extended, bool):
            raise ValueError(f"{where}的延期应为true或false")
        days = d.get("consultation_days", 0)
        if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= MAX_CONSULTATION_DAYS:
            raise ValueError(f"{where}的征求意见天数应为0至{MAX_CONSULTATION_DAYS}的整数")
        seq = d.get("seq", "")
        if not isinstance(seq, str) or len(seq) > MAX_SEQ:
            raise ValueError(f"{where}的序号应为不超过{MAX_SEQ}字的文字")
        received = dates["received"]
        assert received is not None
        out.append(RegisterLine(
            received=received, applicant_type=kind, applicant=texts["applicant"], content=texts["content"],
            result=result, answered=dates["answered"], extended=extended,
            correction_asked=dates["correction_asked"], correction_received=dates["correction_received"],
            consultation_days=days, note=texts["note"], seq=seq, unread=_unread(d.get("unread", {}), where),
        ))
    return Register(out, fills)


def _unread(raw: Any, where: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(raw, dict):
        raise ValueError(f"{where}的未识别值（unread）格式不正确")
    for k, v in raw.items():
        if k not in UNREAD_FIELDS:
            raise ValueError(f"{where}的未识别值中有未知项“{k}”")
        if not isinstance(v, str) or len(v) > MAX_TEXT:
            raise ValueError(f"{where}的未识别值“{k}”应为不超过{MAX_TEXT}字的文字")
    return tuple((f, raw[f]) for f in UNREAD_FIELDS if f in raw)


def _date(v: Any, what: str) -> date | None:
    if v is None:
        return None
    if not isinstance(v, str) or not _ISO.match(v):
        raise ValueError(f"{what}应写成YYYY-MM-DD")
    try:
        d = date.fromisoformat(v)
    except ValueError:
        raise ValueError(f"{what}“{v}”不是有效日期") from None
    if not 1990 <= d.year <= 2999:
        raise ValueError(f"{what}“{v}”超出范围")
    return d
