"""Which characters the PDF's fonts can draw, read from the fonts' cmap tables without reportlab.

A character that no available font has printed as an empty box, with no warning (CJK Extension B names such as 𠀀 𪚥,
rarer characters such as 刏 missing from a face, emoji).  The PDF now falls back, character by character, through
every usable font (:mod:`core.exporters.pdf.fallback_fonts`); what even the last font lacks is reported by the rule
of kind ``undrawable_chars`` and by the export.  This module answers "can any available font draw this?" for both:
it reads the ``cmap`` of each candidate face (the faces :func:`~core.exporters.pdf.fonts.candidate_faces` finds plus
the ``GOVREPORT_FONT_<ROLE>`` overrides) with ``struct`` — formats 4 and 12, in a ``.ttf`` or a face of a ``.ttc`` —
once per process and only as far as needed: the first face usually has every character of a report (30–50 ms),
and a report of ASCII and the report's punctuation (:data:`ALWAYS_DRAWN`) opens none.  Where no font is found at all the
answer is "unknown" (nothing is reported: the PDF export refuses on its own).
"""

from __future__ import annotations

import functools
import mmap
import os
import struct
from collections.abc import Iterable

# ASCII and the report's own punctuation: every CJK face the PDF accepts draws these (fonts.REQUIRED_TEXT checks)
ALWAYS_DRAWN = frozenset(chr(c) for c in range(0x20, 0x7F)) | frozenset("（）：“”、。，—；！？《》\n\t\r 　")


def _table(data: bytes, base: int, tag: bytes) -> tuple[int, int] | None:
    num = struct.unpack_from(">H", data, base + 4)[0]
    for i in range(num):
        rec = base + 12 + 16 * i
        if data[rec:rec + 4] == tag:
            offset, length = struct.unpack_from(">II", data, rec + 8)
            return offset, length
    return None


def _format12(data: bytes, at: int, out: set[int]) -> None:
    n = struct.unpack_from(">I", data, at + 12)[0]
    for g in range(min(n, 200_000)):
        start, end, glyph = struct.unpack_from(">III", data, at + 16 + 12 * g)
        if end - start > 0x10FFFF:
            continue
        out.update(range(start + (glyph == 0), end + 1))


def _format4(data: bytes, at: int, out: set[int]) -> None:
    segs = struct.unpack_from(">H", data, at + 6)[0] // 2
    ends = struct.unpack_from(f">{segs}H", data, at + 14)
    starts = struct.unpack_from(f">{segs}H", data, at + 16 + 2 * segs)
    deltas = struct.unpack_from(f">{segs}h", data, at + 16 + 4 * segs)
    ro_at = at + 16 + 6 * segs
    offsets = struct.unpack_from(f">{segs}H", data, ro_at)
    for i in range(segs):
        start, end = starts[i], ends[i]
        if start == 0xFFFF:
            continue
        for c in range(start, end + 1):
            if offsets[i] == 0:
                glyph = (c + deltas[i]) & 0xFFFF
            else:
                pos = ro_at + 2 * i + offsets[i] + 2 * (c - start)
                if pos + 2 > len(data):
                    continue
                glyph = struct.unpack_from(">H", data, pos)[0]
                glyph = (glyph + deltas[i]) & 0xFFFF if glyph else 0
            if glyph:
                out.add(c)


@functools.cache
def face_codepoints(path: str, index: int = 0, stamp: tuple[int, int] = (0, 0)) -> frozenset[int]:
    """The code points face ``index`` of the font file maps to a glyph (empty when it cannot be read)."""
    del stamp  # part of the cache key only
    try:
        with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return _codepoints(data, index)  # type: ignore[arg-type]  # only the cmap's pages are read
    except (OSError, struct.error, IndexError, ValueError, MemoryError):
        return frozenset()


def _codepoints(data: bytes, index: int) -> frozenset[int]:
    base = 0
    if data[:4] == b"ttcf":
        count = struct.unpack_from(">I", data, 8)[0]
        if not 0 <= index < count:
            return frozenset()
        base = struct.unpack_from(">I", data, 12 + 4 * index)[0]
    found = _table(data, base, b"cmap")
    if found is None:
        return frozenset()
    cmap = found[0]
    subtables = []
    for i in range(struct.unpack_from(">H", data, cmap + 2)[0]):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        fmt = struct.unpack_from(">H", data, cmap + offset)[0]
        subtables.append((fmt, platform, encoding, cmap + offset))
    out: set[int] = set()
    for fmt, platform, encoding, at in subtables:
        if fmt == 12 and (platform, encoding) in ((3, 10), (0, 4), (0, 6)):
            _format12(data, at, out)
            break
    else:
        for fmt, platform, encoding, at in subtables:
            if fmt == 4 and (platform, encoding) in ((3, 1), (0, 3), (0, 1), (0, 0)):
                _format4(data, at, out)
                break
    return frozenset(out)


def codepoints_of(path: str, index: int = 0) -> frozenset[int]:
    """:func:`face_codepoints` of a font file as it is now (cached by its real path, size and modification time)."""
    return face_codepoints(os.path.realpath(path), index, _stamp(path))


def _stamp(path: str) -> tuple[int, int]:
    try:
        st = os.stat(path)
    except OSError:
        return (0, 0)
    return (st.st_mtime_ns, st.st_size)


def available_faces() -> list[tuple[str, int]]:
    """(font file, face index) of every font the PDF may use: the overrides, then the candidates, as the PDF."""
    from .exporters.pdf.fonts import candidate_faces, overrides_from_env

    faces = []
    for value in overrides_from_env().values():
        path, _, idx = value.partition("#")
        faces.append((path, int(idx) if idx.isdigit() else 0))
    faces += [(f.path, f.index) for f in candidate_faces()]
    return faces


def undrawable(text: str, faces: Iterable[tuple[str, int]] | None = None) -> list[str]:
    """The distinct characters of ``text`` that no font can draw, in order of appearance ([] when no font is known).

    The faces are read one after another only while some character is still unaccounted for: usually the first
    face has them all, and the others are never opened."""
    rare = [ch for ch in dict.fromkeys(text) if ch not in ALWAYS_DRAWN and not ch.isspace()]
    if not rare:
        return []
    known = False
    for path, index in available_faces() if faces is None else faces:
        cmap = codepoints_of(path, index)
        known = known or bool(cmap)
        rare = [ch for ch in rare if ord(ch) not in cmap]
        if not rare:
            break
    return rare if known else []
