"""The report's content as HTML, the same for the page and the clipboard: title, 开篇, sections 一–六, signature.

Markup is what a portal's content editor (and Word, WPS) keeps: ``<h1>``–``<h3>``, ``<p>``, ``<span>``, ``<div>``,
tables, and inline styles — no class, no script.  Headings are in order: the title ``<h1>``, the six section
headings ``<h2>``, and a prose line opening with （一） alone on its line an ``<h3>`` (楷体, as the PDF sets it); when
text follows its first 。 on the same line, that head is a 楷体 run inside the body paragraph.  Each line of the
clerk's text is one ``<p>``, verbatim (blank lines as empty paragraphs), so that :mod:`core.importers.own.html` gives
the text back exactly; a line that opens with spaces of its own gets no second first-line indent.

``data-govreport`` marks the parts that are not the clerk's text — the draft note and the signature block — so the
reader leaves them out; they are recognised by their words too, where an editor dropped the attribute.
"""

from __future__ import annotations

from ...checks.readiness import DRAFT_NOTE
from ...report import Report
from ..printed import LEVEL2, default_opening, signing_date, title_parts
from . import markup as M
from .tables import table_html

SIGNATURE_LINE = "单位负责人（签字）：" + "　" * 6
SEAL = "（盖章）"
INLINE_HEAD_MAX = 30  # a "（一）…。" head longer than this is not a heading but a sentence
DRAFT_MARK, SIGNATURE_MARK = "draft", "signature"  # values of data-govreport


def heading_id(key: str) -> str:
    return f"section-{key}"


def prose_lines(text: str) -> list[str]:
    """The paragraphs of a text as the page holds them: one per line (line feeds only), verbatim."""
    return text.split("\n")


def prose_html(text: str) -> str:
    out: list[str] = []
    for line in prose_lines(text):
        if LEVEL2.match(line):
            head, dot, rest = line.partition("。")
            if not dot or not rest.strip():
                out.append(f'<h3 style="{M.H3}">{M.text(line)}</h3>')
                continue
            if len(head) <= INLINE_HEAD_MAX:
                out.append(f'<p style="{_p_style(line)}"><span style="{M.SUBHEAD_RUN}">{M.text(head + dot)}</span>'
                           f"{M.text(rest)}</p>")
                continue
        out.append(f'<p style="{_p_style(line)}">{M.text(line)}</p>')
    return "".join(out)


def _p_style(line: str) -> str:
    return M.P_OWN_INDENT if line[:1].isspace() else M.P


def opening(report: Report) -> str:
    """The 开篇 as typed (a blank one: the form's customary opening for the year)."""
    preface = report.texts.get(report.form.preface_key, "")
    return preface if preface.strip() else default_opening(report)


def title_html(report: Report) -> str:
    """The title as one heading; its parts (agency, then year and the rest) break apart only where they must."""
    title = report.title.replace("\n", " ")
    parts = title_parts(report) if "\n" not in report.title else [title]
    inner = "".join(f'<span style="{M.TITLE_PART}">{M.text(p)}</span>' for p in parts) if len(parts) > 1 \
        else M.text(title)
    return f'<h1 style="{M.TITLE}">{inner}</h1>'


def signature_html(report: Report) -> str:
    """单位负责人（签字）, the agency with （盖章） and the date, centred over one another at the right."""
    lines = [SIGNATURE_LINE.rstrip("　"), "", report.agency.replace("\n", " ") + SEAL, signing_date(report)]
    shown = [M.text(t) if t else "<br>" for t in lines]
    shown[0] += f'<span style="{M.SIGNATURE_BLANK}"></span>'  # room to sign that never sticks out of the line
    inner = "".join(f'<p style="{M.SIGNATURE_P}">{t}</p>' for t in shown)
    return f'<div data-govreport="{SIGNATURE_MARK}" style="{M.SIGNATURE}">{inner}</div>'


def draft_html() -> str:
    return f'<p data-govreport="{DRAFT_MARK}" role="note" style="{M.DRAFT}">{M.text(DRAFT_NOTE)}</p>'


def body_html(report: Report, *, blank_as_zero: bool = False, signature_block: bool = False,
              draft: bool = False) -> str:
    """Everything the report says, as one ``<div>`` with inline styles."""
    out = [f'<div style="{M.CONTAINER}">']
    if draft:
        out.append(draft_html())
    out.append(title_html(report))
    out.append(prose_html(opening(report)))
    for section in report.form.sections:
        hid = heading_id(section.key)
        out.append(f'<h2 id="{hid}" style="{M.H2}">{M.text(section.heading)}</h2>')
        if section.kind == "table":
            out.append(table_html(report, section.key, hid, blank_as_zero))
        else:
            text = report.texts.get(section.key, "")
            if text:
                out.append(prose_html(text))
    if signature_block:
        out.append(signature_html(report))
    out.append("</div>")
    return "".join(out)
