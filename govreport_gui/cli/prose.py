"""The ``govreport prose FILE [--last LAST_YEAR_FILE]`` sub-command: the figure paragraphs drafted from the tables.

Prints each drafted paragraph under its heading (the section it belongs to, then its sub-heading), so that a
supervisor's script or a clerk without the window can use them.  With ``--last`` the changes are computed against
that report; without it, against the last-year baseline the report carries (if it was started from last year's).
Exit codes: 0 printed, 2 unreadable input or bad usage.  Messages are one Chinese line; no traceback.
"""

from __future__ import annotations

import argparse

from ..core.prose import draft_paragraphs
from ..core.storage import ReportFileError, read_report
from .common import EXIT_OK, fail


def cmd_prose(args: argparse.Namespace) -> int:
    try:
        report = read_report(args.file)
        last = read_report(args.last) if args.last else None
    except ReportFileError as exc:
        return fail(str(exc))
    drafts = draft_paragraphs(report, last)
    if not drafts:
        print("表格尚未填写，没有可起草的数据段落。")
        return EXIT_OK
    form = report.form
    section = ""
    for p in drafts:
        heading = form.text_keys.get(p.text_key, p.text_key)
        if heading != section:
            print(heading if not section else f"\n{heading}")
            section = heading
        print(p.heading)
        print(p.text)
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser("prose", help="按表格数字起草正文中的数据段落（主动公开、依申请公开、复议诉讼）")
    p.add_argument("file", metavar="FILE", help="本年度的 .govreport 报告文件")
    p.add_argument("--last", metavar="LAST_YEAR_FILE", help="上年度的 .govreport 报告文件，用于与上年比较")
    p.set_defaults(func=cmd_prose)
