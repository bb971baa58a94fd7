"""Word ``.docx`` → lines: the body's paragraphs and tables, in document order.

Uses python-docx (well kept, pure Python over lxml; its XML parser is created with ``resolve_entities=False``, so no
entity expansion).  The zip container is checked first (entry count, uncompressed size) against zip bombs.  A merged
cell (gridSpan or vMerge) is emitted once, where it starts.
"""

from __future__ import annotations

import io

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
        from docx.table import Table
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
                out.extend(_table_lines(Table(child, document), n_tab))
        return out
    except ImportRefused:
        raise
    except Exception as exc:  # malformed parts surface as many exception types
        raise ImportRefused(f"“{name}”无法作为Word文档读取（{type(exc).__name__}）。") from None


def _table_lines(table: object, n: int) -> list[SourceLine]:
    seen: dict[int, object] = {}  # id → the cell element itself (kept alive, so the id stays its own)
    out: list[SourceLine] = []
    for r, row in enumerate(table.rows, 1):  # type: ignore[attr-defined]
        cells: list[str] = []
        for cell in row.cells:
            tc = cell._tc
            if id(tc) in seen:
                continue
            seen[id(tc)] = tc
            cells.append("".join(p.text for p in cell.paragraphs).strip())
        out.append(SourceLine(f"Word表格{n}第{r}行", cells, table=True))
    return out
