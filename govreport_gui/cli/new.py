"""``govreport new --agency NAME --year YYYY -o OUT.govreport``: a blank report."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.report import Report
from .common import EXIT_OK, fail, save_report


def cmd_new(args: argparse.Namespace) -> int:
    if not 1990 <= args.year <= 2999:
        return fail(f"年度“{args.year}”无效。")
    out = Path(args.output)
    failed = save_report(Report.new(agency=args.agency, year=args.year), out, args.force)
    if failed is not None:
        return failed
    print(f"已新建：{out}")
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    n = subparsers.add_parser("new", help="新建一份空白报告")
    n.add_argument("--agency", required=True, help="机关全称")
    n.add_argument("--year", required=True, type=int, help="报告年度，如 2025")
    n.add_argument("-o", "--output", required=True, help="输出的 .govreport 文件")
    n.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    n.set_defaults(func=cmd_new)
