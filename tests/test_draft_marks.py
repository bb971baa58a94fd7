"""A draft PDF reads back exactly: the diagonal 草稿 is outlines no text extractor returns, and the marks of drafts made
before (the word drawn as text) are left out by the importer.

Before: the seed's draft read 199 right and 1 blank, a report with a figure in every cell 193 right and 7 blank (the
mark crossed Table 三's row （五）4 and read as "草稿364"), and the word landed in the prose.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from cell_scores import distinct_report, expected_of, score
from common import SEED

from govreport_gui.core.checks.readiness import DRAFT_NOTE, DRAFT_WORD
from govreport_gui.core.exporters.pdf import PdfOptions, export_pdf, page_layout
from govreport_gui.core.importers.dispatch import import_file
from govreport_gui.core.importers.pdf.draft_marks import drop_draft_marks
from govreport_gui.core.importers.pdf.reader import pdf_pages
from govreport_gui.core.report import Report
from govreport_gui.core.storage import read_report

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("pdftoppm"),
                                   reason="poppler-utils not installed")


def reports() -> dict[str, Report]:
    """The seed, and a report whose every input is a figure of its own, none of them 0."""
    return {"seed": read_report(SEED), "all-non-zero": distinct_report(7, 1, 999)}


def old_style_mark(canvas: object, font_names: list[str], text: str, size: float) -> int:
    """How drafts were marked before: the word drawn as a string (what older drafts in clerks' folders carry)."""
    canvas.setFont(font_names[0], size)  # type: ignore[attr-defined]
    canvas.drawCentredString(0, -size / 3, text)  # type: ignore[attr-defined]
    return len(text)


@pytest.mark.parametrize("name", list(reports()))
@pytest.mark.parametrize("style", ["outlines", "older draft"])
def test_a_draft_reads_back_exactly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, style: str) -> None:
    report = reports()[name]
    export_pdf(report, tmp_path / "clean.pdf")
    if style == "older draft":
        monkeypatch.setattr(page_layout, "draw_outlined", old_style_mark)
    export_pdf(report, tmp_path / "draft.pdf", PdfOptions(draft=True))
    res = import_file(tmp_path / "draft.pdf")
    s = score(res.report, expected_of(report))
    print(f"{name} ({style}): {s}")
    assert not s.wrong and s.blank == 0, str(s)
    assert res.report.values == report.values
    clean = import_file(tmp_path / "clean.pdf").report
    assert res.report.texts == clean.texts and res.report.meta == clean.meta  # no 草稿 in the prose either
    assert not any(DRAFT_WORD in t for t in res.report.texts.values())
    assert any("草稿" in e.message and "已略去" in e.message for e in res.entries("info"))
    assert not any(DRAFT_WORD in e.message for e in res.entries("unread"))


@needs_poppler
def test_no_text_extractor_returns_the_mark_but_the_page_shows_it(tmp_path: Path) -> None:
    report = reports()["all-non-zero"]
    export_pdf(report, tmp_path / "draft.pdf", PdfOptions(draft=True))
    export_pdf(report, tmp_path / "clean.pdf")
    pypdf_pages = pdf_pages((tmp_path / "draft.pdf").read_bytes(), "draft.pdf")
    for mode in ("-layout", "-raw"):
        text = subprocess.run(["pdftotext", mode, "-enc", "UTF-8", str(tmp_path / "draft.pdf"), "-"],
                              capture_output=True, text=True, check=True, timeout=60).stdout
        pages = [p for p in text.split("\f") if p.strip()]
        assert len(pages) == len(pypdf_pages) > 1
        for extracted in (pages, pypdf_pages):
            for page in extracted:  # the word only in the draft note of the top margin, once a page
                assert page.count(DRAFT_WORD) == 1 and DRAFT_NOTE in page
                rest = page.replace(DRAFT_NOTE, "")
                assert "草" not in rest and "稿" not in rest
    # drawn all the same: the middle of every draft page differs from the clean page
    for pdf in ("draft", "clean"):
        subprocess.run(["pdftoppm", "-gray", "-r", "20", str(tmp_path / f"{pdf}.pdf"), str(tmp_path / pdf)],
                       check=True, timeout=60)
    for page in sorted(tmp_path.glob("draft-*.pgm")):
        assert page.read_bytes() != (tmp_path / page.name.replace("draft", "clean")).read_bytes()


def test_only_a_draft_of_ours_loses_words_and_only_marks() -> None:
    prose = "本报告草稿经审定。\n起草、征求意见稿，\n稿酬 3 元"
    assert drop_draft_marks([prose]) == ([prose], 0)  # no draft note: untouched, even "稿 3"
    page = f"  {DRAFT_NOTE}\n（二）依申请公开   草稿\n4.无正当理由大量反复申请   草稿364  446\n稿 第二十条\n" + prose
    (out,), n = drop_draft_marks([page])
    assert n == 4
    lines = out.split("\n")
    assert lines[0] == "" and lines[1].rstrip() == "（二）依申请公开"
    assert lines[2].split() == ["4.无正当理由大量反复申请", "364", "446"] and len(lines[2]) == len(page.split("\n")[2])
    assert lines[3].split() == ["第二十条"]
    assert "\n".join(lines[4:]) == "本报告草稿经审定。\n起草、征求意见稿，\n稿酬 3 元"
