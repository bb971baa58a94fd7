"""A ``QAbstractTableModel`` over one official table: the rows and columns are the grid of ``core.grid``.

Each grid position maps to the :class:`~govreport_gui.core.grid.GridCell` covering it; the view sets the same
spans.  Header and label cells show the form's text verbatim (narrow headers with the form's line breaks), are
read-only and not enabled (so keyboard moves skip them); input cells are editable and right-aligned; totals are
read-only with their own background.  ``setData`` parses the typed text and pushes an undo command; refused text
emits the controller's ``refused`` signal with the Chinese message and leaves the value unchanged.

Imported or carried values the clerk has not yet confirmed (the controller's marks) have their own background and
say where they were read in the tooltip; :data:`MARK_ROLE` tells the delegate to draw its edge stripe.  Cells with a
baseline in last year's report answer :data:`BASELINE_ROLE` with the short hint the delegate draws in their corner.
Typing a marked cell's value again confirms it (no undo step: nothing in the document changes).
When the report's register fills this table, its input cells are read-only and drawn like totals, and each value
cell's tooltip lists the register lines it counts (:mod:`..register.links`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from ...core.checks.finding import SEVERITY_NAMES
from ...core.edits import ChangeSet, SetCells
from ...core.grid import GridCell, TableGrid, table_grid
from ...core.intake.baselines import baseline_hint
from ...core.values import ValueRefused, format_value, parse_value
from ..base import style
from ..document.controller import DocumentController
from ..register.links import counted_cells, lines_of, provenance_text

Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
MARK_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # True on an imported/carried value not yet confirmed
BASELINE_ROLE = int(Qt.ItemDataRole.UserRole) + 2  # "上年：N" drawn in the cell's corner, or None


class FormTableModel(QAbstractTableModel):
    """One table of the form over the controller's document."""

    def __init__(self, controller: DocumentController, table_id: str) -> None:
        super().__init__(controller)
        self.controller = controller
        self.table_id = table_id
        self.grid: TableGrid = table_grid(controller.report.form, table_id)
        self._covering = self.grid.covering
        self._brushes = {
            "head": QBrush(style.HEAD_BG), "label": QBrush(style.LABEL_BG), "input": QBrush(style.INPUT_BG),
            "total": QBrush(style.TOTAL_BG), "error": QBrush(style.ERROR_BG), "warning": QBrush(style.WARNING_BG),
            "marked": QBrush(style.IMPORTED_BG),
        }
        self._text = QBrush(style.TEXT)
        self._bold = style.bold(QFont())
        self._counted = counted_cells(controller.report)  # input cells the register fills: read-only
        controller.changed.connect(self._on_changed)
        controller.replaced.connect(self._on_replaced)
        controller.marks_changed.connect(self._on_marks_changed)

    # --- geometry -----------------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self.grid.table.rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self.grid.table.cols

    def cell_at(self, index: Index) -> GridCell | None:
        """The grid cell covering ``index`` (spans included)."""
        if not index.isValid():
            return None
        return self._covering.get((index.row() + 1, index.column() + 1))

    def index_of(self, cell_id: str) -> QModelIndex:
        g = self.grid.by_id.get(cell_id)
        return self.index(g.r - 1, g.c - 1) if g else QModelIndex()

    # --- reading ------------------------------------------------------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        g = self.cell_at(index)
        if g is None:
            return Qt.ItemFlag.NoItemFlags
        if g.kind == "input" and g.cell_id not in self._counted:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
        if g.kind in ("total", "input"):
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return Qt.ItemFlag.NoItemFlags  # labels: read-only and skipped by keyboard moves

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        g = self.cell_at(index)
        if g is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if g.is_value:
                return format_value(self.controller.report.get(g.cell_id))
            return g.wrap if g.kind == "head" else g.text
        if role == Qt.ItemDataRole.EditRole:
            if g.is_value:
                return format_value(self.controller.report.get(g.cell_id))
            return g.text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if g.is_value:
                return _RIGHT
            if g.kind == "head" or g.rs > 1:
                return _CENTER
            return _LEFT
        if role == Qt.ItemDataRole.BackgroundRole:
            if g.is_value:
                sev = self._severity(g.cell_id)
                if sev:
                    return self._brushes[sev]
                if g.cell_id in self.controller.marks:
                    return self._brushes["marked"]
                if g.cell_id in self._counted:
                    return self._brushes["total"]
            return self._brushes[g.kind]
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._text
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if g.kind in ("head", "total") else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(g)
        if role == MARK_ROLE:
            return g.is_value and g.cell_id in self.controller.marks
        if role == BASELINE_ROLE:
            hint = baseline_hint(self.controller.report, g.cell_id) if g.is_value else None
            return hint.short or None if hint else None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if g.is_value:
                spec = self.controller.report.form.cells[g.cell_id]
                return f"{spec.label}：{format_value(self.controller.report.get(g.cell_id)) or '空白'}"
            return g.text
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return chr(ord("A") + section) if section < 26 else str(section + 1)
        return str(section + 1)

    def _severity(self, cell_id: str) -> str | None:
        found = self.controller.findings_for(cell_id)
        if not found:
            return None
        return "error" if any(f.severity == "error" for f in found) else "warning"

    def _tooltip(self, g: GridCell) -> str | None:
        if not g.is_value:
            return g.text if g.wrap != g.text or len(g.text) > 12 else None
        spec = self.controller.report.form.cells[g.cell_id]
        lines = [spec.label + ("（自动计算的合计）" if g.kind == "total" else "")]
        if spec.kind == "decimal":
            lines[0] += f"，单位：{spec.unit}"
        if self._counted:
            nos = lines_of(self.controller.report, g.cell_id)
            if nos is not None:
                lines.append(provenance_text(nos))
        where = self.controller.marks.get(g.cell_id)
        if where:
            lines.append(f"{where}（待核对）")
        hint = baseline_hint(self.controller.report, g.cell_id)
        if hint is not None:
            lines.append(hint.tooltip)
        for f in self.controller.findings_for(g.cell_id):
            lines.append(f"{f.rule}（{SEVERITY_NAMES[f.severity]}）：{f.message}")
        return "\n".join(lines)

    # --- writing ------------------------------------------------------------------------------------------------
    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        g = self.cell_at(index)
        if role != Qt.ItemDataRole.EditRole or g is None or g.kind != "input":
            return False
        if g.cell_id in self._counted:
            self.controller.push(SetCells({g.cell_id: None}), "")  # refused by the core, with its message
            return False
        spec = self.controller.report.form.cells[g.cell_id]
        try:
            new = parse_value(spec, "" if value is None else str(value))
        except ValueRefused as exc:
            self.controller.refused.emit(str(exc))
            return False
        old = self.controller.report.get(g.cell_id)
        if new == old and type(new) is type(old):
            self.controller.unmark([g.cell_id])  # the clerk typed the imported value again: confirmed
            return True
        return self.controller.push(SetCells({g.cell_id: new}), f"填写“{spec.label}”")

    # --- refreshing ---------------------------------------------------------------------------------------------
    def _on_changed(self, cs: ChangeSet) -> None:
        counted = counted_cells(self.controller.report)
        if counted != self._counted:  # the register took over the table or gave it back: every cell changes
            self._counted = counted
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
            return
        ids = set(cs.cells) | set(cs.totals)
        for f in (*cs.appeared, *cs.gone):
            ids.update(f.cells)
        self._on_marks_changed(ids)

    def _on_marks_changed(self, ids: set[str]) -> None:
        """Repaint exactly the cells named by ``ids`` (edited, recomputed, in a finding, or (un)marked)."""
        by_id = self.grid.by_id
        for cid in ids:
            g = by_id.get(cid)
            if g is not None:
                idx = self.index(g.r - 1, g.c - 1)
                self.dataChanged.emit(idx, idx)

    def _on_replaced(self) -> None:
        self._counted = counted_cells(self.controller.report)
        self.beginResetModel()
        self.endResetModel()
