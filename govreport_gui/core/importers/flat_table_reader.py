"""Read a table whose values are one run of numbers under a multi-row header (table 四) from its scanned tokens.

The numbers are taken in grid order and checked against the table's totals; digits glued together are split by
:mod:`.glued` under those totals, and numbers printed out of place (PDF reading order) are put back when only one
reading matches the totals.  More numbers than cells are used only when the first ones meet the totals; else the
table stays blank (a Word table printed with narrow columns wraps "752" into "75" over "2": 18 wrong cells before).
"""

from __future__ import annotations

import itertools

from ..form import Form
from .base import ImportResult
from .glued import split_digits
from .not_counts import log_not_counts
from .source import Flat
from .table_tokens import Scan, Token, row_constraints, satisfied, store, token_value


# --- table 4: one row of numbers under a three-row header ------------------------------------------------------
def read_flat_table(form: Form, flat: Flat, table_id: str, sc: Scan, res: ImportResult) -> None:
    """A table whose values are one run of numbers in grid order (table 四), checked and, if need be, reordered."""
    table = form.tables[table_id]
    cells = list(table.cells)
    log_not_counts(sc.not_counts, flat.where, res)
    toks = list(sc.orphans)
    for o in sc.occurrences:
        toks.extend(o.tokens)
    cons = row_constraints(form, cells)
    where = flat.where(toks[0].offset) if toks else ""
    if not toks:
        for cid in cells:
            res.add("missing", f"未找到{form.cell_title(cid)}。", cid)
        return
    nums = [t for t in toks if t.kind == "num" and t.text.isdigit()]
    if len(toks) < len(cells) and len(nums) == len(toks) and sum(len(t.text) for t in toks) >= len(cells):
        found = split_digits([t.text for t in toks], len(cells), cons)
        if found.unique is not None:
            res.add("info", f"{table.short}的数字连在一起（{' '.join(t.text for t in toks)}），按总计唯一拆分为"
                    f"{'、'.join(map(str, found.unique))}。", "", where)
            for cid, v in zip(cells, found.unique, strict=True):
                store(form, res, cid, v, where)
            return
        agreed = _agreed(found.solutions) if found.solutions and not found.exhausted else {}
        res.add("warning", f"{table.short}的数字连在一起（{' '.join(t.text for t in toks)}），"
                f"{'有多种拆分都符合总计' if found.solutions else '找不到符合总计的拆分'}，"
                f"{'各种拆分一致的格已导入，其余' if agreed else ''}留空，请手工填写。", "", where)
        for i, cid in enumerate(cells):
            if i in agreed:
                store(form, res, cid, agreed[i], where)
            else:
                res.add("missing", f"未导入{form.cell_title(cid)}（见上一条）。", cid, where)
        return
    if len(nums) == len(cells) == len(toks) and not satisfied(toks, cons):
        order = _reorder(nums, cons)
        if order is not None:
            res.add("warning", f"{table.short}的数字顺序与表格不同（PDF文字的阅读顺序），"
                    "已按各组之和与总计的顺序对应；请核对。", "", where)
            toks = [nums[i] for i in order]
    if len(toks) == len(cells) - len(cons):
        inputs = [c for c in cells if not form.cells[c].derived]
        for cid, tok in zip(inputs, toks, strict=True):
            ok, v = token_value(form, cid, tok, res, flat)
            if ok:
                store(form, res, cid, v, flat.where(tok.offset))
        for cid in cells:
            if form.cells[cid].derived:
                res.add("missing", f"{form.cell_title(cid)}：原表没有印出，未补算。", cid, where)
        return
    if len(toks) > len(cells) and not satisfied(toks[: len(cells)], cons):
        # more numbers than cells, and the first ones do not add up: which are the table's is not certain (a number
        # wrapped inside a narrow cell prints as two: "75" over "2")
        res.add("warning", f"{table.short}有{len(toks)}个数字，多于{len(cells)}格，"
                f"且前{len(cells)}个不符合总计，"
                "无法确定各格的数字，全部留空，请手工填写。", "", where)
        for cid in cells:
            res.add("missing", f"未导入{form.cell_title(cid)}（见上一条）。", cid, where)
        return
    if len(toks) > len(cells):
        res.add("unread", f"{table.short}多出{len(toks) - len(cells)}个数字，未使用。", "",
                flat.where(toks[len(cells)].offset))
    for cid, tok in zip(cells, toks, strict=False):
        ok, v = token_value(form, cid, tok, res, flat)
        if ok:
            store(form, res, cid, v, flat.where(tok.offset))
    for cid in cells[len(toks):]:
        res.add("missing", f"未找到{form.cell_title(cid)}。", cid, where)


def _agreed(solutions: list[tuple[int, ...]]) -> dict[int, int]:
    out = {}
    for i, v in enumerate(solutions[0]):
        if all(s[i] == v for s in solutions):
            out[i] = v
    return out


def _reorder(nums: list[Token], cons: list[tuple[int, tuple[int, ...]]]) -> list[int] | None:
    """Stream positions for each grid position when the totals are printed out of place (PDF reading order).

    The totals are taken in the order they appear; the remaining numbers form runs of parts in stream order, each
    matched to the total its sum equals.  Only a unique reading is accepted.
    """
    vals = [int(t.text) for t in nums]
    n_tot = len(cons)
    group = len(cons[0][1]) if cons else 0
    if not cons or any(len(p) != group for _, p in cons):
        return None
    readings: dict[tuple[int, ...], list[int]] = {}
    for tot_pos in itertools.combinations(range(len(vals)), n_tot):
        rest = [i for i in range(len(vals)) if i not in tot_pos]
        runs = [rest[j * group:(j + 1) * group] for j in range(n_tot)]
        sums = [sum(vals[i] for i in r) for r in runs]
        mapping: list[int] = []
        for tp in tot_pos:
            match = [j for j in range(n_tot) if sums[j] == vals[tp] and j not in mapping]
            if len(match) != 1:
                break
            mapping.append(match[0])
        if len(mapping) != n_tot:
            continue
        order = [0] * len(vals)
        for g, (total, parts) in enumerate(cons):
            order[total] = tot_pos[g]
            for k, p in enumerate(parts):
                order[p] = runs[mapping[g]][k]
        readings.setdefault(tuple(vals[i] for i in order), order)
        if len(readings) > 1:
            return None
    return next(iter(readings.values())) if len(readings) == 1 else None
