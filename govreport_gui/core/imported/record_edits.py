"""Edits of what an import left in the report: the totals as printed, and the import log.

Like every edit (:mod:`..edits`, through which they are applied) each returns the edit that undoes it.  Settling a
printed total that disagrees with its parts (:mod:`.settle`, 以计算值为准) removes it from ``printed_totals`` and
adds a line to the import log, in one undo step with its explanation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..report import ImportNote, Report
from ..values import Value, ValueRefused


@dataclass(frozen=True)
class SetPrintedTotals:
    """Set (or, with ``None``, drop) totals as printed in the imported document."""

    values: Mapping[str, Value]


@dataclass(frozen=True)
class SetImportLog:
    """Replace the import log kept in the report."""

    log: tuple[ImportNote, ...]


RecordEdit = SetPrintedTotals | SetImportLog


def validate_record_edit(report: Report, edit: RecordEdit) -> None:
    """Raise :class:`ValueRefused` (Chinese) when ``edit`` cannot apply; nothing changes."""
    if isinstance(edit, SetPrintedTotals):
        for cid in edit.values:
            if cid not in report.form.totals:
                raise ValueRefused(f"“{cid}”不是合计单元格，没有印出的总计。")


def apply_record_edit(report: Report, edit: RecordEdit) -> tuple[RecordEdit, set[str]]:
    """Apply a validated ``edit``; the edit that undoes it and the printed totals that changed."""
    if isinstance(edit, SetImportLog):
        old_log = tuple(report.import_log)
        report.import_log = list(edit.log)
        return SetImportLog(old_log), set()
    old: dict[str, Value] = {}
    changed: set[str] = set()
    for cid, v in edit.values.items():
        old[cid] = report.printed_totals.get(cid)
        if old[cid] != v:
            changed.add(cid)
        if v is None:
            report.printed_totals.pop(cid, None)
        else:
            report.printed_totals[cid] = v
    return SetPrintedTotals(old), changed
