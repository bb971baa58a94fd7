"""The two reports of a comparison, read from any file ``govreport import`` reads, or a ``.govreport`` file.

A ``.govreport`` file is read strictly (:func:`..storage.read_report`); anything else goes through the importer,
which refuses what is not a report and bounds what it reads.  Any failure is a :class:`CompareRefused` with one
Chinese line, never a traceback.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..report import Report


class CompareRefused(Exception):
    """A file that cannot be compared; ``str(exc)`` is a one-line Chinese message."""


def read_any(path: str | os.PathLike[str]) -> Report:
    """The report in ``path`` (imported where it is not our own file); :class:`CompareRefused` when unreadable."""
    from ..importers.base import ImportRefused
    from ..storage import ReportFileError, read_report

    name = Path(path).name
    try:
        if Path(path).suffix.lower() == ".govreport":
            return read_report(path)
        from ..importers.dispatch import import_file

        return import_file(path).report
    except (ImportRefused, ReportFileError) as exc:
        raise CompareRefused(str(exc)) from None
    except (RecursionError, MemoryError):
        raise CompareRefused(f"“{name}”过于复杂，无法读取。") from None
    except Exception as exc:  # a damaged file is a refusal, never a traceback
        raise CompareRefused(f"“{name}”读取时出错（{type(exc).__name__}），文件可能已损坏。") from None


def check_order(last: Report, this: Report, last_name: str, this_name: str) -> None:
    """Refuse two reports given the wrong way round (last year's a later year than this year's)."""
    if last.year is not None and this.year is not None and last.year > this.year:
        raise CompareRefused(f"“{last_name}”是{last.year}年度报告，“{this_name}”是{this.year}年度报告："
                             "请先给上年的报告，再给本年的报告。")
