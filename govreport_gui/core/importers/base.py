"""What every importer returns: the report read, plus a log of what was read, what disagreed, what was missing."""

from __future__ import annotations

import os
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..os_errors import os_error_text
from ..report import Report

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
            f"未识别{c['unread']}处，提醒{c['warning']}条。"
        )


def read_bounded(path: str | os.PathLike[str], limit: int) -> tuple[bytes, str]:
    """The bytes of ``path`` (at most ``limit``) and its name, or :class:`ImportRefused` with a Chinese message.

    A folder, an empty file, one over the limit (also one that grows past it while read) or an unreadable one is
    refused; nothing more than ``limit`` bytes is ever read into memory.
    """
    p = Path(path)
    name = p.name
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise ImportRefused(f"“{name}”是文件夹，不是报告文件。")
        if size == 0:
            raise ImportRefused(f"“{name}”是空文件，没有可导入的内容。")
        if size > limit:
            raise ImportRefused(
                f"“{name}”过大（{size / (1024 * 1024):.0f} MB），超过导入上限{limit // (1024 * 1024)} MB，"
                "不像一份年度报告。"
            )
        with open(p, "rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise ImportRefused(f"找不到文件“{name}”。") from None
    except PermissionError:
        raise ImportRefused(f"没有读取“{name}”的权限。") from None
    except ImportRefused:
        raise
    except OSError as exc:
        raise ImportRefused(f"无法读取“{name}”：{os_error_text(exc)}。") from None
    if len(data) > limit:
        raise ImportRefused(f"“{name}”过大，超过导入上限{limit // (1024 * 1024)} MB。")
    if not data.strip():
        raise ImportRefused(f"“{name}”是空文件，没有可导入的内容。")
    return data, name
