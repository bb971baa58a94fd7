"""The 2019 format (国办公开办函〔2019〕60号, used for the 2019 and 2020 reports): recognise it and map it to 2021.

This module is the data of spec §6 for imports: table 二's rows and columns of the old format and which of them have a
2021 cell.  Table 三 is the 2021 table except that （六）其他处理 is one row (mapped to （六）3.其他 with a warning);
table 四 is identical.  Everything without a 2021 cell is reported as not carried.
"""

from __future__ import annotations

import re

from ..values import ValueRefused, check_value
from .base import ImportResult
from .labels import text_pattern
from .source import Flat

# (row label, its columns) of the old table 二, in print order
T2_ROWS_2019: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("规章", ("本年新制作数量", "本年新公开数量", "对外公开总数量")),
    ("规范性文件", ("本年新制作数量", "本年新公开数量", "对外公开总数量")),
    ("行政许可", ("上一年项目数量", "本年增/减", "处理决定数量")),
    ("其他对外管理服务事项", ("上一年项目数量", "本年增/减", "处理决定数量")),
    ("行政处罚", ("上一年项目数量", "本年增/减", "处理决定数量")),
    ("行政强制", ("上一年项目数量", "本年增/减", "处理决定数量")),
    ("行政事业性收费", ("上一年项目数量", "本年增/减")),
    ("政府集中采购", ("采购项目数量", "采购总金额")),
)
# (old row, old column) → 2021 cell id; "≈" marks a mapping the spec calls approximate
T2_MAP_2019: dict[tuple[str, str], tuple[str, bool]] = {
    ("规章", "本年新制作数量"): ("t2.regulations.issued", True),
    ("规范性文件", "本年新制作数量"): ("t2.normative.issued", True),
    ("行政许可", "处理决定数量"): ("t2.licensing.decisions", False),
    ("行政处罚", "处理决定数量"): ("t2.penalty.decisions", False),
    ("行政强制", "处理决定数量"): ("t2.coercion.decisions", False),
}
# the old table 三's one-row group and the 2021 row it is carried into
T3_SINGLE_ROWS_2019: tuple[tuple[str, str], ...] = (("（六）其他处理", "other.other"),)
MARKERS_2019 = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "政府集中采购")

_NUM = re.compile(r"[-+]?\d+(?:\.\d+)?")


def is_2019_table2(norm_region: str) -> bool:
    flat = re.sub(r"\s", "", norm_region)
    return sum(m in flat for m in MARKERS_2019) >= 2


def read_table2_2019(flat: Flat, start: int, end: int, res: ImportResult) -> None:
    """Read the old table 二 and carry what has a 2021 cell; report the rest as not carried."""
    form = res.report.form
    rx = re.compile("|".join(f"(?P<R{i}>(?<!行政){text_pattern(lab)})" for i, (lab, _) in enumerate(T2_ROWS_2019)))
    matches = list(rx.finditer(flat.norm, start, end))
    res.add("warning", "表二是2019年格式（国办公开办函〔2019〕60号），只导入与2021年格式对应的格。")
    seen: set[str] = set()
    for i, m in enumerate(matches):
        label, cols = T2_ROWS_2019[int((m.lastgroup or "R0")[1:])]
        if label in seen:
            continue
        seen.add(label)
        stop = matches[i + 1].start() if i + 1 < len(matches) else end
        nums = _NUM.findall(flat.norm[m.end():stop])[: len(cols)]
        where = flat.where(m.start())
        for col, text in zip(cols, nums, strict=False):
            target = T2_MAP_2019.get((label, col))
            if target is None:
                res.add("warning", f"2019年格式表二“{label} / {col}”= {text}：2021年格式没有对应的格，未导入。", "",
                        where)
                continue
            cid, approx = target
            if not text.lstrip("+").isdigit():
                res.add("unread", f"2019年格式表二“{label} / {col}”=“{text}”不是件数，未导入。", cid, where)
                continue
            spec = form.cells[cid]
            try:
                res.report.values[cid] = check_value(spec, int(text.lstrip("+")))
            except ValueRefused as exc:
                res.add("unread", f"2019年格式表二“{label} / {col}”：{exc}未导入。", cid, where)
                continue
            note = "（近似对应，请核实）" if approx else ""
            res.add("read", f"读取 表二“{spec.label}” = {text}（2019年格式“{label} / {col}”）{note}", cid, where)
            if label == "规范性文件" and col == "本年新制作数量":
                res.add("warning", "2019年格式的“对外公开总数量”不是“现行有效件数”，现行有效件数未导入。", "", where)
    for cid in form.tables["t2"].cells:
        if cid not in res.report.values and not form.cells[cid].derived:
            res.add("missing", f"表二“{form.cells[cid].label}”：2019年格式没有对应的数字。", cid)
