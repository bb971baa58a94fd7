"""Draw the application icon: a white document with a red header band (红头) and "公开" under it.

Run once when the design changes, from the repository root (any display; offscreen is fine)::

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icon.py

Writes ``packaging/icons/govreport.png`` (256 px), ``govreport-<N>.png`` for the smaller Linux icon theme sizes and
``govreport.ico`` (16–256 px, PNG-compressed entries) for Windows.  The generated files are committed, so a build
never needs this script.  Small sizes leave out the text and keep the band and the lines, which stay legible.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QImage, QPainter, QPainterPath, QPen

HERE = Path(__file__).resolve().parent / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128)  # 256 is govreport.png
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
RED = QColor("#c8161d")  # the red of a 红头 document
FONT_FILES = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "C:/Windows/Fonts/simhei.ttf")


def cjk_family() -> str | None:
    """A bold-looking CJK family for the text, or None (the text is then left out)."""
    for path in FONT_FILES:
        if Path(path).is_file():
            fid = QFontDatabase.addApplicationFont(path)
            families = QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []
            if families:
                return families[0]
    return None


def draw(size: int, family: str | None) -> QImage:
    """The icon at ``size`` × ``size`` pixels (drawn on a 256 grid, scaled)."""
    img = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    p.scale(size / 256, size / 256)
    # the sheet, with a folded top-right corner
    left, top, right, bottom, fold = 40.0, 16.0, 216.0, 240.0, 40.0
    sheet = QPainterPath(QPointF(left, top))
    sheet.lineTo(right - fold, top)
    sheet.lineTo(right, top + fold)
    sheet.lineTo(right, bottom)
    sheet.lineTo(left, bottom)
    sheet.closeSubpath()
    p.setPen(QPen(QColor("#5f6368"), 6 if size <= 32 else 4))
    p.setBrush(QColor("white"))
    p.drawPath(sheet)
    corner = QPainterPath(QPointF(right - fold, top))
    corner.lineTo(right - fold, top + fold)
    corner.lineTo(right, top + fold)
    corner.closeSubpath()
    p.setBrush(QColor("#dadce0"))
    p.drawPath(corner)
    # the red header band and the red rule under it
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(RED)
    p.drawRect(QRectF(left + 14, 70, right - left - 28, 44 if size <= 32 else 16))
    with_text = size >= 48 and family is not None
    if with_text:
        font = QFont(family)
        font.setPixelSize(60)
        font.setBold(True)
        p.setFont(font)
        p.setPen(RED)
        p.drawText(QRectF(left, 118, right - left, 72), Qt.AlignmentFlag.AlignCenter, "公开")
        lines = (200, 218)
    else:
        lines = (140, 168, 196) if size > 32 else (150, 196)
    # lines of text
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#9aa0a6"))
    for y in lines:
        p.drawRect(QRectF(left + 22, y, right - left - 44, 8 if size > 32 else 14))
    p.end()
    return img


def png_bytes(img: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    buf.close()
    return bytes(data.data())


def write_ico(path: Path, images: dict[int, bytes]) -> None:
    """An .ico file with one PNG-compressed entry per size (Windows Vista and later read these)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    entries, blobs = b"", b""
    offset = 6 + 16 * len(images)
    for size, blob in sorted(images.items()):
        dim = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset + len(blobs))
        blobs += blob
    path.write_bytes(header + entries + blobs)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    family = cjk_family()
    if family is None:
        print("warning: no CJK font found; the icon is drawn without text", file=sys.stderr)
    HERE.mkdir(parents=True, exist_ok=True)
    drawn = {s: draw(s, family) for s in sorted({*PNG_SIZES, *ICO_SIZES})}
    for s in PNG_SIZES:
        (HERE / f"govreport-{s}.png").write_bytes(png_bytes(drawn[s]))
    (HERE / "govreport.png").write_bytes(png_bytes(drawn[256]))
    write_ico(HERE / "govreport.ico", {s: png_bytes(drawn[s]) for s in ICO_SIZES})
    print(f"icons written to {HERE}")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
