"""Check every member of an untrusted zip (Word, Excel) before a reader opens it: no bomb behind a lying header.

:mod:`zipfile` trusts the sizes in the central directory only to cut its output short: ``ZipFile.read`` first inflates
the whole compressed stream of a member (up to 2 GB in one piece), so a member that declares 1 KB but carries a 2 MB
stream of zeros costs seconds and gigabytes before the CRC check fails.  Here each member's stream is inflated in
1 MB steps and must end exactly at its declared size with its declared CRC; only stored and deflated members are
accepted (what Word, Excel, WPS and LibreOffice write).  The declared sizes are limited by the callers.
"""

from __future__ import annotations

import zipfile
import zlib

from .base import ImportRefused

_STEP = 1 << 20


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
