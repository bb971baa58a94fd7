"""The 基本信息 tab: agency, year, title, publication date, and the opening paragraph (开篇说明).

Each field commits when editing finishes (Enter or leaving the field) as one undoable ``SetMeta`` edit; undo and
redo refresh the fields.  The title field shows the customary title as its placeholder while it is empty.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...core.edits import ChangeSet, SetMeta, SetText
from ...core.meta_fields import FIELDS, MAX_YEAR, MIN_YEAR, parse_date
from ..document.controller import DocumentController
from .prose_tab import ProseEdit


class MetaTab(QWidget):
    """The report's basic information."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._preface_key = controller.report.form.preface_key
        self.controller = controller
        outer = QVBoxLayout(self)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.agency = QLineEdit(self)
        self.agency.setPlaceholderText("机关全称，如“××市××区人民政府办公室”")
        self.year = QSpinBox(self)
        self.year.setRange(MIN_YEAR, MAX_YEAR)
        self.year.setKeyboardTracking(False)
        self.year.setSuffix(" 年度")
        self.title = QLineEdit(self)
        self.published = QLineEdit(self)
        self.published.setPlaceholderText("YYYY-MM-DD，例如 2024-01-31")
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        self.standard_title = QPushButton("使用标准标题", self)
        self.standard_title.setToolTip("清空标题，使用“机关全称+年度+政府信息公开工作报告”")
        self.standard_title.clicked.connect(lambda: self._commit("title", None))
        title_row.addWidget(self.standard_title)
        form.addRow(FIELDS["agency"].form_label + "：", self.agency)
        form.addRow(FIELDS["year"].form_label + "：", self.year)
        form.addRow(FIELDS["title"].form_label + "：", title_row)
        form.addRow(FIELDS["published"].form_label + "：", self.published)
        outer.addLayout(form)
        note = QLabel("依《条例》第四十九条，县级以上人民政府部门应于每年1月31日前公布上一年度报告，"
                      "人民政府应于3月31日前公布。", self)
        note.setWordWrap(True)
        note.setStyleSheet("color: #555555;")
        outer.addWidget(note)
        preface_row = QHBoxLayout()
        preface_row.addWidget(QLabel(controller.report.form.text_keys[self._preface_key] + "：", self))
        preface_row.addStretch(1)
        self.opening_button = QPushButton("插入标准开篇", self)
        self.opening_button.clicked.connect(self.insert_opening)
        preface_row.addWidget(self.opening_button)
        outer.addLayout(preface_row)
        self.preface = ProseEdit(controller, self._preface_key, self)
        self.preface.setPlaceholderText("报告开头的说明段落，通常写明编制依据和统计期限。")
        outer.addWidget(self.preface, 1)
        self.agency.editingFinished.connect(lambda: self._commit("agency", self.agency.text().strip()))
        self.title.editingFinished.connect(lambda: self._commit("title", self.title.text().strip() or None))
        self.year.editingFinished.connect(lambda: self._commit("year", self.year.value()))
        self.published.editingFinished.connect(self._commit_date)
        controller.changed.connect(self._on_changed)
        controller.replaced.connect(self.load)
        self.load()

    def load(self) -> None:
        report = self.controller.report
        meta = report.meta
        for widget, value in ((self.agency, meta.get("agency") or ""), (self.title, meta.get("title") or ""),
                              (self.published, meta.get("published") or "")):
            if widget.text() != value:
                widget.setText(str(value))
        self.title.setPlaceholderText(report.form.title_for(report.agency, report.year))
        year = report.year
        self.year.blockSignals(True)
        self.year.setValue(year if year is not None else dt.date.today().year - 1)
        self.year.blockSignals(False)

    def _on_changed(self, cs: ChangeSet) -> None:
        if cs.meta:
            self.load()

    def _commit(self, key: str, value: Any) -> None:
        current = self.controller.report.meta.get(key)
        if (current or None) == (value or None):
            return
        self.controller.push(SetMeta(key, value), "修改基本信息")

    def _commit_date(self) -> None:
        try:
            value = parse_date(self.published.text())
        except ValueError as exc:
            self.controller.refused.emit(str(exc))
            self.published.setText(self.controller.report.meta.get("published") or "")
            return
        if value is not None and value != self.published.text():
            self.published.setText(value)
        self._commit("published", value)

    def insert_opening(self) -> None:
        """Put the form's customary opening paragraph into the 开篇说明 (an undoable edit)."""
        report = self.controller.report
        opening = report.form.opening.format(year=report.year if report.year is not None else "")
        current = report.texts.get(self._preface_key, "")
        if opening in current:
            return
        text = f"{current.rstrip()}\n{opening}" if current.strip() else opening
        self.controller.push(SetText(self._preface_key, text), "插入标准开篇")
