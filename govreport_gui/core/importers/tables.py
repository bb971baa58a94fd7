"""Read the numbers of tables 二, 三 and 四 from a region of the flat text and assign them to cell ids.

The region is scanned once with the table's label alternation (:mod:`.labels`); the numbers between a row label and
the next one belong to that row.  Numbers printed without their label (PDF reading order prints some labels after
their numbers) fill, in form order, the rows between two labelled rows.  Rows whose digits are glued together are
split by :mod:`.glued` under the row total (H2); rows that still have more than one split are resolved together under
the column totals (H3) and 结转 identity (H1), or left blank and reported.  Printed totals are kept as printed, never
corrected.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field

from ..form import Form, TableSpec
from ..rules import TABLE_NAMES
from ..values import Value, ValueRefused, check_value, parse_amount
from .base import ImportResult
from .glued import split_digits
from .labels import Label, table_labels, table_regex
from .source import BLANK, PLACEHOLDERS, Flat, normalise

_CELL_RE = re.compile(r"[^\t\n]+")
_PURE_NUM_RE = re.compile(r"[\d\s.,]*\d[\d\s.,]*")
_NUM_RE = re.compile(r"\d+(?:\.\d+)?")
_THOUSANDS_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
# a cell that is one number no cell can take as printed ("-5", "1e9", "NaN"): kept as one token, so that it is
# reported where it stands and the cells after it keep their places
_ODD_NUM_RE = re.compile(r"[-+]?(?:\d+(?:\.\d*)?(?:e[-+]?\d+)?|\.\d+|nan|inf|infinity)", re.IGNORECASE)
_UNIT_AFTER = set("件条个项次年月日万元%％人家")
JOINT_LIMIT = 100_000


@dataclass
class Token:
    kind: str  # "num", "blank" (an empty cell), "placeholder" ("/", "-")
    text: str
    offset: int


@dataclass
class Occurrence:
    row: str
    offset: int
    tokens: list[Token] = field(default_factory=list)


@dataclass
class Scan:
    occurrences: list[Occurrence] = field(default_factory=list)
    orphans: list[Token] = field(default_factory=list)  # numbers before any row label
    unread: list[tuple[int, str]] = field(default_factory=list)
    labels_seen: set[str] = field(default_factory=set)


@functools.cache
def _all_label_text(form: Form) -> str:
    return "\x00".join(re.sub(r"\s", "", normalise(lb.text)) for tid in form.tables for lb in table_labels(form, tid))


def _fragment_of_label(text: str, form: Form) -> bool:
    t = re.sub(r"\s", "", text)
    return not t or t in _all_label_text(form)


def tokens_of(payload: str, base: int, form: Form, unread: list[tuple[int, str]]) -> list[Token]:
    """The numbers, blanks and placeholders of a stretch of text between two labels."""
    out: list[Token] = []
    for cm in _CELL_RE.finditer(payload):
        seg = cm.group(0)
        s = seg.strip()
        off = base + cm.start()
        if not s:
            continue
        if s == BLANK:
            out.append(Token("blank", "", off))
            continue
        if s in PLACEHOLDERS:
            out.append(Token("placeholder", s, off))
            continue
        if _PURE_NUM_RE.fullmatch(s):
            for piece in s.split():
                if _THOUSANDS_RE.fullmatch(piece):
                    out.append(Token("num", piece.replace(",", ""), off))
                else:
                    out.extend(Token("num", p, off) for p in re.split(r",", piece) if p)
            continue
        if _ODD_NUM_RE.fullmatch(s):
            out.append(Token("num", s, off))
            continue
        # mixed text: numbers glued after a label, before the next one; not digits inside words ("数据1")
        last = 0
        for m in _NUM_RE.finditer(s):
            prev = s[m.start() - 1] if m.start() > 0 else ""
            nxt = s[m.end()] if m.end() < len(s) else ""
            if (prev and (prev.isalpha() or prev in "第.")) or nxt in _UNIT_AFTER:
                continue
            junk = s[last:m.start()].replace(BLANK, "")
            if junk.strip() and not _fragment_of_label(junk, form):
                unread.append((off + last, junk.strip()))
            out.append(Token("num", m.group(0), off + m.start()))
            last = m.end()
        junk = s[last:].replace(BLANK, "")
        if junk.strip() and not _fragment_of_label(junk, form):
            unread.append((off + last, junk.strip()))
    return out


def scan(form: Form, flat: Flat, table_id: str, start: int, end: int,
         extra: tuple[tuple[str, str], ...] = ()) -> Scan:
    """Row-label occurrences in ``[start, end)`` of the flat text, each with the tokens that follow it."""
    result = Scan()
    labels = table_labels(form, table_id)
    rx = table_regex(form, table_id, extra)
    norm = flat.norm
    current: Occurrence | None = None
    pos = start
    for m in rx.finditer(norm, start, end):
        payload = norm[pos:m.start()]
        toks = tokens_of(payload, pos, form, result.unread)
        (current.tokens if current else result.orphans).extend(toks)
        name = m.lastgroup or ""
        row = ""
        if name.startswith("L"):
            lb: Label = labels[int(name[1:])]
            row = lb.row
            result.labels_seen.add(lb.text)
        elif name.startswith("X"):
            row = extra[int(name[1:])][1]
        if row:
            current = Occurrence(row, m.start())
            result.occurrences.append(current)
        pos = m.end()
    toks = tokens_of(norm[pos:end], pos, form, result.unread)
    (current.tokens if current else result.orphans).extend(toks)
    return result


# --- values -----------------------------------------------------------------------------------------------------
def _value(form: Form, cid: str, tok: Token, res: ImportResult, flat: Flat) -> tuple[bool, Value]:
    """(read?, value) for one token; blanks and placeholders are read as blank and reported."""
    spec = form.cells[cid]
    where = flat.where(tok.offset)
    if tok.kind == "blank":
        res.add("warning", f"{_label(form, cid)}：原表为空白单元格，导入为空白（公开的报告应填0）。", cid, where)
        return True, None
    if tok.kind == "placeholder":
        res.add("warning", f"{_label(form, cid)}：原表填“{tok.text}”，导入为空白。", cid, where)
        return True, None
    if spec.kind == "decimal":
        try:
            return True, parse_amount(tok.text, spec.label)
        except ValueRefused as exc:
            res.add("unread", f"{_label(form, cid)}：{exc}未导入。", cid, where)
            return False, None
    if not tok.text.isdigit():
        res.add("unread", f"{_label(form, cid)}：“{tok.text}”不是件数（应为整数），未导入。", cid, where)
        return False, None
    return True, int(tok.text)


def _label(form: Form, cid: str) -> str:
    spec = form.cells[cid]
    return f"{TABLE_NAMES.get(spec.table, spec.table)}“{spec.label}”"


def store(form: Form, res: ImportResult, cid: str, value: Value, where: str) -> None:
    spec = form.cells[cid]
    try:
        value = check_value(spec, value)  # 20 digits, more than 6 decimals: a report could not be saved with it
    except ValueRefused as exc:
        res.add("unread", f"{_label(form, cid)}：{exc}未导入。", cid, where)
        return
    if spec.derived:
        res.report.printed_totals[cid] = value
        what = "印出的总计"
    else:
        res.report.values[cid] = value
        what = "读取"
    if value is not None:
        res.add("read", f"{what} {_label(form, cid)} = {value}", cid, where)


# --- table 3 and table 2: rows with labels --------------------------------------------------------------------
def _row_cells(table: TableSpec, form: Form, row: str) -> list[str]:
    return [c for c in table.cells if form.cells[c].row == row]


def _row_constraints(form: Form, cells: list[str]) -> list[tuple[int, tuple[int, ...]]]:
    idx = {c: i for i, c in enumerate(cells)}
    out = []
    for c in cells:
        t = form.totals.get(c)
        if t is not None and all(p in idx for p in t.parts):
            out.append((idx[c], tuple(idx[p] for p in t.parts)))
    return out


def _anchors(table: TableSpec, occs: list[Occurrence]) -> list[Occurrence]:
    """Occurrences that carry numbers, in increasing form order (a label repeated without numbers is dropped)."""
    order = {r: i for i, r in enumerate(table.row_ids)}
    out: list[Occurrence] = []
    for o in occs:
        if not o.tokens:
            continue
        if out and order[o.row] <= order[out[-1].row]:
            if o.row == out[-1].row:
                out[-1].tokens.extend(o.tokens)
            continue
        out.append(o)
    return out


def read_rows(form: Form, flat: Flat, table_id: str, sc: Scan, res: ImportResult) -> None:
    """Assign the tokens of every labelled row (with unlabelled rows in between) to cell ids."""
    table = form.tables[table_id]
    order = {r: i for i, r in enumerate(table.row_ids)}
    anchors = _anchors(table, sc.occurrences)
    dropped = [o for o in sc.occurrences if o.tokens and o not in anchors]
    for o in dropped:
        res.add("unread", f"“{table.row_labels[o.row]}”再次出现，其后的{len(o.tokens)}个数字未使用。", "",
                flat.where(o.offset))
    if sc.orphans:
        res.add("unread", f"{_title(table)}第一行之前有{len(sc.orphans)}个数字无法对应到行，未使用。", "",
                flat.where(sc.orphans[0].offset))
    pending: dict[str, tuple[list[tuple[int, ...]], str]] = {}
    rows_done: set[str] = set()
    for i, occ in enumerate(anchors):
        nxt = order[anchors[i + 1].row] if i + 1 < len(anchors) else len(table.row_ids)
        gap = table.row_ids[order[occ.row]: nxt]
        chunks = _distribute(form, table, gap, occ.tokens)
        for row, toks in chunks:
            rows_done.add(row)
            _read_row(form, flat, table, row, toks, res, pending)
    if pending:
        _resolve_jointly(form, flat, table, pending, res)
    for row in table.row_ids:
        if row not in rows_done:
            res.add("missing", f"未找到{_title(table)}“{table.row_labels[row]}”一行的数字。", f"{table_id}.{row}")


def _title(table: TableSpec) -> str:
    return TABLE_NAMES.get(table.id, table.id)


def _distribute(form: Form, table: TableSpec, gap: tuple[str, ...], toks: list[Token]) -> list[tuple[str, list[Token]]]:
    """Share the tokens after a label among it and the unlabelled rows that follow it."""
    first = _row_cells(table, form, gap[0])
    width = len(first)
    n = len(toks)
    if len(gap) == 1 or n <= width:
        return [(gap[0], toks)]
    k = min(len(gap), max(1, round(n / width)))
    if n == k * width:
        return [(gap[j], toks[j * width:(j + 1) * width]) for j in range(k)]
    out = []
    pos = 0
    for j in range(k):
        cells = _row_cells(table, form, gap[j])
        w = len(cells)
        left_rows = k - j - 1
        take = w
        chunk = toks[pos:pos + w]
        cons = _row_constraints(form, cells)
        if (n - pos - w < left_rows * (w - 1)) or not _satisfied(chunk, cons):
            take = w - 1 if cons else w
        if j == k - 1:
            take = n - pos
        out.append((gap[j], toks[pos:pos + take]))
        pos += take
    return out


def _satisfied(chunk: list[Token], cons: list[tuple[int, tuple[int, ...]]]) -> bool:
    if not all(t.kind == "num" and t.text.isdigit() for t in chunk):
        return False
    vals = [int(t.text) for t in chunk]
    return all(total < len(vals) and vals[total] == sum(vals[p] for p in parts) for total, parts in cons)


def _read_row(form: Form, flat: Flat, table: TableSpec, row: str, toks: list[Token], res: ImportResult,
              pending: dict[str, tuple[list[tuple[int, ...]], str]]) -> None:
    cells = _row_cells(table, form, row)
    where = flat.where(toks[0].offset) if toks else ""
    nums = [t for t in toks if t.kind == "num"]
    cons = _row_constraints(form, cells)
    if len(toks) < len(cells) and len(nums) == len(toks) and all(t.text.isdigit() for t in toks) \
            and sum(len(t.text) for t in toks) > len(toks):
        found = split_digits([t.text for t in toks], len(cells), cons)
        if found.unique is not None:
            glued = " ".join(t.text for t in toks)
            res.add("info", f"{_title(table)}“{table.row_labels[row]}”的数字连在一起（{glued}），"
                    f"按合计唯一拆分为{'、'.join(map(str, found.unique))}。", "", where)
            for cid, v in zip(cells, found.unique, strict=True):
                store(form, res, cid, v, where)
            return
        if found.solutions and not found.exhausted:
            pending[row] = (found.solutions, where)
            return
        if found.exhausted:
            res.add("warning", f"{_title(table)}“{table.row_labels[row]}”的数字连在一起，可能的拆分过多，未导入。",
                    "", where)
            return
        glued = " ".join(t.text for t in toks)
        res.add("warning", f"{_title(table)}“{table.row_labels[row]}”的数字连在一起（{glued}），"
                "找不到符合合计的拆分，未导入，请手工填写。", "", where)
        return
    if len(toks) > len(cells):
        extra = toks[len(cells):]
        res.add("unread", f"{_title(table)}“{table.row_labels[row]}”一行多出{len(extra)}个数字"
                f"（{'、'.join(t.text or '空白' for t in extra)}），未使用。", "", flat.where(extra[0].offset))
        toks = toks[: len(cells)]
    for cid, tok in zip(cells, toks, strict=False):
        ok, v = _value(form, cid, tok, res, flat)
        if ok:
            store(form, res, cid, v, flat.where(tok.offset))
    for cid in cells[len(toks):]:
        if form.cells[cid].derived:
            res.add("missing", f"{_label(form, cid)}：原表没有印出这一格，未补算（总计由程序计算）。", cid, where)
        else:
            res.add("missing", f"{_label(form, cid)}：原表中没有这一格。", cid, where)


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
    cells = {r: _row_cells(table, form, r) for r in rows}
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
            res.add("info", f"{_title(table)}“{label}”的数字连在一起，{len(pending_at[r][0])}种可能的拆分中"
                    f"只有一种符合合计、勾稽关系和正文，确定为{'、'.join(map(str, v))}。", "", pending_at[r][1])
            for cid, x in zip(cells[r], v, strict=True):
                store(form, res, cid, x, pending_at[r][1])
        else:
            shown = "；".join("、".join(map(str, c)) for c in list(options or pending[r])[:4])
            res.add("warning", f"{_title(table)}“{label}”的数字连在一起，有多种拆分都符合合计（如{shown}），"
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
                    if num is not None:
                        out.setdefault(p["cells"][0], []).append((m.group(0), int(num)))
    return out


def _by_prose(form: Form, table: TableSpec, row: str, candidates: list[tuple[int, ...]], where: str,
              res: ImportResult) -> list[tuple[int, ...]]:
    """Keep the splits that agree with every figure the prose quotes for this row's cells (if any remain)."""
    quotes = _prose_quotes(form, res.report.texts)
    cells = _row_cells(table, form, row)
    used = [(i, q, v) for i, c in enumerate(cells) for q, v in quotes.get(c, ())]
    if not used:
        return candidates
    kept = [cand for cand in candidates if all(cand[i] == v for i, _, v in used)]
    if not kept:
        return candidates
    if len(kept) < len(candidates):
        said = "、".join(f"“{q}”" for _, q, _ in used)
        res.add("info", f"{_title(table)}“{table.row_labels[row]}”的数字连在一起，正文写{said}，"
                f"据此排除了{len(candidates) - len(kept)}种拆分。", "", where)
    return kept


def _holds(vals: dict[str, int], left: list[str], right: list[str]) -> bool:
    if any(c not in vals for c in left + right):
        return True
    return sum(vals[c] for c in left) == sum(vals[c] for c in right)


# --- table 4: one row of numbers under a three-row header ------------------------------------------------------
def read_flat_table(form: Form, flat: Flat, table_id: str, sc: Scan, res: ImportResult) -> None:
    """A table whose values are one run of numbers in grid order (table 四), checked and, if need be, reordered."""
    table = form.tables[table_id]
    cells = list(table.cells)
    toks = list(sc.orphans)
    for o in sc.occurrences:
        toks.extend(o.tokens)
    cons = _row_constraints(form, cells)
    where = flat.where(toks[0].offset) if toks else ""
    if not toks:
        for cid in cells:
            res.add("missing", f"未找到{_label(form, cid)}。", cid)
        return
    nums = [t for t in toks if t.kind == "num" and t.text.isdigit()]
    if len(toks) < len(cells) and len(nums) == len(toks) and sum(len(t.text) for t in toks) >= len(cells):
        found = split_digits([t.text for t in toks], len(cells), cons)
        if found.unique is not None:
            res.add("info", f"{_title(table)}的数字连在一起（{' '.join(t.text for t in toks)}），按总计唯一拆分为"
                    f"{'、'.join(map(str, found.unique))}。", "", where)
            for cid, v in zip(cells, found.unique, strict=True):
                store(form, res, cid, v, where)
            return
        agreed = _agreed(found.solutions) if found.solutions and not found.exhausted else {}
        res.add("warning", f"{_title(table)}的数字连在一起（{' '.join(t.text for t in toks)}），"
                f"{'有多种拆分都符合总计' if found.solutions else '找不到符合总计的拆分'}，"
                f"{'各种拆分一致的格已导入，其余' if agreed else ''}留空，请手工填写。", "", where)
        for i, v in agreed.items():
            store(form, res, cells[i], v, where)
        return
    if len(nums) == len(cells) == len(toks) and not _satisfied(toks, cons):
        order = _reorder(nums, cons)
        if order is not None:
            res.add("warning", f"{_title(table)}的数字顺序与表格不同（PDF文字的阅读顺序），"
                    "已按各组之和与总计的顺序对应；请核对。", "", where)
            toks = [nums[i] for i in order]
    if len(toks) == len(cells) - len(cons):
        inputs = [c for c in cells if not form.cells[c].derived]
        for cid, tok in zip(inputs, toks, strict=True):
            ok, v = _value(form, cid, tok, res, flat)
            if ok:
                store(form, res, cid, v, flat.where(tok.offset))
        for cid in cells:
            if form.cells[cid].derived:
                res.add("missing", f"{_label(form, cid)}：原表没有印出，未补算。", cid, where)
        return
    if len(toks) > len(cells):
        res.add("unread", f"{_title(table)}多出{len(toks) - len(cells)}个数字，未使用。", "",
                flat.where(toks[len(cells)].offset))
    for cid, tok in zip(cells, toks, strict=False):
        ok, v = _value(form, cid, tok, res, flat)
        if ok:
            store(form, res, cid, v, flat.where(tok.offset))
    for cid in cells[len(toks):]:
        res.add("missing", f"未找到{_label(form, cid)}。", cid, where)


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
