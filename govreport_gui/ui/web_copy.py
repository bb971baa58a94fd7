"""编辑 › 复制为网页格式: the whole report on the clipboard as HTML (text/html) with a plain-text alternative.

Pasted into a portal's content editor, or into Word or WPS, the tables stay real tables (merged headers included)
and the headings headings: the HTML is :func:`core.exporters.html.clipboard_html` — inline styles only, no class,
no script.  A text field gets the plain text (tables as tab-separated rows).  The final check comes first, as for
every export: 返回修改, or a copy that says 草稿 at its top.  The PDF与打印设置 choices apply (blank cells as 0, the
signature block).  Making the HTML takes a few milliseconds, so it is done at once, on the GUI thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

COPY = "复制"  # the final check's verb: 复制前检查, 仍然复制（草稿）


def web_mime_data(report: Any, blank_as_zero: bool = False, signature_block: bool = False,
                  draft: bool = False) -> QMimeData:
    """The report as clipboard data: ``text/html`` and ``text/plain``."""
    from ..core.exporters.html import clipboard_html, plain_text

    options = {"blank_as_zero": blank_as_zero, "signature_block": signature_block, "draft": draft}
    mime = QMimeData()
    mime.setHtml(clipboard_html(report, **options))
    mime.setText(plain_text(report, **options))
    return mime


def copy_as_web_page(window: Any) -> bool:
    """Put the open report on the clipboard after the final check; ``False`` when the clerk went back."""
    from .final_check import checked_options

    options = checked_options(window, window.controller, COPY)
    if options is None:
        return False
    mime = web_mime_data(window.current_report(), options.blank_as_zero, options.signature_block, options.draft)
    QGuiApplication.clipboard().setMimeData(mime)
    draft = "（草稿）" if options.draft else ""
    window.statusBar().showMessage(f"已将报告复制为网页格式{draft}：可粘贴到网站编辑器或Word、WPS，表格保持为表格。",
                                   8000)
    return True
