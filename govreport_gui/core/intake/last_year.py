"""从上年报告新建 from any file the importer reads: last year's report, then this year's draft, in one step.

Last year's report may be our own ``.govreport`` file or what was published (PDF, Word, HTML, text, our workbook):
:func:`read_last_year` reads it as 导入 does (:func:`..importers.dispatch.import_file`; the log and the values still
to check come along), and :func:`draft_from_last_year` carries it over (:func:`..carryover.carry_over`).  The draft
keeps what the clerk must still look at: the carried values marked 待核对 (saying so where last year's value was
itself imported and never checked), last year's import log with a first line saying what was made from what, and
the notes of :func:`..carryover.carry_over_notes`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..importers.base import ImportResult
from ..importers.dispatch import import_file
from ..report import ImportNote, Report
from .carryover import carry_over, carry_over_notes
from .review_marks import import_notes, marks_from_import, marks_from_last_year

OWN_SUFFIX = ".govreport"


@dataclass
class LastYear:
    """Last year's report as read (with its own 待核对 marks and import log) and how it was read."""

    report: Report
    name: str
    imported: bool  # read from a published document or workbook (not our own file)
    result: ImportResult | None = None  # the import, for the window's review dialog


@dataclass
class Draft:
    """This year's draft and what the clerk is told about it."""

    report: Report
    last: LastYear
    notes: list[str] = field(default_factory=list)


def is_own_file(name: str, result: ImportResult) -> bool:
    """True when the importer read one of our own report files (kept as it was: marks, log and all)."""
    return Path(name).suffix.lower() == OWN_SUFFIX or any(
        e.level == "info" and "本程序保存的报告文件" in e.message for e in result.log[:1])


def read_last_year(path: str | os.PathLike[str]) -> LastYear:
    """Last year's report from ``path``; :class:`~.importers.base.ImportRefused` (Chinese) when unreadable."""
    name = Path(path).name
    result = import_file(path)
    last = result.report
    if is_own_file(name, result):
        return LastYear(last, name, False, result)
    last.unchecked = marks_from_import(result, name)
    last.import_log = import_notes(result)
    return LastYear(last, name, True, result)


def draft_from_last_year(last: LastYear) -> Draft:
    """This year's draft from last year's report (which is not modified)."""
    report = carry_over(last.report)
    report.unchecked = marks_from_last_year(report, last.report.unchecked)
    how = f"从“{last.name}”" + ("导入上年报告" if last.imported else "读取上年报告")
    head = ImportNote("info", f"{how}（{last.report.year or '年度未识别'}年度），结转为{report.year or ''}年度报告。")
    report.import_log = [head, *last.report.import_log]
    notes = carry_over_notes(last.report)
    if last.imported:
        n = len(last.report.unchecked)
        notes.insert(0, f"上年报告从“{last.name}”导入：读取{n}个数值，作为本年的核对依据和转入的数字；"
                        "导入记录已保存在本报告中（查看 › 导入记录）。")
    elif last.report.unchecked:
        notes.insert(0, f"上年报告中还有{len(last.report.unchecked)}个导入或转入的数值未核对，"
                        "本年转入的数字和核对依据可能有误。")
    return Draft(report, last, notes)


def draft_from_file(path: str | os.PathLike[str]) -> Draft:
    """Read last year's report from ``path`` and carry it over, in one step."""
    return draft_from_last_year(read_last_year(path))
