"""Import any file the clerk points at: choose the reader by content (then extension) and refuse the rest clearly.

``.txt``/``.md`` text, ``.html``/``.htm``, Word ``.docx``, PDF with a text layer, our ``.xlsx`` workbook and our own
``.govreport`` file; the old Office files (Word 97–2003 ``.doc``, WPS ``.wps``, Excel 97–2003 ``.xls``, WPS ``.et``)
through :mod:`.ole`.  Empty files, files over :data:`MAX_IMPORT_BYTES`, binary garbage and documents that are not a
政府信息公开工作年度报告 (e.g. a budget report) raise :class:`ImportRefused` with a one-line Chinese message.
"""

from __future__ import annotations

import os
from pathlib import Path

from .base import ImportRefused, ImportResult, read_bounded

MAX_IMPORT_BYTES = 50 * 1024 * 1024
MAX_HTML_BYTES = 1024 * 1024  # a report saved by Word as a web page is a few hundred KB; parsing takes ~2 s per MB
MAX_ZIP_ENTRIES = 5000  # central directory entries parsed at all (a docx or xlsx has tens)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_source(path: str | os.PathLike[str]) -> tuple[bytes, str]:
    """The bytes of ``path`` (at most :data:`MAX_IMPORT_BYTES`) and its name, or :class:`ImportRefused`."""
    return read_bounded(path, MAX_IMPORT_BYTES)


def import_file(path: str | os.PathLike[str]) -> ImportResult:
    """Import a published report or our own workbook/file; raises :class:`ImportRefused` (Chinese message)."""
    data, name = read_source(path)
    return import_bytes(data, name)


def import_bytes(data: bytes, name: str) -> ImportResult:
    """Import the bytes of a source named ``name``; text that cannot be saved is replaced (and logged)."""
    res = _import_bytes(data, name)
    res.replace_lone_surrogates()
    return res


def _import_bytes(data: bytes, name: str) -> ImportResult:
    ext = Path(name).suffix.lower()
    head = data[:4096]
    if head.startswith(b"%PDF"):
        from .pdf.reader import import_pdf

        return import_pdf(data, name)
    if head.startswith(b"PK\x03\x04"):
        return _zip(data, name, ext)
    if head.startswith(_OLE):
        from .old_office.ole import import_ole

        return import_ole(data, name)  # Word 97–2003 .doc, WPS .wps, Excel 97–2003 .xls, WPS .et
    if ext in (".pdf", ".docx", ".xlsx", ".doc", ".wps", ".xls", ".et"):
        raise ImportRefused(f"“{name}”的内容不是{ext[1:].upper()}格式（文件已损坏或扩展名不对）。")
    text = _text(data, name)
    if ext == ".govreport" or text.lstrip().startswith('{"format"') or text.lstrip()[:40].startswith("{\n"):
        return _own(data, name)
    lowered = text[:4096].lower()
    if ext in (".html", ".htm", ".xhtml") or "<html" in lowered or "<table" in lowered or "<!doctype html" in lowered:
        from .html import html_lines
        from .published import import_lines

        if len(data) > MAX_HTML_BYTES:
            raise ImportRefused(f"“{name}”网页文件过大（{len(data) / (1024 * 1024):.1f} MB，上限"
                                f"{MAX_HTML_BYTES // (1024 * 1024)} MB），请改用Word文档（.docx）或文本文件导入。")
        from .own.html import import_own_html

        own = import_own_html(text, name)  # our own page (also as a browser saved it), read back by the grid
        if own is not None:
            return own
        return import_lines(html_lines(text), name, "网页")
    from .pdf.draft_marks import drop_draft_marks, said
    from .published import check_length, import_lines
    from .source import text_lines

    check_length(len(text), name)  # before splitting: 300,000 lines would already cost time and memory
    (text,), marks = drop_draft_marks([text])  # pdftotext of a draft of ours: its 草稿 marks are not content
    res = import_lines(text_lines(text), name, "文本")
    if marks:
        res.add("info", said(marks))
    return res


def _zip(data: bytes, name: str, ext: str) -> ImportResult:
    import io
    import zipfile

    if data.count(b"PK\x01\x02") > MAX_ZIP_ENTRIES:  # every entry zipfile would parse starts so: count them first
        raise ImportRefused(f"“{name}”包含的部件过多，不是Word文档或Excel工作簿，拒绝读取。")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist()[:MAX_ZIP_ENTRIES])
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise ImportRefused(f"“{name}”是损坏的压缩文件，无法读取。") from None
    if "word/document.xml" in names:
        from .docx import check_docx_container, docx_lines
        from .own.word import import_own_docx
        from .published import import_lines

        check_docx_container(data, name)  # once, for both readers
        own = import_own_docx(data, name, checked=True)  # our own export, read back by the grid; else None
        if own is not None:
            return own
        return import_lines(docx_lines(data, name, checked=True), name, "Word文档")
    if "xl/workbook.xml" in names:
        from .xlsx import import_xlsx_bytes

        return import_xlsx_bytes(data, name)
    raise ImportRefused(f"“{name}”是压缩文件，不是Word文档或Excel工作簿，无法导入。")


def _text(data: bytes, name: str) -> str:
    from .charset import decode_source

    sample = data[:65536]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportRefused(f"“{name}”不是文本、网页、Word或PDF文件，无法识别其内容。")
    text = decode_source(data, name)
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > 0.01 * min(len(text), 65536) + 8:
        raise ImportRefused(f"“{name}”不是文本、网页、Word或PDF文件，无法识别其内容。")
    return text


def _own(data: bytes, name: str) -> ImportResult:
    from ..storage import ReportFileError, loads

    try:
        report = loads(data, name)
    except ReportFileError as exc:
        raise ImportRefused(str(exc)) from None
    res = ImportResult(report)
    res.add("info", f"“{name}”是本程序保存的报告文件，已原样读取（{len(report.values)}个填报格）。")
    return res
