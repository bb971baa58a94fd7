"""PDF with a text layer → lines, read with pypdf.

pypdf is pure Python (works offline on Windows with nothing else installed), actively maintained, and extracts text
in a layout mode that keeps a table row on one line with its columns space-aligned — the same shape as
``pdftotext -layout``, which the text pipeline already reads.  A PDF without a text layer (a scan) is refused, and so
is one whose text layer would take pypdf longer than the import bound to extract (:mod:`.pdf_budget` counts every
page before the first one is extracted).
"""

from __future__ import annotations

import io

from .base import ImportRefused
from .pdf_budget import Budget
from .source import SourceLine, text_lines

MAX_PAGES = 300


def pdf_lines(data: bytes, name: str) -> list[SourceLine]:
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
        out: list[SourceLine] = []
        chars = 0
        for i, page in enumerate(reader.pages, 1):
            try:
                text = page.extract_text(extraction_mode="layout") or ""
            except Exception:
                text = page.extract_text() or ""
            chars += len(text.strip())
            out.extend(text_lines(text, label=f"PDF第{i}页第{{n}}行"))
    except ImportRefused:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise ImportRefused(f"“{name}”无法作为PDF读取（{type(exc).__name__}），文件可能已损坏。") from None
    if chars == 0:
        raise ImportRefused(f"“{name}”没有文字层（可能是扫描件），无法导入；请使用网页或Word版本。")
    return out
