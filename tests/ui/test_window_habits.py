"""The window as an office PC user expects it: Excel's keys in the grid, refused text kept, a right-click menu, tab
switching from inside a grid, help on F1, messages that never move the page, Qt's own dialogs in Chinese."""

from __future__ import annotations

from keyboard import editor_of, key_text, type_into, view_of
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from govreport_gui.core.checks.help import rule_explanation
from govreport_gui.ui.grid.menu import grid_menu
from govreport_gui.ui.grid.table_view import TOTAL_REFUSAL
from govreport_gui.ui.main_window import MainWindow


def current_id(w: MainWindow, table: str) -> str:
    view = view_of(w, table)
    return view.form_model.cell_at(view.currentIndex()).cell_id


def shown(w: MainWindow, cell_id: str) -> str:
    model = w.table_tabs[cell_id.split(".", 1)[0]].model
    return model.data(model.index_of(cell_id))


def test_f2_edits_with_the_cursor_at_the_end(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    type_into(qtbot, w, "t3.new.natural", "12")
    w.go_to_cell("t3.new.natural")
    view = view_of(w, "t3")
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = editor_of(view)
    assert editor.text() == "12" and not editor.hasSelectedText() and editor.cursorPosition() == 2
    key_text(editor, "3")  # typed after the old value, not over it
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert w.current_report().values["t3.new.natural"] == 123


def test_right_and_left_leave_the_cell_at_the_ends_of_the_text(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = view_of(w, "t3")
    assert w.go_to_cell("t3.new.business")
    key_text(view, "4")
    editor = editor_of(view)
    qtbot.keyClick(editor, Qt.Key.Key_Right)  # at the end of "4": commits and moves right
    assert w.current_report().values["t3.new.business"] == 4
    assert current_id(w, "t3") == "t3.new.research"
    key_text(view, "5")
    editor = editor_of(view)
    qtbot.keyClick(editor, Qt.Key.Key_Left)  # inside the text: the cursor moves, the cell stays
    assert view.state() == view.State.EditingState and editor.cursorPosition() == 0
    qtbot.keyClick(editor, Qt.Key.Key_Left)  # at the start: commits and moves left
    assert w.current_report().values["t3.new.research"] == 5
    assert current_id(w, "t3") == "t3.new.business"


def test_refused_entry_stays_in_the_open_editor_selected(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    type_into(qtbot, w, "t3.new.natural", "7")
    for bad in ("12件", "-3", "1.5"):
        type_into(qtbot, w, "t3.new.natural", bad)
        view = view_of(w, "t3")
        editor = editor_of(view)  # still open, on the same cell
        assert editor.text() == bad and editor.selectedText() == bad
        assert current_id(w, "t3") == "t3.new.natural"
        assert w.current_report().values["t3.new.natural"] == 7
        assert w.message_bar.isVisible()
        qtbot.keyClick(editor, Qt.Key.Key_Escape)  # Esc: the old value is back, the message gone
        assert view.state() != view.State.EditingState
        assert shown(w, "t3.new.natural") == "7" and not w.message_bar.isVisible()
    type_into(qtbot, w, "t3.new.natural", "-3")
    editor = editor_of(view_of(w, "t3"))
    w.go_to_cell("t3.new.business")  # moving away (as a click does) does not throw the text away
    qtbot.wait(10)
    assert editor.isVisible() and editor.text() == "-3"
    assert current_id(w, "t3") == "t3.new.natural"
    key_text(editor, "3")  # typing replaces the selected text: the correction
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert w.current_report().values["t3.new.natural"] == 3
    assert not w.message_bar.isVisible()  # gone as soon as the cell is corrected


def test_refusal_message_does_not_move_the_page(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = view_of(w, "t3")
    w.go_to_cell("t3.new.natural")
    qtbot.wait(20)
    widgets = [view, w.tabs, w.statusBar(), w.findings_dock, w.notice_bar]
    before = [(x.mapTo(w, QPoint(0, 0)), x.size()) for x in widgets]
    type_into(qtbot, w, "t3.new.natural", "-3")
    qtbot.wait(20)
    assert "不能为负数" in w.statusBar().currentMessage()
    assert [(x.mapTo(w, QPoint(0, 0)), x.size()) for x in widgets] == before
    qtbot.keyClick(editor_of(view), Qt.Key.Key_Escape)
    qtbot.wait(20)
    assert [(x.mapTo(w, QPoint(0, 0)), x.size()) for x in widgets] == before


def test_typing_into_a_total_says_why(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    assert w.go_to_cell("t3.new.total")
    key_text(view_of(w, "t3"), "5")
    assert w.statusBar().currentMessage() == TOTAL_REFUSAL
    assert "t3.new.total" not in w.current_report().values


def test_tabs_switch_from_inside_a_grid(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = view_of(w, "t3")
    assert w.go_to_cell("t3.new.natural")
    start = w.tabs.currentIndex()
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(view, Qt.Key.Key_Tab, ctrl)
    assert w.tabs.currentIndex() == start + 1
    w.tabs.setCurrentIndex(start)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_PageDown, ctrl)
    assert w.tabs.currentIndex() == start + 1
    focused = QApplication.focusWidget() or w
    qtbot.keyClick(focused, Qt.Key.Key_PageUp, ctrl)
    assert w.tabs.currentIndex() == start
    assert QApplication.focusWidget() is view  # the grid has the keyboard again
    qtbot.keyClick(view, Qt.Key.Key_Backtab, ctrl | shift)
    assert w.tabs.currentIndex() == start - 1
    w.tabs.setCurrentIndex(0)
    w.tabs.step(-1)  # wraps round
    assert w.tabs.currentIndex() == w.tabs.count() - 1


def test_right_click_menu(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = view_of(w, "t3")
    type_into(qtbot, w, "t3.new.natural", "3")
    w.go_to_cell("t3.new.natural")
    menu = grid_menu(view)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[:3] == ["复制", "粘贴", "清除内容"] and texts[3].startswith("撤销") and texts[-1] == "查看规则说明"
    assert not any(t.startswith("确认导入的数值") for t in texts)  # nothing imported here
    actions = {a.text(): a for a in menu.actions()}
    actions["复制"].trigger()
    assert QGuiApplication.clipboard().text().strip() == "3"
    actions["查看规则说明"].trigger()  # the rules of this cell's findings (H1 fails: 3 new, none done)
    assert "H1" in w.rules_window.browser.toPlainText()
    assert "第一项加第二项之和，等于第三项加第四项之和" in w.rules_window.browser.toPlainText()
    actions["清除内容"].trigger()
    assert "t3.new.natural" not in w.current_report().values
    grid_menu(view).actions()[4].trigger()  # 撤销 the clearing
    assert w.current_report().values["t3.new.natural"] == 3
    w.controller.set_marks({"t3.new.natural": "导入自 x.txt"}, "导入")
    rect = view.visualRect(view.form_model.index_of("t3.new.natural"))
    menu = grid_menu(view, rect.center())
    confirm = [a for a in menu.actions() if a.text().startswith("确认导入的数值")]
    assert len(confirm) == 1
    confirm[0].trigger()
    assert not w.controller.marks


def test_f1_opens_the_guide_and_help_menu(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    view_of(w, "t3").setFocus()
    qtbot.keyClick(view_of(w, "t3"), Qt.Key.Key_F1)
    guide = w.guide_window.browser.toPlainText()
    assert w.guide_window.isVisible()
    for step in ("从上年报告开始", "填写", "检查", "确认", "导出", "打印"):
        assert step in guide
    help_menu = next(a.menu() for a in w.menuBar().actions() if a.text().startswith("帮助"))
    entries = [a.text() for a in help_menu.actions() if not a.isSeparator()]
    assert entries == ["使用说明(&G)", "规则说明(&R)", "关于(&A)"]
    w.act_rules.trigger()
    rules = w.rules_window.browser.toPlainText()
    form = w.current_report().form
    for rule in form.rules:  # every rule, with what it checks, why and how to fix it
        for line in rule_explanation(form, rule["id"]).splitlines()[1:]:
            assert line in rules
    w.act_about.trigger()
    about = w.about_window.browser.toPlainText()
    assert "版本：" in about and "报告文件格式版本：" in about and "许可：" in about


def test_finding_tooltip_explains_the_rule(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    type_into(qtbot, w, "t3.new.natural", "3")
    dock = w.findings_dock
    item = next(dock.list.item(i) for i in range(dock.list.count()) if dock.findings()[i].rule == "H1")
    assert "第一项加第二项之和，等于第三项加第四项之和" in item.toolTip() and "怎样改正" in item.toolTip()
    menu = dock.context_menu(item)
    [explain] = [a for a in menu.actions() if a.text() == "查看规则说明"]
    explain.trigger()
    assert w.rules_window.browser.toPlainText().startswith("H1")


def test_qt_file_dialog_speaks_chinese(window: MainWindow) -> None:
    dialog = QFileDialog(window, "打开")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert labels and not any(ch.isascii() and ch.isalpha() for text in labels for ch in text.replace("&", "")[:-1]
                              if ch not in "NLT")
    assert "查找范围(&L)：" in labels and "文件类型(&T)：" in labels
    assert QApplication.translate("QFileDialog", "&Look in:") == "查找范围(&L)："
    assert QApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_remembered_geometry_is_clamped_to_the_screen(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QMargins, QRect, QSize

    from govreport_gui.ui.app import create_application
    from govreport_gui.ui.base import settings
    from govreport_gui.ui.window_fit import fitted_rect

    frame = QMargins(4, 30, 4, 4)
    screen = QRect(0, 0, 1366, 768)
    assert fitted_rect(QRect(), screen, frame, QSize(1400, 900)) == QRect(4, 30, 1358, 734)
    assert fitted_rect(QRect(), QRect(0, 0, 1920, 1080), frame, QSize(1400, 900)) == QRect(260, 103, 1400, 900)
    assert fitted_rect(QRect(2500, 1500, 2100, 1350), screen, frame) == QRect(4, 30, 1358, 734)  # off and too big
    assert fitted_rect(QRect(100, 100, 800, 600), screen, frame) == QRect(100, 100, 800, 600)  # fits: left alone
    create_application(["test"])
    big = MainWindow()
    big.setGeometry(3000, 2000, 2100, 1350)  # as saved on a larger monitor
    settings.app_settings().setValue("window/geometry", big.saveGeometry())
    big.deleteLater()
    w = MainWindow()
    qtbot.addWidget(w)
    available = w.screen().availableGeometry()
    assert available.contains(w.frameGeometry()) or available.contains(w.geometry().marginsAdded(frame))


def test_import_filter_lists_every_format_import_reads() -> None:
    from govreport_gui.ui.imports.actions import IMPORT_FILTER

    first = IMPORT_FILTER.split(";;")[0]
    for ext in ("pdf", "docx", "doc", "wps", "xlsx", "xls", "et", "html", "htm", "txt", "md", "govreport"):
        assert f"*.{ext}" in first.split("(")[1]


def test_refused_entry_survives_a_mouse_click_elsewhere(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = view_of(w, "t3")
    type_into(qtbot, w, "t3.new.natural", "12件")
    editor = editor_of(view)
    other = view.visualRect(view.form_model.index_of("t3.carried_in.business")).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=other)
    qtbot.wait(20)
    assert editor.isVisible() and editor.text() == "12件" and editor.selectedText() == "12件"
    assert current_id(w, "t3") == "t3.new.natural"
    key_text(editor, "1")
    key_text(editor, "2")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert w.current_report().values["t3.new.natural"] == 12
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=other)  # now the click moves as usual
    assert current_id(w, "t3") == "t3.carried_in.business"


def test_file_dialog_dates_and_sizes_are_chinese_on_an_english_machine(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Run in a fresh process with LANG=C: the dialog's date column reads 2026/11/29, sizes "0 字节"."""
    import datetime as dt
    import os
    import subprocess
    import sys
    from pathlib import Path

    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "sub").mkdir()
    code = (
        "import sys, time\n"
        "from govreport_gui.ui.app import create_application\n"
        "app = create_application(['t'])\n"
        "from PySide6.QtWidgets import QFileDialog, QTreeView\n"
        "d = QFileDialog(None, 't', sys.argv[1]); d.setOption(QFileDialog.Option.DontUseNativeDialog, True); d.show()\n"
        "m = d.findChild(QTreeView).model()\n"
        "for _ in range(100):\n"
        "    app.processEvents(); time.sleep(0.02)\n"
        "    i = m.index(sys.argv[1] + '/a.txt')\n"
        "    if i.isValid() and m.data(m.index(i.row(), 3, i.parent())): break\n"
        "s = m.index(sys.argv[1] + '/sub')\n"
        "print('|'.join(str(m.data(m.index(i.row(), c, i.parent()))) for c in (1, 3)) + '|' +"
        " str(m.data(m.index(s.row(), 2, s.parent()))))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env.update(LANG="C", QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], env=env, capture_output=True, text=True,
                         timeout=60).stdout.strip().splitlines()[-1]
    size, date, folder_type = out.split("|")
    assert size == "0 字节" and folder_type == "文件夹"
    assert date.startswith(dt.date.today().strftime("%Y/%m/%d").replace("/0", "/")) or date.startswith(
        dt.date.today().strftime("%Y/%m/%d"))
