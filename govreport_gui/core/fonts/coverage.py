"""Which characters the PDF's fonts can draw, read from the fonts' cmap tables without reportlab.

A character that no available font has printed as an empty box, with no warning (CJK Extension B names such as 𠀀 𪚥,
rarer characters such as 刏 missing from a face, emoji).  The PDF now falls back, character by character, through
every usable font (:mod:`core.exporters.pdf.fallback_fonts`); what even the last font lacks is reported by the rule
of kind ``undrawable_chars`` and by the export.  This module answers "can any available font draw this?" for both:
it reads the ``cmap`` of each candidate face (the faces :func:`~.discovery.candidate_faces` finds plus
the ``GOVREPORT_FONT_<ROLE>`` overrides) with ``struct`` — formats 4 and 12, in a ``.ttf`` or a face of a ``.ttc`` —
once per process and only as far as needed: the first face usually has every character of a report (30–50 ms),
and a report of ASCII and the report's punctuation (:data:`ALWAYS_DRAWN`) opens none.  Where no font is found at all the
answer is "unknown" (nothing is reported: the PDF export refuses on its own).
"""

from __future__ import annotations

import functools
import mmap
import os
import re
import struct
from collections.abc import Iterable

from .discovery import candidate_faces, overrides_from_env
from .discovery import clear_cache as clear_discovery

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
    n = min(struct.unpack_from(">I", data, at + 12)[0], 200_000)
    groups = struct.unpack_from(f">{3 * n}I", data, at + 16)  # (start, end, first glyph) of each group, at once
    for start, end, glyph in zip(groups[0::3], groups[1::3], groups[2::3], strict=True):
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


def available_faces(fontconfig: bool = True) -> list[tuple[str, int]]:
    """(font file, face index) of every font the PDF may use: the overrides, then the candidates, as the PDF
    (``fontconfig=False``: without the faces only fontconfig knows — a beginning of the whole list)."""
    return list(_available_faces(_settings(), fontconfig))


def _settings() -> tuple[tuple[tuple[str, str], ...], str | None]:
    """What decides the available faces: the per-role overrides and ``GOVREPORT_FONT_DIRS``."""
    return tuple(sorted(overrides_from_env().items())), os.environ.get("GOVREPORT_FONT_DIRS")


@functools.lru_cache(maxsize=8)
def _available_faces(settings: tuple[tuple[tuple[str, str], ...], str | None],
                     fontconfig: bool) -> tuple[tuple[str, int], ...]:
    faces = []
    for _role, value in settings[0]:
        path, _, idx = value.partition("#")
        faces.append((path, int(idx) if idx.isdigit() else 0))
    faces += [(f.path, f.index) for f in candidate_faces(fontconfig)]
    return tuple(faces)


_known: dict[tuple[str, int], frozenset[int]] = {}


def _cmap(path: str, index: int) -> frozenset[int]:
    """The code points of a face, read once per process (:func:`clear_cache` forgets)."""
    found = _known.get((path, index))
    if found is None:
        found = _known[(path, index)] = codepoints_of(path, index)
    return found


def clear_cache() -> None:
    """Forget the faces and their code points (the font settings changed or a font was installed)."""
    _available_faces.cache_clear()
    _known.clear()
    _verdicts.clear()
    clear_discovery()


def _settle(chars: Iterable[str], faces: Iterable[tuple[str, int]]) -> set[str] | None:
    """The characters of ``chars`` that no face draws (``None`` when no face could be read at all).

    The faces are read one after another only while some character is still unaccounted for: usually the first
    face has them all, and the others are never opened."""
    rare = [ch for ch in chars if not ch.isspace()]
    known = False
    for path, index in faces:
        cmap = _cmap(path, index)
        known = known or bool(cmap)
        rare = [ch for ch in rare if ord(ch) not in cmap]
        if not rare:
            break
    return set(rare) if known else None


def _settle_lazily(chars: set[str], settings: tuple[tuple[tuple[str, str], ...], str | None]) -> set[str]:
    """:func:`_settle` against the available faces, asking fontconfig (a process) only for what the faces found
    without it do not draw; none when no face is known at all (nothing is reported: the PDF refuses on its own)."""
    found = _settle(chars, _available_faces(settings, False))
    if found is None or found:
        found = _settle(chars if found is None else found, _available_faces(settings, True))
    return found or set()


class _Verdicts:
    """For one set of available faces: the characters found drawable and those found undrawable so far, and a
    pattern that finds any character not yet known to be drawable (one C-speed scan for the usual text)."""

    def __init__(self) -> None:
        self.drawable: set[str] = set(ALWAYS_DRAWN)
        self.undrawn: set[str] = set()
        self.unknown = _outside(self.drawable)

    def learn(self, drawable: set[str], undrawn: set[str]) -> None:
        self.undrawn |= undrawn
        if drawable - self.drawable:
            self.drawable |= drawable
            self.unknown = _outside(self.drawable)


def _outside(chars: set[str]) -> re.Pattern[str]:
    """A pattern matching any character not in ``chars`` (a class of code point ranges)."""
    points = sorted(ord(c) for c in chars)
    ranges: list[str] = []
    start = prev = points[0]
    for cp in [*points[1:], -2]:
        if cp != prev + 1:
            ranges.append(re.escape(chr(start)) + ("-" + re.escape(chr(prev)) if prev > start else ""))
            start = cp
        prev = cp
    return re.compile("[^" + "".join(ranges) + "]")


# A check asks about every text of a report after each edit, so a character is looked up in the fonts once per
# process and set of faces.
_verdicts: dict[tuple[tuple[tuple[str, str], ...], str | None], _Verdicts] = {}


def undrawable(text: str, faces: Iterable[tuple[str, int]] | None = None) -> list[str]:
    """The distinct characters of ``text`` that no font can draw, in order of appearance ([] when no font is known)."""
    return undrawable_in([text], faces)[0]


def undrawable_in(texts: list[str], faces: Iterable[tuple[str, int]] | None = None) -> list[list[str]]:
    """:func:`undrawable` of each text, the available faces (or ``faces``) looked up once."""
    if faces is not None:
        bads = [_settle(set(t) - ALWAYS_DRAWN, faces) or set() for t in texts]
    else:
        settings = _settings()
        known = _verdicts.get(settings) or _verdicts.setdefault(settings, _Verdicts())
        # every character known to be drawable in most texts; the rest are looked up together, and learnt at once
        rares = [set(t) - known.drawable if t and known.unknown.search(t) is not None else set() for t in texts]
        new = set().union(*rares) - known.undrawn
        if new:
            found = _settle_lazily(new, settings)
            known.learn(new - found, found)
        bads = [rare & known.undrawn for rare in rares]
    return [[ch for ch in dict.fromkeys(t) if ch in bad] if bad else [] for t, bad in zip(texts, bads, strict=True)]
