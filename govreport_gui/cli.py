"""The ``govreport`` command line (a stable interface: scripts depend on it).

Exit codes: 0 success (validate: clean or warnings only), 1 a report has an error finding, 2 unreadable input or
bad usage.  Messages are Chinese and one line; no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .core.atomic import failure_text, target_exists
from .core.report import Report
from .core.rules import check
from .core.storage import ReportFileError, read_report, write_report

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"govreport：参数错误：{message}", file=sys.stderr)
        raise SystemExit(EXIT_UNREADABLE)


def _fail(msg: str) -> int:
    print(f"govreport：{msg}", file=sys.stderr)
    return EXIT_UNREADABLE


def cmd_new(args: argparse.Namespace) -> int:
    if not 1990 <= args.year <= 2999:
        return _fail(f"年度“{args.year}”无效。")
    report = Report.new(agency=args.agency, year=args.year)
    out = Path(args.output)
    try:
        if target_exists(out) and not args.force:
            return _fail(f"“{out}”已存在；如要覆盖请加 --force。")
        write_report(report, out)
    except OSError as exc:
        return _fail(f"无法保存“{out.name}”：{failure_text(exc)}")
    print(f"已新建：{out}")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    worst = EXIT_OK
    results = []
    for name in args.files:
        try:
            report = read_report(name)
        except ReportFileError as exc:
            worst = EXIT_UNREADABLE
            if args.json:
                results.append({"file": name, "readable": False, "message": str(exc), "findings": []})
            else:
                print(f"{name}：{exc}", file=sys.stderr)
            continue
        findings = check(report)
        n_err = sum(f.severity == "error" for f in findings)
        if n_err and worst == EXIT_OK:
            worst = EXIT_ERRORS
        if args.json:
            results.append({
                "file": name, "readable": True, "errors": n_err, "warnings": len(findings) - n_err,
                "findings": [f.as_json() | {"explained": f.rule in report.explanations} for f in findings],
            })
            continue
        if not findings:
            print(f"{name}：通过，未发现问题。")
            continue
        print(f"{name}：{n_err}个错误，{len(findings) - n_err}个提醒。")
        for f in findings:
            tag = "错误" if f.severity == "error" else "提醒"
            note = "（已说明）" if f.rule in report.explanations else ""
            print(f"  [{tag} {f.rule}]{note} {f.message}")
    if args.json:
        json.dump(results if len(args.files) > 1 else results[0], sys.stdout, ensure_ascii=False, indent=1)
        print()
    return worst


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="govreport", description="政府信息公开工作年度报告：新建、检查、导出、导入、结转。")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    n = sub.add_parser("new", help="新建一份空白报告")
    n.add_argument("--agency", required=True, help="机关全称")
    n.add_argument("--year", required=True, type=int, help="报告年度，如 2025")
    n.add_argument("-o", "--output", required=True, help="输出的 .govreport 文件")
    n.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    n.set_defaults(func=cmd_new)
    v = sub.add_parser("validate", help="检查报告的勾稽关系和合理性")
    v.add_argument("files", nargs="+", metavar="FILE")
    v.add_argument("--json", action="store_true", help="以 JSON 输出检查结果")
    v.set_defaults(func=cmd_validate)
    for register in _extra_commands():
        register(sub)
    return p


# Modules that add further sub-commands (export, import, carry-over); each has ``register(subparsers)``.
EXTRA_MODULES = ("govreport_gui.cli_export", "govreport_gui.cli_import")


def _extra_commands() -> list[Callable[[argparse._SubParsersAction], None]]:  # type: ignore[type-arg]
    import importlib

    out = []
    for name in EXTRA_MODULES:
        try:
            out.append(importlib.import_module(name).register)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    return out


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
