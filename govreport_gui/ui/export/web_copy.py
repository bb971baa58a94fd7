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
from PySide6.QtGui import QGuiApplication, QStandardItem, QStandardItemModel

COPY = "复制"  # the final check's verb: 复制前检查, 仍然复制（草稿）


def qt_made_mime_data() -> QMimeData:
    """An empty ``QMimeData`` made by Qt itself.  One made in Python is a Python subclass whose virtual functions
    (``formats``, ``retrieveData``) call back into Python; the clipboard keeps it after the copy, asks it for its data
    whenever another program pastes and deletes it only as the application ends — after Python has gone, which
    crashed the program on exit (seen with Qt's offscreen platform).  Qt makes one in
    ``QStandardItemModel.mimeData``; its own format is removed."""
    model = QStandardItemModel()
    model.appendRow(QStandardItem(""))
    mime = model.mimeData([model.index(0, 0)])
    for name in mime.formats():
        mime.removeFormat(name)
    return mime


def web_mime_data(report: Any, blank_as_zero: bool = False, signature_block: bool = False,
                  draft: bool = False) -> QMimeData:
    """The report as clipboard data: ``text/html`` and ``text/plain``."""
    from ...core.exporters.html import clipboard_html, plain_text

    options = {"blank_as_zero": blank_as_zero, "signature_block": signature_block, "draft": draft}
    mime = qt_made_mime_data()
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
