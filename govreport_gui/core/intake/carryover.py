"""Start this year's report from last year's (spec §5).

- the agency is kept, the year becomes last year + 1, the title is reset to the customary one;
- last year's row 四 (结转下年度继续办理) becomes this year's row 二 (上年结转), per input column: the form's
  ``[carry_over]`` pairs, which the carry-over marks and baseline hints use too;
- every input value of last year is kept as the baseline (``report.previous``) that W1–W3 compare against —
  last year's 现行有效件数 is a baseline only, it is not copied into this year's cell;
- last year's prose is offered as a draft: each text starts with the marker line :data:`DRAFT_MARK` (the form's
  ``draft_marker`` rule names it, and flags a text that still carries it), so that it can not be mistaken for this
  year's text (supervisors sanction copied reports, "内容雷同"); the marker is a line of its own, so the prose rules
  (W6, W7, W9) read the text below it unchanged; last year's texts stay known to this session's report
  (``last_texts``, never saved) so that a section left as it was is flagged as copied (W17);
- this year's counts start empty; explanations and printed totals are not carried;
- the applications register keeps the applications still open at year end (:mod:`.register.carry`); when it fills
  Table 三, this year's 上年结转 is counted from them.
Last year's report may itself come from an import of a published report, also one in the 2019 format.
"""

from __future__ import annotations

from ..checks.baseline import stock_rows
from ..checks.stale_text import marker_of
from ..form import load_form
from ..report import Baseline, Report

DRAFT_MARK = marker_of(load_form().rules)


def carry_over(last: Report) -> Report:
    """This year's draft built from ``last`` (which is not modified)."""
    form = last.form
    year = last.year + 1 if last.year is not None else None
    new = Report.new(agency=last.agency, year=year, form=form)
    for dst, src in form.carry_pairs:
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
    new.last_texts = {k: t for k, t in last.texts.items() if t.strip()}  # the copied-text rule compares with them
    if last.register is not None and last.year is not None:
        from ..register.carry import carry_register
        from ..register.count import sync_report

        new.register = carry_register(last.register, last.year)
        sync_report(new)
    return new


def is_draft_text(text: str) -> bool:
    """True while a carried text still carries last year's marker (the clerk has not revised it)."""
    return text.startswith(DRAFT_MARK)


def carry_over_notes(last: Report) -> list[str]:
    """What the clerk should know about the carried report: carried values, baseline, reminders (Chinese)."""
    form = last.form
    notes: list[str] = []
    carried = [f"{_column_label(last, src)}{last.values[src]}" for _, src in form.carry_pairs
               if last.values.get(src) is not None]
    if form.carry_pairs:
        to_row, from_row = (_row_label(last, c) for c in form.carry_pairs[0])
        if carried:
            notes.append(f"上年“{from_row}”已转入本年“{to_row}”：{'、'.join(carried)}。")
        else:
            notes.append(f"上年报告没有“{from_row}”的数字，本年“{to_row}”留空。")
    for rule in form.rules_of_kind("baseline_stock"):
        for row in stock_rows(form, rule):
            if last.values.get(row.stock) is not None:
                label = _row_label(last, row.stock)
                notes.append(f"上年{label}现行有效件数{last.values[row.stock]}件，作为本年核对依据（不直接填入）。")
    for table in form.tables.values():
        cells = [table.role_cell(r, "pending") for r in table.row_ids]
        pending = [(_row_label(last, c), last.values.get(c)) for c in cells if c in form.cells]
        pending = [(label, v) for label, v in pending if v]
        if pending:
            shown = "、".join(f"{label}{v}件" for label, v in pending)
            notes.append(f"请注意：上年{table.short}尚未审结的案件（{shown}）应在本年审结，请在本年{table.short}中体现。")
    if last.register is not None and last.year is not None:
        from ..register.carry import carry_register

        n = len(carry_register(last.register, last.year))
        notes.append(f"上年台账中{len(last.register)}件申请，{n}件至年底尚未答复，已转入本年台账。")
    if any(last.texts.get(k, "").strip() for k in form.text_keys):
        notes.append(f"上年正文已作为草稿带入，每段以“{DRAFT_MARK}”开头，请逐段修改后删除该标记。")
    return notes


def _row_label(report: Report, cell: str) -> str:
    spec = report.form.cells[cell]
    return report.form.tables[spec.table].row_labels[spec.row]


def _column_label(report: Report, cell: str) -> str:
    spec = report.form.cells[cell]
    return report.form.tables[spec.table].column_labels[spec.column]
