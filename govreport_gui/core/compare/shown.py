"""What every output of a comparison shows, built once as plain text: the HTML page, the Word document, the workbook,
the command line and the window only lay it out (escaping is the layout's job).
"""

from __future__ import annotations

from ..values import Value, format_value
from .cells import CellRow
from .cross_year import Carried
from .prose import SectionDiff
from .run import Comparison

CELL_HEADER = ("项目", "栏目", "上年", "本年", "变化", "变化率")
CARRIED_HEADER = ("结转的数字", "上年", "本年应为", "本年", "是否衔接")
Run = tuple[str, str]  # (tag, text): tag "equal", "insert" (this year's only) or "delete" (last year's only)


def fmt(v: Value) -> str:
    return "" if v is None else format_value(v)


def file_lines(c: Comparison) -> list[tuple[str, str]]:
    """Which files were compared: (上年报告, "name（agency, year）"), (本年报告, …)."""
    def one(name: str, agency: str, year: int | None) -> str:
        about = "，".join(x for x in (agency, f"{year}年度" if year is not None else "") if x)
        return f"{name}（{about}）" if about else name

    return [("上年报告", one(c.last_name, c.last.agency, c.last.year)),
            ("本年报告", one(c.this_name, c.this.agency, c.this.year))]


def cell_values(row: CellRow) -> tuple[str, str, str, str, str, str]:
    """One cell's line, aligned with :data:`CELL_HEADER`."""
    return (row.row_label, row.column_label, fmt(row.last), fmt(row.this), row.change_text, row.percent)


def tables_of(c: Comparison) -> list[tuple[str, list[CellRow]]]:
    """The cell rows grouped by table: (the table's title, its rows)."""
    form = c.this.form
    return [(t.title, [r for r in c.cells if r.table == t.id]) for t in form.tables.values()]


def carried_values(x: Carried) -> tuple[str, str, str, str, str]:
    agrees = {True: "衔接", False: "不衔接", None: "无法核对"}[x.agrees]
    return (x.label, fmt(x.last), fmt(x.expected), fmt(x.this), agrees)


def section_heading(s: SectionDiff) -> str:
    note = "（可能照抄上年）" if s.copied else ""
    return f"{s.label}　与上年相似度：{s.similarity_text}{note}"


def paragraphs(s: SectionDiff) -> list[list[Run]]:
    """The section as paragraphs of runs: this year's text with last year's deleted words and this year's inserted
    ones marked, in reading order."""
    out: list[list[Run]] = [[]]

    def add(tag: str, text: str) -> None:
        for i, part in enumerate(text.split("\n")):
            if i and out[-1]:
                out.append([])
            if part:
                if out[-1] and out[-1][-1][0] == tag:
                    out[-1][-1] = (tag, out[-1][-1][1] + part)
                else:
                    out[-1].append((tag, part))

    for change in s.changes:
        if change.tag == "replace":
            for piece in change.pieces:
                add(piece.tag, piece.text)
            continue
        tag = {"equal": "equal", "insert": "insert", "delete": "delete"}[change.tag]
        for sentence in change.old if change.tag == "delete" else change.new:
            add(tag, sentence.text + ("\n" if sentence.line_end else ""))
    return [p for p in out if p]


def legend() -> str:
    return "删除线为上年有、本年删去的文字；下划线为本年新写的文字；其余与上年相同。"
