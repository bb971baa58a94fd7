"""One field of a line as text and back: what a grid cell shows, and what typing or pasting into it means.

The same rules as the import (:mod:`.dates`, :mod:`.matching`): dates as 2025-01-20, 2025/1/20 or 2025年1月20日,
results and applicant types by label or short form, 延期 as 是/否.  A value that means nothing is refused with a
Chinese message (:class:`~govreport_gui.core.values.ValueRefused`); the line is never half-changed.  Setting a field
the import could not read (its text kept in ``line.unread``) settles it: that text is dropped.
"""

from __future__ import annotations

from dataclasses import replace

from ..form import Form
from ..values import ValueRefused
from .dates import format_date, parse_date
from .matching import match_result, match_type, match_yes_no
from .model import DATE_FIELDS, FIELD_LABELS, MAX_CONSULTATION_DAYS, MAX_TEXT, RegisterLine, register_spec


def display(form: Form, line: RegisterLine, field: str) -> str:
    """The text a grid shows for ``field`` of ``line`` (labels from the form, dates as YYYY-MM-DD)."""
    spec = register_spec(form)
    value = getattr(line, field)
    if field in DATE_FIELDS:
        return format_date(value)
    if field == "applicant_type":
        return spec.type_labels.get(value or "", "")
    if field == "result":
        return spec.result_labels.get(value or "", "")
    if field == "extended":
        return "是" if value else "否"
    if field == "consultation_days":
        return str(value) if value else ""
    return str(value)


def with_field(form: Form, line: RegisterLine, field: str, text: str) -> RegisterLine:
    """``line`` with ``field`` set from ``text`` (empty clears it; 收到日期 cannot be cleared); a text kept for
    ``field`` because the import could not read it goes."""
    out = _with_field(form, line, field, text)
    if out.unread_value(field) is not None:
        out = replace(out, unread=tuple((f, t) for f, t in out.unread if f != field))
    return out


def _with_field(form: Form, line: RegisterLine, field: str, text: str) -> RegisterLine:
    label = FIELD_LABELS.get(field)
    if label is None:
        raise ValueRefused(f"台账没有“{field}”一栏。")
    t = text.strip()
    if field in DATE_FIELDS:
        if not t:
            if field == "received":
                raise ValueRefused("收到日期不能为空。")
            return _checked(replace(line, **{field: None}))
        d = parse_date(t)
        if d is None or not 1990 <= d.year <= 2999:
            raise ValueRefused(f"“{t}”不是有效的{label}，请写成2025-01-20、2025/1/20或2025年1月20日。")
        return _checked(replace(line, **{field: d}))
    if field == "applicant_type":
        kind = match_type(form, t) if t else None
        if t and kind is None:
            raise ValueRefused(f"“{t}”不是表三的申请人类别（{'、'.join(register_spec(form).type_labels.values())}）。")
        return replace(line, applicant_type=kind)
    if field == "result":
        result = match_result(form, t) if t else None
        if t and result is None:
            raise ValueRefused(f"“{t}”无法对应到表三的办理结果，请从列表中选择。")
        return replace(line, result=result)
    if field == "extended":
        yes = match_yes_no(t)
        if yes is None:
            raise ValueRefused(f"延期应填“是”或“否”，不是“{t}”。")
        return replace(line, extended=yes)
    if field == "consultation_days":
        days = int(t) if t.isdigit() else (0 if not t else -1)
        if not 0 <= days <= MAX_CONSULTATION_DAYS:
            raise ValueRefused(f"征求意见天数应为0至{MAX_CONSULTATION_DAYS}的整数（工作日），不是“{t}”。")
        return replace(line, consultation_days=days)
    if len(t) > MAX_TEXT:
        raise ValueRefused(f"{label}过长（{len(t)}字，上限{MAX_TEXT}字）。")
    return replace(line, **{field: t})


def _checked(line: RegisterLine) -> RegisterLine:
    if line.answered is not None and line.answered < line.received:
        raise ValueRefused("答复日期不能早于收到日期。")
    if line.correction_received is not None and line.correction_received < line.received:
        raise ValueRefused("补正收到日期不能早于收到日期。")
    return line
