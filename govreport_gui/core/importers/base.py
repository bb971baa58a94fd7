"""What every importer returns: the report read, plus a log of what was read, what disagreed, what was missing."""

from __future__ import annotations

import os
import typing
from dataclasses import dataclass, field
from typing import Literal

from ..bounded_read import read_limited
from ..report import Report
from ..text_safety import REPLACEMENT, replace_lone_surrogates

LogLevel = Literal["info", "read", "mismatch", "missing", "unread", "warning", "error"]
LOG_LEVELS: tuple[LogLevel, ...] = typing.get_args(LogLevel)


class ImportRefused(Exception):
    """A source that cannot be imported at all; ``str(exc)`` is a one-line Chinese message."""


@dataclass(frozen=True)
class LogEntry:
    """One line of the import log: ``where`` is a location in the source (line, sheet!cell, table/row)."""

    level: LogLevel
    message: str
    cell: str = ""
    where: str = ""

    def __str__(self) -> str:
        place = f"［{self.where}］" if self.where else ""
        return f"{place}{self.message}"


@dataclass
class ImportResult:
    report: Report
    log: list[LogEntry] = field(default_factory=list)

    def add(self, level: LogLevel, message: str, cell: str = "", where: str = "") -> None:
        self.log.append(LogEntry(level, message, cell, where))

    def entries(self, level: LogLevel) -> list[LogEntry]:
        return [e for e in self.log if e.level == level]

    def counts(self) -> dict[LogLevel, int]:
        """How many log entries of each level (every level present, zero included)."""
        out: dict[LogLevel, int] = dict.fromkeys(LOG_LEVELS, 0)
        for e in self.log:
            out[e.level] += 1
        return out

    def summary(self) -> str:
        """The one-line tally of the log: cells read, totals that disagree, cells missing, lines not recognised."""
        c = self.counts()
        return (
            f"导入结果：读取{c['read']}项，总计不一致{c['mismatch']}处，缺失{c['missing']}项，"
            f"未识别{c['unread']}处，警告{c['warning']}条。"
        )

    def replace_lone_surrogates(self) -> int:
        """Replace every lone surrogate in the report's texts and the log by U+FFFD (UTF-8 cannot store them: the
        report could not be saved); the log says how many.  Returns the count."""
        rep = self.report
        total = 0

        def clean(s: str) -> str:
            nonlocal total
            out, n = replace_lone_surrogates(s)
            total += n
            return out

        rep.meta = {k: clean(v) if isinstance(v, str) else v for k, v in rep.meta.items()}
        rep.texts = {k: clean(v) for k, v in rep.texts.items()}
        rep.explanations = {k: clean(v) for k, v in rep.explanations.items()}
        self.log = [LogEntry(e.level, clean(e.message), e.cell, clean(e.where)) for e in self.log]
        if total:
            self.add("warning",
                     f"原文中有{total}个无法保存的字符（不成对的代理字符），已替换为“{REPLACEMENT}”，请核对。")
        return total


def read_bounded(path: str | os.PathLike[str], limit: int) -> tuple[bytes, str]:
    """The bytes of ``path`` (at most ``limit``) and its name, or :class:`ImportRefused` with a Chinese message.

    A folder, an empty file, one over the limit (also one that grows past it while read) or an unreadable one is
    refused; nothing more than ``limit`` bytes is ever read into memory.
    """
    mb = 1024 * 1024

    def too_large(name: str, size: int | None) -> str:
        if size is None:
            return f"“{name}”过大，超过导入上限{limit // mb} MB。"
        return f"“{name}”过大（{size / mb:.0f} MB），超过导入上限{limit // mb} MB，不像一份年度报告。"

    data, name = read_limited(path, limit, ImportRefused, too_large)
    if not data.strip():
        raise ImportRefused(f"“{name}”是空文件，没有可导入的内容。")
    return data, name
