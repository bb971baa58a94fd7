"""The comparison as one self-contained HTML page (for the meeting, a mail, a browser offline).

Inline CSS only; no script, no external resource.  Every text (names, agencies, the prose of both reports) is
hostile input and goes through :func:`html.escape`.  The verdict first; then the tables, each cell with last year,
this year and the change (changed cells tinted: up, down, blank on one side); then each prose section with deleted
words struck through and inserted ones underlined; then the cross-year rules and the carried figures.
:func:`sections_html` is also what the window's 与上年对比 shows for the prose.
"""

from __future__ import annotations

import html
import os

from ..atomic import atomic_write_bytes
from .cells import CellRow
from .run import Comparison
from .shown import (
    CARRIED_HEADER,
    CELL_HEADER,
    carried_values,
    cell_values,
    file_lines,
    legend,
    paragraphs,
    section_heading,
    tables_of,
)

CSS = """
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;margin:1.5em;
color:#222;font-size:14px}
h1{font-size:20px}h2{font-size:17px;margin-top:1.6em;border-bottom:1px solid #bbb}h3{font-size:15px}
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #bbb;padding:3px 6px;vertical-align:top}
th{background:#eef2f7;text-align:left}td.n{text-align:right}
tr.up td{background:#e6f4ea}tr.down td{background:#fdecea}tr.blank td{background:#fff6e0}
.verdict{border:1px solid #bbb;background:#f7f7f7;padding:.5em 1em}.attention{color:#b00020;font-weight:bold}
del{color:#b00020;background:#fdecea}ins{color:#0b6b2b;background:#e6f4ea}p.prose{line-height:1.8}
.copied{color:#b00020}
"""


def e(text: object) -> str:
    return html.escape(str(text), quote=True)


def row_class(row: CellRow) -> str:
    """How a changed cell is tinted: ``up``, ``down``, or ``blank`` (one year blank); "" when unchanged."""
    if not row.changed:
        return ""
    diff = row.diff
    if diff is None:
        return "blank"
    return "up" if diff > 0 else "down"


def comparison_html(c: Comparison) -> str:
    out = ['<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{e(c.title())}</title><style>{CSS}</style></head><body>", f"<h1>{e(c.title())}</h1>"]
    out.append("<p>" + "<br>".join(f"{e(k)}：{e(v)}" for k, v in file_lines(c)) + "</p>")
    level, *lines = c.verdict
    cls = ' class="attention"' if c.attention else ""
    out.append(f'<div class="verdict" id="verdict"><p{cls}>{e(level)}</p><ul>')
    out.extend(f"<li>{e(line)}</li>" for line in lines)
    out.append("</ul></div>")
    out.append('<h2 id="tables">表格</h2><p>绿色为比上年增加，红色为减少，黄色为一年空白。</p>')
    out.extend(tables_html(c))
    out.append(f'<h2 id="prose">正文</h2><p>{e(legend())}</p>')
    out.append(sections_html(c))
    out.append('<h2 id="cross-year">跨年度核对</h2>')
    if c.cross_year:
        out.append("<ul>")
        out.extend(f"<li>{e(f.rule)}：{e(f.message)}</li>" for f in c.cross_year)
        out.append("</ul>")
    else:
        out.append("<p>跨年度规则均已满足。</p>")
    out.append("<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in CARRIED_HEADER) + "</tr></thead><tbody>")
    for x in c.carried:
        v = carried_values(x)
        cls = ' class="down"' if x.agrees is False else ""
        out.append(f"<tr{cls}><td>{e(v[0])}</td>" + "".join(f'<td class="n">{e(t)}</td>' for t in v[1:4])
                   + f"<td>{e(v[4])}</td></tr>")
    out.append("</tbody></table></body></html>\n")
    return "".join(out)


def tables_html(c: Comparison) -> list[str]:
    out = []
    for title, rows in tables_of(c):
        out.append(f"<h3>{e(title)}</h3><table><thead><tr>")
        out.extend(f"<th>{e(h)}</th>" for h in CELL_HEADER)
        out.append("</tr></thead><tbody>")
        for row in rows:
            cls = row_class(row)
            v = cell_values(row)
            out.append((f'<tr class="{cls}">' if cls else "<tr>") + f"<td>{e(v[0])}</td><td>{e(v[1])}</td>"
                       + "".join(f'<td class="n">{e(t)}</td>' for t in v[2:4])
                       + f"<td>{e(v[4])}</td><td class=\"n\">{e(v[5])}</td></tr>")
        out.append("</tbody></table>")
    return out


def sections_html(c: Comparison) -> str:
    """Each prose section: its heading with the similarity, then the text with the changes marked."""
    out = []
    for s in c.sections:
        if not s.last.strip() and not s.this.strip():
            continue
        cls = ' class="copied"' if s.copied else ""
        out.append(f"<h3{cls}>{e(section_heading(s))}</h3>")
        for para in paragraphs(s):
            runs = "".join(f"<del>{e(t)}</del>" if tag == "delete" else f"<ins>{e(t)}</ins>" if tag == "insert"
                           else e(t) for tag, t in para)
            out.append(f'<p class="prose">{runs}</p>')
    return "".join(out)


def export_comparison_html(c: Comparison, path: str | os.PathLike[str]) -> None:
    """Write the page atomically, UTF-8."""
    atomic_write_bytes(path, comparison_html(c).encode("utf-8"))
