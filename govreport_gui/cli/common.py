"""What every ``govreport`` sub-command shares: the exit codes, the one-line refusal, OS-error wording, overwriting.

Exit codes: 0 success (validate: clean or warnings only), 1 a report has an error finding, 2 unreadable input,
unwritable output or bad usage.  Every refusal is one Chinese line on stderr, prefixed ``govreport：``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..core.report import Report
from ..core.storage import write_report

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def fail(msg: str) -> int:
    """Print the one-line refusal and return the exit code for unreadable input or bad usage."""
    print(f"govreport：{msg}", file=sys.stderr)
    return EXIT_UNREADABLE


def os_message(exc: OSError) -> str:
    """Why a file could not be written, in the clerk's words."""
    if isinstance(exc, FileNotFoundError):
        return "所在文件夹不存在"
    if isinstance(exc, IsADirectoryError):
        return "这是一个文件夹"
    if isinstance(exc, PermissionError):
        return "没有写入权限"
    return str(exc.strerror or exc)


def refuse_overwrite(out: Path, force: bool) -> int | None:
    """The refusal's exit code when ``out`` exists and ``--force`` was not given, else None."""
    if out.exists() and not force:
        return fail(f"“{out}”已存在；如要覆盖请加 --force。")
    return None


def save_report(report: Report, out: Path, force: bool) -> int | None:
    """Write ``report`` to ``out`` (refusing to overwrite without ``--force``); an exit code on failure, else None."""
    refused = refuse_overwrite(out, force)
    if refused is not None:
        return refused
    try:
        write_report(report, out)
    except OSError as exc:
        return fail(f"无法保存“{out}”：{exc.strerror or exc}。")
    return None
