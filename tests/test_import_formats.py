"""Importing HTML (rowspan/colspan, spans splitting characters, Word-pasted markup), Word .docx and PDF.

Each document is generated here from the seed report through the form's own grid (``core.grid.table_grid``), so
the test proves that every value comes back to the same cell id, and the printed totals are kept as printed.
"""

from __future__ import annotations

import html
import io
from decimal import Decimal
from pathlib import Path

import pytest

from govreport_gui.core.grid import table_grid
from govreport_gui.core.importers.dispatch import import_file
from govreport_gui.core.report import Report
from govreport_gui.core.values import format_value

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
)


def _grid_rows(report: Report, tid: str) -> list[list[tuple[int, int, int, int, str]]]:
    """(row, col, rowspan, colspan, text) of each grid cell, by row; values as printed (totals computed)."""
    grid = table_grid(report.form, tid)
    rows: list[list[tuple[int, int, int, int, str]]] = [[] for _ in range(grid.table.rows)]
    for g in grid.cells:
        text = g.text if not g.is_value else format_value(report.get(g.cell_id))
        rows[g.r - 1].append((g.r, g.c, g.rs, g.cs, text))
    return rows


def _split_spans(text: str) -> str:
    """Word-style markup: every second character in its own span, with <o:p> noise."""
    out = []
    for i, ch in enumerate(text):
        esc = html.escape(ch)
        out.append(f'<span style="font-family:仿宋">{esc}</span>' if i % 2 else esc)
    return "".join(out) + "<o:p></o:p>"


def report_docx(report: Report) -> bytes:
    """The report as a published Word document would hold it: title, prose, the six tables with merged cells."""
    import docx

    doc = docx.Document()
    doc.add_heading(report.title, level=1)
    doc.add_paragraph(report.texts.get("preface", ""))
    for sec in report.form.sections:
        doc.add_paragraph(sec.heading)
        if sec.kind == "text":
            for para in report.texts.get(sec.key, "").split("\n"):
                doc.add_paragraph(para)
            continue
        spec = report.form.tables[sec.key]
        table = doc.add_table(rows=spec.rows, cols=spec.cols)
        for row in _grid_rows(report, sec.key):
            for r, c, rs, cs, text in row:
                cell = table.cell(r - 1, c - 1)
                if rs > 1 or cs > 1:
                    cell = cell.merge(table.cell(r + rs - 2, c + cs - 2))
                cell.text = text
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def report_html(report: Report) -> str:
    parts = ["<!DOCTYPE html><html><head><style>td{border:1px solid}</style>",
             "<script>var x='<table>';</script></head><body>",
             f"<h1>{html.escape(report.title)}</h1>", f"<p>{html.escape(report.texts['preface'])}</p>"]
    for sec in report.form.sections:
        parts.append(f"<p class=MsoNormal><b>{_split_spans(sec.heading)}</b></p>")
        parts.append("<!--[if gte mso 9]><xml>x</xml><![endif]-->")
        if sec.kind == "text":
            for para in report.texts.get(sec.key, "").split("\n"):
                parts.append(f"<p>{html.escape(para)}&nbsp;</p>")
            continue
        parts.append('<table border="1">')
        for row in _grid_rows(report, sec.key):
            parts.append("<tr>")
            for _r, _c, rs, cs, text in row:
                span = (f' rowspan="{rs}"' if rs > 1 else "") + (f" colspan={cs}" if cs > 1 else "")
                parts.append(f"<td{span}><p>{_split_spans(text) if text else '&nbsp;'}</p></td>")
            parts.append("</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _assert_same(seed: Report, got: Report) -> None:
    for cid in seed.form.inputs:
        assert got.values.get(cid) == seed.values.get(cid), cid
    for cid in seed.form.derived:
        assert got.printed_totals.get(cid) == seed.get(cid), cid
    assert got.agency == seed.agency and got.year == seed.year
    for key in ("overview", "problems", "other"):
        assert got.texts.get(key, "").replace("\n", "") == seed.texts[key].replace("\n", ""), key


def test_html_with_spans_and_split_characters(seed: Report, tmp_path: Path) -> None:
    seed.values["t3.granted.natural"] = 12  # make the tables less uniform than all zeros
    seed.values["t2.fees.amount"] = Decimal("24252.311082")
    path = tmp_path / "report.html"
    path.write_text(report_html(seed), encoding="utf-8")
    res = import_file(path)
    _assert_same(seed, res.report)
    assert not res.entries("mismatch")
    assert any("HTML" in e.where for e in res.entries("read"))


def test_html_colspan_value_is_counted_once(seed: Report, tmp_path: Path) -> None:
    seed.values["t2.licensing.decisions"] = 2293  # a B:D merged cell
    path = tmp_path / "r.htm"
    path.write_text(report_html(seed), encoding="utf-8")
    res = import_file(path)
    assert res.report.values["t2.licensing.decisions"] == 2293
    assert res.report.values["t2.penalty.decisions"] == 0


def test_docx_tables(seed: Report, tmp_path: Path) -> None:
    pytest.importorskip("docx")
    seed.values["t3.new.natural"] = 7
    seed.values["t3.granted.natural"] = 7
    path = tmp_path / "report.docx"
    path.write_bytes(report_docx(seed))
    res = import_file(path)
    _assert_same(seed, res.report)
    assert any(e.where.startswith("Word表格") for e in res.entries("read"))


def _font() -> str:
    for f in FONT_CANDIDATES:
        if Path(f).exists():
            return f
    pytest.skip("no CJK TrueType font (fonts-arphic-uming or fonts-wqy-microhei) installed")


def test_pdf_with_text_layer(seed: Report, tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(TTFont("ImpCJK", _font(), subfontIndex=0))
    style = ParagraphStyle("b", fontName="ImpCJK", fontSize=10, leading=14, wordWrap="CJK")
    seed.values["t3.new.natural"] = 11
    seed.values["t3.granted.natural"] = 11
    seed.values["t4.review.upheld"] = 2
    story = [Paragraph(seed.title, style), Paragraph(seed.texts["preface"], style)]
    for sec in seed.form.sections:
        story.append(Paragraph(sec.heading, style))
        if sec.kind == "text":
            story.extend(Paragraph(p, style) for p in seed.texts.get(sec.key, "").split("\n"))
            continue
        spec = seed.form.tables[sec.key]
        data = [["" for _ in range(spec.cols)] for _ in range(spec.rows)]
        spans = []
        for row in _grid_rows(seed, sec.key):
            for r, c, rs, cs, text in row:
                data[r - 1][c - 1] = text
                if rs > 1 or cs > 1:
                    spans.append(("SPAN", (c - 1, r - 1), (c + cs - 2, r + rs - 2)))
        t = Table(data, style=TableStyle([("FONT", (0, 0), (-1, -1), "ImpCJK", 6), *spans]))
        story.append(t)
    path = tmp_path / "report.pdf"
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build(story)
    res = import_file(path)
    got = res.report
    for cid in seed.form.inputs:
        assert got.values.get(cid) == seed.values.get(cid), cid
    assert got.printed_totals.get("t3.new.total") == 14
    assert got.agency == seed.agency and got.year == seed.year
    assert any(e.where.startswith("PDF第") for e in res.entries("read"))
