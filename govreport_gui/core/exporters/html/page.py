"""The report as one self-contained web page, and as the HTML that goes on the clipboard.

:func:`render_page` — the page for the portal's 政府信息公开年报 column: UTF-8, ``lang="zh-CN"``, no external file,
font or script; the report's content (:mod:`.body`) inside ``<main>``, and one style sheet that adds only what
inline styles cannot say: A4 pages with the GB/T 9704 margins and "— n —" page numbers when printed (like our PDF),
tables and headings kept whole across pages, the header rows repeated, a narrower type on phones, and for a draft
the 草稿 note at the top of every printed page and a light 草稿 across each page.  The meta (agency, year, title,
published date) travels in ``<meta name="govreport-…">`` elements for :mod:`core.importers.own.html`; what the
public must not see — the clerk's explanations, last year's figures, the applications register — is never written.

:func:`clipboard_html` — the same content for 编辑 › 复制为网页格式 and ``govreport export --html -``: a document
without style sheet or ``<main>``, whose fragment (``<!--StartFragment-->``) is what an editor pastes.

Measured (``benchmarks/bench_html.py``, the full seed report, 2 cores): 3.7 ms warm, written; ``govreport export
--html`` 0.1 s as a fresh process; the page 66 KB (the inline styles of every cell take most of it).
"""

from __future__ import annotations

import json
import os

from ...checks.readiness import DRAFT_NOTE, DRAFT_WORD
from ...report import Report
from ...storage import atomic_write_bytes
from . import markup as M
from .body import body_html

FORMAT = "govreport-html"
FORMAT_VERSION = 1
META_PREFIX = "govreport-"  # <meta name="govreport-agency" …>
META_KEYS = ("agency", "year", "title", "published")

_CSS = """
html{background:#fff}
body{margin:0;padding:1.5em 1em}
main{max-width:210mm;margin:0 auto}
[role=region]:focus{outline:2px solid #1a4fa3;outline-offset:2px}
@media screen{table{font-size:10.5pt!important}td[data-cell]{font-size:1em!important}}
@media screen and (max-width:32em){
 main>div{font-size:13pt!important}h1{font-size:17pt!important}h2,h3{font-size:13pt!important}}
@media screen and (max-width:60em){caption{text-align:left!important}}
@page{size:A4;margin:37mm 26mm 35mm 28mm;
 @bottom-center{content:"— " counter(page) " —";font-family:'宋体',SimSun,'AR PL UMing CN',serif;font-size:14pt;
 vertical-align:top;padding-top:7mm}}
@media print{
 body{padding:0}main{max-width:none}main>div{font-size:15.75pt!important;line-height:28.9pt!important}
 [role=region]{overflow:visible!important}table{min-width:0!important;break-inside:avoid}
 tr,th,td{break-inside:avoid}h2,h3{break-after:avoid}thead{display:table-header-group}
 [data-govreport=signature]{break-inside:avoid;break-before:avoid}}
"""

_DRAFT_CSS = f"""
@page{{@top-center{{content:"{DRAFT_NOTE}";font-family:'黑体',SimHei,sans-serif;font-size:12pt;color:#4d4d4d}}}}
body::before{{content:"{DRAFT_WORD}";position:fixed;top:40%;left:0;right:0;text-align:center;font-size:120pt;
 font-family:'黑体',SimHei,sans-serif;color:rgba(0,0,0,.08);transform:rotate(-45deg);pointer-events:none;z-index:1}}
"""


def meta_value(value: object) -> str:
    """A meta value as its ``content``: a JSON string's inside (control characters as ``\\u0001``, which an
    attribute keeps exactly; a parser would drop them as references)."""
    inside = json.dumps(value if isinstance(value, str) else str(value), ensure_ascii=False)[1:-1]
    return inside.replace("\x7f", "\\u007f")  # JSON leaves DEL as it is


def _meta(report: Report) -> str:
    out = [f'<meta name="generator" content="{FORMAT} {FORMAT_VERSION}">',
           f'<meta name="{META_PREFIX}form" content="{M.attr(report.form.id)}">']
    for key in META_KEYS:
        value = report.meta.get(key)
        if value is None or value == "":
            continue
        out.append(f'<meta name="{META_PREFIX}{key}" content="{M.attr(meta_value(value))}">')
    return "".join(out)


def _head(report: Report, style: str) -> str:
    title = M.text(report.title.replace("\n", " "))
    return ('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"{_meta(report)}<title>{title}</title>{style}</head>")


def render_page(report: Report, *, blank_as_zero: bool = False, signature_block: bool = False,
                draft: bool = False) -> str:
    """The self-contained page of ``report``; a ``draft`` (something unresolved) says 草稿 on the page."""
    css = _CSS + (_DRAFT_CSS if draft else "")
    body = body_html(report, blank_as_zero=blank_as_zero, signature_block=signature_block, draft=draft)
    return f"{_head(report, f'<style>{css}</style>')}<body><main>{body}</main></body></html>\n"


def clipboard_html(report: Report, *, blank_as_zero: bool = False, signature_block: bool = False,
                   draft: bool = False) -> str:
    """The report as pasted into a web editor, Word or WPS: inline styles only, the content between the
    ``StartFragment``/``EndFragment`` comments that Windows' clipboard format and the editors look for."""
    body = body_html(report, blank_as_zero=blank_as_zero, signature_block=signature_block, draft=draft)
    return f"{_head(report, '')}<body><!--StartFragment-->{body}<!--EndFragment--></body></html>\n"


def export_html(report: Report, path: str | os.PathLike[str], *, blank_as_zero: bool = False,
                signature_block: bool = False, draft: bool = False) -> None:
    """Write the page of ``report`` to ``path`` atomically (``OSError`` if it cannot be written)."""
    page = render_page(report, blank_as_zero=blank_as_zero, signature_block=signature_block, draft=draft)
    atomic_write_bytes(path, page.encode("utf-8"), keep_backup=False)
