"""The report for the portal: a self-contained web page, and HTML with a plain-text alternative for the clipboard.

``render_page(report, *, blank_as_zero=False, signature_block=False, draft=False)`` returns the page,
``export_html(report, path, …)`` writes it atomically, ``clipboard_html(report, …)`` and ``plain_text(report, …)``
are what 编辑 › 复制为网页格式 puts on the clipboard (and ``govreport export --html -`` prints).  The tables come
from :func:`core.grid.table_grid`, like every other renderer's; :mod:`core.importers.own.html` reads the page back.
Standard library only.
"""

from __future__ import annotations

from .page import clipboard_html, export_html, render_page
from .plain import plain_text

__all__ = ["clipboard_html", "export_html", "plain_text", "render_page"]
