"""Colours and fonts shared by the views: a printed form's header shading, totals, and finding highlights."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont

HEAD_BG = QColor("#e9edf2")  # header rows and label cells, like a printed form's shaded header
LABEL_BG = QColor("#f7f8fa")
INPUT_BG = QColor("#ffffff")
TOTAL_BG = QColor("#eaf3e4")  # derived totals: read-only, visibly distinct
ERROR_BG = QColor("#f6c6c6")
WARNING_BG = QColor("#fbe3b0")
IMPORTED_BG = QColor("#e6e9fb")  # imported or carried values not yet confirmed by the clerk (lavender)
IMPORTED_EDGE = QColor("#6f7fd0")  # a stripe on the cell's left edge: still seen under a finding's colour
BASELINE_TEXT = QColor("#8c8c8c")  # the small "上年：N" hint in a cell's corner
NOTICE_BG = "#eef1fd"  # the notice bar about marks and carried values
NOTICE_BORDER = "#b8c1ee"
TEXT = QColor("#1a1a1a")
ERROR_TEXT = QColor("#b00020")
WARNING_TEXT = QColor("#8a5a00")
GRID = "#8c8c8c"

# Families with CJK glyphs, most preferred first; Qt falls back along the list.
CJK_FAMILIES = [
    "Microsoft YaHei", "微软雅黑", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei", "SimSun", "宋体", "AR PL UMing CN",
]


def bold(font: QFont) -> QFont:
    f = QFont(font)
    f.setBold(True)
    return f
