"""``govreport compare 上年 本年 [--html 对比.html] [--docx 对比.docx] [--xlsx 对比.xlsx]``: two years side by side.

Either file may be anything ``govreport import`` reads, or a ``.govreport`` file.  Prints the verdict, every changed
cell (last year, this year, the change in 件 and %), each prose section's similarity to last year's with its
changed sentences counted, and the cross-year rules; writes the full comparison to the files asked for (written
atomically, the previous version kept as ``.bak``).  Exit codes: 0 compared, 2 an unreadable file, the two given
the wrong way round, an output that cannot be written, or bad usage.  Messages are one Chinese line; no traceback.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import EXIT_OK, fail, os_message


def _same(a: str, b: str) -> bool:
    return Path(a).resolve() == Path(b).resolve()


def cmd_compare(args: argparse.Namespace) -> int:
    from ..core.compare import CompareRefused, compare_files
    from ..core.compare.shown import cell_values, file_lines

    outputs = [o for o in (args.html, args.docx, args.xlsx) if o]
    for out in outputs:
        if _same(out, args.last) or _same(out, args.this):
            return fail(f"输出文件“{out}”不能与要比较的报告相同。")
    try:
        c = compare_files(args.last, args.this)
    except CompareRefused as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"无法读取报告：{os_message(exc)}。")
    for label, text in file_lines(c):
        print(f"{label}：{text}")
    print(*c.verdict, sep="\n")
    changed = c.changed_cells
    if changed:
        print(f"\n有变化的单元格（{len(changed)}个，含自动计算的合计）：")
        form = c.this.form
        for row in changed:
            v = cell_values(row)
            change = f"，{v[4]}" if row.diff is not None else ""
            last, this = v[2] or "空白", v[3] or "空白"
            print(f"  {form.tables[row.table].short} {v[0]} / {v[1]}：上年{last}，本年{this}{change}")
    print("\n正文：")
    for s in c.sections:
        if s.last.strip() or s.this.strip():
            note = "，可能照抄上年" if s.copied else ""
            print(f"  {s.label}：相似度{s.similarity_text}，改动{s.changed_sentences}句{note}")
    for f in c.cross_year:
        print(f"[{f.rule}] {f.message}")
    for out, kind in ((args.html, "html"), (args.docx, "docx"), (args.xlsx, "xlsx")):
        if out:
            code = _write(c, out, kind)
            if code != EXIT_OK:
                return code
    return EXIT_OK


def _write(c: object, out: str, kind: str) -> int:
    names = {"html": "网页", "docx": "Word文档", "xlsx": "Excel工作簿"}
    try:
        if kind == "html":
            from ..core.compare.page import export_comparison_html as export
        elif kind == "docx":
            from ..core.compare.word import export_comparison_docx as export
        else:
            from ..core.compare.workbook import export_comparison_xlsx as export
        export(c, out)  # type: ignore[arg-type]
    except OSError as exc:
        return fail(f"无法写入“{out}”：{os_message(exc)}。")
    except Exception as exc:  # never a traceback for the user; the kind, for support
        return fail(f"无法导出对比{names[kind]}“{out}”：程序内部错误（错误类型{type(exc).__name__}），请联系技术支持。")
    print(f"已导出对比{names[kind]}：{out}")
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser("compare", help="与上年报告对比：表格逐格、正文逐句、跨年度核对（网页、Word、Excel）")
    p.add_argument("last", metavar="LAST", help="上年的报告（.govreport，或可导入的网页、Word、PDF、文本、Excel）")
    p.add_argument("this", metavar="THIS", help="本年的报告（同上）")
    p.add_argument("--html", metavar="OUT.html", help="对比结果网页（单个文件，可直接发送）")
    p.add_argument("--docx", metavar="OUT.docx", help="对比结果Word文档")
    p.add_argument("--xlsx", metavar="OUT.xlsx", help="对比结果Excel工作簿")
    p.set_defaults(func=cmd_compare)
