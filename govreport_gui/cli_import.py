"""``govreport import SOURCE -o OUT.govreport`` and ``govreport carry-over LAST -o NEW.govreport``.

``import`` reads a published report (text, HTML, Word, PDF) or our workbook and prints the import log: what was
read, what disagreed, what was missing.  ``carry-over`` starts this year's report from last year's (a ``.govreport``
file, or a published report that is imported first — also one in the 2019 format).  Exit codes: 0 done, 2 the input
cannot be read or imported (one Chinese line, no traceback).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .core.atomic import failure_text, target_exists
from .core.importers.base import ImportRefused, ImportResult
from .core.storage import ReportFileError, read_report, write_report

EXIT_OK, EXIT_UNREADABLE = 0, 2
LEVEL_NAMES = {
    "info": "信息", "read": "读取", "mismatch": "不一致", "missing": "缺失", "unread": "未识别", "warning": "提醒",
    "error": "错误",
}


def _fail(msg: str) -> int:
    print(f"govreport：{msg}", file=sys.stderr)
    return EXIT_UNREADABLE


def print_log(res: ImportResult, verbose: bool) -> None:
    for e in res.log:
        if e.level == "read" and not verbose:
            continue
        print(f"[{LEVEL_NAMES.get(e.level, e.level)}] {e}")
    counts = {lvl: len(res.entries(lvl)) for lvl in ("read", "mismatch", "missing", "unread", "warning")}  # type: ignore[arg-type]
    print(
        f"导入结果：读取{counts['read']}项，总计不一致{counts['mismatch']}处，缺失{counts['missing']}项，"
        f"未识别{counts['unread']}处，提醒{counts['warning']}条。"
    )


def _write(report: object, out: Path, force: bool) -> int | None:
    try:
        if target_exists(out) and not force:
            return _fail(f"“{out}”已存在；如要覆盖请加 --force。")
        write_report(report, out)  # type: ignore[arg-type]
    except OSError as exc:
        return _fail(f"无法保存“{out.name}”：{failure_text(exc)}")
    return None


def cmd_import(args: argparse.Namespace) -> int:
    from .core.importers.dispatch import import_file

    try:
        res = import_file(args.source)
    except ImportRefused as exc:
        return _fail(str(exc))
    except (RecursionError, MemoryError):
        return _fail(f"“{Path(args.source).name}”过于复杂，无法导入。")
    print_log(res, args.verbose)
    failed = _write(res.report, Path(args.output), args.force)
    if failed is not None:
        return failed
    print(f"已保存：{args.output}")
    return EXIT_OK


def load_last(path: str) -> tuple[object, ImportResult | None]:
    """Last year's report: our file, or a published report imported on the way (log returned)."""
    if path.lower().endswith(".govreport"):
        return read_report(path), None
    from .core.importers.dispatch import import_file

    res = import_file(path)
    return res.report, res


def cmd_carry_over(args: argparse.Namespace) -> int:
    from .core.carryover import carry_over, carry_over_notes

    try:
        last, res = load_last(args.last)
    except (ReportFileError, ImportRefused) as exc:
        return _fail(str(exc))
    if res is not None:
        print(f"上年报告“{Path(args.last).name}”不是本程序的文件，先导入：")
        print_log(res, False)
    new = carry_over(last)  # type: ignore[arg-type]
    for note in carry_over_notes(last):  # type: ignore[arg-type]
        print(note)
    failed = _write(new, Path(args.output), args.force)
    if failed is not None:
        return failed
    print(f"已新建{new.year or ''}年度报告：{args.output}")
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    i = sub.add_parser("import", help="导入已公开的年度报告（文本、网页、Word、PDF）或本程序导出的工作簿")
    i.add_argument("source", metavar="SOURCE", help="要导入的文件")
    i.add_argument("-o", "--output", required=True, help="输出的 .govreport 文件")
    i.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    i.add_argument("-v", "--verbose", action="store_true", help="列出读取的每一格")
    i.set_defaults(func=cmd_import)
    c = sub.add_parser("carry-over", help="从上年报告新建本年报告（结转、核对依据、正文草稿）")
    c.add_argument("last", metavar="LAST", help="上年的 .govreport 文件（或已公开的上年报告）")
    c.add_argument("-o", "--output", required=True, help="输出的 .govreport 文件")
    c.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    c.set_defaults(func=cmd_carry_over)
