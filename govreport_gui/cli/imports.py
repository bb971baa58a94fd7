"""``govreport import SOURCE -o OUT.govreport``.

Reads a published report (text, HTML, Word, PDF) or our workbook and prints the import log: what was read, what
disagreed, what was missing.  Exit codes: 0 done, 2 the input cannot be read or imported (one Chinese line, no
traceback).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.checks.finding import SEVERITY_NAMES
from ..core.importers.base import ImportRefused, ImportResult
from .common import add_output_options, fail, save_output

LEVEL_NAMES = {
    "info": "信息", "read": "读取", "mismatch": "不一致", "missing": "缺失", "unread": "未识别", **SEVERITY_NAMES,
}


def print_log(res: ImportResult, verbose: bool) -> None:
    for e in res.log:
        if e.level == "read" and not verbose:
            continue
        print(f"[{LEVEL_NAMES.get(e.level, e.level)}] {e}")
    print(res.summary())


def cmd_import(args: argparse.Namespace) -> int:
    from ..core.importers.dispatch import import_file

    try:
        res = import_file(args.source)
    except ImportRefused as exc:
        return fail(str(exc))
    except (RecursionError, MemoryError):
        return fail(f"“{Path(args.source).name}”过于复杂，无法导入。")
    print_log(res, args.verbose)
    return save_output(res.report, args, f"已保存：{args.output}")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    i = sub.add_parser("import", help="导入已公开的年度报告（文本、网页、Word、WPS、PDF）或本程序导出的工作簿")
    i.add_argument("source", metavar="SOURCE", help="要导入的文件")
    add_output_options(i)
    i.add_argument("-v", "--verbose", action="store_true", help="列出读取的每一格")
    i.set_defaults(func=cmd_import)
