"""打印预览 and 打印: the report's PDF pages, rendered by QtPdf, painted into the printer — preview = PDF = paper.

The PDF is made by :func:`core.exporters.pdf.render_pdf` (one page layout for both); each page is rasterised by
``QPdfDocument`` at the printer's resolution (capped) and drawn to fill the paper, so what the clerk previews and
prints is exactly the exported PDF.  Page range and copies come from the standard Qt print dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QObject, QRectF, QSize
from PySide6.QtGui import QAction, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import (
    QAbstractPrintDialog,
    QPrintDialog,
    QPrinter,
    QPrintPreviewDialog,
    QPrintPreviewWidget,
)
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from ...core.exporters.pdf import PdfOptions, render_pdf
from ...core.exporters.pdf.fonts import FontUnavailable
from ...core.report import Report

PRINT_DPI = 300  # enough for 3号 text and table rules; a 1200 dpi printer gets a 300 dpi page, scaled
PREVIEW_DPI = 200  # sharp on screen at 100–200 % zoom, light enough to re-render on every preview refresh


def load_pdf(data: bytes, parent: QObject | None = None) -> QPdfDocument:
    """A ``QPdfDocument`` over ``data`` (the buffer is owned by the document).  Raises ``ValueError`` if unreadable."""
    doc = QPdfDocument(parent)
    buf = QBuffer(doc)
    buf.setData(QByteArray(data))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(buf)
    if doc.status() != QPdfDocument.Status.Ready or doc.pageCount() < 1:
        raise ValueError("无法读取生成的PDF。")
    return doc


def make_printer() -> QPrinter:
    """A printer set up for the report's pages: A4 portrait, the whole sheet (the PDF carries its own margins)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
    )
    printer.setFullPage(True)
    printer.setDocName("政府信息公开工作年度报告")
    return printer


def _page_range(printer: QPrinter, count: int) -> tuple[int, int]:
    """The 1-based pages to print: all, or the range chosen in the print dialog (clamped to the document)."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(1, printer.fromPage())
        last = min(count, printer.toPage() or count)
        return first, last
    return 1, count


def paint_pages(printer: QPrinter, doc: QPdfDocument, dpi: int = PRINT_DPI) -> int:
    """Paint the document's pages into ``printer`` (each page fills the sheet, aspect kept); return pages painted.

    Honours the page range, and the number of copies where the printer cannot make copies itself.
    """
    count = doc.pageCount()
    if count < 1:
        return 0
    first, last = _page_range(printer, count)
    if first > last:
        return 0
    pages = list(range(first - 1, last))
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    if copies > 1:
        # collated: 1 2 3 1 2 3; not collated: 1 1 2 2 3 3
        pages = pages * copies if printer.collateCopies() else [p for p in pages for _ in range(copies)]
    resolution = min(printer.resolution(), dpi)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    painted = 0
    try:
        for n, index in enumerate(pages):
            if n:
                printer.newPage()
            sheet = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
            size_pt = doc.pagePointSize(index)
            if size_pt.width() <= 0 or size_pt.height() <= 0:
                continue
            image = doc.render(
                index, QSize(round(size_pt.width() * resolution / 72), round(size_pt.height() * resolution / 72))
            )
            scale = min(sheet.width() / size_pt.width(), sheet.height() / size_pt.height())
            w, h = size_pt.width() * scale, size_pt.height() * scale
            target = QRectF(sheet.x() + (sheet.width() - w) / 2, sheet.y() + (sheet.height() - h) / 2, w, h)
            painter.drawImage(target, image)
            painted += 1
    finally:
        painter.end()
    return painted


class ReportPages(QObject):
    """The report's PDF loaded once; paints its pages into whatever printer asks (preview or print)."""

    def __init__(self, report: Report, options: PdfOptions | None = None, parent: QObject | None = None,
                 data: bytes | None = None) -> None:
        super().__init__(parent)
        self.data = render_pdf(report, options) if data is None else data  # data: made already (in the background)
        self.document = load_pdf(self.data, self)

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def paint_preview(self, printer: QPrinter) -> None:
        paint_pages(printer, self.document, PREVIEW_DPI)

    def paint_print(self, printer: QPrinter) -> int:
        return paint_pages(printer, self.document, PRINT_DPI)


def _pages_or_warn(parent: QWidget | None, report: Report, options: PdfOptions | None) -> ReportPages | None:
    try:
        return ReportPages(report, options, parent)
    except FontUnavailable as exc:
        QMessageBox.warning(parent, "无法打印", str(exc))
    except ValueError as exc:
        QMessageBox.warning(parent, "无法打印", str(exc))
    return None


def make_preview_dialog(parent: QWidget | None, pages: ReportPages) -> QPrintPreviewDialog:
    """The 打印预览 dialog over ``pages`` (not yet shown)."""
    printer = make_printer()
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("打印预览")
    dialog.paintRequested.connect(pages.paint_preview)
    dialog._govreport_keep = (printer, pages)  # type: ignore[attr-defined]  # alive as long as the dialog
    fit_width(dialog)
    return dialog


def fit_width(dialog: QPrintPreviewDialog) -> None:
    """Open at the page's width (Qt opens at the whole page: 38.5 % on a laptop, too small to read)."""
    action = dialog.findChild(QAction, "fitWidthAction")
    if action is not None:
        action.trigger()  # checks the toolbar's button too
    preview_widget(dialog).setZoomMode(QPrintPreviewWidget.ZoomMode.FitToWidth)


def preview_widget(dialog: QPrintPreviewDialog) -> QPrintPreviewWidget:
    widget = dialog.findChild(QPrintPreviewWidget)
    assert widget is not None
    return widget


def preview_page_count(report: Report, options: PdfOptions | None = None) -> int:
    """How many pages the print preview of ``report`` shows (needs a QApplication; shows no window)."""
    pages = ReportPages(report, options)
    dialog = make_preview_dialog(None, pages)
    try:
        widget = preview_widget(dialog)
        widget.updatePreview()
        return widget.pageCount()
    finally:
        dialog.deleteLater()
        pages.deleteLater()


def print_preview(parent: QWidget | None, report: Report, options: PdfOptions | None = None) -> None:
    """打印预览: the PDF's pages in Qt's preview dialog, from which the clerk can print."""
    pages = _pages_or_warn(parent, report, options)
    if pages is None:
        return
    dialog = make_preview_dialog(parent, pages)
    dialog.exec()
    dialog.deleteLater()


def make_print_dialog(parent: QWidget | None, printer: QPrinter, page_count: int) -> QPrintDialog:
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("打印")
    dialog.setMinMax(1, page_count)
    dialog.setFromTo(1, page_count)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCollateCopies, True)
    return dialog


def print_report(parent: QWidget | None, report: Report, options: PdfOptions | None = None) -> None:
    """打印 (Ctrl+P): the standard print dialog (printer, page range, copies), then the PDF's pages to paper."""
    pages = _pages_or_warn(parent, report, options)
    if pages is None:
        return
    printer = make_printer()
    dialog = make_print_dialog(parent, printer, pages.page_count)
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted and pages.paint_print(printer) == 0:
            QMessageBox.warning(parent, "无法打印", "打印机未能开始打印，请检查打印机设置。")
    finally:
        dialog.deleteLater()
        pages.deleteLater()
