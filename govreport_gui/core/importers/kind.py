"""What kind of published report a file is, from its first bytes — for 打开 pointed at a file 导入 should read.

A clerk who opens a published report (a PDF, a Word file, a web page, a text or Markdown conversion) with 打开 used to
be told the file was damaged.  :func:`importable_kind` recognises such a file so the window can say it is not a
report file and offer 导入 instead.  A file that starts like our own JSON is left alone: that one *is* damaged.
"""

from __future__ import annotations

import os

_SAMPLE = 64 * 1024
_ZIP_KINDS = ((b"word/", "Word文档"), (b"xl/", "Excel工作簿"))


def importable_kind(path: str | os.PathLike[str]) -> str | None:
    """"PDF", "Word文档", "Excel工作簿", "网页" or "文本" when ``path`` looks like something 导入 reads, else None
    (old Office files too: a .doc or .wps is a Word文档, an .xls or .et an Excel工作簿)."""
    try:
        with open(path, "rb") as f:
            head = f.read(_SAMPLE)
    except OSError:
        return None
    return kind_of(head)


_OLE_KINDS = (("WordDocument", "Word文档"), ("Workbook", "Excel工作簿"), ("Book", "Excel工作簿"))


def kind_of(head: bytes) -> str | None:
    if head.startswith(b"%PDF"):
        return "PDF"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # an old Office file: its directory names the stream
        return next((kind for stream, kind in _OLE_KINDS if (stream + "\0").encode("utf-16-le") in head), None)
    if head.startswith(b"PK\x03\x04"):
        return next((kind for marker, kind in _ZIP_KINDS if marker in head), None)
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        texts = [head.decode("utf-16", errors="ignore")]
    else:  # the sample may end inside a character: decode leniently, in both encodings 导入 reads
        texts = [head.decode("utf-8-sig", errors="ignore"), head.decode("gb18030", errors="ignore")]
    text = next((t for t in texts if "政府信息公开" in t), texts[0])
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{"):
        return None  # our own file format, damaged: the open error says so
    lowered = stripped[:4096].lower()
    if "<html" in lowered or "<!doctype html" in lowered or "<table" in lowered:
        return "网页"
    if "政府信息公开" in text:
        return "文本"
    return None
