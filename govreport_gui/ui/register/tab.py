"""The 台账 tab: the applications register as a grid, beside the table it counts.

Above the grid: 添加行 / 删除行 (also the Insert and Delete keys), the 状态 filter (全部 / 办理中 — every application
not yet answered — / 即将到期 / 已逾期), a line of counts and the switch between 用台账计算表三 and 改为手工填写
(core :class:`~govreport_gui.core.register.edits.SetFillsTable`, one undo step; going back to typed figures asks
first).  The grid sorts by any column (click its header) through a ``QSortFilterProxyModel``; 申请人类型, 办理结果 and
延期 are edited with drop-downs of the form's labels; the other cells with a line editor that keeps a refused value
open (Enter or Tab on 2025/13/1 shows why, in Chinese, and leaves the editor as typed).  Ctrl+V pastes a block
copied from Excel (:mod:`~govreport_gui.core.register.paste`): rows over existing lines change them, the rest are
added — one undo step, all or nothing.  :meth:`RegisterTab.select_lines` shows given 序号 (from Table 三's
provenance or a finding).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.checks import register as checks
from ...core.checks.register_lines import lines_of
from ...core.edits import Batch
from ...core.register.count import count_table, register_cells
from ...core.register.deadlines import DONE, DUE_SOON, OPEN, OVERDUE, WAITING, late_answers
from ...core.register.edits import InsertLines, RemoveLines, SetFillsTable, SetLines
from ...core.register.model import RegisterLine
from ...core.register.new_line import new_line_date
from ...core.register.workdays import CalendarFileError, load_calendar
from ...core.values import ValueRefused
from ..base import style
from ..document.controller import DocumentController
from .account import BalanceLine
from .delegate import RegisterDelegate
from .model import HEADERS, RegisterModel, RegisterProxy, column_of, field_of

Index = QModelIndex | QPersistentModelIndex
ALL = "全部"
FILTERS: tuple[tuple[str, frozenset[str] | None], ...] = (
    (ALL, None),
    (OPEN, frozenset({OPEN, WAITING, DUE_SOON, OVERDUE})),  # every application not yet answered
    (DUE_SOON, frozenset({DUE_SOON})),
    (OVERDUE, frozenset({OVERDUE})),
)
USE_REGISTER, USE_TYPED = "用台账计算表三", "改为手工填写"
_WIDTHS = {"序号": 3, "申请人": 7, "申请内容": 10, "办理结果": 15, "延期": 3, "征求意见天数": 6, "备注": 7, "状态": 7}


def confirm_typed(parent: QWidget) -> bool:
    """Ask before Table 三 goes back to typed figures (a module function: tests replace QMessageBox.question)."""
    answer = QMessageBox.question(
        parent, "改为手工填写",
        "表三将不再由台账统计，改为手工填写（保留当前的数字）。之后修改台账不会再更新表三。确定吗？",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class RegisterView(QTableView):
    """The grid: Insert adds a line, Delete removes the selected lines, Ctrl+V pastes a block."""

    def __init__(self, tab: RegisterTab) -> None:
        super().__init__(tab)
        self.tab = tab

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            if event.matches(QKeySequence.StandardKey.Paste):
                self.tab.paste()
                return
            if event.key() == Qt.Key.Key_Insert:
                self.tab.add_line()
                return
            if event.key() == Qt.Key.Key_Delete:
                self.tab.delete_lines()
                return
        super().keyPressEvent(event)


class RegisterTab(QWidget):
    """The register's grid with its buttons, filter and the 表三 switch."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.model = RegisterModel(controller)
        self.proxy = RegisterProxy(self.model)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.add_button = QPushButton("添加行", self)
        self.add_button.setToolTip("在当前行之后添加一件申请（Insert键）")
        self.add_button.clicked.connect(lambda: self.add_line())
        self.delete_button = QPushButton("删除行", self)
        self.delete_button.setToolTip("删除所选的申请（Delete键，可撤销）")
        self.delete_button.clicked.connect(lambda: self.delete_lines())
        self.filter = QComboBox(self)
        self.filter.addItems([name for name, _ in FILTERS])
        self.filter.setItemData(1, "所有尚未答复的申请（含待补正、即将到期、已逾期）", Qt.ItemDataRole.ToolTipRole)
        self.filter.currentIndexChanged.connect(lambda i: self.proxy.set_states(FILTERS[i][1]))
        self.summary = QLabel(self)
        self.switch_button = QPushButton(self)
        self.switch_button.clicked.connect(lambda: self.toggle_fills())
        for w in (self.add_button, self.delete_button, QLabel("状态：", self), self.filter):
            bar.addWidget(w)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.switch_button)
        layout.addLayout(bar)
        self.mode_label = QLabel(self)
        self.mode_label.setWordWrap(True)
        self.mode_label.setStyleSheet("color: #555555;")
        layout.addWidget(self.mode_label)
        self.balance = BalanceLine(controller, self)  # 台账 N 件 = 表三 新收 + 结转 + 未计入 …
        layout.addWidget(self.balance)
        self.table_note = QLabel(self)  # placed above the counted table by the section tabs
        self.table_note.setWordWrap(True)
        self.table_note.setStyleSheet(f"QLabel {{ background: {style.NOTICE_BG}; border: 1px solid "
                                      f"{style.NOTICE_BORDER}; padding: 4px; }}")
        self.view = RegisterView(self)
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(RegisterDelegate(self))
        # unsorted until the clerk clicks a header: the register's own order is 序号's, and sorting 10,000 lines
        # through the proxy costs about 0.5 s
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                                  | QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        unit = self.fontMetrics().horizontalAdvance("中")
        for c, name in enumerate(HEADERS):
            header.resizeSection(c, unit * _WIDTHS.get(name, 6) + 12)
        header.setStretchLastSection(True)
        layout.addWidget(self.view, 1)
        controller.changed.connect(self._on_changed)
        controller.replaced.connect(self.refresh)
        self._summary_stale = True
        self.refresh()

    # --- state shown ----------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        report = self.controller.report
        reg = report.register
        fills = reg is not None and reg.fills_table
        self.switch_button.setText(USE_TYPED if fills else USE_REGISTER)
        self.switch_button.setToolTip("表三改为手工填写的数字（可撤销）" if fills
                                      else "按台账统计表三的本年新收、上年结转、办理结果和结转下年度（可撤销）")
        table = self.model.spec.table.title
        if fills and report.year is None:
            self.mode_label.setText(f"“{table}”将由台账统计，但报告尚未填写年度（请在“基本信息”中填写）。")
        elif fills:
            self.mode_label.setText(f"“{table}”由本台账按{report.year}年度统计，不能直接填写；"
                                    "在表三的格子上双击或右键“查看对应台账”可找到它统计的申请。")
        else:
            self.mode_label.setText(f"“{table}”为手工填写的数字；点击“{USE_REGISTER}”可改为由本台账统计。")
        self.table_note.setText(f"本表的数字由“台账”按{report.year or ''}年度统计得出，不能直接填写；鼠标停留可看"
                                "每格统计了哪些申请，双击可查看对应台账。要手工填写，请在“台账”中点击"
                                f"“{USE_TYPED}”。")
        self.table_note.setVisible(bool(register_cells(report)))
        self._summary_stale = True
        if self.isVisible():
            self.update_summary()

    def update_summary(self) -> None:
        """The counts line: lines in all, and how many are open, due soon and overdue today."""
        n = self.model.rowCount()
        counts = {s: 0 for s in (DONE, WAITING, OPEN, DUE_SOON, OVERDUE)}
        for r in range(n):
            st = self.model.status(r)
            if st in counts:
                counts[st] += 1
        open_ = n - counts[DONE]
        self.summary.setText(f"  共{n}件，未办结{open_}件（即将到期{counts[DUE_SOON]}件，已逾期{counts[OVERDUE]}件）")
        self._summary_stale = False

    def showEvent(self, event: object) -> None:
        if self._summary_stale:
            self.update_summary()
        super().showEvent(event)  # type: ignore[arg-type]

    def _on_changed(self, cs: object) -> None:
        if getattr(cs, "register", False) or getattr(cs, "meta", None):
            self.refresh()

    # --- rows -----------------------------------------------------------------------------------------------------
    def source_rows(self) -> list[int]:
        """The source rows (序号 − 1) of the selected cells, or of the current cell; sorted, each once."""
        idxs = self.view.selectionModel().selectedIndexes() or [self.view.currentIndex()]
        return sorted({self.proxy.mapToSource(i).row() for i in idxs if i.isValid()})

    def add_line(self) -> bool:
        """Add a line after the current one, dated in the report's year (:mod:`~govreport_gui.core.register.new_line`),
        and put the cursor on its date."""
        rows = self.source_rows()
        lines = self.model.lines()
        at = rows[-1] + 1 if rows else len(lines)
        received = new_line_date(lines, at, self.controller.report.year, checks.today())
        if not self.controller.push(InsertLines(at, (RegisterLine(received),)), "添加台账行"):
            return False
        self.select_lines([at + 1], column_of("received"))
        return True

    def delete_lines(self) -> bool:
        """Remove the selected lines as one undo step."""
        rows = self.source_rows()
        if not rows:
            return False
        runs: list[tuple[int, int]] = []  # (first, count), highest first so each stays valid as the others go
        for r in rows:
            if runs and runs[-1][0] + runs[-1][1] == r:
                runs[-1] = (runs[-1][0], runs[-1][1] + 1)
            else:
                runs.append((r, 1))
        edit = Batch(tuple(RemoveLines(a, k) for a, k in reversed(runs)))
        ok = self.controller.push(edit, f"删除{len(rows)}行台账")
        if ok:
            bar = getattr(self.window(), "statusBar", None)
            if bar is not None:
                bar().showMessage(f"已删除{len(rows)}行台账（可撤销）。", 5000)
        return ok

    def paste(self, text: str | None = None) -> bool:
        """Paste a tab-separated block at the current cell: over the lines shown from there down, then new lines."""
        from ...core.register.paste import plan_register_paste

        if text is None:
            text = QGuiApplication.clipboard().text()
        current = self.view.currentIndex()
        first_row = current.row() if current.isValid() else self.proxy.rowCount()
        first_col = current.column() if current.isValid() else column_of("received")
        targets = [self.proxy.mapToSource(self.proxy.index(r, 0)).row()
                   for r in range(first_row, self.proxy.rowCount())]
        # the pasted columns go to the line fields from the current one on (a block pasted at 序号 starts with its
        # own 序号, skipped); the computed 状态 and 答复期限 take none
        fields: list[str | None] = [None] if first_col == 0 else []
        fields += [f for c in range(max(first_col, 1), len(HEADERS)) if (f := field_of(c)) is not None]
        lines = self.model.lines()
        try:
            plan = plan_register_paste(self.controller.report.form, lines, targets, fields, text or "")
        except ValueRefused as exc:
            self.controller.refused.emit(str(exc))
            return False
        edits: list[SetLines | InsertLines] = []
        if plan.changed:
            edits.append(SetLines(plan.changed))
        if plan.added:
            edits.append(InsertLines(len(lines), tuple(plan.added)))
        if not edits:
            return True
        n = len(plan.changed) + len(plan.added)
        return self.controller.push(Batch(tuple(edits)), f"粘贴{n}行台账")

    def move_down(self) -> None:
        """The cell below the current one (after Enter commits an edit)."""
        current = self.view.currentIndex()
        below = current.sibling(current.row() + 1, current.column()) if current.isValid() else current
        if below.isValid():
            self.view.setCurrentIndex(below)

    def select_lines(self, nos: list[int], column: int = 0) -> int:
        """Show and select the lines numbered ``nos`` (序号, 1-based); the filter is cleared when it hides one.
        Returns how many were selected."""
        n = self.model.rowCount()
        rows = sorted({k - 1 for k in nos if 1 <= k <= n})
        if not rows:
            return 0
        if any(not self.proxy.mapFromSource(self.model.index(r, 0)).isValid() for r in rows):
            self.filter.setCurrentIndex(0)
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        start = prev = rows[0]
        for r in [*rows[1:], None]:
            if r is not None and r == prev + 1:
                prev = r
                continue
            selection.select(self.model.index(start, 0), self.model.index(prev, last))
            if r is not None:
                start = prev = r
        mapped = self.proxy.mapSelectionFromSource(selection)
        first = self.proxy.mapFromSource(self.model.index(rows[0], column))
        sel = self.view.selectionModel()
        sel.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
        sel.select(mapped, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(first, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.view.setFocus()
        return len(rows)

    def show_states(self, states: str) -> None:
        """Set the filter to the entry named ``states`` (e.g. 已逾期)."""
        names = [name for name, _ in FILTERS]
        if states in names:
            self.filter.setCurrentIndex(names.index(states))

    def show_finding(self, rule_id: str) -> bool:
        """The register's findings: W10 (overdue) filters 已逾期, W11 (answered late) selects those lines."""
        report = self.controller.report
        kind = report.form.rule(rule_id).get("kind")
        if kind == "register_overdue":
            self.show_states(OVERDUE)
            if self.proxy.rowCount():
                self.view.setCurrentIndex(self.proxy.index(0, column_of("received")))
            return True
        if kind in ("register_uncounted", "register_other_year", "register_repeated_seq"):
            self.show_states(ALL)
            self.select_lines(lines_of(report, kind), column_of("received"))
            return True
        if kind == "register_late_answer" and report.register is not None:
            try:
                late, _ = late_answers(report.register, self.model.spec, load_calendar())
            except CalendarFileError:
                late = []
            self.show_states(ALL)
            self.select_lines(late, column_of("answered"))
            return True
        return False

    # --- the switch -----------------------------------------------------------------------------------------------
    def toggle_fills(self) -> bool:
        """用台账计算表三 / 改为手工填写: one undo step; going back to typed figures asks first."""
        report = self.controller.report
        reg = report.register
        if reg is not None and reg.fills_table:
            if not confirm_typed(self):
                return False
            return self.controller.push(SetFillsTable(False), USE_TYPED)
        if report.year is not None and reg is not None:
            counted = count_table(reg, report.form, report.year).values
            typed = {c: report.values.get(c) for c in counted}
            replaced = [c for c, v in typed.items() if v not in (None, 0) and v != counted[c]]
            if replaced and not register_cells(report) and not _confirm_counted(self, len(replaced)):
                return False
        return self.controller.push(SetFillsTable(True), USE_REGISTER)


def _confirm_counted(parent: QWidget, n: int) -> bool:
    answer = QMessageBox.question(
        parent, USE_REGISTER,
        f"表三中有{n}个手工填写的数字与台账统计的不同，将被台账的统计结果替换（可撤销）。继续吗？",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes
