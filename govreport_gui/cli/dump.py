"""``govreport dump FILE [--json]``: every cell of a report with its computed totals, its meta and its texts.

For a supervisor's script that aggregates reports without reimplementing the form: each cell comes with its table,
row, column, label, unit and whether it is a derived total, and its value as the program computes it (a blank cell
is ``null``; counts are integers, amounts in 万元 decimal strings exactly as stored, e.g. ``"12.50"``).  Without
``--json`` one tab-separated line per cell: id, label, value.
Exit codes: 0 printed, 2 unreadable input or bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from typing import Any

from ..core.report import Report
from ..core.storage import ReportFileError, read_report
from ..core.values import Value, format_value
from .common import EXIT_OK, fail

DUMP_VERSION = 1  # the shape of the JSON document; raised only when a key changes meaning or goes away


def _json_value(v: Value) -> int | str | None:
    return format_value(v) if isinstance(v, Decimal) else v


def dump_document(report: Report, name: str) -> dict[str, Any]:
    """The JSON document ``dump --json`` prints for ``report`` (read from file ``name``)."""
    form = report.form
    cells: dict[str, dict[str, Any]] = {}
    for table in form.tables.values():
        for cid in table.cells:
            spec = form.cells[cid]
            cells[cid] = {
                "table": spec.table, "row": spec.row, "column": spec.column, "label": spec.label,
                "kind": spec.kind, "unit": spec.unit, "derived": spec.derived, "value": _json_value(report.get(cid)),
            }
    return {
        "version": DUMP_VERSION,
        "file": name,
        "form": form.id,
        "meta": dict(report.meta),
        "tables": {t.id: {"title": t.title, "cells": list(t.cells)} for t in form.tables.values()},
        "cells": cells,
        "texts": {key: report.texts.get(key, "") for key in form.text_keys},
    }


def cmd_dump(args: argparse.Namespace) -> int:
    try:
        report = read_report(args.file)
    except ReportFileError as exc:
        return fail(str(exc))
    doc = dump_document(report, args.file)
    if args.json:
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return EXIT_OK
    for cid, cell in doc["cells"].items():
        print(f"{cid}\t{cell['label']}\t{format_value(report.get(cid))}")
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser("dump", help="列出报告每个单元格的值（含计算出的合计）、基本信息和正文")
    p.add_argument("file", metavar="FILE", help=".govreport 报告文件")
    p.add_argument("--json", action="store_true", help="以 JSON 输出（供脚本汇总）")
    p.set_defaults(func=cmd_dump)
