"""The main window driven through its real widgets: typing into the grids, totals, findings, paste, undo, files."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from common import SEED
from keyboard import editor_of, key_text, type_into, view_of
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from govreport_gui.core.storage import read_report, write_report
from govreport_gui.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def shown(w: MainWindow, cell_id: str) -> str:
    """The text the grid displays for a cell."""
    table = cell_id.split(".", 1)[0]
    model = w.table_tabs[table].model
    return model.data(model.index_of(cell_id), Qt.ItemDataRole.DisplayRole)


def rules(w: MainWindow) -> list[str]:
    return [f.rule for f in w.findings_dock.findings()]


def test_typing_updates_totals_and_findings_then_undo(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    assert shown(w, "t3.new.total") == ""
    assert "H1" not in rules(w)
    type_into(qtbot, w, "t3.new.business", "3")
    assert w.current_report().values["t3.new.business"] == 3
    assert shown(w, "t3.new.business") == "3"
    assert shown(w, "t3.new.total") == "3"
    assert "H1" in rules(w)
    assert "错误 2 项" in w.findings_dock.windowTitle()  # the 商业企业 column and the 总计 column
    t3_tab = w.tabs.indexOf(w.table_scrolls["t3"])
    assert w.tabs.tabText(t3_tab) == "三 依申请公开 (2)"
    assert w.isWindowModified()
    # Enter moved the cursor down to the next input of the same column
    cur = view_of(w, "t3").currentIndex()
    assert w.table_tabs["t3"].model.cell_at(cur).cell_id == "t3.carried_in.business"

    type_into(qtbot, w, "t3.unavailable.not_held.business", "3")
    assert shown(w, "t3.total.business") == "3"
    assert shown(w, "t3.total.total") == "3"
    assert "H1" not in rules(w)
    assert w.tabs.tabText(t3_tab) == "三 依申请公开"

    qtbot.keyClick(view_of(w, "t3"), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "H1" in rules(w)
    assert shown(w, "t3.total.business") == ""
    qtbot.keyClick(view_of(w, "t3"), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.current_report().values == {}
    assert shown(w, "t3.new.total") == "" and shown(w, "t3.new.business") == ""
    assert "H1" not in rules(w)
    assert not w.isWindowModified()
    qtbot.keyClick(view_of(w, "t3"), Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert shown(w, "t3.new.total") == "3"


def test_refused_value_keeps_old_value_and_says_why(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    type_into(qtbot, w, "t3.new.natural", "5")
    type_into(qtbot, w, "t3.new.natural", "-2")
    assert w.current_report().values["t3.new.natural"] == 5
    assert w.message_bar.isVisible()
    assert "不能为负数" in w.message_bar.text()
    assert "不能为负数" in w.statusBar().currentMessage()
    editor = editor_of(view_of(w, "t3"))  # the refused text stays in the open editor
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # Esc gives up the entry: the old value is back
    assert shown(w, "t3.new.natural") == "5"
    assert not w.message_bar.isVisible()
    type_into(qtbot, w, "t2.fees.amount", "3元")
    assert "t2.fees.amount" not in w.current_report().values
    assert "万元" in w.message_bar.text()
    qtbot.keyClick(editor_of(view_of(w, "t2")), Qt.Key.Key_Escape)
    type_into(qtbot, w, "t2.fees.amount", "１２.５")  # full-width digits are accepted
    assert w.current_report().values["t2.fees.amount"] == Decimal("12.5")
    assert w.stack.count() == 2


def test_keyboard_moves_skip_labels(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = view_of(w, "t3")
    model = w.table_tabs["t3"].model
    w.go_to_cell("t3.partial.other_org")
    qtbot.keyClick(view, Qt.Key.Key_Return)  # not editing: Enter moves down
    assert model.cell_at(view.currentIndex()).cell_id == "t3.withheld.state_secret.other_org"
    w.go_to_cell("t3.new.natural")
    qtbot.keyClick(view, Qt.Key.Key_Up)  # above is the header: stays put
    assert model.cell_at(view.currentIndex()).cell_id == "t3.new.natural"
    qtbot.keyClick(view, Qt.Key.Key_Left)  # left is the row label: stays put
    assert model.cell_at(view.currentIndex()).cell_id == "t3.new.natural"
    type_into(qtbot, w, "t3.new.natural", "1", commit=Qt.Key.Key_Tab)
    assert model.cell_at(view.currentIndex()).cell_id == "t3.new.business"
    view2 = view_of(w, "t2")
    m2 = w.table_tabs["t2"].model
    w.go_to_cell("t2.normative.issued")
    qtbot.keyClick(view2, Qt.Key.Key_Down)  # skips the header rows of the next block
    assert m2.cell_at(view2.currentIndex()).cell_id == "t2.licensing.decisions"


def test_paste_block_with_full_width_digits_and_separators(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = view_of(w, "t3")
    w.go_to_cell("t3.granted.natural")
    QGuiApplication.clipboard().setText("１\t2,000\r\n3\t４\r\n1,234\t0\r\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    v = w.current_report().values
    assert v["t3.granted.natural"] == 1 and v["t3.granted.business"] == 2000
    assert v["t3.partial.natural"] == 3 and v["t3.partial.business"] == 4
    assert v["t3.withheld.state_secret.natural"] == 1234 and v["t3.withheld.state_secret.business"] == 0
    assert shown(w, "t3.total.natural") == "1238"
    assert shown(w, "t3.granted.total") == "2001"
    assert w.stack.count() == 1  # one undo step
    w.stack.undo()
    assert w.current_report().values == {}


def test_paste_with_one_bad_cell_changes_nothing(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = view_of(w, "t3")
    type_into(qtbot, w, "t3.granted.natural", "7")
    before = dict(w.current_report().values)
    w.go_to_cell("t3.granted.natural")
    QGuiApplication.clipboard().setText("1\t2\n3\tx4\n5\t6\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert w.current_report().values == before
    msg = w.message_bar.text()
    assert "第2行第2列" in msg and "（二）部分公开 / 商业企业" in msg and "整块粘贴未执行" in msg
    assert w.stack.count() == 1


def test_paste_refuses_labels_overflow_and_wrong_totals(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = view_of(w, "t3")
    w.go_to_cell("t3.carried_out.natural")
    assert not view.paste("1\n2\n")  # second row is below the table
    assert "超出了表格范围" in w.message_bar.text()
    w.go_to_cell("t3.new.other_org")
    assert not view.paste("1\t5\n")  # the total would be 1, not 5
    assert "自动计算的合计" in w.message_bar.text()
    assert view.paste("1\t1\n")  # a total that agrees is accepted (a row copied from a spreadsheet)
    assert w.current_report().values == {"t3.new.other_org": 1}


def test_copy_and_delete(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = view_of(w, "t3")
    w.go_to_cell("t3.new.natural")
    assert view.paste("1\t2\n3\t4\n")
    model = w.table_tabs["t3"].model
    sel = view.selectionModel()
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    a, b = model.index_of("t3.new.natural"), model.index_of("t3.carried_in.business")
    sel.select(QItemSelection(a, b), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "1\t2\n3\t4\n"
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert w.current_report().values == {}
    assert w.stack.count() == 2
    w.stack.undo()
    assert len(w.current_report().values) == 4


def test_save_reopen_identical(qtbot, window: MainWindow, tmp_path: Path, errors: list[str]) -> None:  # type: ignore[no-untyped-def]
    w = window
    assert w.open_file(str(SEED))
    assert w.windowTitle() == "linping-2023.govreport[*] — 政府信息公开工作年度报告"
    assert not w.isWindowModified()
    type_into(qtbot, w, "t4.review.pending", "2")
    type_into(qtbot, w, "t2.fees.amount", "0.25")
    assert w.isWindowModified()
    out = tmp_path / "copy.govreport"
    assert w.save_to(str(out))
    assert not w.isWindowModified()
    assert w.windowTitle().startswith("copy.govreport")
    again = read_report(out)
    assert again.same_content(w.current_report())
    assert again.values["t2.fees.amount"] == Decimal("0.25")
    other = MainWindow()
    qtbot.addWidget(other)
    assert other.open_file(str(out))
    assert other.current_report().same_content(w.current_report())
    assert errors == []


def test_failed_save_keeps_document_modified(qtbot, window: MainWindow, tmp_path: Path, errors: list[str]) -> None:  # type: ignore[no-untyped-def]
    w = window
    type_into(qtbot, w, "t3.new.natural", "1")
    assert not w.save_to(str(tmp_path / "no-such-folder" / "x.govreport"))
    assert w.isWindowModified()
    assert errors and "无法保存" in errors[0]


def test_bad_file_changes_nothing(qtbot, window: MainWindow, tmp_path: Path, errors: list[str]) -> None:  # type: ignore[no-untyped-def]
    w = window
    type_into(qtbot, w, "t3.new.natural", "1")
    bad = tmp_path / "bad.govreport"
    bad.write_text('{"format": "govreport", "format_version": 99}', encoding="utf-8")
    before = w.current_report()
    assert not w.open_file(str(bad), ask=False)
    assert errors and "较新版本" in errors[0]
    assert w.current_report() is before and before.values == {"t3.new.natural": 1}
    assert w.isWindowModified()


def test_unsaved_prompt(qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    asked: list[str] = []

    def answer_with(button: QMessageBox.StandardButton):  # type: ignore[no-untyped-def]
        def fake_exec(box: QMessageBox) -> int:
            asked.append(box.text())
            texts = {box.button(b).text() for b in (QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Discard,
                                                     QMessageBox.StandardButton.Cancel)}
            assert texts == {"保存", "不保存", "取消"}
            return button.value

        monkeypatch.setattr(QMessageBox, "exec", fake_exec)

    w.new_report()
    assert asked == []  # nothing to lose: no question
    type_into(qtbot, w, "t3.new.natural", "1")
    answer_with(QMessageBox.StandardButton.Cancel)
    w.new_report()
    assert asked and "未命名" in asked[0]
    assert w.current_report().values == {"t3.new.natural": 1}
    answer_with(QMessageBox.StandardButton.Save)
    target = tmp_path / "saved.govreport"
    w.path = str(target)
    w.new_report()
    assert read_report(target).values == {"t3.new.natural": 1}
    assert w.current_report().values == {} and w.path is None
    type_into(qtbot, w, "t3.new.natural", "2")
    answer_with(QMessageBox.StandardButton.Discard)
    w.new_report()
    assert w.current_report().values == {}
    assert not w.isWindowModified()


def test_recent_files(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from govreport_gui.ui.base import settings

    w = window
    a, b = tmp_path / "a.govreport", tmp_path / "b.govreport"
    write_report(read_report(SEED), a)
    write_report(read_report(SEED), b)
    assert w.open_file(str(a)) and w.open_file(str(b))
    assert settings.recent_files()[:2] == [str(b.resolve()), str(a.resolve())]
    w._fill_recent_menu()
    names = [act.text() for act in w.recent_menu.actions()]
    assert names[:2] == ["&1 b.govreport", "&2 a.govreport"]
    w.recent_menu.actions()[1].trigger()
    assert w.path == str(a.resolve())
    a.unlink()
    assert not w.open_recent(str(a.resolve()))
    assert str(a.resolve()) not in settings.recent_files()


def test_findings_dock_goes_to_cell_and_confirms_warning(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from govreport_gui.ui.findings import dock as findings_dock

    w = window
    assert w.open_file(str(SEED))
    dock = w.findings_dock
    assert "警告 2 项" in dock.windowTitle()
    item = dock.list.item(0)
    finding = dock.findings()[0]
    assert finding.rule == "W6"
    dock.list.setCurrentItem(item)
    dock._activate(item)  # a figure quoted in the prose: its sentence is selected in the prose tab
    prose = w.prose_tabs[finding.place.key]
    assert w.tabs.currentWidget() is prose
    start, end = finding.place.start, finding.place.end
    quoted = w.current_report().texts[finding.place.key][start:end]
    selected = prose.editor.textCursor().selectedText()
    assert quoted in selected and len(selected) > len(quoted)
    model = w.table_tabs["t3"].model
    tip = model.data(model.index_of(finding.cells[0]), Qt.ItemDataRole.ToolTipRole)
    assert "W6" in tip and "（七）总计" in tip
    monkeypatch.setattr(findings_dock, "explain_dialog", lambda *a: ("申请人撤回的1件计入（四）1。", True))
    assert dock.confirm_current()
    assert w.current_report().explanations == {finding.key: "申请人撤回的1件计入（四）1。"}
    assert "已确认" in dock.list.item(0).text()
    out = tmp_path / "explained.govreport"
    assert w.save_to(str(out))
    assert read_report(out).explanations == {finding.key: "申请人撤回的1件计入（四）1。"}
    w.stack.undo()
    assert w.current_report().explanations == {}


def test_prose_typing_is_one_undo_step(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    type_into(qtbot, w, "t3.new.natural", "2")
    w.stack.clear()
    tab = w.prose_tabs["overview"]
    w.tabs.setCurrentWidget(tab)
    assert tab.template_button.isEnabled()
    qtbot.mouseClick(tab.template_button, Qt.MouseButton.LeftButton)
    assert w.current_report().texts["overview"].startswith("（一）主动公开")
    assert not tab.template_button.isEnabled()
    w.stack.undo()
    assert w.current_report().texts.get("overview", "") == ""
    tab.editor.setFocus()
    for ch in "本年度收到政府信息公开申请3件":
        key_text(tab.editor, ch)
    assert w.current_report().texts["overview"] == "本年度收到政府信息公开申请3件"
    assert w.stack.count() == 1  # consecutive typing merged
    assert "W6" in rules(w)  # the quoted 3 disagrees with the table's 2
    w.stack.undo()
    assert tab.editor.toPlainText() == ""
    assert "W6" not in rules(w)


def test_meta_fields_are_undoable_edits(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    tab = w.meta_tab
    tab.agency.setFocus()
    for ch in "某市某区人民政府办公室":
        key_text(tab.agency, ch)
    qtbot.keyClick(tab.agency, Qt.Key.Key_Return)
    assert w.current_report().meta["agency"] == "某市某区人民政府办公室"
    assert tab.title.placeholderText().startswith("某市某区人民政府办公室")
    tab.published.setText("2024年1月31日")
    tab.published.editingFinished.emit()
    assert w.current_report().meta["published"] == "2024-01-31"
    assert tab.published.text() == "2024-01-31"
    tab.published.setText("2024-02-30")
    tab.published.editingFinished.emit()
    assert w.current_report().meta["published"] == "2024-01-31"
    assert "发布日期" in w.message_bar.text()
    w.stack.undo()
    w.stack.undo()
    assert not w.current_report().meta.get("agency")
    assert tab.agency.text() == ""


def test_new_report_is_for_last_year(window: MainWindow) -> None:
    import datetime as dt

    assert window.current_report().year == dt.date.today().year - 1
    assert window.windowTitle() == "未命名[*] — 政府信息公开工作年度报告"
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "基本信息", "一 总体情况", "二 主动公开", "三 依申请公开", "台账",
        "四 复议诉讼", "五 问题和改进", "六 其他事项",
    ]
    headings = [s.heading for s in window.current_report().form.sections]  # the full titles are the tooltips
    tips = [window.tabs.tabToolTip(i) for i in range(1, window.tabs.count())]
    assert tips[:3] + tips[4:] == headings and "台账" in tips[3]  # the register beside the table it counts


def test_load_report_hook(window: MainWindow) -> None:
    report = read_report(SEED)
    window.load_report(report, None, True)
    assert window.current_report() is report
    assert window.isWindowModified()
    assert shown(window, "t3.new.total") == "3"
    assert window.windowTitle().startswith("未命名")


def test_table_models_pass_qtmodeltester(qtmodeltester, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.open_file(str(SEED))
    for tab in window.table_tabs.values():
        qtmodeltester.check(tab.model)


def test_signal_emits_keep_bool_refcounts(window: MainWindow) -> None:
    """PySide6 6.12.0 drops a reference to True on every Python-side emit; the app then aborts after a few
    thousand edits.  pyproject excludes that release; this guards against such a build coming back."""
    import sys

    model = window.table_tabs["t3"].model
    idx = model.index_of("t3.new.natural")
    before = sys.getrefcount(True)
    for _ in range(200):
        model.dataChanged.emit(idx, idx)
    assert sys.getrefcount(True) >= before - 20
