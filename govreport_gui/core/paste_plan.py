"""Tab-separated blocks: what a grid copies, and how a pasted block from Excel/WPS maps onto a table (no Qt).

The window's table view calls it on copy and paste; it lives in the core so that it is tested without a window.

A paste is planned in full before anything changes: every cell of the block is parsed, and the first cell that
cannot be taken refuses the whole block with a Chinese message naming that cell.
"""

from __future__ import annotations

from .compute import compute_all
from .grid import TableGrid
from .report import Report
from .tsv import split_block
from .values import Value, ValueRefused, format_value, normalise, parse_value

MAX_PASTE_CELLS = 10_000


def plan_paste(report: Report, grid: TableGrid, row: int, col: int, text: str) -> dict[str, Value]:
    """The input values that pasting ``text`` with its top-left at grid (``row``, ``col``) (1-based) would set.

    A spanned cell takes one column of the block.  Label cells accept only blank text or their own label; a total
    accepts blank text or the value it will have after the paste.  Raises :class:`ValueRefused`; changes nothing.
    """
    rows = split_block(text)
    if sum(len(r) for r in rows) > MAX_PASTE_CELLS:
        raise ValueRefused("粘贴的内容过多，不像是本表的数据，整块粘贴未执行。")
    form = report.form
    values: dict[str, Value] = {}
    totals: list[tuple[str, str, str]] = []  # (cell id, pasted text, where)
    for i, cells in enumerate(rows):
        r, c = row + i, col
        for j, raw in enumerate(cells):
            where = f"粘贴内容第{i + 1}行第{j + 1}列"
            g = grid.covering.get((r, c))
            blank = normalise(raw) == ""
            if g is None:
                if not blank:
                    raise ValueRefused(f"{where}（“{raw.strip()}”）超出了表格范围，整块粘贴未执行。")
                c += 1
                continue
            if g.kind == "input":
                try:
                    values[g.cell_id] = parse_value(form.cells[g.cell_id], raw)
                except ValueRefused as exc:
                    raise ValueRefused(f"{where}：{exc}整块粘贴未执行。") from None
            elif g.kind == "total":
                if not blank:
                    totals.append((g.cell_id, raw, where))
            elif not blank and normalise(raw) not in (g.text, normalise(g.wrap).replace("\n", "")):
                raise ValueRefused(
                    f"{where}（“{raw.strip()}”）落在表中的文字“{g.text}”上，不能粘贴数值；整块粘贴未执行。"
                )
            c = g.c + g.cs
    if totals:
        after = dict(report.values)
        for cid, v in values.items():
            if v is None:
                after.pop(cid, None)
            else:
                after[cid] = v
        computed = compute_all(form, after)
        for cid, raw, where in totals:
            spec = form.cells[cid]
            try:
                pasted = parse_value(spec, raw)
            except ValueRefused as exc:
                raise ValueRefused(f"{where}：{exc}整块粘贴未执行。") from None
            if pasted != computed[cid]:
                raise ValueRefused(
                    f"{where}：“{spec.label}”是自动计算的合计，粘贴的{raw.strip()}与各项之和"
                    f"{format_value(computed[cid]) or '空白'}不一致；整块粘贴未执行。"
                )
    return values
