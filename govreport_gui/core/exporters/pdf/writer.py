"""The report as a PDF laid out like the official form (reportlab platypus, embedded CJK TrueType subsets).

``render_pdf`` returns the bytes (printing and preview render these same bytes); ``export_pdf`` writes them
atomically.  Without a usable CJK font :class:`~.fonts.FontUnavailable` is raised before anything
is written — never a PDF of empty boxes.

The PDF's creation and modification dates are the real time of export.  Only when ``SOURCE_DATE_EPOCH`` is set (the
reproducible-builds convention; the tests set it) is reportlab's invariant mode on: the dates are that moment and the
document id is fixed, so the same report gives the same bytes.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ...atomic import atomic_write_bytes
from ...report import Report
from .fonts import FontUnavailable, resolve_fonts

__all__ = ["ExportCancelled", "FontUnavailable", "PdfOptions", "export_pdf", "render_pdf"]


class ExportCancelled(Exception):
    """The caller's ``cancelled()`` said stop (checked as each page is finished); nothing was written."""


@dataclass(frozen=True)
class PdfOptions:
    """Choices for the PDF; all off by default."""

    blank_as_zero: bool = False  # print 0 in cells the clerk left blank (a published form has 0, rule W8)
    signature_block: bool = False  # 单位负责人（签字）, （盖章）, date — for the signed paper copy
    rules_appendix: bool = False  # every rule checked, with findings and the clerk's explanations
    fonts: Mapping[str, str] = field(default_factory=dict)  # role -> font file ("path" or "path#N")
    draft: bool = False  # an unresolved report let out anyway: "草稿" on every page (core.checks.readiness)


def reproducible() -> int:
    """1 when ``SOURCE_DATE_EPOCH`` is set (fixed dates and id: byte-identical output), else 0 (the real time)."""
    return 1 if os.environ.get("SOURCE_DATE_EPOCH", "").strip() else 0


def render_pdf(report: Report, options: PdfOptions | None = None, cancelled: Callable[[], bool] | None = None,
               progress: Callable[[int], None] | None = None) -> bytes:
    """The PDF of ``report`` as bytes.  Raises :class:`FontUnavailable`.

    For a caller running it in the background: ``cancelled()`` is asked as each page is laid out (true: raises
    :class:`ExportCancelled`), and ``progress(n)`` is told the number of each page done.
    """
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
        subject=report.form.name, lang="zh-CN", invariant=reproducible(),
        # the canvas starts in a CJK face, so no unembedded standard font (Helvetica) is referenced
        initialFontName=fonts["table"], initialFontSize=12,
        pageTemplates=[
            PageTemplate(id="page", frames=[frame], onPage=_on_page(fonts, cancelled, progress, opts.draft)),
        ],
    )
    doc.build(story)
    return buf.getvalue()


def _on_page(fonts: object, cancelled: Callable[[], bool] | None,
             progress: Callable[[int], None] | None, draft: bool = False) -> Callable[[object, object], None]:
    from . import page_layout as pl

    paint = pl.page_number_painter(fonts, draft)  # type: ignore[arg-type]

    def on_page(canvas: object, doc: object) -> None:
        if cancelled is not None and cancelled():
            raise ExportCancelled()
        paint(canvas, doc)  # type: ignore[arg-type]
        if progress is not None:
            progress(canvas.getPageNumber())  # type: ignore[attr-defined]

    return on_page


def export_pdf(report: Report, path: str | os.PathLike[str], options: PdfOptions | None = None) -> None:
    """Write the PDF of ``report`` to ``path`` atomically.  Raises :class:`FontUnavailable` (nothing written)
    or ``OSError``."""
    data = render_pdf(report, options)
    atomic_write_bytes(path, data, keep_backup=False)
