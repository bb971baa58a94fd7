"""Open an untrusted zip (Word, Excel) with limits, and check every member before a reader inflates it.

:func:`open_checked` is the one way the importers open a ``.docx`` or ``.xlsx``: the central directory must parse,
hold at most the kind's number of entries and declare at most its uncompressed total, contain the kind's main part,
and every member must pass :func:`verify_members`.

:mod:`zipfile` trusts the sizes in the central directory only to cut its output short: ``ZipFile.read`` first inflates
the whole compressed stream of a member (up to 2 GB in one piece), so a member that declares 1 KB but carries a 2 MB
stream of zeros costs seconds and gigabytes before the CRC check fails.  Here each member's stream is inflated in
1 MB steps and must end exactly at its declared size with its declared CRC; only stored and deflated members are
accepted (what Word, Excel, WPS and LibreOffice write).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass

from .base import ImportRefused

_STEP = 1 << 20


@dataclass(frozen=True)
class ZipKind:
    """What a zip container must be: its name for the clerk, extension, main part and limits."""

    label: str  # "Word文档"
    ext: str  # ".docx"
    main_part: str  # "word/document.xml"
    max_entries: int
    max_uncompressed: int


def open_checked(data: bytes, name: str, kind: ZipKind) -> zipfile.ZipFile:
    """The zip in ``data``, every member checked; :class:`ImportRefused` (Chinese message) for anything else."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except Exception:  # BadZipFile, LargeZipFile, ValueError, EOFError, …
        raise ImportRefused(f"“{name}”不是有效的{kind.label}（文件已损坏或不是 {kind.ext} 格式）。") from None
    try:
        _check_directory(infos, name, kind)
        verify_members(data, infos, name)  # before anything inflates a member: a lying size header hides a bomb
    except ImportRefused:
        zf.close()
        raise
    return zf


def _check_directory(infos: list[zipfile.ZipInfo], name: str, kind: ZipKind) -> None:
    if len(infos) > kind.max_entries:
        raise ImportRefused(f"“{name}”包含的部件过多（{len(infos)}个），拒绝读取。")
    total = sum(i.file_size for i in infos)
    if total > kind.max_uncompressed:
        mb = 1024 * 1024
        raise ImportRefused(f"“{name}”解压后过大（{total // mb} MB，上限{kind.max_uncompressed // mb} MB），拒绝读取。")
    if kind.main_part not in {i.filename for i in infos}:
        raise ImportRefused(f"“{name}”不是{kind.label}（缺少 {kind.main_part}）。")


def verify_members(data: bytes, infos: list[zipfile.ZipInfo], name: str) -> None:
    """Raise :class:`ImportRefused` unless every member inflates to exactly its declared size and CRC."""
    for info in infos:
        if not _member_ok(data, info):
            raise ImportRefused(f"“{name}”已损坏或含有异常的压缩部件（{info.filename[:60]}），拒绝读取。")


def _member_ok(data: bytes, info: zipfile.ZipInfo) -> bool:
    if info.flag_bits & 1:  # encrypted
        return False
    off = info.header_offset
    if off < 0 or data[off:off + 4] != b"PK\x03\x04":
        return False
    name_len = int.from_bytes(data[off + 26:off + 28], "little")
    extra_len = int.from_bytes(data[off + 28:off + 30], "little")
    start = off + 30 + name_len + extra_len
    stream = memoryview(data)[start:start + info.compress_size]
    if len(stream) != info.compress_size:
        return False
    if info.compress_type == zipfile.ZIP_STORED:
        return info.compress_size == info.file_size and zlib.crc32(stream) == info.CRC
    if info.compress_type != zipfile.ZIP_DEFLATED:
        return False
    inflater = zlib.decompressobj(-15)
    total = crc = 0
    pending: bytes | memoryview = stream
    try:
        while not inflater.eof:
            chunk = inflater.decompress(pending, _STEP)
            pending = inflater.unconsumed_tail
            total += len(chunk)
            if total > info.file_size:
                return False
            crc = zlib.crc32(chunk, crc)
            if not chunk and not pending:
                break
    except zlib.error:
        return False
    return inflater.eof and total == info.file_size and crc == info.CRC
