"""Print preview and printing paint the PDF's own pages: same page count, same pages, range honoured, no blocking."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtPdf")

from PySide6.QtCore import QSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QMessageBox

from govreport_gui.core.exporters.pdf import render_pdf
from govreport_gui.ui.export import printing

_make_printer = printing.make_printer


def pdf_printer(path: Path) -> QPrinter:
    """The application's printer set-up, writing to a PDF file instead of a device."""
    printer = _make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(150)
    return printer


def grey_levels(data: bytes, page: int) -> list[int]:
    """Page ``page`` rendered small, as grey levels, to compare two PDFs by what they show."""
    doc = printing.load_pdf(data)
    image = doc.render(page, QSize(119, 168))
    return [image.pixelColor(x, y).lightness() for y in range(0, 168, 2) for x in range(0, 119, 2)]


def test_preview_shows_as_many_pages_as_the_pdf(qtbot, seed):
    expected = printing.load_pdf(render_pdf(seed)).pageCount()
    assert expected == 5
    assert printing.preview_page_count(seed) == expected


def test_preview_dialog_paints_the_pdf_pages_into_the_printer(qtbot, seed, tmp_path):
    pages = printing.ReportPages(seed)
    dialog = printing.make_preview_dialog(None, pages)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "打印预览"
    widget = printing.preview_widget(dialog)
    widget.updatePreview()
    assert widget.pageCount() == pages.page_count
    # the same slot, into a PDF printer: the paper is the PDF, page for page
    out = tmp_path / "paper.pdf"
    dialog.paintRequested.emit(pdf_printer(out))
    paper = out.read_bytes()
    printed = printing.load_pdf(paper)
    assert printed.pageCount() == pages.page_count
    for i in range(printed.pageCount()):
        size = printed.pagePointSize(i)
        assert abs(size.width() - 595.3) < 1 and abs(size.height() - 841.9) < 1
        a, b = grey_levels(pages.data, i), grey_levels(paper, i)
        diff = sum(abs(x - y) for x, y in zip(a, b, strict=True)) / len(a)
        assert diff < 6, f"page {i + 1} differs from the PDF (mean grey difference {diff:.1f})"
        assert min(b) < 128, f"page {i + 1} printed blank"


def test_page_range_and_copies(qtbot, seed, tmp_path):
    pages = printing.ReportPages(seed)
    printer = pdf_printer(tmp_path / "range.pdf")
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert printing.paint_pages(printer, pages.document, 100) == 2
    assert printing.load_pdf((tmp_path / "range.pdf").read_bytes()).pageCount() == 2
    printer = pdf_printer(tmp_path / "copies.pdf")
    printer.setCopyCount(2)
    printed = printing.paint_pages(printer, pages.document, 100)
    # a printer that makes copies itself gets each page once; otherwise we send them twice
    assert printed == (5 if printer.supportsMultipleCopies() else 10)


def test_print_report_runs_the_print_dialog_then_prints(qtbot, seed, tmp_path, monkeypatch):
    out = tmp_path / "printed.pdf"
    seen: list[tuple[int, int]] = []

    def accept(dialog: QPrintDialog) -> int:
        seen.append((dialog.minPage(), dialog.maxPage()))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(printing, "make_printer", lambda: pdf_printer(out))
    monkeypatch.setattr(QPrintDialog, "exec", accept)
    printing.print_report(None, seed)
    assert seen == [(1, 5)]
    assert printing.load_pdf(out.read_bytes()).pageCount() == 5


def test_print_preview_opens_without_blocking(qtbot, seed, monkeypatch):
    counts: list[int] = []

    def show(dialog: QPrintPreviewDialog) -> int:
        widget = printing.preview_widget(dialog)
        widget.updatePreview()
        counts.append(widget.pageCount())
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", show)
    printing.print_preview(None, seed)
    assert counts == [5]


def test_no_font_is_a_message_not_a_blank_preview(qtbot, seed, tmp_path, monkeypatch):
    from govreport_gui.core.exporters.pdf import fonts
    from govreport_gui.core.fonts import discovery

    monkeypatch.setenv("GOVREPORT_FONT_DIRS", str(tmp_path))
    monkeypatch.setattr(discovery, "package_font_dir", lambda: tmp_path)
    for role in fonts.ROLES:
        monkeypatch.delenv(f"GOVREPORT_FONT_{role.upper()}", raising=False)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    monkeypatch.setattr(QPrintPreviewDialog, "exec", lambda self: pytest.fail("preview opened without fonts"))
    printing.print_preview(None, seed)
    assert len(warnings) == 1 and "中文TrueType字体" in warnings[0]
