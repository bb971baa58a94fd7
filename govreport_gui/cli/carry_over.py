"""``govreport carry-over LAST -o NEW.govreport``: this year's report started from last year's.

LAST is a ``.govreport`` file, or a published report that is imported first (also one in the 2019 format; its import
log is printed).  Exit codes: 0 done, 2 the input cannot be read or imported (one Chinese line, no traceback).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.importers.base import ImportRefused, ImportResult
from ..core.storage import ReportFileError, read_report
from .common import add_output_options, fail, save_output
from .imports import print_log


def load_last(path: str) -> tuple[object, ImportResult | None]:
    """Last year's report: our file, or a published report imported on the way (log returned)."""
    if path.lower().endswith(".govreport"):
        return read_report(path), None
    from ..core.importers.dispatch import import_file

    res = import_file(path)
    return res.report, res


def cmd_carry_over(args: argparse.Namespace) -> int:
    from ..core.intake.carryover import carry_over, carry_over_notes

    try:
        last, res = load_last(args.last)
    except (ReportFileError, ImportRefused) as exc:
        return fail(str(exc))
    if res is not None:
        print(f"上年报告“{Path(args.last).name}”不是本程序的文件，先导入：")
        print_log(res, False)
    new = carry_over(last)  # type: ignore[arg-type]
    for note in carry_over_notes(last):  # type: ignore[arg-type]
        print(note)
    return save_output(new, args, f"已新建{new.year or ''}年度报告：{args.output}")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    c = sub.add_parser("carry-over", help="从上年报告新建本年报告（结转、核对依据、正文草稿）")
    c.add_argument("last", metavar="LAST", help="上年的 .govreport 文件（或已公开的上年报告）")
    add_output_options(c)
    c.set_defaults(func=cmd_carry_over)
