"""Read the numbers of the tables whose rows carry labels (二 and 三) from their scanned tokens.

Which row each run of numbers belongs to is decided by :mod:`.row_placement` — only where it is certain; the other
rows stay blank and the log says why.  Rows whose digits are glued together are split by :mod:`.glued` under the row
total (H2); rows that still have more than one split are resolved together under the column totals (H3) and 结转
identity (H1), or left blank and reported.
"""

from __future__ import annotations

import itertools
import re

from ..form import Form, TableSpec
from .base import ImportResult
from .glued import split_digits
from .not_counts import log_not_counts
from .row_placement import place, row_cells
from .source import Flat
from .table_tokens import (
    JOINT_LIMIT,
    Scan,
    Token,
    row_constraints,
    store,
    token_value,
)


# --- table 3 and table 2: rows with labels --------------------------------------------------------------------
def read_rows(form: Form, flat: Flat, table_id: str, sc: Scan, res: ImportResult) -> None:
    """Assign the tokens of every labelled row (with unlabelled rows in between) to cell ids."""
    table = form.tables[table_id]
    placement = place(form, flat, table, sc.occurrences)
    log_not_counts(sc.not_counts, flat.where, res)
    for row, toks in placement.continued:
        res.add("info", f"{table.row_title(row)}的最后{len(toks)}格印在折行的行名之后"
                f"（“{toks[-1].cell or toks[-1].text}”），这一行因此齐全且符合合计，已读入。", "",
                flat.where(toks[0].offset))
    for t in placement.unglued:
        res.add("unread", f"表格中未能识别的文字：“{t.cell[:60]}”（连在行名上的数字不能确定属于哪一格，未使用）", "",
                flat.where(t.offset))
    for o in placement.dropped:
        res.add("unread", f"“{table.row_labels[o.row]}”再次出现，其后的{len(o.tokens)}个数字未使用。", "",
                flat.where(o.offset))
    if sc.orphans:
        res.add("unread", f"{table.short}第一行之前有{len(sc.orphans)}个数字无法对应到行，未使用。", "",
                flat.where(sc.orphans[0].offset))
    refused: set[str] = set()
    for rows, offset, why in placement.refused:
        refused.update(rows)
        named = "、".join(f"“{table.row_labels[r]}”" for r in rows)
        res.add("warning", f"{table.short}{named + '：' if named else ''}{why}。", "", flat.where(offset))
    pending: dict[str, tuple[list[tuple[int, ...]], str]] = {}
    rows_done: set[str] = set()
    for row, toks in placement.rows:
        rows_done.add(row)
        _read_row(form, flat, table, row, toks, res, pending)
    if pending:
        _resolve_jointly(form, flat, table, pending, res)
    for row in table.row_ids:
        if row not in rows_done:
            res.add("missing", f"未找到{table.row_title(row)}一行的数字。", f"{table_id}.{row}")


def _read_row(form: Form, flat: Flat, table: TableSpec, row: str, toks: list[Token], res: ImportResult,
              pending: dict[str, tuple[list[tuple[int, ...]], str]]) -> None:
    cells = row_cells(table, form, row)
    where = flat.where(toks[0].offset) if toks else ""
    nums = [t for t in toks if t.kind == "num"]
    cons = row_constraints(form, cells)
    if len(toks) < len(cells) and len(nums) == len(toks) and all(t.text.isdigit() for t in toks) \
            and sum(len(t.text) for t in toks) > len(toks):
        found = split_digits([t.text for t in toks], len(cells), cons)
        if found.unique is not None:
            glued = " ".join(t.text for t in toks)
            res.add("info", f"{table.row_title(row)}的数字连在一起（{glued}），"
                    f"按合计唯一拆分为{'、'.join(map(str, found.unique))}。", "", where)
            for cid, v in zip(cells, found.unique, strict=True):
                store(form, res, cid, v, where)
            return
        if found.solutions and not found.exhausted:
            pending[row] = (found.solutions, where)
            return
        if found.exhausted:
            res.add("warning", f"{table.row_title(row)}的数字连在一起，可能的拆分过多，未导入。",
                    "", where)
            return
        glued = " ".join(t.text for t in toks)
        res.add("warning", f"{table.row_title(row)}的数字连在一起（{glued}），"
                "找不到符合合计的拆分，未导入，请手工填写。", "", where)
        return
    if len(toks) > len(cells):
        extra = toks[len(cells):]
        res.add("unread", f"{table.row_title(row)}一行多出{len(extra)}个数字"
                f"（{'、'.join(t.text or '空白' for t in extra)}），未使用。", "", flat.where(extra[0].offset))
        toks = toks[: len(cells)]
    for cid, tok in zip(cells, toks, strict=False):
        ok, v = token_value(form, cid, tok, res, flat)
        if ok:
            store(form, res, cid, v, flat.where(tok.offset))
    for cid in cells[len(toks):]:
        if form.cells[cid].derived:
            res.add("missing", f"{form.cell_title(cid)}：原表没有印出这一格，未补算（总计由程序计算）。", cid, where)
        else:
            res.add("missing", f"{form.cell_title(cid)}：原表中没有这一格。", cid, where)


def _constraints_for(form: Form, table_id: str) -> list[tuple[list[str], list[str]]]:
    """Every ``sum(left) == sum(right)`` of a table: its totals, and per-column identities of the rules (H1)."""
    out: list[tuple[list[str], list[str]]] = []
    for t in form.totals.values():
        if t.cell.startswith(table_id + "."):
            out.append(([t.cell], list(t.parts)))
    for r in form.rules:
        if r["kind"] == "equal_sums" and r.get("for_each_column") == table_id:
            for col in form.tables[table_id].column_ids:
                out.append(([x.format(col=col) for x in r["left"]], [x.format(col=col) for x in r["right"]]))
    return out


def _resolve_jointly(form: Form, flat: Flat, table: TableSpec,
                     pending_at: dict[str, tuple[list[tuple[int, ...]], str]], res: ImportResult) -> None:
    """Choose the split of each ambiguous row so that the column totals and H1 hold; ambiguous rows stay blank."""
    pending = {r: _by_prose(form, table, r, p[0], p[1], res) for r, p in pending_at.items()}
    known: dict[str, int] = {}
    for d in (res.report.values, res.report.printed_totals):
        for k, v in d.items():
            if k.startswith(table.id + ".") and isinstance(v, int):
                known[k] = v
    rows = list(pending)
    cells = {r: row_cells(table, form, r) for r in rows}
    cons = [c for c in _constraints_for(form, table.id)
            if any(x.rsplit(".", 1)[0] in {f"{table.id}.{r}" for r in rows} for x in c[0] + c[1])]
    total = 1
    for r in rows:
        total *= max(1, len(pending[r]))
    solutions: list[dict[str, tuple[int, ...]]] = []
    if total <= JOINT_LIMIT:
        for combo in itertools.product(*(pending[r] for r in rows)):
            vals = dict(known)
            for r, cand in zip(rows, combo, strict=True):
                vals.update(zip(cells[r], cand, strict=True))
            if all(_holds(vals, left, right) for left, right in cons):
                solutions.append(dict(zip(rows, combo, strict=True)))
                if len(solutions) > 64:
                    break
    for r in rows:
        label = table.row_labels[r]
        options = {s[r] for s in solutions}
        if len(options) == 1:
            v = options.pop()
            res.add("info", f"{table.short}“{label}”的数字连在一起，{len(pending_at[r][0])}种可能的拆分中"
                    f"只有一种符合合计、勾稽关系和正文，确定为{'、'.join(map(str, v))}。", "", pending_at[r][1])
            for cid, x in zip(cells[r], v, strict=True):
                store(form, res, cid, x, pending_at[r][1])
        else:
            shown = "；".join("、".join(map(str, c)) for c in list(options or pending[r])[:4])
            res.add("warning", f"{table.short}“{label}”的数字连在一起，有多种拆分都符合合计（如{shown}），"
                    "无法确定，该行留空，请手工填写。", f"{table.id}.{r}", pending_at[r][1])


def _prose_quotes(form: Form, texts: dict[str, str]) -> dict[str, list[tuple[str, int]]]:
    """Figures the prose quotes for single cells (the patterns of rule W6, kind ``prose_figures``, compare eq)."""
    out: dict[str, list[tuple[str, int]]] = {}
    for rule in form.rules:
        if rule["kind"] != "prose_figures":
            continue
        for p in rule["patterns"]:
            if p["compare"] != "eq" or len(p["cells"]) != 1 or form.cells[p["cells"][0]].derived:
                continue
            rx = re.compile(p["regex"])
            for key in form.text_keys:
                for m in rx.finditer(texts.get(key, "")[:200_000]):
                    num = next((g for g in m.groups() if g is not None), None)
                    if num is not None and num.isdigit():  # an amount (万元) quoted with decimals is not a count
                        out.setdefault(p["cells"][0], []).append((m.group(0), int(num)))
    return out


def _by_prose(form: Form, table: TableSpec, row: str, candidates: list[tuple[int, ...]], where: str,
              res: ImportResult) -> list[tuple[int, ...]]:
    """Keep the splits that agree with every figure the prose quotes for this row's cells (if any remain)."""
    quotes = _prose_quotes(form, res.report.texts)
    cells = row_cells(table, form, row)
    used = [(i, q, v) for i, c in enumerate(cells) for q, v in quotes.get(c, ())]
    if not used:
        return candidates
    kept = [cand for cand in candidates if all(cand[i] == v for i, _, v in used)]
    if not kept:
        return candidates
    if len(kept) < len(candidates):
        said = "、".join(f"“{q}”" for _, q, _ in used)
        res.add("info", f"{table.row_title(row)}的数字连在一起，正文写{said}，"
                f"据此排除了{len(candidates) - len(kept)}种拆分。", "", where)
    return kept


def _holds(vals: dict[str, int], left: list[str], right: list[str]) -> bool:
    if any(c not in vals for c in left + right):
        return True
    return sum(vals[c] for c in left) == sum(vals[c] for c in right)

