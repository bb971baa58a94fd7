"""The old Office files offices still keep: Word 97–2003 ``.doc``, WPS ``.wps``, Excel 97–2003 ``.xls`` and WPS ``.et``.

All four are OLE compound files.  The container is opened with ``olefile`` (maintained, pure Python, reads the
directory and sector chains with its own checks); what it holds decides the reader, whatever the extension: a
``WordDocument`` stream is a Word (or WPS 文字) document, read by :mod:`.doc`; a ``Workbook`` (or ``Book``) stream a
workbook, read by :mod:`.xls`.  An encrypted file (a password-protected ``.docx``/``.xlsx`` is an OLE file holding
``EncryptedPackage``; an encrypted ``.doc`` says so in its FIB, an ``.xls`` by a FILEPASS record), a Word 95 document,
a PowerPoint file and anything else is refused with a one-line Chinese message.  Limits: the size every import has,
the text length of a published report, and the streams no larger than the file that holds them.
"""

from __future__ import annotations

import io
import os
from typing import Any

from ..base import ImportRefused, ImportResult

_KINDS = {".wps": "WPS文字文档", ".et": "WPS表格", ".xls": "Excel 97-2003工作簿"}
SAVE_AS = "请在Word、WPS或Excel中另存为 .docx/.xlsx 后再导入"


def _kind(name: str, default: str) -> str:
    return _KINDS.get(os.path.splitext(name)[1].lower(), default)


def import_ole(data: bytes, name: str) -> ImportResult:
    """Import an old Office file; raises :class:`ImportRefused` with a Chinese message."""
    try:
        import olefile
    except ImportError:  # pragma: no cover - a declared dependency
        raise ImportRefused("缺少读取旧版Office文件的组件（olefile），请重新安装本程序。") from None
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as exc:  # olefile raises OSError and others for a damaged container
        raise ImportRefused(f"“{name}”是损坏的旧版Office文件（{type(exc).__name__}），无法读取。") from None
    try:
        streams = {"/".join(e) for e in ole.listdir(streams=True, storages=False)}
        if "EncryptedPackage" in streams or "EncryptionInfo" in streams:
            raise ImportRefused(f"“{name}”是加密（设有打开密码）的文档，无法读取；请取消密码后再导入。")
        if "WordDocument" in streams:
            return _word(ole, streams, data, name)
        book = next((s for s in ("Workbook", "Book") if s in streams), None)
        if book is not None:
            from .xls import import_xls

            return import_xls(_stream(ole, book, data, name), name)
        raise ImportRefused(f"“{name}”是旧版Office文件，但不是Word文档或Excel工作簿（如PowerPoint文件），无法导入。")
    except ImportRefused:
        raise
    except Exception as exc:  # a stream olefile cannot follow
        raise ImportRefused(f"“{name}”是损坏的旧版Office文件（{type(exc).__name__}），无法读取。") from None
    finally:
        ole.close()


def _stream(ole: Any, stream: str, data: bytes, name: str) -> bytes:
    if ole.get_size(stream) > len(data):
        raise ImportRefused(f"“{name}”是损坏的旧版Office文件（部件大小不符），无法读取。")
    return bytes(ole.openstream(stream).read())


def _word(ole: Any, streams: set[str], data: bytes, name: str) -> ImportResult:
    from ..published import check_length, import_lines
    from .doc import doc_lines
    from .doc_binary import DocBroken, DocEncrypted, DocOld, ParaProps, read_fib, read_pieces

    kind = _kind(name, "Word 97-2003文档")
    wd = _stream(ole, "WordDocument", data, name)
    try:
        fib = read_fib(wd)
        check_length(fib.ccp_text, name)
        if fib.table not in streams:
            raise DocBroken(fib.table)
        table = _stream(ole, fib.table, data, name)
        extra = _stream(ole, "Data", data, name) if "Data" in streams else b""
        lines = doc_lines(read_pieces(wd, table, fib), ParaProps(wd, table, fib, extra), fib)
    except DocEncrypted:
        raise ImportRefused(f"“{name}”是加密（设有打开密码）的{kind}，无法读取；请取消密码后再导入。") from None
    except DocOld:
        raise ImportRefused(f"“{name}”是Word 95或更早版本的文档，{SAVE_AS}。") from None
    except (DocBroken, IndexError, KeyError, ValueError, UnicodeDecodeError):
        raise ImportRefused(f"“{name}”是损坏的{kind}，无法读取其文字。") from None
    return import_lines(lines, name, kind)
