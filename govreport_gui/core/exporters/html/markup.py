"""Text made safe for HTML, and the inline styles every element of the report carries.

Everything the clerk typed — agency, title, prose, and any text that reaches the page — goes through :func:`text`
or :func:`attr`: ``&``, ``<``, ``>`` and quotes become entities, so ``<script>`` is shown as typed and never parsed.
A control character (U+0001–U+001F but tab and line feed, and U+007F) is written as a character reference, which a
browser keeps as that character (the page reads back exactly) and which no editor or mail program can take for
markup; a carriage return likewise (a raw one would become a line feed).  U+0000 cannot live in an HTML document at
all (a browser drops it or shows U+FFFD): it is written as U+FFFD.  Everything else — CJK Extension B, emoji, C1
controls — is written as itself in UTF-8.

Styles are inline (``style="…"``), never classes: a portal's content editor keeps inline styles and drops the
page's style sheet, and Word and WPS read them too.  The faces are those of the PDF and the Word document (GB/T
9704: 小标宋 title, 仿宋 body, 黑体 and 楷体 headings, 宋体 tables), each followed by the faces Linux desktops
have, and a generic family; no font is embedded or fetched.
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_SPECIAL = re.compile("[&<>\"'\x00-\x08\x0b-\x1f\x7f]")


def _one(m: re.Match[str]) -> str:
    ch = m.group(0)
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    if ch == "\x00":
        return "\ufffd"
    return f"&#{ord(ch)};"


def text(s: str) -> str:
    """``s`` as HTML text content (also safe inside a double- or single-quoted attribute)."""
    return _SPECIAL.sub(_one, s)


attr = text  # the same escapes serve attribute values


def has_control(s: str) -> bool:
    return _CONTROL.search(s) is not None


# --- faces -------------------------------------------------------------------------------------------------------
TITLE_FACE = "'方正小标宋简体','FZXiaoBiaoSong-B05S','小标宋','宋体',SimSun,'Songti SC','AR PL UMing CN',serif"
BODY_FACE = "'仿宋_GB2312','仿宋',FangSong,'STFangsong','AR PL UMing CN',serif"
HEADING_FACE = "'黑体',SimHei,'Heiti SC','WenQuanYi Micro Hei','Noto Sans CJK SC',sans-serif"
SUBHEADING_FACE = "'楷体_GB2312','楷体',KaiTi,'STKaiti','AR PL UKai CN',serif"
TABLE_FACE = "'宋体',SimSun,'Songti SC','AR PL UMing CN',serif"

# --- sizes (pt: what Word and the printed page measure in) ---------------------------------------------------------
TITLE_PT = 22.0  # 2号
BODY_PT = 16.0  # 3号
LINE_HEIGHT = 1.8  # 22 lines on the 225 mm text block, as the PDF sets them
TEXT_WIDTH_PT = 156 / 25.4 * 72  # the GB/T 9704 text block: 156 mm
INK = "#000"

# --- the inline styles ---------------------------------------------------------------------------------------------
CONTAINER = (f"font-family:{BODY_FACE};font-size:{BODY_PT:g}pt;line-height:{LINE_HEIGHT};color:{INK};"
             "background:#fff;overflow-wrap:break-word")
TITLE = (f"font-family:{TITLE_FACE};font-size:{TITLE_PT:g}pt;font-weight:normal;text-align:center;"
         f"line-height:1.5;margin:0 0 0.8em")
TITLE_PART = "display:inline-block"  # the title breaks after the agency's name, never inside 年度
H2 = f"font-family:{HEADING_FACE};font-size:{BODY_PT:g}pt;font-weight:normal;margin:0.6em 0 0.2em;text-indent:2em"
H3 = f"font-family:{SUBHEADING_FACE};font-size:{BODY_PT:g}pt;font-weight:normal;margin:0;text-indent:2em"
P = "margin:0;text-indent:2em;text-align:justify"
P_OWN_INDENT = "margin:0;text-align:justify"  # the clerk's line opens with spaces of its own: no second indent
SUBHEAD_RUN = f"font-family:{SUBHEADING_FACE}"  # （一）主动公开。 opening a body paragraph
DRAFT = (f"font-family:{HEADING_FACE};font-size:12pt;line-height:1.5;color:#4d4d4d;border:1px solid #4d4d4d;"
         "padding:0.3em 0.6em;margin:0 0 1em;text-align:center")
SIGNATURE = ("margin:2em 0 0 auto;padding-right:2em;width:max-content;max-width:100%;box-sizing:border-box;"
             "text-align:center")
SIGNATURE_BLANK = "display:inline-block;width:6em"  # the room for the signature
SIGNATURE_P = "margin:0;text-indent:0;text-align:center"
