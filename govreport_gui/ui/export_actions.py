"""The window's 导出 and 打印 entries: Excel, PDF, Word, print preview, print, and the PDF与打印设置 dialog.

A mixin of the main window.  Each entry is its own method calling its exporter directly; the exporters are imported
when first chosen (they always ship; reportlab and openpyxl add about 0.3 s to the window's start otherwise).  An
exporter's failure (a full disk, no usable font) is shown as a message and never takes the window down.  Word takes
the PDF与打印设置 choices too (blank cells as 0, the signature block, the rules appendix), so the two documents match;
it is written on this thread under a busy cursor, like the workbook: the full seed report takes 35 ms, 0.17 s the
first time (python-docx loading), measured on the shared 2-core machine.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from ..core.report import Report
from ..core.storage import describe_save_error


class ExportActions:
    """Export and print; mixed into the window."""

    document_file: Any

    def _export_to(self, suffix: str, filter_text: str, write: Callable[[Report, str], object]) -> None:
        report = self.current_report()
        base = self.document_file.export_path(report.title, suffix, Path(self.dialog_folder()))
        path, _ = QFileDialog.getSaveFileName(self, "导出", str(base), filter_text)
        if not path:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            write(report, path)
        except OSError as exc:
            self.error_box("导出失败：" + describe_save_error(exc, path))
            return
        except Exception as exc:  # an exporter's failure (e.g. no usable font) must not take the window down
            self.error_box(f"导出失败：{exc}")
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.statusBar().showMessage(f"已导出到“{Path(path).name}”", 5000)

    def export_xlsx(self) -> None:
        from ..core.exporters.excel import export_xlsx

        self._export_to(".xlsx", "Excel 工作簿 (*.xlsx)", export_xlsx)

    def export_pdf(self) -> None:
        from ..core.exporters.pdf import export_pdf
        from .pdf_settings import pdf_options

        self._export_to(".pdf", "PDF 文件 (*.pdf)", lambda report, path: export_pdf(report, path, pdf_options()))

    def export_word(self) -> None:
        from ..core.exporters.word import export_docx
        from .pdf_settings import pdf_options

        def write(report: Report, path: str) -> None:
            o = pdf_options()
            export_docx(report, path, blank_as_zero=o.blank_as_zero, signature_block=o.signature_block,
                        rules_appendix=o.rules_appendix)

        self._export_to(".docx", "Word 文档 (*.docx)", write)

    def print_preview(self) -> None:
        """打印预览: the PDF's pages, with the PDF与打印设置 choices."""
        from .pdf_settings import pdf_options
        from .printing import print_preview

        print_preview(self, self.current_report(), pdf_options())

    def print_report(self) -> None:
        """打印: the same pages as the PDF, sent to a printer."""
        from .pdf_settings import pdf_options
        from .printing import print_report

        print_report(self, self.current_report(), pdf_options())

    def pdf_settings(self) -> None:
        from .pdf_settings import PdfSettingsDialog

        PdfSettingsDialog(self).exec()
