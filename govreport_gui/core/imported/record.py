"""What an import leaves in the ``.govreport`` file (format 4): the 待核对 marks and the import log, read strictly
and written in a stable order.

::

    "unchecked": {"t3.carried_in.natural": "转入自：2024年报告表三“四、结转下年度继续办理 / 自然人”"},
    "import_log": [{"level": "mismatch", "message": "…", "cell": "t4.review.total", "where": "PDF第2页第9行"}]

``unchecked`` names input cells only (form order when written); ``import_log`` keeps the import's lines in order,
``cell`` and ``where`` only when they hold something.  A malformed value raises :class:`ValueError` with a Chinese
message (without the file name); :mod:`..storage` turns it into its own error.
"""

from __future__ import annotations

from typing import Any

from ..form import Form
from ..report import ImportNote, Report
from ..text_safety import MAX_TEXT_CHARS

MAX_LOG_ENTRIES = 5000  # an import logs a few hundred lines
LOG_LEVELS = ("info", "read", "mismatch", "missing", "unread", "warning", "error")
_NOTE_KEYS = frozenset({"level", "message", "cell", "where"})


def unchecked_from_json(form: Form, d: Any) -> dict[str, str]:
    if not isinstance(d, dict):
        raise ValueError("待核对数值（unchecked）格式不正确")
    for cid, where in d.items():
        spec = form.cells.get(cid)
        if spec is None or spec.derived:
            raise ValueError(f"待核对数值中有未知的填报格“{str(cid)[:40]}”")
        if not isinstance(where, str) or len(where) > MAX_TEXT_CHARS:
            raise ValueError(f"待核对数值“{cid}”应为文字")
    return dict(d)


def import_log_from_json(raw: Any) -> list[ImportNote]:
    if not isinstance(raw, list) or len(raw) > MAX_LOG_ENTRIES:
        raise ValueError("导入记录（import_log）格式不正确")
    out = []
    for e in raw:
        ok = isinstance(e, dict) and set(e) <= _NOTE_KEYS and e.get("level") in LOG_LEVELS
        ok = ok and all(isinstance(e.get(k, ""), str) and len(e.get(k, "")) <= MAX_TEXT_CHARS
                        for k in ("message", "cell", "where"))
        if not ok:
            raise ValueError("导入记录（import_log）格式不正确")
        out.append(ImportNote(e["level"], e.get("message", ""), e.get("cell", ""), e.get("where", "")))
    return out


def record_to_json(report: Report) -> dict[str, Any]:
    """The document's ``unchecked`` and ``import_log`` (each only when it holds something)."""
    doc: dict[str, Any] = {}
    if report.unchecked:
        doc["unchecked"] = {c: report.unchecked[c] for c in report.form.cells if c in report.unchecked}
    if report.import_log:
        doc["import_log"] = [
            {"level": e.level, "message": e.message} | ({"cell": e.cell} if e.cell else {})
            | ({"where": e.where} if e.where else {}) for e in report.import_log[:MAX_LOG_ENTRIES]
        ]
    return doc
