"""导入台账's choice between 替换 and 追加, and the lines that look the same, shown before anything changes.

When the report already has a register, the dialog offers 替换 (the workbook's lines take the place of the current
ones) and 追加 (they are added after them).  The workbook's lines that look like lines already there — same 序号,
收到日期 and 申请内容 (:func:`~govreport_gui.core.register.merge.same_lines`) — are listed; when appending they are
left out unless the clerk unticks 跳过.  Either way the change is one :class:`~govreport_gui.core.register.edits.
SetRegister`, one undo step.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QLabel,
    QListWidget,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...core.register.merge import appended, same_lines
from ...core.register.model import Register, RegisterLine

REPLACE, APPEND = "替换当前台账", "追加到当前台账之后"
MAX_SHOWN = 500


class ImportMode(QWidget):
    """替换 / 追加 and the lines that look the same."""

    def __init__(self, current: Register | None, incoming: list[RegisterLine], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current = current
        self.incoming = incoming
        self.same = same_lines(current.lines, incoming) if current is not None else []
        n = len(current) if current is not None else 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.replace = QRadioButton(f"{REPLACE}（当前台账的{n}件申请将被替换）", self)
        self.append = QRadioButton(self)
        group = QButtonGroup(self)
        group.addButton(self.replace)
        group.addButton(self.append)
        self.replace.setChecked(True)
        for w in (self.replace, self.append):
            layout.addWidget(w)
        self.same_label = QLabel(self)
        self.same_label.setWordWrap(True)
        self.same_list = QListWidget(self)
        self.skip = QCheckBox("追加时跳过这些相同的行", self)
        self.skip.setChecked(True)
        if self.same:
            self.same_label.setText(f"以下{len(self.same)}行与当前台账中的申请相同（序号、收到日期和申请内容都一致）：")
            self.same_label.setStyleSheet("color: #8a5a00;")
            for s in self.same[:MAX_SHOWN]:
                line = incoming[s.incoming - 1]
                what = line.content[:30] or "（无申请内容）"
                self.same_list.addItem(f"导入的第{s.incoming}行 = 当前台账序号{s.current}：序号{s.seq}，"
                                       f"{line.received.isoformat()}，{what}")
            if len(self.same) > MAX_SHOWN:
                self.same_list.addItem(f"……另有{len(self.same) - MAX_SHOWN}行")
            self.same_list.setMaximumHeight(self.fontMetrics().height() * 7)
        for w in (self.same_label, self.same_list, self.skip):
            layout.addWidget(w)
            w.setVisible(bool(self.same))
        self._count()
        self.replace.toggled.connect(lambda on: self.skip.setEnabled(not on))
        self.skip.toggled.connect(self._count)
        self.skip.setEnabled(False)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setVisible(n > 0)

    def _count(self) -> None:
        n = len(self.current) if self.current is not None else 0
        added = len(self.incoming) - (len(self.same) if self.skip.isChecked() else 0)
        self.append.setText(f"{APPEND}（当前{n}件，导入后共{n + added}件）")

    def register(self, fills_table: bool) -> Register:
        """The register the clerk chose: the workbook's lines alone, or after the current ones."""
        if self.current is None or not self.current.lines or not self.append.isChecked():
            return Register(list(self.incoming), fills_table)
        skip = {s.incoming for s in self.same} if self.skip.isChecked() else set()
        return appended(self.current, self.incoming, skip, fills_table)
