"""The findings panel: every error and warning, with counts in the dock title.

Errors are red, warnings amber; a warning confirmed with an explanation for its current values
(:mod:`core.confirmations`, saved in the file under ``explanations``) is shown as confirmed.  A warning whose values
changed since it was explained shows open again, the old explanation quoted and offered in the dialog for editing.
Activating a finding emits :attr:`FindingsDock.go_to` with its first cell so the main window can switch to the tab
and select it; a finding about the text (stale text, W10–W13) selects its words instead (:mod:`.text_places`).
With nothing to show the panel says "未发现问题".
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.confirmations import confirm, explanation, is_confirmed, offered
from ..core.edits import ChangeSet
from ..core.rules import Finding
from . import style
from .controller import DocumentController
from .text_places import show_place

NOTHING_FOUND = "未发现问题"
OFFER_NOTES = {
    "changed": "下面是此前的说明，但所涉数值已经改变，请核对修改后再确认。",
    "migrated": "下面是旧版文件中对该规则的说明，请核对后确认。",
    "same_rule": "下面是同一规则另一项警告的说明，可在此基础上修改。",
}

_ROLE = Qt.ItemDataRole.UserRole


def explain_dialog(parent: QWidget, rule_title: str, current: str, note: str = "") -> tuple[str, bool]:
    """Ask for the written explanation of a warning (patched in tests); ``note`` says where an offered text is from."""
    prompt = f"请说明“{rule_title}”为何无误（将保存在报告文件中）：" + (f"\n{note}" if note else "")
    return QInputDialog.getMultiLineText(parent, "确认警告", prompt, current)


class FindingsDock(QDockWidget):
    """A list of the document's findings."""

    go_to = Signal(str)  # a cell id

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__("检查结果", parent)
        self.setObjectName("findings")
        self.controller = controller
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.list = QListWidget(body)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(False)
        self.list.itemActivated.connect(self._activate)
        self.list.itemClicked.connect(self._activate)
        self.list.currentItemChanged.connect(self._update_buttons)
        layout.addWidget(self.list)
        self.empty_label = QLabel(NOTHING_FOUND, body)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #2e7d32; font-size: 14pt; padding: 24px;")
        layout.addWidget(self.empty_label)
        buttons = QHBoxLayout()
        self.confirm_button = QPushButton("确认警告并说明…", body)
        self.confirm_button.clicked.connect(self.confirm_current)
        buttons.addWidget(self.confirm_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.setWidget(body)
        controller.changed.connect(self._on_changed)
        controller.replaced.connect(self.refresh)
        self.refresh()

    # --- content ------------------------------------------------------------------------------------------------
    def _on_changed(self, cs: ChangeSet) -> None:
        if cs.appeared or cs.gone or cs.explanations:
            self.refresh()

    def counts(self) -> tuple[int, int]:
        findings = self.controller.findings
        errors = sum(1 for f in findings if f.severity == "error")
        return errors, len(findings) - errors

    def refresh(self) -> None:
        current = self.list.currentItem()
        keep = current.data(_ROLE) if current is not None else None
        self.list.clear()
        report = self.controller.report
        for f in self.controller.findings:
            rule = report.form.rule(f.rule)
            explained = is_confirmed(report, f)
            earlier = offered(report, f)
            if f.severity == "error":
                prefix, colour = "错误", style.ERROR_TEXT
            elif explained:
                prefix, colour = "已确认", style.TEXT
            else:
                prefix, colour = "警告", style.WARNING_TEXT
            text = f"【{prefix}】{f.rule} {rule.get('title', '')}：{f.message}"
            if explained:
                text += f"\n说明：{explanation(report, f)}"
            elif earlier is not None and earlier.kind != "same_rule":
                why = "所涉数值已变" if earlier.kind == "changed" else "旧版文件按规则保存"
                text += f"\n原说明（{why}，请重新确认）：{earlier.text}"
            item = QListWidgetItem(text)
            item.setForeground(QBrush(colour))
            item.setBackground(QBrush(style.ERROR_BG if f.severity == "error" else style.WARNING_BG)
                               if not explained else QBrush())
            item.setData(_ROLE, f)
            item.setToolTip(f.message)
            self.list.addItem(item)
            if keep is not None and f == keep:
                self.list.setCurrentItem(item)
        errors, warnings = self.counts()
        empty = not self.controller.findings
        self.list.setVisible(not empty)
        self.empty_label.setVisible(empty)
        title = f"检查结果（{NOTHING_FOUND}）" if empty else f"检查结果（错误 {errors} 项，警告 {warnings} 项）"
        self.setWindowTitle(title)
        self._update_buttons()

    def findings(self) -> list[Finding]:
        return [self.list.item(i).data(_ROLE) for i in range(self.list.count())]

    # --- actions ------------------------------------------------------------------------------------------------
    def _activate(self, item: QListWidgetItem) -> None:
        f: Finding = item.data(_ROLE)
        if f is None:
            return
        if f.where is not None:
            show_place(self.window(), f.where)
        elif f.cells:
            self.go_to.emit(f.cells[0])

    def _update_buttons(self, *_: object) -> None:
        item = self.list.currentItem()
        f = item.data(_ROLE) if item is not None else None
        self.confirm_button.setEnabled(f is not None and f.severity == "warning")

    def confirm_current(self) -> bool:
        """Confirm the selected warning with an explanation (an undoable edit)."""
        item = self.list.currentItem()
        f: Finding | None = item.data(_ROLE) if item is not None else None
        if f is None or f.severity != "warning":
            return False
        report = self.controller.report
        title = str(report.form.rule(f.rule).get("title", f.rule))
        earlier = offered(report, f)
        current = explanation(report, f) or (earlier.text if earlier else "")
        note = "" if explanation(report, f) or earlier is None else OFFER_NOTES[earlier.kind]
        text, ok = explain_dialog(self, title, current, note)
        if not ok:
            return False
        return self.controller.push(confirm(report, f, text.strip()), f"说明警告{f.rule}")
