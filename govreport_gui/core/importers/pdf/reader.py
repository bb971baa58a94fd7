"""PDF with a text layer → lines, read with pypdf.

pypdf is pure Python (works offline on Windows with nothing else installed), actively maintained, and extracts text
in a layout mode that keeps a table row on one line with its columns space-aligned — the same shape as
``pdftotext -layout``, which the text pipeline already reads.  A PDF without a text layer (a scan) is refused, and so
is one whose text layer would take pypdf longer than the import bound to extract (:mod:`.pdf_budget` counts every
page before the first one is extracted), one of more than :data:`MAX_PAGES` pages, and one whose extraction still
takes longer than :data:`EXTRACT_SECONDS`.
"""

from __future__ import annotations

import io
import time

from ..base import ImportRefused, ImportResult
from ..source import SourceLine, text_lines
from .budget import Budget

MAX_PAGES = 120  # an annual report has 5–30 pages
EXTRACT_SECONDS = 3.0  # pypdf's layout text takes ~17 ms a page (4.9 s for 290 pages of text): a bound for any PDF
SECOND_READING_BEFORE = 2.5  # the column reading (~+40%) only when the first one finished by then


def page_lines(pages: list[str]) -> list[SourceLine]:
    out: list[SourceLine] = []
    for i, text in enumerate(pages, 1):
        out.extend(text_lines(text, label=f"PDF第{i}页第{{n}}行"))
    return out


def import_pdf(data: bytes, name: str) -> ImportResult:
    """Import a PDF; where cells stay blank, a second reading by column (:mod:`.pdf_columns`) may fill them."""
    from .draft_marks import drop_draft_marks

    started = time.monotonic()
    pages, marks = drop_draft_marks(pdf_pages(data, name))  # a draft of ours: its 草稿 marks are not content
    first = _import_pages(pages, name, marks)
    if not any(e.level == "missing" and e.cell for e in first.log) \
            or time.monotonic() - started > SECOND_READING_BEFORE:
        return first
    from .columns import better_of, reflow

    try:
        second = _import_pages(reflow(pages), name, marks)
    except ImportRefused:
        return first
    chosen, used = better_of(first, second)
    if used:
        chosen.add("info", "PDF表格的行名在数字旁折行，已按列拼接行名后重新读取；两种读法都读到的格完全一致。")
    return chosen


def _import_pages(pages: list[str], name: str, marks: int = 0) -> ImportResult:
    from ..published import import_lines
    from .draft_marks import said

    res = import_lines(page_lines(pages), name, "PDF")
    if marks:
        res.add("info", said(marks))
    return res


def pdf_pages(data: bytes, name: str) -> list[str]:
    """The text of each page in layout mode; :class:`ImportRefused` for an unreadable, encrypted or scanned PDF."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - a declared dependency
        raise ImportRefused("缺少读取PDF的组件（pypdf），请重新安装本程序。") from None
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportRefused(f"“{name}”是加密的PDF，无法读取文字。")
        if len(reader.pages) > MAX_PAGES:
            raise ImportRefused(f"“{name}”页数过多（{len(reader.pages)}页），不像一份年度报告。")
        budget = Budget(name)
        for page in reader.pages:
            budget.page(page)
        out: list[str] = []
        chars = 0
        deadline = time.monotonic() + EXTRACT_SECONDS
        for page in reader.pages:
            if time.monotonic() > deadline:
                raise ImportRefused(f"“{name}”的文字过多，读取超时（超过{EXTRACT_SECONDS:.0f}秒），不像一份年度报告。")
            try:
                text = page.extract_text(extraction_mode="layout") or ""
            except Exception:
                text = page.extract_text() or ""
            chars += len(text.strip())
            out.append(text)
    except ImportRefused:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise ImportRefused(f"“{name}”无法作为PDF读取（{type(exc).__name__}），文件可能已损坏。") from None
    if chars == 0:
        raise ImportRefused(f"“{name}”没有文字层（可能是扫描件），无法导入；请使用网页或Word版本。")
    return out
