"""The 2019 format (国办公开办函〔2019〕60号, used for the 2019 and 2020 reports): recognise it and map it to 2021.

The mapping itself is data beside the form file (``resources/forms/2021-from-2019.toml``, spec §6): table 二's rows
and columns of the old format and which of them have a 2021 cell, and table 三's one-row group.  This module reads
it and applies it; everything without a 2021 cell is reported as not carried.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from typing import Any

from ..form import Form
from ..paths import form_file
from ..values import ValueRefused, check_value
from .base import ImportResult
from .labels import text_pattern
from .source import Flat
from .table_tokens import Scan, scan

_NUM = re.compile(r"[-+]?\d+(?:\.\d+)?")
MAPPING = "2021-from-2019"


@dataclass(frozen=True)
class SingleRow:
    """An old one-row group of table 三 and the 2021 row it is read into."""

    group: str
    label: str
    row: str
    rows_2021: frozenset[str]
    message: str


@functools.cache
def mapping() -> dict[str, Any]:
    """The 2019→2021 mapping (``resources/forms/2021-from-2019.toml``)."""
    return tomllib.loads(form_file(MAPPING).read_text(encoding="utf-8"))


def single_rows() -> tuple[SingleRow, ...]:
    return tuple(SingleRow(x["group"], x["label"], x["row"], frozenset(x["rows_2021"]), x["message"])
                 for x in mapping()["table3_single_rows"])


def is_2019_table(table_id: str, norm_region: str) -> bool:
    """True when ``table_id``'s text is the old table 二 (two or more of the old format's column words)."""
    if table_id != mapping()["table2"]:
        return False
    flat = re.sub(r"\s", "", norm_region)
    return sum(m in flat for m in mapping()["markers"]) >= 2


def rescan_single_rows(form: Form, flat: Flat, table_id: str, sc: Scan, start: int, end: int,
                       res: ImportResult) -> Scan:
    """Table 三 with the old one-row （六）其他处理: scan again with the old label mapped to its 2021 row."""
    m = mapping()
    if table_id != m["table3"]:
        return sc
    for single in single_rows():
        found_2021 = any(o.row in single.rows_2021 for o in sc.occurrences)
        if not found_2021 and any(single.group in t for t in sc.labels_seen):
            sc = scan(form, flat, table_id, start, end, extra=((single.label, single.row),))
            short = form.tables[table_id].short
            res.add("warning", f"{short}{single.message}", f"{table_id}.{single.row}")
    return sc


def read_table2_2019(flat: Flat, start: int, end: int, res: ImportResult) -> None:
    """Read the old table 二 and carry what has a 2021 cell; report the rest as not carried."""
    form = res.report.form
    m = mapping()
    table = form.tables[m["table2"]]
    rows = [(r["label"], tuple(r["columns"])) for r in m["table2_rows"]]
    targets = {(x["row"], x["column"]): x for x in m["table2_map"]}
    rx = re.compile("|".join(f"(?P<R{i}>(?<!行政){text_pattern(lab)})" for i, (lab, _) in enumerate(rows)))
    matches = list(rx.finditer(flat.norm, start, end))
    old = f"2019年格式{table.short}"
    res.add("warning", f"{table.short}是2019年格式（国办公开办函〔2019〕60号），只导入与2021年格式对应的格。")
    seen: set[str] = set()
    for i, match in enumerate(matches):
        label, cols = rows[int((match.lastgroup or "R0")[1:])]
        if label in seen:
            continue
        seen.add(label)
        stop = matches[i + 1].start() if i + 1 < len(matches) else end
        nums = _NUM.findall(flat.norm[match.end():stop])[: len(cols)]
        where = flat.where(match.start())
        for col, text in zip(cols, nums, strict=False):
            target = targets.get((label, col))
            if target is None:
                res.add("warning", f"{old}“{label} / {col}”= {text}：2021年格式没有对应的格，未导入。", "", where)
                continue
            cid = target["cell"]
            if not text.lstrip("+").isdigit():
                res.add("unread", f"{old}“{label} / {col}”=“{text}”不是件数，未导入。", cid, where)
                continue
            try:
                res.report.values[cid] = check_value(form.cells[cid], int(text.lstrip("+")))
            except ValueRefused as exc:
                res.add("unread", f"{old}“{label} / {col}”：{exc}未导入。", cid, where)
                continue
            note = "（近似对应，请核实）" if target.get("approximate") else ""
            res.add("read", f"读取 {form.cell_title(cid)} = {text}（2019年格式“{label} / {col}”）{note}", cid, where)
            if target.get("warning"):
                res.add("warning", target["warning"], "", where)
    for cid in table.cells:
        if cid not in res.report.values and not form.cells[cid].derived:
            res.add("missing", f"{form.cell_title(cid)}：2019年格式没有对应的数字。", cid)
