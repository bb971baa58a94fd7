"""``govreport new --agency NAME --year YYYY -o OUT.govreport``: a blank report."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.meta_fields import MetaRefused, check_meta
from ..core.report import Report
from .common import add_output_options, fail, save_output


def cmd_new(args: argparse.Namespace) -> int:
    try:
        check_meta("year", args.year)
    except MetaRefused as exc:
        return fail(str(exc))
    return save_output(Report.new(agency=args.agency, year=args.year), args, f"已新建：{Path(args.output)}")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    n = subparsers.add_parser("new", help="新建一份空白报告")
    n.add_argument("--agency", required=True, help="机关全称")
    n.add_argument("--year", required=True, type=int, help="报告年度，如 2025")
    add_output_options(n)
    n.set_defaults(func=cmd_new)
