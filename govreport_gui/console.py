"""What both programs' command lines share: UTF-8 output, argparse speaking Chinese, ``--version``.

* Output is UTF-8 whatever the console's encoding: a GBK console (Chinese Windows) or ``LANG=C`` made Python encode
  stdout in GBK or ASCII, so a character outside it raised ``UnicodeEncodeError`` *after* ``new`` had written its
  file (exit 1 with a traceback).  :func:`utf8_stdio` reconfigures stdout and stderr at start.
* argparse's own words (用法, 选项, 显示帮助信息并退出, 缺少必需的参数…) go through its ``gettext`` hook
  (``argparse._``/``argparse.ngettext``); :func:`chinese_argparse` points the hook at :data:`ZH`.  It must run before
  a parser is built: the 选项 group title and the ``-h`` help are translated at construction.
"""

from __future__ import annotations

import argparse
import sys

from . import version

# argparse's messages (Python 3.11–3.13) and their Chinese.  A message not listed stays English.
ZH: dict[str, str] = {
    "usage: ": "用法：",
    "options": "选项",
    "optional arguments": "选项",
    "positional arguments": "位置参数",
    "show this help message and exit": "显示帮助信息并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected at most one argument": "最多只能有一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "“%(value)s”不是可选的值（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "“%(value)s”不是有效的值",
    "ambiguous option: %(option)s could match %(matches)s": "有歧义的选项：%(option)s 可匹配 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "必须给出以下参数之一：%s",
    "ignored explicit argument %r": "忽略了多余的值“%s”",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "unexpected option string: %s": "意外的选项：%s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "未知的命令“%(parser_name)s”（可选：%(choices)s）",
    "show program's version number and exit": "显示版本号并退出",
    "subcommands": "命令",
}
VERSION_HELP = "显示版本号并退出"


class ChineseHelpFormatter(argparse.HelpFormatter):
    """The help layout with a full-width colon after each group's title (选项：), as Chinese text has it."""

    def start_section(self, heading: str | None) -> None:
        super().start_section(f"{heading}\uff1a\b" if heading else heading)

    def format_help(self) -> str:
        return super().format_help().replace("\uff1a\b:", "\uff1a")


def _gettext(message: str) -> str:
    return ZH.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def chinese_argparse() -> None:
    """Make argparse's own messages Chinese (for the parsers built after this call; idempotent)."""
    argparse._ = _gettext  # type: ignore[attr-defined]
    argparse.ngettext = _ngettext  # type: ignore[attr-defined]


def utf8_stdio() -> None:
    """Write stdout and stderr as UTF-8 (unencodable never: ``errors="replace"`` for lone surrogates)."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding != "utf8" and reconfigure is not None:
            try:
                reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):  # a stream that cannot change encoding now: leave it
                pass


def add_version(parser: argparse.ArgumentParser) -> None:
    """``--version``: prints ``<prog> <version>`` on stdout and exits 0."""
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}", help=VERSION_HELP)


def prepare() -> None:
    """At the start of each program: UTF-8 output and Chinese argparse."""
    utf8_stdio()
    chinese_argparse()
