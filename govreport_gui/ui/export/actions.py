"""The window's 导出 and 打印 entries: Excel, PDF, Word, 网页, print preview, print, and the PDF与打印设置 dialog.

A mixin of the main window.  Each entry is its own method; the work runs in the background on a copy of the report
(:mod:`.worker`: progress, 取消), so a slow export never freezes the window, and the exporters are imported
only when first chosen.  An exporter's failure (a full disk, no usable font) is shown as a message and never takes
the window down.  Word takes the PDF与打印设置 choices too (blank cells as 0, the signature block, the rules
appendix), so the two documents match.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog


class ExportActions:
    """Export and print; mixed into the window."""

    document_file: Any

    def _export_to(self, kind: str, suffix: str, filter_text: str) -> None:
        """The final check first (返回修改 or a draft), then where, then the export in the background
        (:mod:`.worker`: a copy of the report, progress, 取消)."""
        from .final_check import EXPORT, checked_options
        from .worker import export_in_background

        options = checked_options(self, self.controller, EXPORT)
        if options is None:
            return
        report = self.current_report()
        base = self.document_file.export_path(report.title, suffix, Path(self.dialog_folder()))
        path, _ = QFileDialog.getSaveFileName(self, "导出", str(base), filter_text)
        if path:
            export_in_background(self, report, kind, path, options)

    def export_xlsx(self) -> None:
        self._export_to("xlsx", ".xlsx", "Excel 工作簿 (*.xlsx)")

    def export_pdf(self) -> None:
        self._export_to("pdf", ".pdf", "PDF 文件 (*.pdf)")

    def _print(self, preview: bool) -> None:
        """The final check first, then the pages made in the background."""
        from .final_check import PRINT, checked_options
        from .worker import print_in_background

        options = checked_options(self, self.controller, PRINT)
        if options is not None:
            print_in_background(self, self.current_report(), options, preview=preview)

    def export_word(self) -> None:
        self._export_to("docx", ".docx", "Word 文档 (*.docx)")

    def export_html(self) -> None:
        self._export_to("html", ".html", "网页 (*.html *.htm)")

    def copy_as_web_page(self) -> None:
        from .web_copy import copy_as_web_page  # 编辑 › 复制为网页格式

        copy_as_web_page(self)

    def print_preview(self) -> None:
        """打印预览: the PDF's pages (made in the background), with the PDF与打印设置 choices."""
        self._print(preview=True)

    def print_report(self) -> None:
        """打印: the same pages as the PDF, sent to a printer."""
        self._print(preview=False)

    def pdf_settings(self) -> None:
        from .pdf_settings import PdfSettingsDialog

        PdfSettingsDialog(self).exec()
