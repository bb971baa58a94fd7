"""The tab bar: 基本信息, then one tab per section of the form (a table's grid in a scroll area, or a prose editor).

Each table tab's title carries the number of errors in that table, in dark red, so the clerk sees where to look
without opening the findings dock.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from ..core.checks.finding import Finding
from .document.controller import DocumentController
from .grid.table_model import FormTableModel
from .grid.table_view import FormTableView
from .register.links import link_table_view
from .register.tab import RegisterTab
from .text.meta_tab import MetaTab
from .text.prose_tab import ProseTab

HINT = ("白色格可填写；绿色格为自动计算的合计；红色/黄色表示勾稽关系有误或需核实；"
        "浅紫色为导入或从上年转入、尚待核对的数值（鼠标停留可看说明）。")
REGISTER_TAB = "台账"
REGISTER_HEADING = "依申请公开台账（收到和处理政府信息公开申请的逐件记录）"


class TableTab(QWidget):
    """A table section: its heading above the official grid."""

    def __init__(self, controller: DocumentController, heading: str, table_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        title = QLabel(heading, self)
        f = title.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.25)
        title.setFont(f)
        layout.addWidget(title)
        self.model = FormTableModel(controller, table_id)
        self.view = FormTableView(self.model, self)
        layout.addWidget(self.view)
        hint = QLabel(HINT, self)
        hint.setStyleSheet("color: #555555;")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addStretch(1)


class SectionTabs(QTabWidget):
    """The window's tabs, built from the form's sections."""

    explain = Signal(object)  # rule ids a grid's 查看规则说明 asks for (None: every rule)

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self.setUsesScrollButtons(True)
        self.meta_tab = MetaTab(controller, self)
        self.addTab(self.meta_tab, "基本信息")
        self.table_tabs: dict[str, TableTab] = {}
        self.table_scrolls: dict[str, QScrollArea] = {}
        self.prose_tabs: dict[str, ProseTab] = {}
        self.register_tab: RegisterTab | None = None
        register_table = controller.report.form.register.get("table") if controller.report.form.register else None
        self._labels: list[tuple[QWidget, str, str]] = []  # (tab, label, table id or "")
        for section in controller.report.form.sections:
            if section.kind == "table":
                tab = TableTab(controller, section.heading, section.key, self)
                tab.view.explain.connect(self.explain)
                self.table_tabs[section.key] = tab
                scroll = QScrollArea(self)
                scroll.setWidgetResizable(True)
                scroll.setFrameShape(QScrollArea.Shape.NoFrame)
                scroll.setWidget(tab)
                self.table_scrolls[section.key] = scroll
                self._add(scroll, section.short, section.heading, section.key)
                if section.key == register_table:  # the applications register, beside the table it counts
                    self.register_tab = RegisterTab(controller, self)
                    self._add(self.register_tab, REGISTER_TAB, REGISTER_HEADING, "")
                    link_table_view(tab.view, self.show_register_lines)
                    tab.layout().insertWidget(1, self.register_tab.table_note)  # "counted from the register"
            else:
                ptab = ProseTab(controller, section.heading, section.key, section.template, self)
                self.prose_tabs[section.key] = ptab
                self._add(ptab, section.short, section.heading, "")

    def _add(self, widget: QWidget, label: str, heading: str, table_id: str) -> None:
        i = self.addTab(widget, label)
        self.setTabToolTip(i, heading)  # the short label's full title
        self._labels.append((widget, label, table_id))

    def step(self, by: int) -> None:
        """Show the next (``by`` = 1) or previous (-1) tab, wrapping round (Ctrl+Tab, Ctrl+PgDn and their reverses)."""
        if self.count():
            self.setCurrentIndex((self.currentIndex() + by) % self.count())
            page = self.currentWidget()
            tab = next((t for k, t in self.table_tabs.items() if self.table_scrolls[k] is page), None)
            (tab.view if tab is not None else getattr(page, "editor", page)).setFocus()

    def go_to_text(self, key: str, start: int, end: int) -> bool:
        """Show the prose tab of text ``key`` and select the sentence holding ``[start, end)``."""
        tab = self.prose_tabs.get(key)
        if tab is None:
            return False
        self.setCurrentWidget(tab)
        return tab.select_sentence(start, end)

    def show_error_counts(self, findings: list[Finding], table_of: dict[str, str]) -> None:
        """Put each table's number of errors in its tab title (``table_of`` maps a cell id to its table)."""
        errors: dict[str, int] = {}
        for f in findings:
            if f.severity != "error":
                continue
            for t in {table_of[c] for c in f.cells if c in table_of}:
                errors[t] = errors.get(t, 0) + 1
        for widget, label, table_id in self._labels:
            n = errors.get(table_id, 0) if table_id else 0
            i = self.indexOf(widget)
            self.setTabText(i, f"{label} ({n})" if n else label)
            self.tabBar().setTabTextColor(i, Qt.GlobalColor.darkRed if n else self.palette().windowText().color())

    def go_to(self, table_id: str, cell_id: str) -> bool:
        """Show ``table_id``'s tab, select ``cell_id`` and scroll it into view."""
        tab = self.table_tabs.get(table_id)
        if tab is None:
            return False
        scroll = self.table_scrolls[table_id]
        self.setCurrentWidget(scroll)
        if not tab.view.go_to(cell_id):
            return False
        rect = tab.view.visualRect(tab.view.currentIndex())
        centre = tab.view.viewport().mapTo(tab, rect.center())
        scroll.ensureVisible(centre.x(), centre.y(), rect.width(), rect.height())
        return True

    def show_register_lines(self, nos: list[int]) -> bool:
        """Show the 台账 tab with the lines numbered ``nos`` selected (查看对应台账 from the counted table)."""
        tab = self.register_tab
        if tab is None:
            return False
        self.setCurrentWidget(tab)
        if not nos:
            tab.controller.refused.emit("此格不由台账统计，或台账中没有计入此格的申请。")
            return False
        return tab.select_lines(nos) > 0

    def go_to_rule(self, rule_id: str) -> bool:
        """A finding without cells: the register's findings open the 台账 tab showing the lines concerned."""
        tab = self.register_tab
        if tab is None or not tab.show_finding(rule_id):
            return False
        self.setCurrentWidget(tab)
        return True
