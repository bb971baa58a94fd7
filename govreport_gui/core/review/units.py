"""The units list of an assessment (单位名单.xlsx): every unit whose report is expected, its 类别 and its 上级.

Columns by their headings, found in the first rows of the first sheet: 单位名称, 类别 (部门 or 政府, which decides
the statutory deadline; the form's ``[assessment] category_aliases`` lists what else may be written), 上级 (whom
the unit reports to; the assessment has a sheet per 上级).  The workbook is untrusted input: opened as the importer
opens one (container checked, defused XML), at most :data:`MAX_UNITS` rows read.  A list that cannot be used is
refused whole with one Chinese line naming the row (a blank or duplicate name, an unknown 类别); nothing is guessed.

:func:`units_template_bytes` writes the blank list (``govreport review template``): the headings, a drop-down for
类别, and a sheet saying how to fill it in (XlsxWriter; every text written as a string).
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass

from ..form import Form
from ..importers.base import ImportRefused, read_bounded
from .figures import agency_key

HEADINGS = ("单位名称", "类别", "上级")
MAX_UNITS = 20_000
MAX_BYTES = 20 * 1024 * 1024
HEADING_ROWS = 10  # the headings may sit below a title
_PUNCT = re.compile(r"[\s\u3000、，,。.;；:：()（）\[\]【】]+")


class UnitsRefused(Exception):
    """The units list cannot be used; ``str(exc)`` is a one-line Chinese message."""


@dataclass(frozen=True)
class Unit:
    """One unit expected to report: its name, 类别 (a key of the form's deadlines) and 上级."""

    name: str
    category: str
    superior: str
    row: int  # where in the list (for messages)

    @property
    def key(self) -> str:
        return agency_key(self.name)


def categories(form: Form) -> dict[str, str]:
    """Every word a 类别 cell may hold (punctuation and blanks removed) → the category it names."""
    out = {c: c for c in form.assessment.get("deadlines", {})}
    for category, aliases in form.assessment.get("category_aliases", {}).items():
        out.update({_PUNCT.sub("", a): category for a in aliases})
    return out


def read_units(path: str | os.PathLike[str], form: Form) -> list[Unit]:
    """The units of the list at ``path``, in its order; :class:`UnitsRefused` when it cannot be used."""
    try:
        data, name = read_bounded(path, MAX_BYTES)
        rows = _rows(data, name)
    except ImportRefused as exc:
        raise UnitsRefused(str(exc)) from None
    return parse_units(rows, name, form)


def _rows(data: bytes, name: str) -> list[tuple[int, list[str]]]:
    from ..importers.xlsx_open import check_container, load_workbook, refusal

    check_container(data, name)
    wb = load_workbook(data, name, data_only=True)
    try:
        ws = wb.worksheets[0]
        out = []
        for r, row in enumerate(ws.iter_rows(max_col=10, values_only=True), 1):
            if r > MAX_UNITS + HEADING_ROWS:
                raise UnitsRefused(f"“{name}”超过{MAX_UNITS}行，请分批考核。")
            out.append((r, ["" if v is None else str(v).strip() for v in row]))
        return out
    except UnitsRefused:
        raise
    except Exception as exc:  # a hostile sheet: whatever openpyxl raises is a refusal
        raise refusal(exc, name) from None
    finally:
        wb.close()


def parse_units(rows: list[tuple[int, list[str]]], name: str, form: Form) -> list[Unit]:
    """The units of a sheet's rows ``(row number, cell texts)``; see the module text for what is refused."""
    head = next(((r, cells) for r, cells in rows[:HEADING_ROWS]
                 if all(h in [_PUNCT.sub("", c) for c in cells] for h in HEADINGS)), None)
    if head is None:
        raise UnitsRefused(f"“{name}”的前{HEADING_ROWS}行中没有“单位名称”“类别”“上级”三列的标题，"
                           "请用 govreport review template 生成的名单填写。")
    head_row, cells = head
    col = {h: [_PUNCT.sub("", c) for c in cells].index(h) for h in HEADINGS}
    known = categories(form)
    units: list[Unit] = []
    seen: dict[str, int] = {}
    for r, cells in rows:
        if r <= head_row or not any(cells):
            continue
        unit, category, superior = (cells[col[h]] if col[h] < len(cells) else "" for h in HEADINGS)
        if not unit:
            raise UnitsRefused(f"“{name}”第{r}行没有填写单位名称。")
        kind = known.get(_PUNCT.sub("", category))
        if kind is None:
            allowed = "或".join(f"“{c}”" for c in form.assessment.get("deadlines", {}))
            raise UnitsRefused(f"“{name}”第{r}行（{unit}）的类别“{category}”无法识别，应为{allowed}。")
        key = agency_key(unit)
        if key in seen:
            raise UnitsRefused(f"“{name}”第{r}行的单位“{unit}”与第{seen[key]}行重复。")
        seen[key] = r
        units.append(Unit(unit, kind, superior or "（未填写上级）", r))
    if not units:
        raise UnitsRefused(f"“{name}”中没有单位。")
    return units


def units_template_bytes(form: Form) -> bytes:
    """The blank units list: headings, a 类别 drop-down, column widths, and a sheet of instructions."""
    import xlsxwriter

    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    head = wb.add_format({"bold": True, "bg_color": "#EEF2F7", "border": 1, "font_name": "宋体"})
    text = wb.add_format({"font_name": "宋体", "text_wrap": True, "valign": "top"})
    ws = wb.add_worksheet("单位名单")
    for c, h in enumerate(HEADINGS):
        ws.write_string(0, c, h, head)
    kinds = list(form.assessment.get("deadlines", {}))
    ws.data_validation(1, 1, MAX_UNITS, 1, {"validate": "list", "source": kinds, "error_title": "类别",
                                           "error_message": "请选择" + "或".join(kinds) + "。"})
    ws.set_column(0, 0, 40)
    ws.set_column(1, 1, 10)
    ws.set_column(2, 2, 30)
    ws.freeze_panes(1, 0)
    help_ws = wb.add_worksheet("填写说明")
    deadlines = "；".join(f"{k}：次年{int(v[:2])}月{int(v[3:])}日前"
                         for k, v in form.assessment.get("deadlines", {}).items())
    lines = [
        "每行一个应报送年度报告的单位。",
        "单位名称：与报告中的机关名称一致（空格和全角、半角不计）。",
        f"类别：{'或'.join(kinds)}，决定法定公布期限（{form.assessment.get('deadline_basis', '')}）：{deadlines}。",
        "上级：该单位的上级机关或主管部门；考核结果按上级分表并合计。",
        "用法：govreport review 报告文件夹 --last 上年报告文件夹 --units 单位名单.xlsx --xlsx 考核结果.xlsx",
    ]
    for r, line in enumerate(lines):
        help_ws.write_string(r, 0, line, text)
    help_ws.set_column(0, 0, 100)
    wb.close()
    return out.getvalue()
