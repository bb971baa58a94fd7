"""A prose section: a plain-text editor whose typing goes through the document's undo stack.

The editor's own undo is off; each change becomes a ``SetText`` edit, and consecutive typing in the same section
merges into one undo step (see :mod:`.controller`).  When undo or redo changes the text, the editor is refreshed and
the cursor kept where it was as far as possible.  An empty section with a customary template offers it through the
"插入常用小标题" button.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from ..core.edits import ChangeSet, SetText
from .controller import DocumentController


class ProseEdit(QPlainTextEdit):
    """A plain-text editor bound to one text key of the report."""

    def __init__(self, controller: DocumentController, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.key = key
        self.setUndoRedoEnabled(False)  # the document's QUndoStack is the one undo history
        self.setTabChangesFocus(True)
        self._loading = False
        self.load()
        self.textChanged.connect(self._commit)
        controller.changed.connect(self._on_changed)
        controller.replaced.connect(self.load)

    def load(self) -> None:
        text = self.controller.report.texts.get(self.key, "")
        if self.toPlainText() == text:
            return
        pos = self.textCursor().position()
        self._loading = True
        try:
            self.setPlainText(text)
        finally:
            self._loading = False
        cursor = self.textCursor()
        cursor.setPosition(min(pos, len(text)))
        self.setTextCursor(cursor)

    def _commit(self) -> None:
        if self._loading:
            return
        text = self.toPlainText()
        if text != self.controller.report.texts.get(self.key, ""):
            label = self.controller.report.form.text_keys.get(self.key, self.key)
            self.controller.push(SetText(self.key, text), f"编辑“{label}”")

    def _on_changed(self, cs: ChangeSet) -> None:
        if self.key in cs.texts:
            self.load()

    def select_range(self, start: int, end: int) -> None:
        """Select characters ``start``–``end`` (a finding's place), scroll to them and take the focus."""
        n = len(self.toPlainText())
        cursor = self.textCursor()
        cursor.setPosition(min(max(start, 0), n))
        cursor.setPosition(min(max(end, 0), n), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        self.setFocus()


class ProseTab(QWidget):
    """The heading, the editor and (where the form has one) the template button."""

    def __init__(self, controller: DocumentController, heading: str, key: str, template: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.template = template
        layout = QVBoxLayout(self)
        title = QLabel(heading, self)
        f = QFont(title.font())
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.25)
        title.setFont(f)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        self.template_button = QPushButton("插入常用小标题", self)
        self.template_button.setToolTip("插入本部分惯用的小标题：" + template.replace("\n\n", " ").strip())
        self.template_button.clicked.connect(self.insert_template)
        top.addWidget(self.template_button)
        self.template_button.setVisible(bool(template))
        layout.addLayout(top)
        self.editor = ProseEdit(controller, key, self)
        if template:
            self.editor.setPlaceholderText("可点击右上方“插入常用小标题”，在各小标题下填写：\n\n" + template)
        layout.addWidget(self.editor)
        self.editor.textChanged.connect(self._update_button)
        self._update_button()

    def _update_button(self) -> None:
        self.template_button.setEnabled(bool(self.template) and not self.editor.toPlainText().strip())

    def insert_template(self) -> None:
        """Put the customary sub-headings into the empty section (one undo step)."""
        if self.editor.toPlainText().strip() or not self.template:
            return
        self.editor.setPlainText(self.template)
        self.editor.moveCursor(QTextCursor.MoveOperation.Start)
        self.editor.moveCursor(QTextCursor.MoveOperation.EndOfLine)
        self.editor.setFocus()
