"""The comparison window: the verdict on top, then a tab per table (last year beside this year, changed cells
tinted: green up, red down, yellow where one year is blank), 正文 (each section diffed, deletions struck through,
insertions underlined, its similarity), 跨年度核对 (the cross-year rules and the carried figures).

Everything shown comes from :mod:`govreport_gui.core.compare` — the same texts as the HTML page, the Word document
and the workbook, which 导出… writes.  刷新 compares again with the report as it stands in the window.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...core.compare import Comparison
from ...core.compare.page import CSS, row_class, sections_html
from ...core.compare.shown import (
    CARRIED_HEADER,
    CELL_HEADER,
    carried_values,
    cell_values,
    file_lines,
    legend,
    tables_of,
)
from ...core.storage import describe_save_error
from ..base.dialogs import APP_TITLE, show_error

TINTS = {"up": QColor("#e6f4ea"), "down": QColor("#fdecea"), "blank": QColor("#fff6e0")}
EXPORTS = (("网页", "html", "网页 (*.html)"), ("Word", "docx", "Word文档 (*.docx)"),
           ("Excel", "xlsx", "Excel工作簿 (*.xlsx)"))


def _button(text: str, parent: QWidget, slot: Callable[[], object]) -> QPushButton:
    button = QPushButton(text, parent)
    button.setAutoDefault(False)
    button.clicked.connect(lambda _checked=False: slot())
    return button


class CompareDialog(QDialog):
    """One comparison on screen; ``refresh`` (刷新) and ``change_last`` (更换上年报告…) are supplied by the caller."""

    def __init__(self, parent: QWidget, comparison: Comparison, refresh: Callable[[], Comparison | None],
                 change_last: Callable[[], Comparison | None]) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"与上年对比 — {APP_TITLE}")
        self._refresh, self._change_last = refresh, change_last
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.only_changed = QCheckBox("只显示有变化的单元格", self)
        self.only_changed.toggled.connect(self._filter)
        layout.addWidget(self.only_changed)
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(_button("刷新", self, self.refresh))
        buttons.addWidget(_button("更换上年报告…", self, self.change_last))
        for label, kind, _filter in EXPORTS:
            buttons.addWidget(_button(f"导出{label}…", self, lambda k=kind: self.export(k)))
        buttons.addStretch(1)
        buttons.addWidget(_button("关闭", self, self.close))
        layout.addLayout(buttons)
        self.tables: list[QTableWidget] = []
        self.prose = QTextBrowser(self)
        self.cross = QTextBrowser(self)
        self.show_comparison(comparison)
        room = (parent.screen() or self.screen()).availableGeometry()  # 1366×768, or 1920×1080 at 150 %
        self.resize(min(1100, int(room.width() * 0.95)), min(720, int(room.height() * 0.9)))

    # --- content ------------------------------------------------------------------------------------------------
    def show_comparison(self, c: Comparison) -> None:
        self.comparison = c
        level, *lines = c.verdict
        colour = "#b00020" if c.attention else "#1a1a1a"
        files = "<br>".join(f"{html.escape(k)}：{html.escape(v)}" for k, v in file_lines(c))
        self.summary.setText(f"{files}<p style='color:{colour}'><b>{html.escape(level)}</b></p><ul>"
                             + "".join(f"<li>{html.escape(x)}</li>" for x in lines) + "</ul>")
        current = self.tabs.currentIndex()
        self.tabs.clear()
        self.tables = []
        form = c.this.form
        for (title, rows), table in zip(tables_of(c), form.tables.values(), strict=True):
            view = self._cell_table(rows)
            self.tables.append(view)
            changed = sum(r.changed for r in rows)
            self.tabs.addTab(view, f"{table.short}（{changed}处变化）" if changed else table.short)
            self.tabs.setTabToolTip(self.tabs.count() - 1, title)
        self.prose.setHtml(f"<style>{CSS}</style><p>{html.escape(legend())}</p>{sections_html(c)}")
        copied = len(c.copied)
        self.tabs.addTab(self.prose, f"正文（{copied}部分雷同）" if copied else "正文")
        self.cross.setHtml(self._cross_html(c))
        self.tabs.addTab(self.cross, f"跨年度核对（{len(c.cross_year)}处）" if c.cross_year else "跨年度核对")
        if 0 <= current < self.tabs.count():
            self.tabs.setCurrentIndex(current)
        self._filter(self.only_changed.isChecked())

    def _cell_table(self, rows: list) -> QTableWidget:  # type: ignore[type-arg]
        view = QTableWidget(len(rows), len(CELL_HEADER), self)
        view.setHorizontalHeaderLabels(list(CELL_HEADER))
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.verticalHeader().setVisible(False)
        view.setWordWrap(True)
        for r, row in enumerate(rows):
            tint = TINTS.get(row_class(row))
            for col, text in enumerate(cell_values(row)):
                item = QTableWidgetItem(text)
                if col in (2, 3, 5):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if tint is not None:
                    item.setBackground(QBrush(tint))
                view.setItem(r, col, item)
        header = view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 150), (2, 80), (3, 80), (4, 190), (5, 80)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            view.setColumnWidth(col, width)
        view.setProperty("changed_rows", [r for r, row in enumerate(rows) if row.changed])
        return view

    @staticmethod
    def _cross_html(c: Comparison) -> str:
        e = html.escape
        out = [f"<style>{CSS}</style>"]
        if c.cross_year:
            out.append("<ul>" + "".join(f"<li>{e(f.rule)}：{e(f.message)}</li>" for f in c.cross_year) + "</ul>")
        else:
            out.append("<p>跨年度规则均已满足。</p>")
        out.append("<table border='1' cellspacing='0' cellpadding='3'><tr>"
                   + "".join(f"<th>{e(h)}</th>" for h in CARRIED_HEADER) + "</tr>")
        for x in c.carried:
            bg = " style='background:#fdecea'" if x.agrees is False else ""
            out.append(f"<tr{bg}>" + "".join(f"<td>{e(v)}</td>" for v in carried_values(x)) + "</tr>")
        return "".join(out) + "</table>"

    def _filter(self, only_changed: bool) -> None:
        for view in self.tables:
            changed = set(view.property("changed_rows") or [])
            for r in range(view.rowCount()):
                view.setRowHidden(r, only_changed and r not in changed)

    # --- actions ------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        c = self._refresh()
        if c is not None:
            self.show_comparison(c)

    def change_last(self) -> None:
        c = self._change_last()
        if c is not None:
            self.show_comparison(c)

    def export(self, kind: str, path: str | None = None) -> bool:
        """Write the comparison as ``kind`` (html, docx, xlsx) to ``path`` (asked when not given)."""
        label, ext, file_filter = next(x for x in EXPORTS if x[1] == kind)
        if path is None:
            c = self.comparison
            suggested = f"{c.this.agency or '报告'}{c.this.year or ''}年与上年对比.{ext}"
            parent = Path(self.parent().dialog_folder()) if hasattr(self.parent(), "dialog_folder") else Path.home()
            path, _ = QFileDialog.getSaveFileName(self, f"导出对比{label}", str(parent / suggested), file_filter)
            if not path:
                return False
        try:
            if kind == "html":
                from ...core.compare.page import export_comparison_html as write
            elif kind == "docx":
                from ...core.compare.word import export_comparison_docx as write
            else:
                from ...core.compare.workbook import export_comparison_xlsx as write
            write(self.comparison, path)
        except OSError as exc:
            show_error(self, describe_save_error(exc, path))
            return False
        except Exception as exc:  # never a traceback; the kind, for support
            show_error(self, f"导出“{Path(path).name}”失败（程序内部错误：{type(exc).__name__}）。")
            return False
        return True
