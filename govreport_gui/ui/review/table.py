"""The review's summary as a table model: one row per file, the columns the workbook's 汇总 sheet has.

The columns and each row's cells come from :mod:`govreport_gui.core.review.shown` (``summary_header``,
``summary_cells``), so the window, the workbook and the HTML page say the same thing.  Sorting goes through a
:class:`QSortFilterProxyModel` on :data:`SORT_ROLE`: numbers compare as numbers (a blank below every number), text
as text; ``序号`` keeps the review's own order, worst first.  Rows arrive one at a time while files are read
(:meth:`ReviewModel.add_row`) and are replaced by the finished, sorted rows at the end (:meth:`ReviewModel.set_rows`).
"""

from __future__ import annotations

import html
from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush

from ...core.form import load_form
from ...core.review import FileReview, ReviewResult
from ...core.review.figures import key_figures
from ...core.review.shown import DUPLICATE, fmt, summary_cells, summary_header
from ..base import style

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's FileReview
BLANK_KEY = float("-inf")  # a blank number sorts below every number
Index = QModelIndex | QPersistentModelIndex


def _sort_key(value: object, numeric: bool) -> object:
    """Numbers as floats (a blank below every number), everything else as its text: one type per column."""
    if not numeric:
        return fmt(value)  # type: ignore[arg-type]
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return float(value)
    return BLANK_KEY


class ReviewModel(QAbstractTableModel):
    """The files of one review with their summary cells (read-only)."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        labels = tuple(k.label for k in key_figures(load_form()))
        self._shape = ReviewResult(rows=[], figure_labels=labels)  # only its labels are used for the cells
        self.header = summary_header(self._shape)
        self.numeric = {self.header.index(h) for h in ("序号", "年度", *labels, "错误", "警告", "导入问题")}
        self.source_column = self.header.index("源文件")
        self.rows: list[FileReview] = []
        self._cells: list[list[object]] = []

    # --- filling ----------------------------------------------------------------------------------------------------
    def add_row(self, row: FileReview) -> None:
        """A file just read (shown in the order files finish until the review ends)."""
        n = len(self.rows)
        self.beginInsertRows(QModelIndex(), n, n)
        self.rows.append(row)
        self._cells.append(summary_cells(self._shape, n + 1, row))
        self.endInsertRows()

    def set_rows(self, rows: list[FileReview]) -> None:
        """The finished review's rows, worst first (numbered 1… in that order, as in the workbook)."""
        self.beginResetModel()
        self.rows = list(rows)
        self._cells = [summary_cells(self._shape, i, r) for i, r in enumerate(self.rows, 1)]
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def row_at(self, source_row: int) -> FileReview:
        return self.rows[source_row]

    # --- Qt's model interface -----------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  (Qt's default argument)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.header)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.header[section] if 0 <= section < len(self.header) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        r, c = index.row(), index.column()
        value = self._cells[r][c]
        row = self.rows[r]
        if role == Qt.ItemDataRole.DisplayRole:
            return fmt(value)  # type: ignore[arg-type]
        if role == SORT_ROLE:
            return _sort_key(value, c in self.numeric)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if c in self.numeric else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            return _background(row, self.header[c])
        if role == Qt.ItemDataRole.ToolTipRole:  # escaped: a tooltip that looks like markup is shown as markup
            text = row.path if c == self.source_column else fmt(value)  # type: ignore[arg-type]
            return f"<p>{html.escape(text)}</p>" if len(text) > 12 or c == self.source_column else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable if index.isValid() else Qt.ItemFlag.NoItemFlags


def _background(row: FileReview, column: str) -> QBrush | None:
    if not row.readable:
        return QBrush(style.ERROR_BG)
    if column == "错误" and row.errors:
        return QBrush(style.ERROR_BG)
    if column == DUPLICATE and row.duplicate:
        return QBrush(style.WARNING_BG)
    if column in ("警告", "导入问题") and ((row.warnings if column == "警告" else row.import_problems) > 0):
        return QBrush(style.WARNING_BG)
    return None


def sorting_proxy(model: ReviewModel) -> QSortFilterProxyModel:
    """A proxy sorting on :data:`SORT_ROLE` and filtering on every column's text (case-insensitive)."""
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setDynamicSortFilter(True)
    return proxy
