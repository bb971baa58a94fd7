"""Word ``.docx`` → lines: the body's paragraphs and tables, in document order.

Uses python-docx (well kept, pure Python over lxml; its XML parser is created with ``resolve_entities=False``, so no
entity expansion).  The zip container is checked first (entry count, uncompressed size) against zip bombs.  A merged
cell (gridSpan or vMerge) is emitted once, where it starts.

The tables are read from their XML here, not through python-docx's ``row.cells``: that expands every horizontal span
into one cell per grid column and follows a vertical merge upwards by recursion, so one
``<w:gridSpan w:val="2147483647"/>`` in a 40 KB file ran 50 s and reached 6.9 GB (``1e8``: 14 s, 951 MB) and 20,000
merged rows ended in RecursionError after 28 s.  Reading each ``<w:tc>`` once costs nothing per spanned column: the
same files are read in 0.1 s.
"""

from __future__ import annotations

import io
from typing import Any

from .base import ImportRefused
from .safezip import ZipKind, open_checked
from .source import SourceLine

DOCX = ZipKind("Word文档", ".docx", "word/document.xml", max_entries=2000, max_uncompressed=200 * 1024 * 1024)
MAX_BODY_TAGS = 150_000  # "<" in word/document.xml: a report has some 40,000; each costs python-docx ~20 µs


def check_docx_container(data: bytes, name: str) -> None:
    with open_checked(data, name, DOCX) as zf:
        tags = zf.read(DOCX.main_part).count(b"<")
    if tags > MAX_BODY_TAGS:
        raise ImportRefused(f"“{name}”的正文过长或过于复杂（{tags}个XML标记），不像一份年度报告，无法导入。")


def docx_lines(data: bytes, name: str, checked: bool = False) -> list[SourceLine]:
    if not checked:  # the caller may have checked the container already
        check_docx_container(data, name)
    try:
        import docx
        from docx.text.paragraph import Paragraph
    except ImportError:  # pragma: no cover - a declared dependency
        raise ImportRefused("缺少读取Word文档的组件（python-docx），请重新安装本程序。") from None
    try:
        document = docx.Document(io.BytesIO(data))
        out: list[SourceLine] = []
        n_par = n_tab = 0
        for child in document.element.body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                n_par += 1
                text = Paragraph(child, document).text.strip()
                if text:
                    out.append(SourceLine(f"第{n_par}段", [text]))
            elif tag == "tbl":
                n_tab += 1
                out.extend(_table_lines(child, n_tab))
        return out
    except ImportRefused:
        raise
    except Exception as exc:  # malformed parts surface as many exception types
        raise ImportRefused(f"“{name}”无法作为Word文档读取（{type(exc).__name__}）。") from None


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _table_lines(tbl: Any, n: int) -> list[SourceLine]:
    """One line per ``<w:tr>``: the text of each ``<w:tc>`` that starts a cell (a ``vMerge`` continuation is the
    cell above, already emitted; a ``gridSpan`` is one cell whatever its width)."""
    from docx.text.paragraph import Paragraph

    out: list[SourceLine] = []
    for r, tr in enumerate(tbl.iterchildren(f"{_W}tr"), 1):
        cells: list[str] = []
        for tc in tr.iterchildren(f"{_W}tc"):
            merge = tc.find(f"{_W}tcPr/{_W}vMerge")
            if merge is not None and merge.get(f"{_W}val", "continue") != "restart":
                continue
            cells.append("".join(Paragraph(p, None).text for p in tc.iterchildren(f"{_W}p")).strip())
        out.append(SourceLine(f"Word表格{n}第{r}行", cells, table=True))
    return out
