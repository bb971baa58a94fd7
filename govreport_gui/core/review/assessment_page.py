"""The assessment on the review's HTML page: the units' table (best score first, every item's points beside the
score), the sums per 上级, each 上级's own table, and the reports of agencies not on the list.  Every text is
escaped; anchors are generated (``a-1``, ``a-2``, …), never taken from the input.
"""

from __future__ import annotations

import html

from .assessment import Assessment, UnitResult
from .assessment_shown import (
    OUTSIDE_HEADER,
    SUM_HEADER,
    headline,
    outside_cells,
    rank_of,
    sum_cells,
    unit_cells,
    unit_header,
)

CSS = ("tr.missing td{background:#fdecea}tr.total td{font-weight:bold}table.assess td{white-space:nowrap}"
       "table.assess td.wrap{white-space:normal;min-width:12em}")
WRAPPED = frozenset({"源文件", "缺少的部分", "照抄上年的部分", "扣分说明", "备注"})


def e(text: object) -> str:
    return "" if text is None else html.escape(str(text), quote=True)


def _cell(v: object, wrap: bool = False) -> str:
    if isinstance(v, int | float):
        return f'<td class="n">{e(v)}</td>'
    return f'<td class="wrap">{e(v)}</td>' if wrap else f"<td>{e(v)}</td>"


def _units(a: Assessment, units: list[UnitResult]) -> list[str]:
    header = unit_header(a)
    wrap = [h in WRAPPED for h in header]
    out = ['<table class="assess"><thead><tr>', *[f"<th>{e(h)}</th>" for h in header], "</tr></thead><tbody>"]
    for rank, u in zip(rank_of(units), units, strict=True):
        cls = ' class="missing"' if u.status != "已报送" else ""
        cells = unit_cells(rank, u)
        out.append(f"<tr{cls}>" + "".join(_cell(v, w) for v, w in zip(cells, wrap, strict=True)) + "</tr>")
    out.append("</tbody></table>")
    return out


def _sums(groups: list[object]) -> list[str]:
    out = ["<table><thead><tr>", *[f"<th>{e(h)}</th>" for h in SUM_HEADER], "</tr></thead><tbody>"]
    for g in groups:
        cells = sum_cells(g)  # type: ignore[arg-type]
        cls = ' class="total"' if cells[0] == "合计" else ""
        out.append(f"<tr{cls}>" + "".join(_cell(v) for v in cells) + "</tr>")
    out.append("</tbody></table>")
    return out


def assessment_html(a: Assessment) -> str:
    out = [f"<style>{CSS}</style>", '<h2 id="assessment">考核</h2>', f"<p>{e(headline(a))}</p>"]
    out.append("<p>" + "　".join(f'<a href="#a-{i}">{e(g.superior)}</a>' for i, g in enumerate(a.groups, 1)) + "</p>")
    out.extend(_units(a, a.units))
    out.append("<h3>各上级合计</h3>")
    out.extend(_sums([*a.groups, a.total]))
    for i, g in enumerate(a.groups, 1):
        out.append(f'<h3 id="a-{i}">上级：{e(g.superior)}<a class="back" href="#assessment">返回考核</a></h3>')
        out.extend(_units(a, [u for u in a.units if u.unit is not None and u.unit.superior == g.superior]))
        out.extend(_sums([g]))
    if a.outside:
        out.append(f"<h3>不在单位名单中的报告（{len(a.outside)}份，未计分）</h3><table><thead><tr>")
        out.extend(f"<th>{e(h)}</th>" for h in OUTSIDE_HEADER)
        out.append("</tr></thead><tbody>")
        out.extend("<tr>" + "".join(_cell(v) for v in outside_cells(u)) + "</tr>" for u in a.outside)
        out.append("</tbody></table>")
    return "".join(out)
