"""The findings panel: every error and warning, with counts in the dock title.

Errors are red, warnings amber; a warning confirmed with an explanation for its current values
(:mod:`core.checks.confirmations`, in the file under ``explanations``) is shown as confirmed.  A warning whose values
changed since it was explained shows open again, the old explanation quoted and offered in the dialog for editing.
Activating a finding emits :attr:`FindingsDock.go_to` with its first cell so the main window can switch to the tab
and select it; a finding about the text (stale text, W13–W16) selects its words instead (:mod:`..text.places`); a
finding without cells (the register's W10/W11) emits :attr:`FindingsDock.go_to_rule` with its rule id; a finding
about a figure in the prose emits :attr:`FindingsDock.go_to_text`, so the window selects that sentence.  Each
finding's tooltip carries its rule's explanation (data in the form file); the right-click menu offers 查看规则说明.
A finding about a figure quoted in the prose (rule W6) offers both ways: "改为表格数字" rewrites the quoted number to
the table's (one undo step), offered only when the sentence it leaves raises no finding (``core.prose_fix``), and
"到表格中修改" goes to the table cell.  A printed total that disagrees with its parts offers 以计算值为准 on its
right-click menu (:mod:`.settle`).  With nothing to show the panel
says "未发现问题".
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.checks.confirmations import explanation, is_confirmed, offered
from ...core.checks.finding import SEVERITY_NAMES, Finding, current
from ...core.checks.help import rule_explanation
from ...core.edits import ChangeSet, SetText, confirm
from ...core.prose_fix import ProseFix, prose_fix, table_cell
from ..base import style
from ..document.controller import DocumentController
from ..text.places import show_place
from .settle import add_settle_actions

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
    go_to_text = Signal(str, int, int)  # a text key and the [start, end) of the figure quoted there
    explain = Signal(list)  # rule ids whose explanation the clerk asked for
    go_to_rule = Signal(str)  # a rule id, for a finding that names no cells

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
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        layout.addWidget(self.list)
        self.empty_label = QLabel(NOTHING_FOUND, body)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #2e7d32; font-size: 14pt; padding: 24px;")
        layout.addWidget(self.empty_label)
        buttons = QHBoxLayout()
        self.confirm_button = QPushButton("确认警告并说明…", body)
        self.confirm_button.clicked.connect(self.confirm_current)
        buttons.addWidget(self.confirm_button)
        self.fix_button = QPushButton("改为表格数字", body)
        self.fix_button.setToolTip("把正文中与表格不一致的数字改为表格中的数字（可撤销）")
        self.fix_button.clicked.connect(self.fix_current)
        buttons.addWidget(self.fix_button)
        self.table_button = QPushButton("到表格中修改", body)
        self.table_button.setToolTip("正文引用的数字与表格不一致时，也可能是表格填错了：转到表格中的对应单元格")
        self.table_button.clicked.connect(self.go_to_table)
        buttons.addWidget(self.table_button)
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
                prefix, colour = SEVERITY_NAMES["error"], style.ERROR_TEXT
            elif explained:
                prefix, colour = "已确认", style.TEXT
            else:
                prefix, colour = SEVERITY_NAMES["warning"], style.WARNING_TEXT
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
            item.setToolTip(f"{f.message}\n\n{rule_explanation(report.form, f.rule)}\n（右键可查看规则说明）")
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
        place = current(self.controller.findings, f).place  # where the words stand now
        if place is not None and f.cells and not place.meta:  # a figure the tables contradict (W6): its sentence
            self.go_to_text.emit(place.key, place.start, place.end)
        elif place is not None:  # stale text: the words themselves
            show_place(self.window(), place)
        elif f.cells:
            self.go_to.emit(f.cells[0])
        elif f is not None:
            self.go_to_rule.emit(f.rule)

    def context_menu(self, item: QListWidgetItem | None) -> QMenu:
        """The right-click menu of a finding: 查看规则说明 (and the two buttons' actions)."""
        menu = QMenu(self.list)
        f: Finding | None = item.data(_ROLE) if item is not None else None
        explain = menu.addAction("查看规则说明")
        explain.setEnabled(f is not None)
        if f is not None:
            explain.triggered.connect(lambda checked=False, rule=f.rule: self.explain.emit([rule]))
            add_settle_actions(menu, self.controller, [current(self.controller.findings, f)])
        return menu

    def _context_menu(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)
        if item is not None:
            self.list.setCurrentItem(item)
        self.context_menu(item).exec(self.list.viewport().mapToGlobal(pos))

    def _update_buttons(self, *_: object) -> None:
        item = self.list.currentItem()
        f = item.data(_ROLE) if item is not None else None
        self.confirm_button.setEnabled(f is not None and f.severity == "warning")
        fix = self._prose_fix(f)
        self.fix_button.setEnabled(fix is not None and fix.edit is not None)
        self.fix_button.setToolTip(fix.why_not if fix is not None and fix.why_not else
                                   "把正文中与表格不一致的数字改为表格中的数字（可撤销）")
        self.table_button.setEnabled(fix is not None and table_cell(self.controller.report, f) is not None)

    def _prose_fix(self, f: Finding | None) -> ProseFix | None:
        """Both ways for a figure quoted in the prose (``None`` for any other finding)."""
        if f is None or f.place is None or not f.cells:
            return None
        return prose_fix(self.controller.report, f, self.controller.findings)

    def _fix_for(self, f: Finding | None) -> SetText | None:
        """The change of words of ``f`` as the document stands now (the number may have moved since the list was
        filled), or ``None`` when it would leave the sentence still wrong."""
        fix = self._prose_fix(f)
        return fix.edit if fix is not None else None

    def go_to_table(self) -> bool:
        """到表格中修改: the table cell the quoted figure is compared with."""
        item = self.list.currentItem()
        f: Finding | None = item.data(_ROLE) if item is not None else None
        cell = table_cell(self.controller.report, f) if f is not None else None
        if cell is None:
            return False
        self.go_to.emit(cell)
        return True

    def fix_current(self) -> bool:
        """改为表格数字: rewrite the quoted number of the selected finding to the table's figure (one undo step)."""
        item = self.list.currentItem()
        edit = self._fix_for(item.data(_ROLE) if item is not None else None)
        if edit is None:
            return False
        return self.controller.push(edit, "改为表格数字", merge=False)

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
