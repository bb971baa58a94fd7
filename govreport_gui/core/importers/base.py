"""What every importer returns: the report read, plus a log of what was read, what disagreed, what was missing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..report import Report

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
