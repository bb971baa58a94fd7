"""What every importer returns: the report read, plus a log of what was read, what disagreed, what was missing."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..report import Report
from ..text_safety import REPLACEMENT, replace_lone_surrogates

LogLevel = Literal["info", "read", "mismatch", "missing", "unread", "warning", "error"]


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
        raise ImportRefused(f"无法读取“{name}”：{exc.strerror or exc}。") from None
    if len(data) > limit:
        raise ImportRefused(f"“{name}”过大，超过导入上限{limit // (1024 * 1024)} MB。")
    if not data.strip():
        raise ImportRefused(f"“{name}”是空文件，没有可导入的内容。")
    return data, name
