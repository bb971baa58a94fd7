"""查看 › 与上年对比…: choose last year's file once, compare, show (:class:`.dialog.CompareDialog`).

Last year's file is the one remembered for this report (:mod:`.memory`), or the one it was started from, or — the
first time — asked for (any file 导入 reads, or a ``.govreport``).  Choosing it also gives the open report last
year's prose (:mod:`.link`): a copied section shows in the findings panel as a warning.  The comparison is of the
report as it stands in the window (unsaved changes included), never written into it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog

from ...core.compare import CompareRefused, Comparison, compare_reports
from ...core.compare.reading import check_order, read_any
from ...core.report import Report
from ..imports.actions import IMPORT_FILTER
from . import memory
from .dialog import CompareDialog


def ask_last_year(window: Any) -> str | None:
    """Ask for last year's file (replaced by a recorder in tests)."""
    path, _ = QFileDialog.getOpenFileName(window, "选择上年的报告（用于对比）", window.dialog_folder(), IMPORT_FILTER)
    return path or None


def _read(window: Any, path: str) -> Report | None:
    try:
        return read_any(path)
    except CompareRefused as exc:
        window.error_box(str(exc))
    except OSError as exc:
        window.error_box(f"无法读取“{Path(path).name}”（{exc.strerror or exc}）。")
    return None


def _compare(window: Any, path: str) -> Comparison | None:
    """Read ``path`` as last year's report and compare the open report with it (a refusal is shown, ``None``)."""
    last = _read(window, path)
    if last is None:
        return None
    this = window.current_report()
    try:
        check_order(last, this, Path(path).name, window.display_name())
    except CompareRefused as exc:
        window.error_box(str(exc))
        return None
    window.last_year_link.chosen(path)
    window.last_year_link.attach(last)
    return compare_reports(last, this, Path(path).name, window.display_name())


def _choose(window: Any) -> Comparison | None:
    path = ask_last_year(window)
    return _compare(window, path) if path else None


def open_comparison(window: Any) -> CompareDialog | None:
    """The menu entry: compare with the remembered last year's file (asked for the first time) and show it."""
    known = memory.last_year_file(window.path) or window.last_year_link.source
    comparison = _compare(window, known) if known and Path(known).is_file() else None
    if comparison is None:  # none known yet, or the known one is gone or unreadable: ask
        comparison = _choose(window)
    if comparison is None:
        return None

    def refresh() -> Comparison | None:
        source = window.last_year_link.source
        return _compare(window, source) if source else None

    old = getattr(window, "compare_dialog", None)
    if old is not None:
        old.close()
    dialog = CompareDialog(window, comparison, refresh, lambda: _choose(window))
    window.compare_dialog = dialog  # kept: the dialog is not modal
    dialog.show()
    return dialog
