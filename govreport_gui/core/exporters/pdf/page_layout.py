"""The printed page, shared by the PDF and printing: A4 geometry, type sizes and the flowables of the report.

Geometry follows GB/T 9704-2012 (spec §7): A4 portrait, 37 mm top margin, 28 mm binding (left) margin, a text block
of 156 × 225 mm; title 2号 (22 pt) 小标宋/宋体 centred; body 3号 (15.75 pt) 仿宋, 22 lines of 28 characters,
first-line indent of two characters, justified; level-1 headings 3号黑体, level-2 3号楷体; page numbers 4号
"— n —".  The tables are drawn from :func:`core.grid.table_grid` — no second description of the form.

Printing renders the PDF made from these flowables, so preview = PDF = paper.  reportlab is imported here at module
level: import this module only when a PDF is made.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ._reportlab_import import import_platypus

import_platypus()  # reportlab's paragraph module, without compiling a regex it never uses (see there)

from reportlab.lib import colors  # noqa: E402
from reportlab.lib import textsplit as _rl_textsplit  # noqa: E402
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402
from reportlab.platypus import (  # noqa: E402
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import paragraph as _rl_paragraph  # noqa: E402

from ...form import TableSpec  # noqa: E402
from ...grid import table_grid  # noqa: E402
from ...paragraphs import LAYOUT_PIECE_CHARS, cut_paragraph  # noqa: E402
from ...report import Report  # noqa: E402
from ..printed import LEVEL2 as _LEVEL2  # noqa: E402
from ..printed import cell_text, opening_text, signing_date, title_parts  # noqa: E402
from .draft_mark import draw_outlined  # noqa: E402
from .fallback_fonts import FallbackChain  # noqa: E402
from .fonts import FontSet  # noqa: E402

# --- the page --------------------------------------------------------------------------------------------------
PAGE_WIDTH, PAGE_HEIGHT = A4  # 595.28 × 841.89 pt
TEXT_WIDTH = 156 * mm
TEXT_HEIGHT = 225 * mm
MARGIN_TOP = 37 * mm
MARGIN_LEFT = 28 * mm  # the binding side
MARGIN_RIGHT = PAGE_WIDTH - MARGIN_LEFT - TEXT_WIDTH  # 26 mm
MARGIN_BOTTOM = PAGE_HEIGHT - MARGIN_TOP - TEXT_HEIGHT  # 35 mm

# --- type ------------------------------------------------------------------------------------------------------
TITLE_SIZE = 22.0  # 2号
BODY_SIZE = 15.75  # 3号: 28 characters fill the 156 mm line
BODY_LEADING = 28.9  # 22 lines fill the 225 mm block
PAGE_NUMBER_SIZE = 14.0  # 4号
PAGE_NUMBER_GAP = 7 * mm  # below the text block
TABLE_SIZE = 10.5  # 5号: the largest for tables of many columns (Tables 3 and 4)
TABLE_SIZE_WIDE = 12.0  # 小4号: the largest for tables of four wide columns (Table 2)
TABLE_SIZES = (12.0, 11.5, 11.0, 10.5, 10.0, 9.5, 9.0, 8.5, 8.0, 7.5)  # tried in turn until a table fits
TABLE_MAX_HEIGHT = TEXT_HEIGHT - 2 * BODY_LEADING  # room under a section heading
SMALL_SIZE = 12.0  # 小4号, the appendix
CELL_PADDING = 2.5
RULE_WIDTH = 0.6

# Chinese punctuation that must not open a line (kinsoku): reportlab's list covers Japanese and ASCII only.  Added
# once to the module-level strings its two CJK line breakers consult; such a mark then hangs at the line's end.
_CANNOT_START = "，。、；：？！”’》〉」』】〕）…％·"
for _module in (_rl_paragraph, _rl_textsplit):
    _module.ALL_CANNOT_START += "".join(ch for ch in _CANNOT_START if ch not in _module.ALL_CANNOT_START)



def escape(text: str) -> str:
    """``xml.sax.saxutils.escape`` (&, >, <), without importing it: it pulls in urllib, http and email (~20 ms)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of the report for one set of fonts."""

    title: ParagraphStyle
    body: ParagraphStyle
    body_more: ParagraphStyle  # a later piece of an over-long paragraph: no first-line indent
    heading: ParagraphStyle
    subheading: ParagraphStyle
    signature: ParagraphStyle
    small: ParagraphStyle
    fonts: FontSet
    chain: FallbackChain  # faces for the characters a paragraph's own face lacks

    def text(self, text: str, style: ParagraphStyle) -> str:
        """``text`` as Paragraph markup in ``style``'s face, each character it lacks in a face that has it."""
        return self.chain.markup(text, style.fontName)


def make_styles(fonts: FontSet) -> Styles:
    body = ParagraphStyle(
        "body", fontName=fonts["body"], fontSize=BODY_SIZE, leading=BODY_LEADING, alignment=TA_JUSTIFY,
        firstLineIndent=2 * BODY_SIZE, wordWrap="CJK",
    )
    return Styles(
        title=ParagraphStyle(
            "title", fontName=fonts["title"], fontSize=TITLE_SIZE, leading=TITLE_SIZE * 1.6, alignment=TA_CENTER,
            wordWrap="CJK", spaceAfter=BODY_LEADING - TITLE_SIZE,
        ),
        body=body,
        body_more=ParagraphStyle("body-more", parent=body, firstLineIndent=0),
        heading=ParagraphStyle("heading", parent=body, fontName=fonts["heading"], alignment=TA_LEFT),
        subheading=ParagraphStyle("subheading", parent=body, fontName=fonts["subheading"], alignment=TA_LEFT),
        signature=ParagraphStyle(
            "signature", parent=body, alignment=TA_RIGHT, firstLineIndent=0, rightIndent=4 * BODY_SIZE,
        ),
        small=ParagraphStyle(
            "small", fontName=fonts["table"], fontSize=SMALL_SIZE, leading=SMALL_SIZE * 1.5, alignment=TA_JUSTIFY,
            wordWrap="CJK",
        ),
        fonts=fonts,
        chain=FallbackChain(fonts),
    )


# --- page furniture --------------------------------------------------------------------------------------------
DRAFT_HEADER_SIZE = 12.0  # 小4号, in the top margin
DRAFT_MARK_SIZE = 120.0  # the diagonal word across the text block
DRAFT_MARK_ALPHA = 0.15  # light: every figure stays legible through it (it is drawn under the page's content)


def paint_draft_mark(canvas: Canvas, fonts: FontSet) -> None:
    """"草稿" large, light and diagonal behind the text block (as outlines), and the draft note in the top margin."""
    from ...checks.readiness import DRAFT_NOTE, DRAFT_WORD

    canvas.saveState()
    canvas.setFillColor(colors.Color(0.45, 0.45, 0.45))
    canvas.setFont(fonts["table"], DRAFT_HEADER_SIZE)
    canvas.drawCentredString(MARGIN_LEFT + TEXT_WIDTH / 2, PAGE_HEIGHT - MARGIN_TOP / 2, DRAFT_NOTE)
    canvas.setFillColor(colors.Color(0.5, 0.5, 0.5, alpha=DRAFT_MARK_ALPHA))
    canvas.translate(MARGIN_LEFT + TEXT_WIDTH / 2, MARGIN_BOTTOM + TEXT_HEIGHT / 2)
    canvas.rotate(45)
    # outlines, not text: a text extractor would read the word into the figures it crosses (draft_mark)
    draw_outlined(canvas, [fonts["title"], *fonts.names.values()], DRAFT_WORD, DRAFT_MARK_SIZE)
    canvas.restoreState()


def page_number_painter(fonts: FontSet, draft: bool = False) -> Callable[[Canvas, object], None]:
    """The onPage callback drawing "— n —" centred under the text block (and, for a draft, the draft mark: onPage
    runs before the page's flowables are drawn, so the mark lies under every figure)."""

    def paint(canvas: Canvas, doc: object) -> None:
        if draft:
            paint_draft_mark(canvas, fonts)
        canvas.saveState()
        canvas.setFont(fonts["table"], PAGE_NUMBER_SIZE)
        x = MARGIN_LEFT + TEXT_WIDTH / 2
        y = MARGIN_BOTTOM - PAGE_NUMBER_GAP - PAGE_NUMBER_SIZE
        canvas.drawCentredString(x, y, f"— {canvas.getPageNumber()} —")
        canvas.restoreState()

    return paint


# --- prose -----------------------------------------------------------------------------------------------------
def _font(st: Styles, name: str, text: str) -> str:
    return f'<font name="{name}">{st.chain.markup(text, name)}</font>'


def prose(text: str, st: Styles) -> list[Flowable]:
    """Each non-empty line its own paragraph; lines opening with （一） etc. are level-2 headings (楷体).

    A level-2 heading followed by text on the same line ("（一）主动公开。本单位…") keeps the text in the body face.
    A paragraph longer than :data:`~core.paragraphs.LAYOUT_PIECE_CHARS` is set as pieces (see there), so the PDF's
    cost grows with the text's length, not with its square.
    """
    out: list[Flowable] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            continue
        if _LEVEL2.match(line):
            head, dot, rest = line.partition("。")
            if (not dot or not rest.strip()) and len(line) <= LAYOUT_PIECE_CHARS:  # a long one is body text
                out += [CondPageBreak(3 * BODY_LEADING), Paragraph(st.text(line, st.subheading), st.subheading)]
                continue
            if len(head) <= 30:
                first, *more = cut_paragraph(rest, LAYOUT_PIECE_CHARS)
                out.append(Paragraph(_font(st, st.fonts["subheading"], head + dot) + st.text(first, st.body), st.body))
                out += [Paragraph(st.text(piece, st.body), st.body_more) for piece in more]
                continue
        first, *more = cut_paragraph(line, LAYOUT_PIECE_CHARS)
        out.append(Paragraph(st.text(first, st.body), st.body))
        out += [Paragraph(st.text(piece, st.body), st.body_more) for piece in more]
    return out


# --- tables ----------------------------------------------------------------------------------------------------
def table_flowable(report: Report, table_id: str, fonts: FontSet, blank_as_zero: bool = False) -> Table:
    """The official table, cell by cell from the layout grid: merged headers, labels verbatim, values centred.

    The type is the largest size (from :data:`TABLE_SIZES`) at which every short header stays on the lines the form
    gives it and the whole table, under its heading, fits one page — so no table is split across pages.
    """
    key = (report.form.id, table_id, fonts["table"])
    size = _fitted_size.get(key)
    if size is not None:
        return _table(report, table_id, fonts, blank_as_zero, size)
    spec = table_grid(report.form, table_id).table
    sizes = [x for x in TABLE_SIZES if x <= (TABLE_SIZE_WIDE if spec.cols <= 4 else TABLE_SIZE)]
    fitting = [x for x in sizes if _headers_fit(report, table_id, fonts, x)] or sizes[-1:]
    for size in fitting:
        table = _table(report, table_id, fonts, blank_as_zero, size)
        if table.wrap(TEXT_WIDTH, TABLE_MAX_HEIGHT)[1] <= TABLE_MAX_HEIGHT:
            break
    # the height depends on the labels and the font only (values are one short line), so the size is kept
    _fitted_size[key] = size
    return table


# (form id, table id, font name) -> the type size chosen by table_flowable
_fitted_size: dict[tuple[str, str, str], float] = {}


def _widths(spec: TableSpec) -> list[float]:
    unit = TEXT_WIDTH / sum(spec.col_widths)
    return [w * unit for w in spec.col_widths]


def _headers_fit(report: Report, table_id: str, fonts: FontSet, size: float) -> bool:
    """True when each short header line (≤ 6 characters, e.g. 自然人, 结果/维持) fits its cell without breaking."""
    grid = table_grid(report.form, table_id)
    widths = _widths(grid.table)
    for g in grid.cells:
        if g.kind != "head":
            continue
        room = sum(widths[g.c - 1:g.c - 1 + g.cs]) - 2 * CELL_PADDING
        for line in (g.wrap or g.text).split("\n"):
            if len(line) <= 6 and stringWidth(line, fonts["table"], size) > room:
                return False
    return True


def _table(report: Report, table_id: str, fonts: FontSet, blank_as_zero: bool, size: float) -> Table:
    grid = table_grid(report.form, table_id)
    spec = grid.table
    leading = size * 1.25
    widths = _widths(spec)
    centre = ParagraphStyle(
        f"{table_id}-c", fontName=fonts["table"], fontSize=size, leading=leading, alignment=TA_CENTER, wordWrap="CJK",
    )
    left = ParagraphStyle(f"{table_id}-l", parent=centre, alignment=TA_LEFT)
    data: list[list[object]] = [["" for _ in range(spec.cols)] for _ in range(spec.rows)]
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), fonts["table"], size, leading),
        ("GRID", (0, 0), (-1, -1), RULE_WIDTH, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING + 1),
    ]
    for g in grid.cells:
        r, c = g.r - 1, g.c - 1
        if g.rs > 1 or g.cs > 1:
            commands.append(("SPAN", (c, r), (c + g.cs - 1, r + g.rs - 1)))
        if g.is_value:
            text = cell_text(report, g.cell_id, blank_as_zero)
            data[r][c] = text
            room = sum(widths[c:c + g.cs]) - 2 * CELL_PADDING
            wide = stringWidth(text, fonts["table"], size)
            if wide > room:  # a very large figure is set smaller rather than run over the rule
                commands.append(("FONTSIZE", (c, r), (c, r), size * room / wide))
            continue
        width = sum(widths[c:c + g.cs])
        text = g.wrap or g.text
        markup = "<br/>".join(escape(part) for part in text.split("\n"))
        style = centre if g.kind == "head" or width < 60 else left
        data[r][c] = Paragraph(markup, style)
    repeat = spec.header_rows if spec.header_rows else 0
    return Table(data, colWidths=widths, style=TableStyle(commands), repeatRows=repeat, hAlign="CENTER")


# --- the document ----------------------------------------------------------------------------------------------
def report_story(report: Report, st: Styles, blank_as_zero: bool = False) -> list[Flowable]:
    """Title, opening paragraph and the six sections in order, as flowables."""
    story: list[Flowable] = [title_paragraph(report, st)]
    story += prose(opening_text(report), st)
    for section in report.form.sections:
        heading = Paragraph(escape(section.heading), st.heading)
        if section.kind == "table":
            table = table_flowable(report, section.key, st.fonts, blank_as_zero)
            story.append(KeepTogether([heading, Spacer(1, 4), table, Spacer(1, BODY_LEADING / 2)]))
        else:
            # a heading never ends a page alone: it needs room for itself and a few lines of its text
            story += [CondPageBreak(4 * BODY_LEADING), heading, *prose(report.texts.get(section.key, ""), st)]
    return story


def title_paragraph(report: Report, st: Styles) -> Paragraph:
    """The title on one line when it fits; else broken after the agency's name (``printed.title_parts``), never
    inside 年度 or a number."""
    parts = title_parts(report)
    if len(parts) == 1 or stringWidth(report.title, st.title.fontName, TITLE_SIZE) <= TEXT_WIDTH:
        return Paragraph(st.text(report.title, st.title), st.title)
    return Paragraph("<br/>".join(st.text(p, st.title) for p in parts), st.title)


def signature_block(report: Report, st: Styles) -> list[Flowable]:
    """单位负责人（签字）, the agency with （盖章）, and the date — for the paper copy the unit head signs."""
    date = signing_date(report)
    style = ParagraphStyle(
        "signature-line", parent=st.signature, alignment=TA_CENTER, rightIndent=0, leading=BODY_SIZE * 1.5,
    )
    texts = ["单位负责人（签字）：" + "　" * 6, "", f"{report.agency}（盖章）", date]
    width = min(TEXT_WIDTH, max(stringWidth(t, style.fontName, style.fontSize) for t in texts) + 4)
    block = Table(
        [[Paragraph(st.text(t, style), style) if t else ""] for t in texts], colWidths=[width], hAlign="RIGHT",
        style=TableStyle([("FONT", (0, 0), (-1, -1), style.fontName, style.fontSize, style.leading),
                          ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                          ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]),
    )
    # signed name and date centred over each other, the block set in from the right by two characters
    return [KeepTogether([Spacer(1, BODY_LEADING), _Indent(block, right=2 * BODY_SIZE)])]


class _Indent(Flowable):
    """A flowable drawn with room kept free on its right."""

    def __init__(self, inner: Flowable, right: float) -> None:
        super().__init__()
        self.inner, self.right = inner, right

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        w, h = self.inner.wrap(avail_width - self.right, avail_height)
        self.width, self.height = avail_width, h
        self._inner_width = w
        return avail_width, h

    def draw(self) -> None:
        self.inner.drawOn(self.canv, self.width - self.right - self._inner_width, 0)


def rules_appendix(report: Report, st: Styles) -> list[Flowable]:
    """Every rule of the form checked, its current findings and the clerk's explanation."""
    from ...checks.confirmations import explanation
    from ...checks.finding import SEVERITY_NAMES
    from ...checks.run import check

    findings = check(report)
    out: list[Flowable] = [PageBreak(), Paragraph("附：勾稽关系与核查规则", st.heading), Spacer(1, 6)]
    for rule in report.form.rules:
        mine = [f for f in findings if f.rule == rule["id"]]
        kind = SEVERITY_NAMES[rule["severity"]]
        state = f"未通过（{len(mine)}项）" if mine else "通过"
        items: list[Flowable] = [
            Paragraph(
                _font(st, st.fonts["heading"], f"{rule['id']}　{rule.get('title', '')}（{kind}）：") + escape(state),
                st.small,
            )
        ]
        for f in mine:
            items.append(Paragraph("· " + st.text(f.message, st.small), _indented(st.small)))
            said = explanation(report, f).strip()
            if said:
                items.append(Paragraph("说明：" + st.text(said, st.small), _indented(st.small, 4)))
        items.append(Spacer(1, 4))
        out.append(KeepTogether(items))
    return out


def _indented(style: ParagraphStyle, chars: int = 2) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-i{chars}", parent=style, leftIndent=chars * style.fontSize)
