"""插入数据段落 in the prose tabs and 改为表格数字 in the findings dock: one undo step each, through the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from keyboard import type_into
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QWidget

from govreport_gui.core.prose import draft_paragraphs
from govreport_gui.ui.main_window import MainWindow

pytestmark = pytest.mark.gui
SEED = Path(__file__).resolve().parents[1] / "data" / "linping-2023.govreport"
SAID = "2023年收到政府信息公开申请3件，已处理完成2件，申请人撤回1件。"


def key_text(widget: QWidget, ch: str) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def prose_findings(w: MainWindow) -> list[str]:
    form = w.current_report().form
    return [f.message for f in w.findings_dock.findings() if form.rule(f.rule)["kind"] == "prose_figures"]


def select(editor, start: int, end: int) -> None:  # type: ignore[no-untyped-def]
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def test_insert_drafted_paragraph_over_the_selected_one_and_undo(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    assert w.open_file(str(SEED))
    tab = w.prose_tabs["overview"]
    assert not tab.drafts_button.isHidden() and w.prose_tabs["problems"].drafts_button.isHidden()
    w.tabs.setCurrentWidget(tab)
    before = w.current_report().texts["overview"]
    assert len(prose_findings(w)) == 2
    at = before.index(SAID)
    select(tab.editor, at + 3, at + 10)  # part of the contradicting paragraph
    tab._fill_drafts_menu()
    names = [a.text() for a in tab.drafts_menu.actions() if a.text()]
    assert names == ["全部插入（3段）", "（一）主动公开", "（二）依申请公开", "行政复议和行政诉讼"]
    next(a for a in tab.drafts_menu.actions() if a.text() == "（二）依申请公开").trigger()
    requests = draft_paragraphs(w.current_report())[1].text
    after = w.current_report().texts["overview"]
    assert after == before.replace(SAID, requests)
    assert tab.editor.toPlainText() == after and tab.editor.textCursor().selectedText() == requests
    assert prose_findings(w) == []  # the drafted paragraph agrees with Table 三
    assert w.stack.count() == 1 and w.stack.undoText() == "插入（二）依申请公开"
    w.stack.undo()
    assert w.current_report().texts["overview"] == before and tab.editor.toPlainText() == before
    assert len(prose_findings(w)) == 2


def test_inserting_is_its_own_undo_step_after_typing(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    assert w.open_file(str(SEED))
    tab = w.prose_tabs["overview"]
    w.tabs.setCurrentWidget(tab)
    tab.editor.setFocus()
    tab.editor.moveCursor(QTextCursor.MoveOperation.End)
    for ch in "补充。":
        key_text(tab.editor, ch)
    typed = w.current_report().texts["overview"]
    assert typed.endswith("补充。") and w.stack.count() == 1
    assert tab.insert_drafts()  # all three paragraphs, after the line the cursor is in
    text = w.current_report().texts["overview"]
    drafts = [p.text for p in draft_paragraphs(w.current_report())]
    assert text == typed + "\n" + "\n".join(drafts)
    assert w.stack.count() == 2
    w.stack.undo()
    assert w.current_report().texts["overview"] == typed


def test_blank_tables_have_nothing_to_insert(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    tab = w.prose_tabs["overview"]
    assert not tab.insert_drafts()
    assert "表格尚未填写" in w.message_bar.text()
    assert w.stack.count() == 0 and w.current_report().texts.get("overview", "") == ""


def test_quick_fix_offers_both_ways_and_rewrites_only_a_clean_sentence(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow) -> None:
    """Issue 26, item 6: on the seed 改为表格数字 wrote "已处理完成3件，申请人撤回1件" (3 + 1 > 3): the fault is in the
    table.  The change of words is offered only once the sentence it leaves is clean; the table cell always."""
    w = window
    assert w.open_file(str(SEED))
    dock = w.findings_dock
    before = w.current_report().texts["overview"]
    rows = {f.message: i for i, f in enumerate(dock.findings())}
    completed = next(m for m in rows if "已处理完成2件" in m)
    withdrawn = next(m for m in rows if "撤回1件" in m)
    dock.list.setCurrentRow(rows[withdrawn])
    assert not dock.fix_button.isEnabled()  # 撤回 is only bounded by the table: nothing to make equal
    assert dock.table_button.isEnabled()
    dock.list.setCurrentRow(rows[completed])
    assert not dock.fix_button.isEnabled(), "the sentence would still quote a withdrawal the table does not have"
    assert "申请人撤回1件" in dock.fix_button.toolTip() and "请到表格中核对" in dock.fix_button.toolTip()
    assert dock.table_button.isEnabled()
    qtbot.mouseClick(dock.table_button, Qt.MouseButton.LeftButton)  # 到表格中修改: the table, at the total quoted
    assert w.tabs.currentWidget() is w.table_scrolls["t3"]
    view = w.table_tabs["t3"].view
    assert view.form_model.cell_at(view.currentIndex()).cell_id == "t3.total.total"
    # the clerk puts the withdrawal where it belongs, in （六）3.其他, out of （四）1
    type_into(qtbot, w, "t3.unavailable.not_held.business", "2")
    type_into(qtbot, w, "t3.other.other.business", "1")
    assert prose_findings(w) == [next(m for m in prose_findings(w) if "已处理完成2件" in m)]
    completed = prose_findings(w)[0]
    dock.list.setCurrentRow([f.message for f in dock.findings()].index(completed))
    assert dock.fix_button.isEnabled()
    # typing elsewhere first moves the number: the fix still rewrites exactly it
    tab = w.prose_tabs["overview"]
    tab.editor.setFocus()
    tab.editor.moveCursor(QTextCursor.MoveOperation.Start)
    key_text(tab.editor, "　")
    moved = w.current_report().texts["overview"]
    dock.list.setCurrentRow([f.message for f in dock.findings()].index(completed))
    qtbot.mouseClick(dock.fix_button, Qt.MouseButton.LeftButton)
    assert w.current_report().texts["overview"] == moved.replace("已处理完成2件", "已处理完成3件")
    assert prose_findings(w) == []  # the sentence is right now: 3 received, 3 handled, 1 of them withdrawn
    assert w.stack.undoText() == "改为表格数字"
    w.stack.undo()
    assert w.current_report().texts["overview"] == moved
    assert completed in prose_findings(w)
    w.stack.undo()
    assert w.current_report().texts["overview"] == before
