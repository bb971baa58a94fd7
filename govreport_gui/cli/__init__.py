"""The ``govreport`` command line (a stable interface: scripts depend on it).

Exit codes (:mod:`.common`): 0 success (validate: clean or warnings only), 1 a report has an error finding, 2
unreadable input or bad usage.  Messages are Chinese and one line; no traceback reaches the user.

Each sub-command lives in its own module with ``register(subparsers)``; adding one is a new module plus one line in
:data:`COMMAND_MODULES`.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import Any

from ..console import ChineseHelpFormatter, add_version, prepare
from ..core.shown import one_line
from .common import EXIT_OK, EXIT_UNREADABLE

# The sub-command modules of this package, in the order ``govreport --help`` lists them.
COMMAND_MODULES = ("new", "validate", "dump", "export", "imports", "carry_over", "prose", "compare", "review",
                   "register")


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        """One Chinese line (argparse's messages are translated by :mod:`govreport_gui.console`) and a pointer to -h."""
        text = message.replace("'", "")  # argparse quotes the choices Python's way
        print(one_line(f"govreport：参数错误：{text}（用 {self.prog} -h 查看用法）"), file=sys.stderr)
        raise SystemExit(EXIT_UNREADABLE)


# The module that registers a command, where it is not the command's own name.
MODULE_OF = {"import": "imports", "carry-over": "carry_over", "sum": "review"}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every sub-command, or of ``only`` (a command name: the others' modules are not imported, so
    that a command over thousands of files does not pay at start for every other command's imports)."""
    prepare()
    p = _Parser(prog="govreport", description="政府信息公开工作年度报告：新建、检查、导出、导入、结转。")
    add_version(p)
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser, metavar="命令", help="以下之一")
    for name in COMMAND_MODULES if only is None else (MODULE_OF.get(only, only),):
        importlib.import_module(f"{__name__}.{name}").register(sub)
    return p


def _command_named(argv: Sequence[str]) -> str | None:
    """The sub-command ``argv`` names first, when it is one (``None`` for -h, --version, a typo: all are built)."""
    first = argv[0] if argv else ""
    return first if MODULE_OF.get(first, first) in COMMAND_MODULES else None


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(_command_named(words)).parse_args(words)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
