"""The report as a PDF laid out like the official form (reportlab platypus, embedded CJK TrueType subsets).

``render_pdf`` returns the bytes (printing and preview render these same bytes); ``export_pdf`` writes them
atomically.  Without a usable CJK font :class:`~.fonts.FontUnavailable` is raised before anything
is written — never a PDF of empty boxes.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from ...report import Report
from ...storage import atomic_write_bytes
from .fonts import FontUnavailable, resolve_fonts

__all__ = ["FontUnavailable", "PdfOptions", "export_pdf", "render_pdf"]


@dataclass(frozen=True)
class PdfOptions:
    """Choices for the PDF; all off by default."""

    blank_as_zero: bool = False  # print 0 in cells the clerk left blank (a published form has 0, rule W8)
    signature_block: bool = False  # 单位负责人（签字）, （盖章）, date — for the signed paper copy
    rules_appendix: bool = False  # every rule checked, with findings and the clerk's explanations
    fonts: Mapping[str, str] = field(default_factory=dict)  # role -> font file ("path" or "path#N")
    draft: bool = False  # an unresolved report let out anyway: "草稿" on every page (core.readiness)


def render_pdf(report: Report, options: PdfOptions | None = None) -> bytes:
    """The PDF of ``report`` as bytes.  Raises :class:`FontUnavailable`."""
    from ._reportlab_import import import_platypus

    import_platypus()  # before any reportlab.platypus import: the quick way (see there)
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    from . import page_layout as pl

    opts = options or PdfOptions()
    fonts = resolve_fonts(opts.fonts)
    st = pl.make_styles(fonts)
    story = pl.report_story(report, st, blank_as_zero=opts.blank_as_zero)
    if opts.signature_block:
        story += pl.signature_block(report, st)
    if opts.rules_appendix:
        story += pl.rules_appendix(report, st)
    # the frame is exactly the text block (no platypus padding)
    frame = Frame(
        pl.MARGIN_LEFT, pl.MARGIN_BOTTOM, pl.TEXT_WIDTH, pl.TEXT_HEIGHT,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="text",
    )
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf, pagesize=(pl.PAGE_WIDTH, pl.PAGE_HEIGHT),
        leftMargin=pl.MARGIN_LEFT, rightMargin=pl.MARGIN_RIGHT, topMargin=pl.MARGIN_TOP,
        bottomMargin=pl.MARGIN_BOTTOM, title=report.title, author=report.agency, creator="govreport",
        subject=report.form.name, lang="zh-CN", invariant=1,
        # the canvas starts in a CJK face, so no unembedded standard font (Helvetica) is referenced
        initialFontName=fonts["table"], initialFontSize=12,
        pageTemplates=[PageTemplate(id="page", frames=[frame], onPage=pl.page_number_painter(fonts, opts.draft))],
    )
    doc.build(story)
    return buf.getvalue()


def export_pdf(report: Report, path: str | os.PathLike[str], options: PdfOptions | None = None) -> None:
    """Write the PDF of ``report`` to ``path`` atomically.  Raises :class:`FontUnavailable` (nothing written)
    or ``OSError``."""
    data = render_pdf(report, options)
    atomic_write_bytes(path, data, keep_backup=False)
