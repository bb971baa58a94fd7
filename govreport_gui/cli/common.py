"""What every ``govreport`` sub-command shares: the exit codes, the one-line refusal, OS-error wording, overwriting.

Exit codes: 0 success (validate: clean or warnings only), 1 a report has an error finding, 2 unreadable input,
unwritable output or bad usage.  Every refusal is one Chinese line on stderr, prefixed ``govreport：``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.atomic import SaveRefused, target_exists
from ..core.os_errors import os_error_text
from ..core.report import Report
from ..core.shown import one_line
from ..core.storage import write_report

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def fail(msg: str) -> int:
    """Print the one-line refusal (line breaks in names flattened, cut if absurdly long); the exit code for
    unreadable input or bad usage."""
    print(f"govreport：{one_line(msg)}", file=sys.stderr)
    return EXIT_UNREADABLE


def os_message(exc: OSError) -> str:
    """Why a file could not be written, in the clerk's words (never the C library's English)."""
    if isinstance(exc, SaveRefused):  # our own sentence (a name too long, a read-only file, …)
        return str(exc).rstrip("。")
    if isinstance(exc, FileNotFoundError):
        return "所在文件夹不存在"
    if isinstance(exc, PermissionError):
        return "没有写入权限"
    return os_error_text(exc)


def refuse_overwrite(out: Path, force: bool) -> int | None:
    """The refusal's exit code when ``out`` exists and ``--force`` was not given, else None.  A name the system
    cannot hold (over 255 bytes) raises :class:`~govreport_gui.core.atomic.SaveRefused`, an ``OSError``."""
    if target_exists(out) and not force:
        return fail(f"“{out}”已存在；如要覆盖请加 --force。")
    return None


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """``-o/--output`` (the .govreport file written) and ``--force`` (overwrite it), for the commands that make one."""
    parser.add_argument("-o", "--output", required=True, help="输出的 .govreport 文件")
    parser.add_argument("--force", action="store_true", help="覆盖已存在的文件")


def save_output(report: Report, args: argparse.Namespace, done: str) -> int:
    """Write ``report`` to ``args.output`` (not over a file without ``--force``), print ``done``; the exit code."""
    out = Path(args.output)
    try:
        refused = refuse_overwrite(out, args.force)
        if refused is not None:
            return refused
        write_report(report, out)
    except OSError as exc:
        return fail(f"无法保存“{out.name}”：{os_message(exc)}。")
    print(done)
    return EXIT_OK
