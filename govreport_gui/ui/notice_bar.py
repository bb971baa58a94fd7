"""A quiet bar below the tabs: imported values still to check (with 全部确认), and what carry-over brought along.

It shows while the open document has marks ("有N个导入的数值待核对") or notes (the carry-over notes of
:func:`~govreport_gui.core.intake.carryover.carry_over_notes`); 全部确认 drops every mark, 知道了 hides the
notes.  Loading another document clears both.  Nothing here blocks: tests and the clerk can ignore it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from .base import style
from .document.controller import DocumentController


class NoticeBar(QFrame):
    """Marks still to confirm and carry-over notes, for the open document."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("noticeBar")
        self.setStyleSheet(
            f"QFrame#noticeBar {{ background: {style.NOTICE_BG}; border: 1px solid {style.NOTICE_BORDER}; }}"
            "QFrame#noticeBar QLabel { color: #1f2a5c; }"
        )
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 4, 8, 4)
        outer.setSpacing(4)
        marks_row = QHBoxLayout()
        self.marks_label = QLabel(self)
        self.marks_label.setWordWrap(True)
        self.confirm_button = QPushButton("全部确认", self)
        self.confirm_button.setToolTip("确认所有导入的数值都已核对：不再以浅紫色标出（不改动任何数值）")
        self.confirm_button.clicked.connect(self.confirm_all)
        marks_row.addWidget(self.marks_label, 1)
        marks_row.addWidget(self.confirm_button)
        outer.addLayout(marks_row)
        notes_row = QHBoxLayout()
        self.notes_label = QLabel(self)
        self.notes_label.setTextFormat(Qt.TextFormat.PlainText)  # notes quote agencies and file names, never markup
        self.notes_label.setWordWrap(True)
        self.close_notes_button = QPushButton("知道了", self)
        self.close_notes_button.clicked.connect(self.clear_notes)
        notes_row.addWidget(self.notes_label, 1)
        notes_row.addWidget(self.close_notes_button)
        outer.addLayout(notes_row)
        self._notes: list[str] = []
        controller.marks_changed.connect(self.refresh)
        controller.replaced.connect(self.clear_notes)
        self.refresh()

    def marks_text(self) -> str:
        n = len(self.controller.marks)
        origin = self.controller.marks_origin or "导入"
        return (f"有{n}个{origin}的数值待核对（浅紫色底、左边有蓝色竖条的单元格，鼠标停留可看来源）。"
                "改动一个单元格即视为已核对；全部核对后请按“全部确认”。")

    def set_notes(self, notes: list[str]) -> None:
        self._notes = list(notes)
        self.refresh()

    def clear_notes(self) -> None:
        self._notes = []
        self.refresh()

    def confirm_all(self) -> None:
        self.controller.confirm_marks()

    def refresh(self, *_: object) -> None:
        has_marks = bool(self.controller.marks)
        self.marks_label.setText(self.marks_text() if has_marks else "")
        self.marks_label.setVisible(has_marks)
        self.confirm_button.setVisible(has_marks)
        self.notes_label.setText("\n".join(self._notes))
        self.notes_label.setVisible(bool(self._notes))
        self.close_notes_button.setVisible(bool(self._notes))
        self.setVisible(has_marks or bool(self._notes))
