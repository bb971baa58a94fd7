"""A prose section: a plain-text editor whose typing goes through the document's undo stack.

The editor's own undo is off; each change becomes a ``SetText`` edit, and consecutive typing in the same section
merges into one undo step (the document's controller).  When undo or redo changes the text, the editor is refreshed and
the cursor kept where it was as far as possible.  An empty section with a customary template offers it through the
"插入常用小标题" button.  A section whose figures restate the tables (一、总体情况) offers the paragraphs drafted from
the tables (:mod:`...core.prose`) through "插入数据段落": one paragraph or all of them, inserted at the cursor or in
place of the selected paragraphs, as one undo step.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from ...core.edits import ChangeSet, SetText
from ...core.prose import drafts_for, insert_paragraphs, text_keys_with_drafts
from ..document.controller import DocumentController


def _index(text: str, position: int) -> int:
    """The index in ``text`` of an editor position (Qt counts UTF-16 units: a character outside the BMP is two)."""
    return len(text.encode("utf-16-le")[: 2 * position].decode("utf-16-le", errors="ignore"))


def _position(text: str, index: int) -> int:
    """The editor position of an index in ``text``."""
    return len(text[:index].encode("utf-16-le")) // 2


_SENTENCE_ENDS = "。！？!?；;\n"


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The ``[start, end)`` of the sentence holding ``text[start:end]``: from after the previous 。！？； or line
    break up to and including the next one."""
    first = max(text.rfind(ch, 0, start) for ch in _SENTENCE_ENDS) + 1
    ends = [i for i in (text.find(ch, end) for ch in _SENTENCE_ENDS) if i >= 0]
    last = min(ends) if ends else len(text)
    if last < len(text) and text[last] != "\n":
        last += 1
    while first < start and text[first] in " \t\u3000":
        first += 1
    return first, max(last, end)


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
        self.key = key
        self.drafts_button = QPushButton("插入数据段落", self)
        self.drafts_button.setToolTip("按表二、表三、表四的数字起草本部分的数据段落，插入到光标处或替换选中的段落")
        self.drafts_menu = QMenu(self.drafts_button)
        self.drafts_menu.setToolTipsVisible(True)
        self.drafts_menu.aboutToShow.connect(self._fill_drafts_menu)
        self.drafts_button.setMenu(self.drafts_menu)
        self.drafts_button.setVisible(key in text_keys_with_drafts(controller.report.form))
        top.addWidget(self.drafts_button)
        layout.addLayout(top)
        self.editor = ProseEdit(controller, key, self)
        if template:
            self.editor.setPlaceholderText("可点击右上方“插入常用小标题”，在各小标题下填写：\n\n" + template)
        layout.addWidget(self.editor)
        self.editor.textChanged.connect(self._update_button)
        self._update_button()

    def select_sentence(self, start: int, end: int) -> bool:
        """Select the sentence around ``text[start:end]`` (a figure a finding quotes), scroll to it and focus."""
        text = self.controller.report.texts.get(self.key, "")
        if not 0 <= start <= end <= len(text):
            return False
        first, last = sentence_bounds(text, start, end)
        cursor = self.editor.textCursor()
        cursor.setPosition(_position(text, first))
        cursor.setPosition(_position(text, last), QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()
        self.editor.setFocus()
        return True

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

    # --- paragraphs drafted from the tables ---------------------------------------------------------------------
    def _fill_drafts_menu(self) -> None:
        self.drafts_menu.clear()
        drafts = drafts_for(self.controller.report, self.key)
        if not drafts:
            empty = self.drafts_menu.addAction("（表格尚未填写，没有可起草的段落）")
            empty.setEnabled(False)
            return
        if len(drafts) > 1:
            every = self.drafts_menu.addAction(f"全部插入（{len(drafts)}段）")
            every.setToolTip("\n".join(p.text for p in drafts))
            every.triggered.connect(lambda checked=False: self.insert_drafts())
            self.drafts_menu.addSeparator()
        for p in drafts:
            action = self.drafts_menu.addAction(p.heading)
            action.setToolTip(p.text)
            action.triggered.connect(lambda checked=False, pid=p.id: self.insert_drafts([pid]))

    def insert_drafts(self, ids: list[str] | None = None) -> bool:
        """Insert the drafted paragraphs ``ids`` (all of this section's when ``None``) at the cursor, or in place of
        the paragraphs the selection touches; one undo step.  The inserted text is left selected."""
        drafts = [p for p in drafts_for(self.controller.report, self.key) if ids is None or p.id in ids]
        if not drafts:
            self.controller.refused.emit("表格尚未填写，没有可起草的数据段落。")
            return False
        cursor = self.editor.textCursor()
        text = self.controller.report.texts.get(self.key, "")
        new, start, end = insert_paragraphs(text, _index(text, cursor.selectionStart()),
                                            _index(text, cursor.selectionEnd()), [p.text for p in drafts])
        what = drafts[0].heading if len(drafts) == 1 else f"{len(drafts)}个数据段落"
        if not self.controller.push(SetText(self.key, new), f"插入{what}", merge=False):
            return False
        cursor = self.editor.textCursor()
        cursor.setPosition(_position(new, start))
        cursor.setPosition(_position(new, end), QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()
        return True
