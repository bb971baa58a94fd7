"""``govreport validate FILE… [--json]``: the 勾稽关系 and plausibility findings of each report.

Exit code 0 when every report is clean or has warnings only, 1 when one has an error finding, 2 when one cannot be
read.

``--json`` prints one shape whatever the number of files: ``{"version": 1, "files": [ … ]}``, one entry per file
in the order given (README, "validate --json"); each readable file's entry lists, under ``unchecked``, the values an
import or carry-over filled that the clerk has not yet checked (待核对, kept in the file since format 4).  They do
not change the exit code: they are no finding, but the final check before export counts them.
"""

from __future__ import annotations

import argparse
import json
import sys

from ..core.checks.confirmations import is_confirmed
from ..core.checks.finding import SEVERITY_NAMES
from ..core.checks.run import check
from ..core.report import Report
from ..core.shown import one_line
from ..core.storage import ReportFileError, read_report
from .common import EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE

JSON_VERSION = 1  # the shape of ``--json``'s document; raised only when a key changes meaning or goes away


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
                print(one_line(f"{name}：{exc}"), file=sys.stderr)
            continue
        findings = check(report)
        n_err = sum(f.severity == "error" for f in findings)
        if n_err and worst == EXIT_OK:
            worst = EXIT_ERRORS
        if args.json:
            results.append({
                "file": name, "readable": True, "errors": n_err, "warnings": len(findings) - n_err,
                "findings": [f.as_json() | {"explained": is_confirmed(report, f)} for f in findings],
                "unchecked": unchecked_json(report),
            })
            continue
        unchecked = unchecked_line(report)
        if not findings:
            print(f"{name}：通过，未发现问题。" + (f"{unchecked}" if unchecked else ""))
            continue
        if unchecked:
            print(f"{name}：{unchecked}")
        print(f"{name}：{n_err}个错误，{len(findings) - n_err}个{SEVERITY_NAMES['warning']}。")
        for f in findings:
            tag = SEVERITY_NAMES[f.severity]
            note = "（已说明）" if is_confirmed(report, f) else ""
            print(f"  [{tag} {f.rule}]{note} {f.message}")
    if args.json:
        # One file a line, each encoded by the C encoder (indent= would take the pure-Python one: a third of the
        # time for 1,000 files), written at once.
        files = ",\n".join(json.dumps(r, ensure_ascii=False) for r in results)
        sys.stdout.write(f'{{"version": {JSON_VERSION}, "files": [\n{files}\n]}}\n')
    return worst


def unchecked_json(report: Report) -> list[dict[str, str]]:
    """The 待核对 marks for ``--json``: each cell (form order), its label and where its value came from."""
    form = report.form
    return [{"cell": c, "label": form.cell_title(c), "where": report.unchecked[c]}
            for c in form.cells if c in report.unchecked]


def unchecked_line(report: Report) -> str:
    """One line for the text output ("" when nothing awaits checking)."""
    n = len(report.unchecked)
    return f"另有{n}个导入或从上年转入的数值尚未核对（待核对）。" if n else ""


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    v = subparsers.add_parser("validate", help="检查报告的勾稽关系和合理性")
    v.add_argument("files", nargs="+", metavar="FILE")
    v.add_argument("--json", action="store_true", help="以 JSON 输出检查结果")
    v.set_defaults(func=cmd_validate)
