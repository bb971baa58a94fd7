"""The whole report as a Word document: title, 开篇, sections 一–六 in the form's order, and the options the PDF offers.

Each prose line of the clerk's text is one paragraph, kept verbatim (blank lines as empty paragraphs), so that
:mod:`core.importers.own.word` gives the text back exactly; a line opening with （一） is a level-2 heading (楷体), or,
when text follows its first 。 on the same line, a body paragraph whose heading part is in 楷体 — as the PDF sets it.
Section headings are ``heading 1`` (Word's navigation pane lists them), the three tables come from
:mod:`.tables`.  Page numbers "— n —" are PAGE fields in two footers: odd pages right, even pages left.

Options mirror :class:`core.exporters.pdf.PdfOptions`: ``blank_as_zero`` prints 0 in blank cells,
``signature_block`` adds 单位负责人（签字）/ 机关（盖章）/ date, ``rules_appendix`` adds every rule with its
findings and the clerk's explanations on a page of its own.

Measured warm (``benchmarks/bench_word.py``, the full seed report, 2 cores): 33 ms median at a load of 3, 90 ms at a
load of 7 — python-docx opening its template and zipping the result take most of it.
"""

from __future__ import annotations

import datetime as _dt
import io
import os
import re
from typing import Any

from ...atomic import atomic_write_bytes
from ...report import Report
from ...storage import to_dict
from ..printed import LEVEL2, default_opening, signing_date, title_parts
from . import styles as S
from .properties import add_data, add_properties
from .tables import table_element, text_width

APPENDIX_HEADING = "附：勾稽关系与核查规则"
SIGNATURE_LINE = "单位负责人（签字）：" + "　" * 6
SEAL = "（盖章）"
INLINE_HEAD_MAX = 30  # a "（一）…。" head longer than this is not a heading but a sentence
# characters XML 1.0 forbids (a pasted control character would make the document unreadable)
_ILLEGAL_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: str) -> str:
    return _ILLEGAL_XML.sub("", text)


def prose_lines(text: str) -> list[str]:
    """The paragraphs of a text as the document holds them: one per line, verbatim."""
    return clean(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")


def render_docx(report: Report, *, blank_as_zero: bool = False, signature_block: bool = False,
                rules_appendix: bool = False, draft: bool = False) -> bytes:
    """The .docx of ``report`` as bytes; a ``draft`` (a report with something unresolved) carries the 草稿 note in
    the header of every page, like the PDF and the workbook."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    document = docx.Document()
    package = document.part.package
    for rid, rel in list(package.rels.items()):  # the template's thumbnail shows an English page
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rid)
    S.apply_styles(document)
    _settings(document)
    section = document.sections[0]
    S.page_setup(section)
    _footers(section)
    if draft:
        _draft_headers(section)
    _properties(document, report)
    body = _Body(document)
    _title(body, report)
    preface = report.texts.get("preface", "")
    body.prose(preface if preface.strip() else default_opening(report))
    for sec in report.form.sections:
        body.paragraph(S.HEADING1, sec.heading)
        if sec.kind == "table":
            body.append(table_element(report, sec.key, blank_as_zero))
            body.paragraph(S.BODY, "")  # a line between the table and the next heading (and Word needs one)
        else:
            text = report.texts.get(sec.key, "")
            if text:
                body.prose(text)
    if signature_block:
        _signature(body, report)
    if rules_appendix:
        _appendix(body, report)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def export_docx(report: Report, path: str | os.PathLike[str], *, blank_as_zero: bool = False,
                signature_block: bool = False, rules_appendix: bool = False, draft: bool = False) -> None:
    """Write the Word document of ``report`` to ``path`` atomically (``OSError`` if it cannot be written)."""
    data = render_docx(report, blank_as_zero=blank_as_zero, signature_block=signature_block,
                       rules_appendix=rules_appendix, draft=draft)
    atomic_write_bytes(path, data, keep_backup=False)


def _title(body: _Body, report: Report) -> None:
    """The title on one line when it fits; else broken after the agency's name, as the PDF breaks it
    (``printed.title_parts``): Word's own wrapping broke "…2024年度政府 / 信息公开工作报告" inside a word."""
    title = clean(report.title).replace("\n", " ")
    parts = [clean(p).replace("\n", " ") for p in title_parts(report)]
    size = S.TITLE_HALF_PT / 2
    if len(parts) == 1 or text_width(title, size) <= S.TEXT_WIDTH_TWIPS / 20:
        body.paragraph(S.TITLE, title)
        return
    para = body.paragraph(S.TITLE, parts[0])
    para.add_run().add_break()
    para.add_run(parts[1])


class _Body:
    """Appends paragraphs and tables before the body's final section properties."""

    def __init__(self, document: Any) -> None:
        from docx.text.paragraph import Paragraph

        self._document = document
        self._end = document.element.body.sectPr
        self._paragraph_type = Paragraph
        self.last: Any = None  # the last paragraph appended

    def append(self, element: Any) -> None:
        self._end.addprevious(element)

    def paragraph(self, style: str, text: str = "", char_style: str = "") -> Any:
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        p = parse_xml(f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="{style}"/></w:pPr></w:p>')
        self.append(p)
        para = self._paragraph_type(p, self._document._body)
        self.last = para
        if text:
            run = para.add_run(text)
            if char_style:
                run._r.get_or_add_rPr().insert(0, parse_xml(f'<w:rStyle {nsdecls("w")} w:val="{char_style}"/>'))
        return para

    def prose(self, text: str) -> None:
        for line in prose_lines(text):
            if LEVEL2.match(line):
                head, dot, rest = line.partition("。")
                if not dot or not rest.strip():
                    self.paragraph(S.HEADING2, line)
                    continue
                if len(head) <= INLINE_HEAD_MAX:
                    para = self.paragraph(S.BODY, head + dot, S.SUBHEAD_CHARS)
                    para.add_run(rest)
                    continue
            self.paragraph(S.BODY, line)


def _settings(document: Any) -> None:
    from docx.oxml.ns import qn

    settings = document.settings
    settings.odd_and_even_pages_header_footer = True
    lang = settings.element.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")


def _footers(section: Any) -> None:
    """"— n —" in 4号 宋体: a PAGE field in the odd pages' footer (right) and the even pages' (left)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    for footer, style in ((section.footer, S.PAGE_NUMBER_ODD), (section.even_page_footer, S.PAGE_NUMBER_EVEN)):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p._p.get_or_add_pPr().get_or_add_pStyle().val = style
        for xml in ('<w:r {ns}><w:t xml:space="preserve">— </w:t></w:r>',
                    '<w:fldSimple {ns} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>',
                    '<w:r {ns}><w:t xml:space="preserve"> —</w:t></w:r>'):
            p._p.append(parse_xml(xml.format(ns=nsdecls("w"))))


def _draft_headers(section: Any) -> None:
    """The draft note centred in the header of odd and even pages (never over a figure)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from ...checks.readiness import DRAFT_NOTE

    for header in (section.header, section.even_page_header):
        header.is_linked_to_previous = False
        p = header.paragraphs[0]
        p.text = DRAFT_NOTE
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _properties(document: Any, report: Report) -> None:
    core = document.core_properties
    core.title = clean(report.title)[:255]
    core.author = clean(report.agency)[:255]
    core.subject = report.form.name
    core.language = "zh-CN"
    core.comments = ""
    core.keywords = "政府信息公开工作年度报告"
    core.last_modified_by = "govreport"
    now = _dt.datetime.now(_dt.UTC).replace(microsecond=0, tzinfo=None)
    core.created = core.modified = now
    core.revision = 1
    add_properties(document, report.meta, report.form.id, clean)
    doc = to_dict(report)
    data = {k: doc[k] for k in ("explanations", "previous") if doc.get(k)}
    if data:
        add_data(document, data)


def _signature(body: _Body, report: Report) -> None:
    """Signature, seal and date right of the page, each line centred on the date as GB/T 9704 sets a 落款.

    The text's last paragraph goes with it: no page holds the signature alone.
    """
    from docx.shared import Pt

    if body.last is not None:
        body.last.paragraph_format.keep_with_next = True

    lines = [SIGNATURE_LINE, "", clean(report.agency).replace("\n", " ") + SEAL, signing_date(report)]
    size = S.BODY_HALF_PT / 2
    block = max(text_width(t, size) for t in lines)
    body.paragraph(S.SIGNATURE, "")
    for text in lines:
        para = body.paragraph(S.SIGNATURE, text)
        para.paragraph_format.right_indent = Pt(2 * size + (block - text_width(text, size)) / 2)


def _appendix(body: _Body, report: Report) -> None:
    """Every rule of the form, whether it passes, its findings and the clerk's explanation (as in the PDF)."""
    from ...checks.finding import SEVERITY_NAMES
    from ...checks.run import check

    findings = check(report)
    head = body.paragraph(S.HEADING1, APPENDIX_HEADING)
    head.paragraph_format.page_break_before = True
    for rule in report.form.rules:
        mine = [f for f in findings if f.rule == rule["id"]]
        kind = SEVERITY_NAMES[rule["severity"]]
        state = f"未通过（{len(mine)}项）" if mine else "通过"
        para = body.paragraph(S.APPENDIX, f"{rule['id']}　{rule.get('title', '')}（{kind}）：", S.HEAD_CHARS)
        para.add_run(state)
        for f in mine:
            body.paragraph(S.APPENDIX_INDENTED, "· " + clean(f.message))
        explanation = report.explanations.get(rule["id"], "").strip()
        if explanation:
            body.paragraph(S.APPENDIX_INDENTED, "说明：" + clean(explanation))
