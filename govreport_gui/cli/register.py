"""The ``govreport register`` sub-commands: the applications register (依申请公开台账) in and out of a report.

- ``register template -o 台账.xlsx`` — a blank register workbook with drop-down lists;
- ``register apply REPORT 台账.xlsx -o OUT.govreport`` — store the register in the report and fill Table 三 from it;
  prints the counts and every value or column that could not be placed and every line that could not be counted;
  then exit 1 and nothing is written, unless ``--allow-unmatched`` (values left empty, lines not counted);
- ``register export REPORT -o 台账.xlsx`` — the report's register as a workbook;
- ``register due REPORT [--date YYYY-MM-DD]`` — open applications by deadline.
An existing output file is not overwritten without ``--force`` (like ``import`` and ``carry-over``).
Exit codes: 0 done, 1 unmatched values (apply) or overdue applications (due), 2 unreadable input or bad usage.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from ..core.report import Report
from ..core.storage import ReportFileError, read_report, write_report
from .common import EXIT_OK, fail, os_message, refuse_overwrite

EXIT_PROBLEMS = 1


def _exists(args: argparse.Namespace) -> int | None:
    return refuse_overwrite(Path(args.output), args.force)


def cmd_template(args: argparse.Namespace) -> int:
    from ..core.exporters.register_sheet import write_register_workbook
    from ..core.form import load_form

    if (refused := _exists(args)) is not None:
        return refused
    try:
        write_register_workbook(args.output, load_form())
    except OSError as exc:
        return fail(f"无法写入“{args.output}”：{os_message(exc)}。")
    print(f"已生成台账模板：{args.output}")
    return EXIT_OK


def _read(path: str) -> Report | int:
    try:
        return read_report(path)
    except ReportFileError as exc:
        return fail(str(exc))


def cmd_apply(args: argparse.Namespace) -> int:
    from ..core.importers.base import ImportRefused
    from ..core.importers.register_sheet import read_register
    from ..core.register.count import count_table, sync_report
    from ..core.register.model import Register

    if Path(args.output).resolve() == Path(args.register).resolve():
        return fail("输出文件不能与台账文件相同。")
    if (refused := _exists(args)) is not None:
        return refused
    report = _read(args.report)
    if isinstance(report, int):
        return report
    if report.year is None:
        return fail("报告没有填写年度，无法按年度统计台账。")
    try:
        got = read_register(args.register, report.form)
    except ImportRefused as exc:
        return fail(str(exc))
    print(f"读取台账：{len(got.lines)}行（{got.where}）。")
    for col in got.unplaced:
        print(f"  未能对应的列：“{col}”")
    for u in got.unmatched:
        print(f"  未能识别：{u}")
    register = Register(got.lines, fills_table=args.fills)
    counted = count_table(register, report.form, report.year)
    _print_counts(report, counted.values)
    for no, msg in counted.problems:
        print(f"  台账第{no}行：{msg}")
    problems = len(got.unplaced) + len(got.unmatched) + len(counted.problems)
    if problems and not args.allow_unmatched:
        print(f"有{problems}处未能识别或未能计入，未写入“{args.output}”。请修改台账后重试，"
              "或加 --allow-unmatched 照此写入（未识别的值留空，未能计入的行不计入表三）。", file=sys.stderr)
        return EXIT_PROBLEMS
    report.register = register
    sync_report(report)
    report.invalidate()
    try:
        write_report(report, args.output, omit_applicants=args.omit_applicants)
    except OSError as exc:
        return fail(f"无法保存“{args.output}”：{os_message(exc)}。")
    print(f"已将台账存入报告并据此填写表三：{args.output}" if args.fills else
          f"已将台账存入报告（表三仍按填写的数字；可在窗口中改为用台账计算）：{args.output}")
    return EXIT_OK


def _print_counts(report: Report, values: dict[str, int]) -> None:
    from ..core.register.model import register_spec

    spec = register_spec(report.form)
    rows = (spec.new_row, spec.carried_in_row, *spec.results, spec.carried_out_row)
    print(f"表三（{report.year}年度，按申请人类别：{'、'.join(spec.type_labels.values())}）：")
    for row in rows:
        figures = [values.get(spec.cell(row, c), 0) for c in spec.types]
        if row in (spec.new_row, spec.carried_in_row, spec.carried_out_row) or any(figures):
            print(f"  {spec.table.row_labels[row]}：{' '.join(str(x) for x in figures)}（合计{sum(figures)}）")


def cmd_export(args: argparse.Namespace) -> int:
    from ..core.exporters.register_sheet import write_register_workbook

    if (refused := _exists(args)) is not None:
        return refused
    report = _read(args.report)
    if isinstance(report, int):
        return report
    if report.register is None:
        return fail(f"“{Path(args.report).name}”中没有台账。")
    try:
        write_register_workbook(args.output, report.form, report.register, omit_applicants=args.omit_applicants)
    except OSError as exc:
        return fail(f"无法写入“{args.output}”：{os_message(exc)}。")
    print(f"已导出台账（{len(report.register)}行）：{args.output}")
    return EXIT_OK


def cmd_due(args: argparse.Namespace) -> int:
    from ..core.register.dates import parse_date
    from ..core.register.deadlines import OVERDUE, open_lines
    from ..core.register.model import register_spec
    from ..core.register.workdays import CalendarFileError, load_calendar

    day = date.today()
    if args.date:
        d = parse_date(args.date)
        if d is None:
            return fail(f"日期“{args.date}”无效，应写成YYYY-MM-DD。")
        day = d
    report = _read(args.report)
    if isinstance(report, int):
        return report
    if report.register is None:
        return fail(f"“{Path(args.report).name}”中没有台账。")
    try:
        cal = load_calendar()
    except CalendarFileError as exc:
        return fail(str(exc))
    spec = register_spec(report.form)
    due = open_lines(report.register, spec, cal, day)
    print(f"截至{day.isoformat()}，未答复的申请{len(due)}件：")
    for d in due:
        line = d.line
        when = d.deadline.isoformat() if d.deadline else "—"
        if d.days_left is None:
            left = ""
        elif d.days_left < 0:
            left = f"，已超过{-d.days_left}个工作日"
        else:
            left = f"，剩余{d.days_left}个工作日"
        kind = spec.type_labels.get(line.applicant_type or "", "类别未填")
        extra = f"；{d.problem}" if d.problem else ""
        print(f"  序号{d.no}  收到{line.received.isoformat()}  {kind}  答复期限{when}  {d.status}{left}{extra}")
    return EXIT_PROBLEMS if any(d.status == OVERDUE for d in due) else EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    r = subparsers.add_parser("register", help="依申请公开台账：模板、导入并填写表三、导出、答复期限")
    sub = r.add_subparsers(dest="register_command", required=True, parser_class=type(r))
    t = sub.add_parser("template", help="生成空白台账模板（Excel，带下拉列表）")
    t.add_argument("-o", "--output", required=True, metavar="台账.xlsx")
    t.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    t.set_defaults(func=cmd_template)
    for name, fills, helptext in (("apply", True, "把台账存入报告，并据此填写表三"),
                                  ("import", False, "读取Excel或CSV台账存入报告（表三仍按填写的数字）")):
        a = sub.add_parser(name, help=helptext)
        a.add_argument("report", metavar="REPORT", help="报告文件 .govreport")
        a.add_argument("register", metavar="台账.xlsx", help="台账（.xlsx 或 .csv）")
        a.add_argument("-o", "--output", required=True, metavar="OUT.govreport")
        a.add_argument("--allow-unmatched", action="store_true", help="有未能识别的值时仍写入（这些值留空）")
        a.add_argument("--omit-applicants", action="store_true", help="保存时不含申请人姓名或名称")
        a.add_argument("--force", action="store_true", help="覆盖已存在的文件")
        a.set_defaults(func=cmd_apply, fills=fills)
    e = sub.add_parser("export", help="把报告中的台账导出为Excel")
    e.add_argument("report", metavar="REPORT")
    e.add_argument("-o", "--output", required=True, metavar="台账.xlsx")
    e.add_argument("--omit-applicants", action="store_true", help="不导出申请人姓名或名称")
    e.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    e.set_defaults(func=cmd_export)
    d = sub.add_parser("due", help="列出未答复的申请及其答复期限")
    d.add_argument("report", metavar="REPORT")
    d.add_argument("--date", metavar="YYYY-MM-DD", help="按哪一天计算（默认今天）")
    d.set_defaults(func=cmd_due)
