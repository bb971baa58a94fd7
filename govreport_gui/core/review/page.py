"""The review as one self-contained HTML page a supervisor can open in any browser or mail around.

Inline CSS only: no script, no external font, image or style sheet, so the page looks the same offline and in a
mail client that strips scripts.  File names, agencies and messages (which quote a report's prose) are hostile
input: every text goes through :func:`html.escape` with quotes, and anchors are generated ids (``r1``, ``r2``, …,
``sum``), never taken from the input.  The summary links each file to its section; each section links back.
"""

from __future__ import annotations

import html
import os

from ..atomic import atomic_write_bytes
from ..values import Value
from .assessment import Assessment
from .assessment_page import assessment_html
from .reading import FileReview
from .run import ReviewResult
from .shown import (
    LAST_UNUSABLE,
    LEVELS,
    SEVERITY,
    counts_line,
    facts,
    fmt,
    sum_grids,
    sum_heading,
    summary_cells,
    summary_header,
)

CSS = """
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;margin:1.5em;
color:#222;font-size:14px}
h1{font-size:20px}h2{font-size:17px;margin-top:2em;border-bottom:1px solid #bbb}h3{font-size:15px}
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #bbb;padding:3px 6px;vertical-align:top}
th{background:#eef2f7;text-align:left}td.n{text-align:right}tr.bad td{background:#fdecea}tr.dup td{background:#fff6e0}
.err{color:#b00020;font-weight:bold}.warn{color:#8a5a00}.back{font-size:12px;margin-left:1em}
dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px}dt{font-weight:bold}dd{margin:0}
"""


def e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _cell(v: Value | str) -> str:
    n = isinstance(v, int | float) or (v is not None and not isinstance(v, str))
    return f'<td class="n">{e(fmt(v))}</td>' if n else f"<td>{e(fmt(v))}</td>"


def review_html(result: ReviewResult, assessment: Assessment | None = None) -> str:
    out = ['<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           "<title>政府信息公开工作年度报告审查结果</title>", f"<style>{CSS}</style></head><body>",
           "<h1>政府信息公开工作年度报告审查结果</h1>", f'<p id="counts">{e(counts_line(result))}</p>']
    if result.total is not None:
        out.append(f'<p><a href="#sum">{e(sum_heading(result.total))}</a></p>')
    if assessment is not None:  # the assessment first: it is what the supervisor asked for
        out.append(assessment_html(assessment))
    header = summary_header(result)
    src = header.index("源文件")
    out.append('<h2 id="summary">汇总</h2><table id="summary-table"><thead><tr>')
    out.extend(f"<th>{e(h)}</th>" for h in header)
    out.append("</tr></thead><tbody>")
    for i, row in enumerate(result.rows, 1):
        cls = "bad" if not row.readable or row.errors else "dup" if row.duplicate else ""
        out.append(f'<tr class="{cls}">' if cls else "<tr>")
        for c, v in enumerate(summary_cells(result, i, row)):
            out.append(f'<td><a href="#r{i}">{e(v)}</a></td>' if c == src else _cell(v))
        out.append("</tr>")
    out.append("</tbody></table>")
    if result.last_unusable:
        out.append(f"<h3>{e(LAST_UNUSABLE)}（{len(result.last_unusable)}个）</h3><ul>")
        out.extend(f"<li>{e(name)}：{e(why)}</li>" for name, why in result.last_unusable)
        out.append("</ul>")
    if result.total is not None:
        out.extend(_total(result))
    for i, row in enumerate(result.rows, 1):
        out.extend(_section(i, row))
    out.append("</body></html>\n")
    return "".join(out)


def _total(result: ReviewResult) -> list[str]:
    total = result.total
    assert total is not None
    out = [f'<h2 id="sum">合计<a class="back" href="#summary">返回汇总</a></h2><p>{e(sum_heading(total))}</p>']
    for title, columns, rows in sum_grids(total):
        out.append(f"<h3>{e(title)}</h3><table><thead><tr><th>项目</th>")
        out.extend(f"<th>{e(c)}</th>" for c in columns)
        out.append("</tr></thead><tbody>")
        for label, values in rows:
            out.append(f"<tr><td>{e(label)}</td>{''.join(_cell(v) for v in values)}</tr>")
        out.append("</tbody></table>")
    out.append(f"<h3>计入合计的报告（{len(total.sources)}份）</h3><ul>")
    out.extend(f"<li>{e(n)}</li>" for n in total.sources)
    out.append("</ul>")
    if total.left_out:
        out.append(f"<h3>未计入合计的文件（{len(total.left_out)}个）</h3><ul>")
        out.extend(f"<li>{e(n)}：{e(why)}</li>" for n, why in total.left_out)
        out.append("</ul>")
    return out


def _section(i: int, row: FileReview) -> list[str]:
    title = row.agency or row.name
    out = [f'<h2 id="r{i}">{i}. {e(title)}<a class="back" href="#summary">返回汇总</a></h2><dl>']
    out.extend(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in facts(row))
    out.append("</dl>")
    if not row.readable:
        return out
    out.append(f"<h3>检查结果（{row.errors}个错误，{row.warnings}个警告）</h3>")
    if row.findings:
        out.append("<table><thead><tr><th>类别</th><th>规则</th><th>说明</th></tr></thead><tbody>")
        for f in row.findings:
            cls = "err" if f.severity == "error" else "warn"
            note = "（已说明）" if f.explained else ""
            out.append(f'<tr><td class="{cls}">{e(SEVERITY.get(f.severity, f.severity))}</td><td>{e(f.rule)}</td>'
                       f"<td>{e(f.message)}{e(note)}</td></tr>")
        out.append("</tbody></table>")
        if row.errors + row.warnings > len(row.findings):
            out.append(f"<p>另有{row.errors + row.warnings - len(row.findings)}条未列出。</p>")
    else:
        out.append("<p>未发现问题。</p>")
    if row.log:
        out.append(f"<h3>导入记录（导入问题{row.import_problems}处）</h3><table><tbody>")
        out.extend(f"<tr><td>{e(LEVELS.get(x.level, x.level))}</td><td>{e(x.text)}</td></tr>" for x in row.log)
        out.append("</tbody></table>")
    return out


def export_review_html(result: ReviewResult, path: str | os.PathLike[str],
                       assessment: Assessment | None = None) -> None:
    """Write the page atomically, UTF-8 (the previous version kept as ``.bak``)."""
    atomic_write_bytes(path, review_html(result, assessment).encode("utf-8"))
