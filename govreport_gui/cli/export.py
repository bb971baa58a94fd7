"""The ``govreport export FILE [--pdf OUT.pdf] [--xlsx OUT.xlsx] [--docx OUT.docx] [--html OUT.html|-] [--final]``
sub-command.  ``--html -`` prints the report as 编辑 › 复制为网页格式 puts it on the clipboard (HTML for a web editor)
to standard output; what is said besides then goes to standard error.

A report with anything unresolved (errors, unconfirmed warnings, stale carried text) is exported as a draft: every
page marked 草稿, what is unresolved listed on stderr, exit 0; with ``--final`` nothing is written and the exit code
is 1.  Exit codes: 0 written, 1 refused by ``--final``, 2 unreadable input, unwritable output or bad usage.
Messages are one Chinese line; no traceback reaches the user.  The exporters are imported only when used.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.checks.readiness import unresolved
from ..core.checks.run import findings_of_kind
from ..core.storage import ReportFileError, read_report
from .common import EXIT_ERRORS, EXIT_OK, fail, os_message


def cmd_export(args: argparse.Namespace) -> int:
    if not args.pdf and not args.xlsx and not args.docx and not args.html:
        return fail("请用 --xlsx OUT.xlsx、--pdf OUT.pdf、--docx OUT.docx 或 --html OUT.html 指定要导出的文件。")
    source = Path(args.file)
    said = sys.stderr if args.html == "-" else sys.stdout  # standard output holds the page alone
    for out in (args.xlsx, args.pdf, args.docx, args.html):
        if out and Path(out).resolve() == source.resolve():
            return fail(f"导出文件“{out}”不能与报告文件相同。")
    try:
        report = read_report(source)
    except ReportFileError as exc:
        return fail(str(exc))
    ready = unresolved(report)
    if not ready.clean:
        for line in ready.lines(report):
            print(line, file=sys.stderr)
        if args.final:
            print("govreport：按 --final 要求，报告尚有未解决的问题，未导出任何文件。", file=sys.stderr)
            return EXIT_ERRORS
        print("已按草稿导出（每页标有“草稿”）；问题解决后再导出正式文件。", file=sys.stderr)
    draft = not ready.clean
    shown = "（草稿）" if draft else ""
    if args.xlsx:
        from ..core.exporters.excel import export_xlsx

        try:
            export_xlsx(report, args.xlsx, draft=draft)
        except OSError as exc:
            return fail(f"无法写入“{args.xlsx}”：{os_message(exc)}。")
        except Exception as exc:  # never a traceback for the user (nor Python's English); the kind, for support
            return fail(f"无法导出Excel工作簿“{args.xlsx}”：程序内部错误（错误类型{type(exc).__name__}），"
                        "请联系技术支持。")
        print(f"已导出Excel工作簿{shown}：{args.xlsx}", file=said)
    if args.pdf:
        from ..core.exporters.pdf import FontUnavailable, PdfOptions, export_pdf

        try:
            export_pdf(report, args.pdf, PdfOptions(draft=draft))
        except OSError as exc:
            return fail(f"无法写入“{args.pdf}”：{os_message(exc)}。")
        except FontUnavailable as exc:  # the PDF exporter's own refusal: a Chinese message
            return fail(f"无法导出PDF“{args.pdf}”：{exc}")
        except Exception as exc:  # never a traceback for the user (nor Python's English); the kind, for support
            return fail(f"无法导出PDF“{args.pdf}”：程序内部错误（错误类型{type(exc).__name__}），请联系技术支持。")
        print(f"已导出PDF{shown}：{args.pdf}", file=said)
        for finding in findings_of_kind(report, "undrawable_chars"):  # printed as boxes: say so now, not on paper
            print(f"警告：{finding.message}", file=said)
    if args.docx:
        from ..core.exporters.word import export_docx

        try:
            export_docx(report, args.docx, draft=draft)
        except OSError as exc:
            return fail(f"无法写入“{args.docx}”：{os_message(exc)}。")
        except Exception as exc:  # never a traceback for the user; the message names what went wrong
            return fail(f"无法导出Word文档“{args.docx}”：程序内部错误（错误类型{type(exc).__name__}），"
                        "请联系技术支持。")
        print(f"已导出Word文档{shown}：{args.docx}", file=said)
    if args.html:
        from .export_html import write_html

        return write_html(report, args.html, draft, said)
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    e = subparsers.add_parser("export", help="导出为Excel工作簿、PDF、Word文档或网页（版式同官方表格）")
    e.add_argument("file", metavar="FILE", help="要导出的 .govreport 报告文件")
    e.add_argument("--xlsx", metavar="OUT.xlsx", help="导出的Excel工作簿")
    e.add_argument("--pdf", metavar="OUT.pdf", help="导出的PDF文件")
    e.add_argument("--docx", metavar="OUT.docx", help="导出的Word文档（公文版式，可在Word、WPS中编辑）")
    e.add_argument("--html", metavar="OUT.html",
                   help="导出的网页（可直接发布到门户网站；用 - 表示输出到标准输出，供粘贴到网站编辑器）")
    e.add_argument("--final", action="store_true",
                   help="正式导出：报告尚有错误、未确认的警告或沿用上年的正文时不导出（退出码1）；否则按草稿导出")
    e.set_defaults(func=cmd_export)
