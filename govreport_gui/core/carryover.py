"""Start this year's report from last year's (spec §5).

- the agency is kept, the year becomes last year + 1, the title is reset to the customary one;
- last year's row 四 (``t3.carried_out.*``) becomes this year's row 二 (``t3.carried_in.*``), per input column;
- every input value of last year is kept as the baseline (``report.previous``) that W1–W3 compare against —
  last year's 现行有效件数 is a baseline only, it is not copied into this year's cell;
- last year's prose is offered as a draft: each text starts with the marker line :data:`DRAFT_MARK` (the form's
  ``draft_marker`` rule names it, and flags a text that still carries it), so that it can not be mistaken for this
  year's text (supervisors sanction copied reports, "内容雷同"); the marker is a line of its own, so the prose rules
  (W6, W7, W9) read the text below it unchanged;
- this year's counts start empty; explanations and printed totals are not carried.
Last year's report may itself come from an import of a published report, also one in the 2019 format.
"""

from __future__ import annotations

from .form import load_form
from .report import Baseline, Report
from .stale_text import marker_of

DRAFT_MARK = marker_of(load_form().rules)


def carry_over(last: Report) -> Report:
    """This year's draft built from ``last`` (which is not modified)."""
    form = last.form
    year = last.year + 1 if last.year is not None else None
    new = Report.new(agency=last.agency, year=year, form=form)
    t3 = form.tables["t3"]
    for col in t3.column_ids:
        src, dst = t3.cell_id("carried_out", col), t3.cell_id("carried_in", col)
        if form.cells[dst].derived:
            continue
        value = last.values.get(src)
        if value is not None:
            new.values[dst] = value
    new.previous = Baseline(
        year=last.year, cells={c: v for c, v in last.values.items() if v is not None and c in form.cells}
    )
    for key in form.text_keys:
        text = last.texts.get(key, "")
        if text.strip():
            new.texts[key] = text if text.startswith(DRAFT_MARK) else f"{DRAFT_MARK}\n{text}"
    new.invalidate()
    return new


def is_draft_text(text: str) -> bool:
    """True while a carried text still carries last year's marker (the clerk has not revised it)."""
    return text.startswith(DRAFT_MARK)


def carry_over_notes(last: Report) -> list[str]:
    """What the clerk should know about the carried report: carried values, baseline, reminders (Chinese)."""
    form = last.form
    notes: list[str] = []
    t3 = form.tables["t3"]
    carried = [
        f"{t3.column_labels[c]}{last.values[t3.cell_id('carried_out', c)]}"
        for c in t3.column_ids if last.values.get(t3.cell_id("carried_out", c)) is not None
    ]
    if carried:
        notes.append(f"上年“四、结转下年度继续办理”已转入本年“二、上年结转政府信息公开申请数量”：{'、'.join(carried)}。")
    else:
        notes.append("上年报告没有“结转下年度继续办理”的数字，本年“上年结转”留空。")
    t2 = form.tables["t2"]
    for row in ("regulations", "normative"):
        cid = t2.cell_id(row, "in_force")
        if cid in form.cells and last.values.get(cid) is not None:
            notes.append(f"上年{t2.row_labels[row]}现行有效件数{last.values[cid]}件，作为本年核对依据（不直接填入）。")
    t4 = form.tables["t4"]
    pending = [(t4.row_labels[r], last.values.get(t4.cell_id(r, "pending"))) for r in t4.row_ids]
    pending = [(label, v) for label, v in pending if v]
    if pending:
        shown = "、".join(f"{label}{v}件" for label, v in pending)
        notes.append(f"提醒：上年表四尚未审结的案件（{shown}）应在本年审结，请在本年表四中体现。")
    if any(last.texts.get(k, "").strip() for k in form.text_keys):
        notes.append(f"上年正文已作为草稿带入，每段以“{DRAFT_MARK}”开头，请逐段修改后删除该标记。")
    return notes
