"""The styles of the Word report per GB/T 9704-2012, with the East Asian face of each named in the style itself.

Every paragraph of the document carries one of these styles and no font of its own, so a clerk who types a new
paragraph in Word or WPS gets 仿宋 3号 and a new heading 黑体 (styles, not direct formatting).  The faces:
title 方正小标宋简体 2号, body 仿宋_GB2312 3号, level-1 headings 黑体, level-2 楷体_GB2312, page numbers 宋体 4号,
tables 宋体 in the size each table needs (:func:`table_style_id`).  ``w:eastAsia`` names the official face; the
font table gives each an ``altName`` that Word and WPS use on a PC without it (仿宋_GB2312 → 仿宋, …).
LibreOffice 7.4 ignores ``altName`` and asks fontconfig, which resolves every CJK face it lacks to a Chinese font
installed by ``make run`` (WenQuanYi Micro Hei); Latin letters and digits are Times New Roman (Liberation Serif).

The page: A4, margins 37/35/28/26 mm (top/bottom/left/right), 22 lines of 28 characters as GB/T 9704 sets them and as
our PDF does: an exact line spacing of 28.95 pt and 3号 set 0.25 pt tighter.  (Word's character grid, "linesAndChars",
was tried: LibreOffice then spread each line to about 15 characters, so it is not used.)
"""

from __future__ import annotations

from typing import Any

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm

# --- the page --------------------------------------------------------------------------------------------------
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGIN_TOP_MM, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 37, 35, 28, 26
TEXT_WIDTH_TWIPS = round((PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM) / 25.4 * 1440)  # 156 mm: 8844
LINE_PITCH_TWIPS = 579  # 225 mm / 22 lines = 28.95 pt
CHAR_SPACING = -5  # twentieths of a point: 3号 set 0.25 pt tighter, so 28 characters fill the 156 mm line
FOOTER_DISTANCE_MM = 23  # the page number's line sits 7 mm below the text block (35 mm margin)

# --- type (half-points, as Word counts) ------------------------------------------------------------------------
TITLE_HALF_PT = 44  # 2号 22 pt
BODY_HALF_PT = 32  # 3号 16 pt
PAGE_NUMBER_HALF_PT = 28  # 4号 14 pt
APPENDIX_HALF_PT = 24  # 小4号 12 pt
TITLE_LINE_TWIPS = 700  # 35 pt: a two-line title keeps its lines together

# The faces: role -> (the official face named in w:eastAsia, what Word/WPS use without it).
FACES: dict[str, tuple[str, str]] = {
    "title": ("方正小标宋简体", "宋体"),
    "body": ("仿宋_GB2312", "仿宋"),
    "heading": ("黑体", "SimHei"),
    "subheading": ("楷体_GB2312", "楷体"),
    "table": ("宋体", "SimSun"),
}
LATIN_FACE = "Times New Roman"

# Style ids (the names Word shows are in the definitions below).
TITLE, BODY, HEADING1, HEADING2 = "Title", "Normal", "Heading1", "Heading2"
SUBHEAD_CHARS = "GRSubheadChar"  # 楷体 for "（一）主动公开。" at the start of a body paragraph
HEAD_CHARS = "GRHeadChar"  # 黑体 for a rule's name at the start of an appendix paragraph
SIGNATURE = "GRSignature"
APPENDIX, APPENDIX_INDENTED = "GRAppendix", "GRAppendixIndented"
PAGE_NUMBER, PAGE_NUMBER_ODD, PAGE_NUMBER_EVEN = "GRPageNumber", "GRPageNumberOdd", "GRPageNumberEven"
TABLE_STYLE = "GRTable"

# Type sizes tried for a table, largest first; and the names offices use for them.
TABLE_SIZES = (12.0, 11.0, 10.5, 9.0, 7.5)
SIZE_NAMES = {12.0: "小四", 11.0: "11磅", 10.5: "五号", 9.0: "小五", 7.5: "六号"}
CELL_MARGIN_TWIPS = 57  # 1 mm left and right in a table cell
CELL_MARGIN_V_TWIPS = 28


_NO_SPACING = '<w:spacing w:val="0"/>'


def _fonts(role: str) -> str:
    face = FACES[role][0]
    return f'<w:rFonts w:ascii="{LATIN_FACE}" w:hAnsi="{LATIN_FACE}" w:eastAsia="{face}" w:cs="{LATIN_FACE}"/>'


def _rpr(role: str, half_pt: int, extra: str = "") -> str:
    return (f"<w:rPr>{_fonts(role)}{extra}<w:kern w:val=\"0\"/><w:sz w:val=\"{half_pt}\"/>"
            f"<w:szCs w:val=\"{half_pt}\"/></w:rPr>")


def _style(kind: str, sid: str, name: str, body: str, based: str = "", nxt: str = "", default: bool = False) -> str:
    attrs = ' w:default="1"' if default else ""
    based_xml = f'<w:basedOn w:val="{based}"/>' if based else ""
    next_xml = f'<w:next w:val="{nxt}"/>' if nxt else ""
    return (f'<w:style {nsdecls("w")} w:type="{kind}"{attrs} w:styleId="{sid}"><w:name w:val="{name}"/>'
            f"{based_xml}{next_xml}<w:qFormat/>{body}</w:style>")


def table_style_id(size: float, left: bool = False) -> str:
    return f"GRTable{int(size * 10)}{'L' if left else ''}"


def _table_paragraph_styles() -> list[str]:
    out = []
    for size in TABLE_SIZES:
        half = round(size * 2)
        line = round(size * 1.25 * 20)
        name = f"表格文字{SIZE_NAMES[size]}"
        centre = _style(
            "paragraph", table_style_id(size), name,
            f'<w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="{line}" '
            f'w:lineRule="exact"/><w:ind w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="center"/></w:pPr>'
            + _rpr("table", half, _NO_SPACING), based=BODY,
        )
        left = _style(
            "paragraph", table_style_id(size, left=True), name + "居左", '<w:pPr><w:jc w:val="left"/></w:pPr>',
            based=table_style_id(size),
        )
        out += [centre, left]
    return out


def _definitions() -> list[str]:
    grid = '<w:snapToGrid w:val="0"/>'
    body_rpr = f'<w:spacing w:val="{CHAR_SPACING}"/>'
    body_ppr = (f'<w:pPr><w:widowControl/><w:spacing w:before="0" w:after="0" w:line="{LINE_PITCH_TWIPS}" '
                'w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/></w:pPr>')
    heading_ppr = ('<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="0" w:after="0"/>'
                   '<w:jc w:val="left"/><w:outlineLvl w:val="{lvl}"/></w:pPr>')
    border = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    borders = "".join(border.format(side=s) for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
    return [
        _style("paragraph", BODY, "Normal", body_ppr + _rpr("body", BODY_HALF_PT, body_rpr), default=True),
        _style(
            "paragraph", TITLE, "Title",
            f'<w:pPr><w:keepNext/><w:keepLines/>{grid}<w:spacing w:before="0" w:after="{LINE_PITCH_TWIPS}" '
            f'w:line="{TITLE_LINE_TWIPS}" w:lineRule="exact"/><w:ind w:firstLine="0" w:firstLineChars="0"/>'
            '<w:jc w:val="center"/></w:pPr>' + _rpr("title", TITLE_HALF_PT, _NO_SPACING),
            based=BODY, nxt=BODY,
        ),
        _style("paragraph", HEADING1, "heading 1", heading_ppr.format(lvl=0) + _rpr("heading", BODY_HALF_PT),
               based=BODY, nxt=BODY),
        _style("paragraph", HEADING2, "heading 2", heading_ppr.format(lvl=1) + _rpr("subheading", BODY_HALF_PT),
               based=BODY, nxt=BODY),
        _style("character", SUBHEAD_CHARS, "楷体标题字符",
               f'<w:rPr><w:rFonts w:eastAsia="{FACES["subheading"][0]}"/></w:rPr>'),
        _style("character", HEAD_CHARS, "黑体字符", f'<w:rPr><w:rFonts w:eastAsia="{FACES["heading"][0]}"/></w:rPr>'),
        _style("paragraph", SIGNATURE, "落款",
               '<w:pPr><w:keepNext/><w:keepLines/><w:ind w:firstLine="0" w:firstLineChars="0"/>'
               '<w:jc w:val="right"/></w:pPr>', based=BODY),
        _style("paragraph", APPENDIX, "附注",
               f'<w:pPr>{grid}<w:spacing w:before="0" w:after="80" w:line="360" w:lineRule="exact"/>'
               '<w:ind w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="both"/></w:pPr>'
               + _rpr("table", APPENDIX_HALF_PT, _NO_SPACING), based=BODY),
        _style("paragraph", APPENDIX_INDENTED, "附注缩进", '<w:pPr><w:ind w:left="480" w:leftChars="200"/></w:pPr>',
               based=APPENDIX),
        _style("paragraph", PAGE_NUMBER, "页码",
               f'<w:pPr>{grid}<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
               '<w:ind w:firstLine="0" w:firstLineChars="0"/></w:pPr>'
               + _rpr("table", PAGE_NUMBER_HALF_PT, _NO_SPACING),
               based=BODY),
        # 单页码居右空一字，双页码居左空一字 (GB/T 9704 7.5)
        _style("paragraph", PAGE_NUMBER_ODD, "页码单页",
               f'<w:pPr><w:ind w:right="{PAGE_NUMBER_HALF_PT * 10}"/><w:jc w:val="right"/></w:pPr>',
               based=PAGE_NUMBER),
        _style("paragraph", PAGE_NUMBER_EVEN, "页码双页",
               f'<w:pPr><w:ind w:left="{PAGE_NUMBER_HALF_PT * 10}"/><w:jc w:val="left"/></w:pPr>',
               based=PAGE_NUMBER),
        _style("table", TABLE_STYLE, "公文表格",
               f'<w:tblPr><w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders><w:tblCellMar>'
               f'<w:top w:w="{CELL_MARGIN_V_TWIPS}" w:type="dxa"/><w:left w:w="{CELL_MARGIN_TWIPS}" w:type="dxa"/>'
               f'<w:bottom w:w="{CELL_MARGIN_V_TWIPS}" w:type="dxa"/>'
               f'<w:right w:w="{CELL_MARGIN_TWIPS}" w:type="dxa"/></w:tblCellMar></w:tblPr>'
               '<w:tcPr><w:vAlign w:val="center"/></w:tcPr>'),
        *_table_paragraph_styles(),
    ]


def apply_styles(document: Any) -> None:
    """Replace the template's defaults and our styles in ``document`` (a python-docx Document)."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        styles.remove(defaults)
    styles.insert(0, parse_xml(
        f'<w:docDefaults {nsdecls("w")}><w:rPrDefault><w:rPr>{_fonts("body")}<w:kern w:val="0"/>'
        f'<w:sz w:val="{BODY_HALF_PT}"/><w:szCs w:val="{BODY_HALF_PT}"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
        "</w:docDefaults>"
    ))
    by_id = {s.get(qn("w:styleId")): s for s in styles.iterchildren(qn("w:style"))}
    for xml in _definitions():
        new = parse_xml(xml)
        old = by_id.get(new.get(qn("w:styleId")))
        if old is not None:
            styles.replace(old, new)
        else:
            styles.append(new)
    _font_table(document)


def _font_table(document: Any) -> None:
    """Declare each official face with its ``altName``, GB2312 charset and family (Word's substitution hints)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    part = document.part.part_related_by(RT.FONT_TABLE)
    families = {"heading": "modern", "table": "roman", "title": "roman", "body": "modern", "subheading": "modern"}
    entries = "".join(
        f'<w:font w:name="{face}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
        f'<w:family w:val="{families[role]}"/><w:pitch w:val="variable"/></w:font>'
        for role, (face, alt) in FACES.items()
    )
    blob = part.blob.decode("utf-8")
    part._blob = blob.replace("</w:fonts>", entries + "</w:fonts>").encode("utf-8")


def page_setup(section: Any) -> None:
    """A4 portrait, the GB/T 9704 margins, the footer's distance and the 22 × 28 document grid."""
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
    section.header_distance, section.footer_distance = Mm(15), Mm(FOOTER_DISTANCE_MM)
    sect = section._sectPr
    old = sect.find(qn("w:docGrid"))
    if old is not None:
        sect.remove(old)
    sect.append(parse_xml(
        f'<w:docGrid {nsdecls("w")} w:linePitch="{LINE_PITCH_TWIPS}"/>'
    ))
