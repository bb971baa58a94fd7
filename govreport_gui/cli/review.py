"""``govreport review FILE_OR_FOLDER… [--last FOLDER] [--units 单位名单.xlsx] --xlsx OUT.xlsx [--html OUT.html]``,
``govreport review template -o 单位名单.xlsx`` and ``govreport sum``.

``review`` reads every report in the folders (each as ``govreport import`` would, on a pool of worker processes),
and writes the summary workbook and, if asked, the self-contained HTML page; a file that cannot be read is a row of
the results, not a failure of the command.  ``sum`` adds the units' Tables 二, 三 and 四 cell by cell into one
``.govreport`` report and lists the files that went in; mixed years, an unreadable file or the same agency twice
refuse it.  With ``--units`` the outputs open on the assessment (:mod:`..core.review.assessment`): every unit of
the list, whether its report came, its deadline, sections, findings, copied sections and score, a sheet per 上级;
``review template`` writes the blank list.  Exit codes: 0 written, 2 unusable input (no report found, a refused sum
or units list) or output that cannot be written.  Messages are one Chinese line; no traceback reaches the user.
An output file inside a reviewed folder is never read as one of the reports.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core.review import ReviewResult

from .common import EXIT_OK, fail, os_message


def _same(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def _collect(paths: list[str], outputs: list[str]) -> list[Path]:
    from ..core.review import CollectRefused, collect_files

    for p in paths:
        if any(o and _same(p, o) for o in outputs):
            raise CollectRefused(f"输出文件“{p}”不能同时是要读取的报告，请换一个文件名。")
    return [p for p in collect_files(paths) if not any(_same(p, o) for o in outputs if o)]


def _read(files: list[Path], last: list[Path], workers: int) -> ReviewResult:
    """Run the review, showing progress on a terminal; returns the ReviewResult."""
    from ..core.review import iter_review

    show = sys.stderr.isatty()
    result = None
    for p in iter_review(files, last, workers=workers):
        if show:
            print(f"\r正在读取（{p.stage}）：{p.done}/{p.total}", end="", file=sys.stderr, flush=True)
        result = p.result or result
    if show:
        print(file=sys.stderr)
    assert result is not None
    return result


def _write_error(path: str, exc: OSError) -> int:
    return fail(f"无法写入“{path}”：{os_message(exc)}。")


def cmd_template(args: argparse.Namespace) -> int:
    from ..core.atomic import atomic_write_bytes
    from ..core.form import load_form
    from ..core.review.units import units_template_bytes
    from .common import refuse_overwrite

    out = Path(args.output)
    try:
        refused = refuse_overwrite(out, args.force)
        if refused is not None:
            return refused
        atomic_write_bytes(out, units_template_bytes(load_form()))
    except OSError as exc:
        return _write_error(str(out), exc)
    print(f"已生成单位名单模板：{out}（填写单位名称、类别、上级后用 --units 给出）")
    return EXIT_OK


def cmd_review(args: argparse.Namespace) -> int:
    from ..core.form import load_form
    from ..core.review import CollectRefused
    from ..core.review.assessment import assess
    from ..core.review.assessment_shown import headline
    from ..core.review.page import export_review_html
    from ..core.review.shown import counts_line
    from ..core.review.units import UnitsRefused, read_units
    from ..core.review.workbook import export_review_xlsx

    if args.paths == ["template"] and args.output:
        return cmd_template(args)
    if args.output:
        return fail("-o 只用于 govreport review template -o 单位名单.xlsx；审查结果请用 --xlsx 给出。")
    if not args.xlsx:
        return fail("请用 --xlsx OUT.xlsx 指定审查结果工作簿。")
    outputs = [args.xlsx, args.html, args.units]
    try:
        files = _collect(args.paths, outputs)
        last = _collect(args.last, outputs) if args.last else []
    except CollectRefused as exc:
        return fail(str(exc))
    if not files:
        return fail("所给的文件夹中没有找到报告文件（.govreport、.xlsx/.xls、.docx/.doc、.pdf、.txt、.md、.html）。")
    units = None
    if args.units:
        try:
            units = read_units(args.units, load_form())
        except UnitsRefused as exc:
            return fail(str(exc))
    result = _read(files, last, args.workers)
    assessment = assess(result, units, load_form()) if units is not None else None
    for out, export in ((args.xlsx, export_review_xlsx), (args.html, export_review_html)):
        if not out:
            continue
        try:
            export(result, out, assessment)
        except OSError as exc:
            return _write_error(out, exc)
    print(counts_line(result))
    if last:
        print(f"上年报告：{len(last)}个文件，可用于比对{result.last_count}份。")
    if assessment is not None:
        print(headline(assessment))
    print(f"已保存审查结果：{args.xlsx}" + (f"、{args.html}" if args.html else ""))
    return EXIT_OK


def cmd_sum(args: argparse.Namespace) -> int:
    from ..core.review import CollectRefused, SumRefused, sum_rows
    from ..core.storage import write_report

    out = Path(args.output)
    if out.exists() and not args.force:
        return fail(f"“{out}”已存在；如要覆盖请加 --force。")
    if not args.agency.strip():
        return fail("请用 --agency 给出汇总报告的机关名称。")
    try:
        files = _collect(args.paths, [args.output])
    except CollectRefused as exc:
        return fail(str(exc))
    if not files:
        return fail("所给的文件夹中没有找到报告文件（.govreport、.xlsx/.xls、.docx/.doc、.pdf、.txt、.md、.html）。")
    result = _read(files, [], args.workers)
    rows = sorted(result.rows, key=lambda r: r.path)
    try:
        total = sum_rows(rows, args.agency.strip())
    except SumRefused as exc:
        return fail(str(exc))
    try:
        write_report(total.report, out)
    except OSError as exc:
        return _write_error(str(out), exc)
    print(f"已合计{total.report.year}年度{len(total.sources)}份报告（表二、表三、表四逐格相加）：")
    for name in total.sources:
        print(f"  {name}")
    print(f"已保存：{out}")
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    r = sub.add_parser("review", help="审查一批报告：逐份检查、跨年度比对、考核计分、汇总表（Excel、网页）；"
                                      "review template -o 单位名单.xlsx 生成单位名单模板")
    r.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER", help="报告文件或存放报告的文件夹（或 template）")
    r.add_argument("--last", action="append", metavar="LAST_YEAR_FOLDER",
                   help="上年报告所在的文件夹（用于跨年度比对；可重复给出）")
    r.add_argument("--units", metavar="单位名单.xlsx",
                   help="应报送单位名单（单位名称、类别、上级）：列出未报送的单位，按期公布、六个部分、照抄上年，计分")
    r.add_argument("--xlsx", metavar="OUT.xlsx", help="审查结果工作簿（审查时必需）")
    r.add_argument("--html", metavar="OUT.html", help="审查结果网页（单个文件，可直接发送）")
    r.add_argument("-o", "--output", metavar="单位名单.xlsx", help="与 template 连用：生成单位名单模板")
    r.add_argument("--force", action="store_true", help="与 template 连用：覆盖已存在的文件")
    r.add_argument("--workers", type=int, default=2, help=argparse.SUPPRESS)
    r.set_defaults(func=cmd_review)
    s = sub.add_parser("sum", help="汇总：把各单位报告的表二、表三、表四逐格相加为一份报告")
    s.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER", help="各单位的报告文件或所在文件夹")
    s.add_argument("--agency", required=True, help="汇总报告的机关名称")
    s.add_argument("-o", "--output", required=True, help="输出的 .govreport 文件")
    s.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    s.add_argument("--workers", type=int, default=2, help=argparse.SUPPRESS)
    s.set_defaults(func=cmd_sum)
