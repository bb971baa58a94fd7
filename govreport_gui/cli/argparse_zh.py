"""argparse's own messages in Chinese: a usage error is one Chinese line like every other refusal.

argparse looks its messages up through the module-level ``_`` (gettext) each time it builds one, and Python ships
no Chinese catalogue for them: ``govreport new --year abc`` said "argument --year: invalid int value: 'abc'".
:func:`install` replaces that lookup with this table (an unknown message stays as it is).
"""

from __future__ import annotations

import argparse

MESSAGES = {
    "usage: ": "用法：",
    "argument %(argument_name)s: %(message)s": "参数%(argument_name)s：%(message)s",
    "invalid %(type)s value: %(value)r": "“%(value)s”不是有效的值",
    "invalid choice: %(value)r (choose from %(choices)s)": "“%(value)s”不是可选的值（可选：%(choices)s）",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多需要一个值",
    "expected at least one argument": "至少需要一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项%(option)s不明确，可能是：%(matches)s",
    "not allowed with argument %s": "不能与参数%s同时使用",
    "one of the arguments %s is required": "需要以下参数之一：%s",
    "ignored explicit argument %r": "多余的参数值%r",
    "unexpected option string: %s": "意外的选项：%s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "subcommands": "命令",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "未知的命令“%(parser_name)s”（可用：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
}


def translate(message: str) -> str:
    return MESSAGES.get(message, message)


def install() -> None:
    """Make argparse speak Chinese in this process (idempotent)."""
    argparse._ = translate  # type: ignore[attr-defined]
