"""``govreport export FILE --html OUT.html|-``: the web page, or the clipboard's HTML on standard output.

A file gets the self-contained page (:func:`core.exporters.html.render_page`); ``-`` prints what 编辑 ›
复制为网页格式 puts on the clipboard (:func:`core.exporters.html.clipboard_html`: inline styles, no style sheet), as
UTF-8 bytes whatever the console's encoding, so that it can be piped into a file or another program.
"""

from __future__ import annotations

import sys
from typing import TextIO

from ..core.report import Report
from .common import EXIT_OK, fail, os_message


def write_html(report: Report, out: str, draft: bool, said: TextIO) -> int:
    """Write the page to ``out`` (``-``: the clipboard HTML to standard output); the exit code."""
    from ..core.exporters.html import clipboard_html, export_html

    shown = "（草稿）" if draft else ""
    try:
        if out == "-":
            data = clipboard_html(report, draft=draft).encode("utf-8")
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return EXIT_OK
        export_html(report, out, draft=draft)
    except OSError as exc:
        return fail(f"无法写入“{out}”：{os_message(exc)}。")
    except Exception as exc:  # never a traceback for the user; the kind, for support
        return fail(f"无法导出网页“{out}”：程序内部错误（错误类型{type(exc).__name__}），请联系技术支持。")
    print(f"已导出网页{shown}：{out}", file=said)
    return EXIT_OK
