"""The text of a text or HTML file in whatever encoding a Chinese government site serves it.

Order: a byte-order mark (UTF-8, UTF-16 LE/BE) decides; else an HTML ``<meta charset=…>`` or
``<meta http-equiv="Content-Type" content="…; charset=…">`` in the first 4 KB (GB2312 and GBK are read as their
superset GB18030, as browsers do); else strict UTF-8; else GB18030.  A file that none of these decodes without error
is refused with a one-line Chinese message rather than imported as mojibake — and so is a declared charset that does
not decode, when neither UTF-8 nor GB18030 does either.
"""

from __future__ import annotations

import codecs
import re

from .base import ImportRefused

_META_RE = re.compile(
    rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{2,40})",
    re.IGNORECASE,
)
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030", "euc-cn": "gb18030",
              "big5": "big5hkscs", "iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "utf-8",
              "ascii": "utf-8"}


def declared_charset(data: bytes) -> str | None:
    """The codec an HTML head declares (``meta charset`` or ``http-equiv`` content type), if Python knows it."""
    m = _META_RE.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace").lower().strip()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_source(data: bytes, name: str) -> str:
    """The text of ``data`` (see the module for the order); :class:`ImportRefused` when undecidable."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", name)
    declared = declared_charset(data)
    if declared and declared not in ("utf-16", "utf-16-le", "utf-16-be"):  # bytes with a meta tag are not UTF-16
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass  # the page says one thing and is another: try what such pages usually are
    for codec in ("utf-8", "gb18030"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    raise ImportRefused(f"“{name}”的文字编码无法识别（不是UTF-8、UTF-16、GBK/GB18030，也不符合网页声明的编码），"
                        "请另存为UTF-8编码后再导入。")


def _strict(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        raise ImportRefused(f"“{name}”以{codec.upper()}的字节顺序标记开头，但其中有不是{codec.upper()}的字节，"
                            "文件可能已损坏，无法导入。") from None
