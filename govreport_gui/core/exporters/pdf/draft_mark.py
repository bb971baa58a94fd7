"""The diagonal "草稿" of a draft PDF drawn as filled outlines, not as text: no text extractor can return it.

Drawn as a string, the mark was read back as content: pypdf's layout text put "草稿" in front of the figures it
crossed ("草稿3", "草稿364"), so a draft of our own report lost a row of Table 三 on import, and the word landed in the
prose too.  Here each character's TrueType outline is taken from the embedded font's ``glyf`` table (the face reportlab
has already parsed: cmap, loca and the font's bytes), its quadratic contours turned into PDF curves and filled with the
non-zero winding rule, exactly as the glyph would be drawn — but as a vector shape, with no text object at all.  A
character the fonts cannot outline is left out of the mark (the draft note in the top margin, real text, still says
草稿 on every page).
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from typing import Any

Point = tuple[float, float, bool]  # x, y, on the curve
MAX_COMPONENT_DEPTH = 4  # composite glyphs nest a level or two; a hostile font cannot recurse further

_ON_CURVE, _X_SHORT, _Y_SHORT, _REPEAT, _X_SAME, _Y_SAME = 0x01, 0x02, 0x04, 0x08, 0x10, 0x20
_WORDS, _XY_VALUES, _SCALE, _MORE, _XY_SCALE, _TWO_BY_TWO = 0x0001, 0x0002, 0x0008, 0x0020, 0x0040, 0x0080


def _glyph_bytes(face: Any, gid: int) -> bytes:
    pos = face.glyphPos
    if gid + 1 >= len(pos) or pos[gid + 1] <= pos[gid]:
        return b""  # an empty glyph (a blank) or an index beyond the font
    start, _ = face.get_table_pos("glyf")
    return bytes(face.get_chunk(start + pos[gid], pos[gid + 1] - pos[gid]))


def glyph_contours(face: Any, gid: int, depth: int = 0) -> list[list[Point]]:
    """The contours of glyph ``gid`` of a reportlab TrueType face, in font units (composite glyphs resolved)."""
    data = _glyph_bytes(face, gid)
    if len(data) < 10:
        return []
    (n,) = struct.unpack_from(">h", data, 0)
    if n >= 0:
        return _simple(data, n)
    return _composite(face, data, depth)


def _simple(data: bytes, n: int) -> list[list[Point]]:
    ends = struct.unpack_from(f">{n}H", data, 10)
    (ilen,) = struct.unpack_from(">H", data, 10 + 2 * n)
    p = 12 + 2 * n + ilen
    count = ends[-1] + 1 if ends else 0
    flags: list[int] = []
    while len(flags) < count:
        f = data[p]
        p += 1
        flags.append(f)
        if f & _REPEAT:
            flags.extend([f] * data[p])
            p += 1
    flags = flags[:count]
    coords: list[list[int]] = [[], []]
    for axis, (short, same) in enumerate(((_X_SHORT, _X_SAME), (_Y_SHORT, _Y_SAME))):
        v = 0
        for f in flags:
            if f & short:
                d = data[p]
                p += 1
                v += d if f & same else -d
            elif not f & same:
                v += struct.unpack_from(">h", data, p)[0]
                p += 2
            coords[axis].append(v)
    points = [(float(x), float(y), bool(f & _ON_CURVE)) for x, y, f in zip(*coords, flags, strict=True)]
    out, start = [], 0
    for end in ends:
        out.append(points[start:end + 1])
        start = end + 1
    return out


def _composite(face: Any, data: bytes, depth: int) -> list[list[Point]]:
    if depth >= MAX_COMPONENT_DEPTH:
        return []
    out: list[list[Point]] = []
    p = 10
    while True:
        flags, gid = struct.unpack_from(">HH", data, p)
        p += 4
        if flags & _WORDS:
            dx, dy = struct.unpack_from(">hh", data, p)
            p += 4
        else:
            dx, dy = struct.unpack_from(">bb", data, p)
            p += 2
        if not flags & _XY_VALUES:
            dx = dy = 0  # matching points: not used by the faces we embed; place the component unmoved
        a, b, c, d = 1.0, 0.0, 0.0, 1.0
        if flags & _SCALE:
            a = d = struct.unpack_from(">h", data, p)[0] / 16384
            p += 2
        elif flags & _XY_SCALE:
            a, d = (v / 16384 for v in struct.unpack_from(">hh", data, p))
            p += 4
        elif flags & _TWO_BY_TWO:
            a, b, c, d = (v / 16384 for v in struct.unpack_from(">hhhh", data, p))
            p += 8
        for contour in glyph_contours(face, gid, depth + 1):
            out.append([(a * x + c * y + dx, b * x + d * y + dy, on) for x, y, on in contour])
        if not flags & _MORE:
            return out


def _segments(contour: list[Point]) -> Iterable[tuple[str, tuple[float, ...]]]:
    """("M", x, y), ("L", x, y) and ("Q", cx, cy, x, y) pieces of one closed quadratic contour."""
    if not contour:
        return
    pts = list(contour)
    first = next((i for i, pt in enumerate(pts) if pt[2]), None)
    if first is None:  # all off the curve: start at the middle of the first two
        x0, y0 = (pts[0][0] + pts[1][0]) / 2, (pts[0][1] + pts[1][1]) / 2
        pts.insert(0, (x0, y0, True))
        first = 0
    pts = pts[first:] + pts[:first]
    yield "M", pts[0][:2]
    ctrl: tuple[float, float] | None = None
    for x, y, on in [*pts[1:], pts[0]]:
        if on:
            yield ("Q", (*ctrl, x, y)) if ctrl else ("L", (x, y))
            ctrl = None
        elif ctrl is None:
            ctrl = (x, y)
        else:  # two off-curve points: the on-curve point between them is implied
            mx, my = (ctrl[0] + x) / 2, (ctrl[1] + y) / 2
            yield "Q", (*ctrl, mx, my)
            ctrl = (x, y)


def add_glyph(path: Any, contours: list[list[Point]], scale: float, x0: float, y0: float) -> None:
    """Append the contours to a reportlab path, scaled and moved to (x0, y0); quadratics become cubics."""
    for contour in contours:
        here = (0.0, 0.0)
        for kind, v in _segments(contour):
            if kind == "M":
                here = v
                path.moveTo(x0 + v[0] * scale, y0 + v[1] * scale)
            elif kind == "L":
                here = v
                path.lineTo(x0 + v[0] * scale, y0 + v[1] * scale)
            else:
                cx, cy, x, y = v
                c1 = (here[0] + 2 / 3 * (cx - here[0]), here[1] + 2 / 3 * (cy - here[1]))
                c2 = (x + 2 / 3 * (cx - x), y + 2 / 3 * (cy - y))
                path.curveTo(x0 + c1[0] * scale, y0 + c1[1] * scale, x0 + c2[0] * scale, y0 + c2[1] * scale,
                             x0 + x * scale, y0 + y * scale)
                here = (x, y)
        path.close()


def draw_outlined(canvas: Any, font_names: list[str], text: str, size: float) -> int:
    """Fill ``text`` as outlines centred on the canvas origin (baseline at ``-size/3``), in the current fill colour.

    Each character is taken from the first of ``font_names`` (registered TrueType fonts) that has it.  Returns the
    number of characters drawn."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen.canvas import FILL_NON_ZERO

    faces = [(name, pdfmetrics.getFont(name).face) for name in dict.fromkeys(font_names)]
    pieces: list[tuple[Any, int, float]] = []  # (face, glyph, advance)
    for ch in text:
        for name, face in faces:
            gid = getattr(face, "charToGlyph", {}).get(ord(ch))
            if gid:
                pieces.append((face, gid, pdfmetrics.stringWidth(ch, name, size)))
                break
    path = canvas.beginPath()
    x = -sum(adv for _, _, adv in pieces) / 2
    drawn = 0
    for face, gid, adv in pieces:
        try:
            contours = glyph_contours(face, gid)
        except (struct.error, IndexError, KeyError, AttributeError):
            contours = []  # a glyph the parser cannot read is left out, never drawn as text
        if contours:
            add_glyph(path, contours, size / face.unitsPerEm, x, -size / 3)
            drawn += 1
        x += adv
    if drawn:
        canvas.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
    return drawn
