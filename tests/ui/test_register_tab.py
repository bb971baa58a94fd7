"""The 台账 tab and Table 三 counted from it, driven like a clerk: real key events into the grid, the drop-downs, the
switch with its question, paste, 导入台账 with its review dialog, the state filter and the findings that lead here."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from keyboard import key_text, view_of
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QFileDialog, QLineEdit, QMessageBox
from register_lines import EXPECTED_2025, year_boundary_register

from govreport_gui.core.checks import register as checks
from govreport_gui.core.importers.register_sheet import read_register
from govreport_gui.core.register.count import sync_report
from govreport_gui.core.register.model import Register, RegisterLine, register_spec
from govreport_gui.ui.main_window import MainWindow
from govreport_gui.ui.register.model import DEADLINE_COL, STATUS_COL, column_of
from govreport_gui.ui.register.tab import USE_REGISTER, USE_TYPED, RegisterTab

D = date.fromisoformat


def reg_tab(w: MainWindow) -> RegisterTab:
    tab = w.tabs.register_tab
    assert tab is not None
    w.tabs.setCurrentWidget(tab)
    return tab


def view_index(tab: RegisterTab, row: int, field: str):  # type: ignore[no-untyped-def]
    return tab.proxy.mapFromSource(tab.model.index(row, column_of(field)))


def type_cell(qtbot, tab: RegisterTab, row: int, field: str, text: str) -> QLineEdit:  # type: ignore[no-untyped-def]
    """Select the cell, type ``text`` (the first key opens the editor) and press Enter; returns the editor."""
    tab.view.setCurrentIndex(view_index(tab, row, field))
    key_text(tab.view, text[0])
    editors = [e for e in tab.view.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1
    for ch in text[1:]:
        key_text(editors[0], ch)
    qtbot.keyClick(editors[0], Qt.Key.Key_Return)
    return editors[0]


def pick(tab: RegisterTab, row: int, field: str, label: str) -> None:
    """Open the cell's drop-down and choose ``label``."""
    idx = view_index(tab, row, field)
    tab.view.setCurrentIndex(idx)
    tab.view.edit(idx)
    boxes = [b for b in tab.view.viewport().findChildren(QComboBox) if b.isVisible()]
    assert len(boxes) == 1
    i = boxes[0].findText(label)
    assert i >= 0, label
    boxes[0].setCurrentIndex(i)
    boxes[0].activated.emit(i)


def shown(w: MainWindow, cell_id: str) -> str:
    model = w.table_tabs["t3"].model
    return str(model.data(model.index_of(cell_id)))


def open_with_register(w: MainWindow, register: Register, year: int = 2025) -> None:
    from govreport_gui.core.report import Report

    report = Report.new("某局", year)
    report.register = register
    sync_report(report)
    w.load_report(report, None, False)


def test_add_line_dates_in_three_forms_drop_downs_and_table_follows(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    report = w.current_report()
    assert report.year == 2025
    tab = reg_tab(w)
    assert tab.switch_button.text() == USE_REGISTER
    qtbot.mouseClick(tab.switch_button, Qt.MouseButton.LeftButton)
    assert tab.switch_button.text() == USE_TYPED
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert len(report.register.lines) == 1
    for text, day in (("2025-01-20", "2025-01-20"), ("2025/1/21", "2025-01-21"), ("2025年1月22日", "2025-01-22")):
        type_cell(qtbot, tab, 0, "received", text)
        assert report.register.lines[0].received == D(day)
        assert tab.model.data(tab.model.index(0, column_of("received"))) == day
    spec = register_spec(report.form)
    granted = next(iter(spec.result_labels.values()))
    pick(tab, 0, "applicant_type", spec.type_labels["natural"])
    assert shown(w, "t3.new.natural") == "1" and shown(w, "t3.carried_out.natural") == "1"
    pick(tab, 0, "result", granted)
    type_cell(qtbot, tab, 0, "answered", "2025年2月10日")
    line = report.register.lines[0]
    assert (line.applicant_type, line.result, line.answered) == ("natural", "granted", D("2025-02-10"))
    assert shown(w, "t3.granted.natural") == "1" and shown(w, "t3.carried_out.natural") == "0"
    assert shown(w, "t3.new.total") == "1"
    w.stack.undo()  # the answer date
    assert shown(w, "t3.granted.natural") == "0" and shown(w, "t3.carried_out.natural") == "1"
    w.stack.redo()
    assert shown(w, "t3.granted.natural") == "1"


def test_refused_date_keeps_the_editor_open_and_says_why(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    open_with_register(w, Register([RegisterLine(D("2025-03-03"), "natural")]))
    tab = reg_tab(w)
    editor = type_cell(qtbot, tab, 0, "received", "2025/13/1")
    assert editor.isVisible() and editor.text() == "2025/13/1"
    assert "不是有效的收到日期" in w.message_bar.text()
    assert w.current_report().register.lines[0].received == D("2025-03-03")
    editor.setText("2025/3/4")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert w.current_report().register.lines[0].received == D("2025-03-04")
    assert w.stack.count() == 1


def test_counted_cells_are_read_only_with_provenance_and_lead_to_their_lines(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    open_with_register(w, year_boundary_register())
    model = w.table_tabs["t3"].model
    idx = model.index_of("t3.new.natural")
    assert not model.flags(idx) & Qt.ItemFlag.ItemIsEditable
    assert model.data(idx, Qt.ItemDataRole.BackgroundRole) == model.data(model.index_of("t3.new.total"),
                                                                          Qt.ItemDataRole.BackgroundRole)
    for cell, (count, nos) in EXPECTED_2025.items():
        tip = model.data(model.index_of(cell), Qt.ItemDataRole.ToolTipRole)
        assert shown(w, cell) == str(count)
        assert "序号" + "、".join(map(str, nos)) + f"，共{count}件" in tip, (cell, tip)
    assert "序号1、3、4" in model.data(model.index_of("t3.carried_in.total"), Qt.ItemDataRole.ToolTipRole)
    # typing on a counted cell: refused with the reason, nothing changes
    view = view_of(w, "t3")
    w.tabs.setCurrentWidget(w.table_scrolls["t3"])
    assert w.go_to_cell("t3.new.natural")
    key_text(view, "9")
    assert not [e for e in view.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert "由依申请公开台账统计得出" in w.message_bar.text()
    assert w.current_report().values["t3.new.natural"] == 3 and w.stack.count() == 0
    # 查看对应台账: double-click goes to the lines counted
    view.doubleClicked.emit(model.index_of("t3.new.natural"))
    tab = w.tabs.register_tab
    assert w.tabs.currentWidget() is tab
    assert tab.source_rows() == [4, 7, 11]
    # the context action on a total: the lines of all its parts
    action = next(a for a in view.actions() if a.text() == "查看对应台账")
    assert action.isVisible()
    w.tabs.setCurrentWidget(w.table_scrolls["t3"])
    assert w.go_to_cell("t3.carried_out.total")
    action.trigger()
    assert w.tabs.currentWidget() is tab and tab.source_rows() == [3, 7, 8]
    # with typed figures the action is not offered and double-click edits as usual
    w.current_report().register.fills_table = False
    w.load_report(w.current_report(), None, False)
    assert not action.isVisible()
    assert model.flags(model.index_of("t3.new.natural")) & Qt.ItemFlag.ItemIsEditable


def test_switch_back_to_typed_figures_asks_and_is_one_undo_step(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    w = window
    open_with_register(w, year_boundary_register())
    tab = reg_tab(w)
    model = w.table_tabs["t3"].model
    idx = model.index_of("t3.new.natural")
    asked: list[str] = []
    answer = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: (asked.append(a[2]), answer[0])[1])
    assert not tab.toggle_fills()
    assert len(asked) == 1 and w.current_report().register.fills_table and w.stack.count() == 0
    answer[0] = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(tab.switch_button, Qt.MouseButton.LeftButton)
    assert not w.current_report().register.fills_table and w.stack.count() == 1
    assert tab.switch_button.text() == USE_REGISTER
    assert model.flags(idx) & Qt.ItemFlag.ItemIsEditable
    assert w.current_report().values["t3.new.natural"] == 3  # the counted figures are kept as typed ones
    assert "由台账统计" not in model.data(idx, Qt.ItemDataRole.ToolTipRole)
    w.stack.undo()
    assert w.current_report().register.fills_table and not model.flags(idx) & Qt.ItemFlag.ItemIsEditable
    # switching on over typed figures that differ asks too, and undo gives them back
    w.stack.redo()
    assert w.current_report().register.fills_table is False
    from govreport_gui.core.edits import SetCells

    assert w.controller.push(SetCells({"t3.new.natural": 40}), "填写")
    asked.clear()
    assert tab.toggle_fills() and len(asked) == 1
    assert w.current_report().values["t3.new.natural"] == 3
    w.stack.undo()
    assert w.current_report().values["t3.new.natural"] == 40


def test_paste_a_block_from_excel(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    open_with_register(w, Register([RegisterLine(D("2025-01-02"), "natural")]))
    tab = reg_tab(w)
    spec = register_spec(w.current_report().form)
    tab.view.setCurrentIndex(view_index(tab, 0, "received"))
    block = ("收到日期\t申请人类型\t申请人\t申请内容\t办理结果\t答复日期\n"
             "2025/1/3\t法人\t\t\t\t\n"  # a bad type: the whole paste is refused
             "2025年2月1日\t商业企业\t某公司\t某项信息\t予以公开\t2025-02-20\n")
    assert not tab.paste(block)
    assert "申请人类型" in w.message_bar.text() and len(w.current_report().register) == 1
    block = ("收到日期\t申请人类型\t申请人\t申请内容\t办理结果\t答复日期\n"
             "2025/1/3\t自然人\t\t\t\t\n"
             "2025年2月1日\t商业企业\t某公司\t某项信息\t予以公开\t2025-02-20\n"
             "2025-03-05\t科研机构\t\t\t\t\n")
    assert tab.paste(block)
    lines = w.current_report().register.lines
    assert [x.received for x in lines] == [D("2025-01-03"), D("2025-02-01"), D("2025-03-05")]
    assert lines[1].applicant_type == "business" and lines[1].result == "granted" and lines[1].applicant == "某公司"
    assert spec.type_labels[lines[2].applicant_type] == "科研机构"
    assert shown(w, "t3.new.total") == "3" and shown(w, "t3.granted.business") == "1"
    assert w.stack.count() == 1
    w.stack.undo()
    assert [x.received for x in w.current_report().register.lines] == [D("2025-01-02")]
    # a row copied with its 序号, pasted at the 序号 column: the computed 状态 and 答复期限 columns take nothing
    tab.view.setCurrentIndex(tab.proxy.index(0, 0))
    assert tab.paste("1\t2025/4/1\t其他\t张三\n")
    line = w.current_report().register.lines[0]
    assert (line.received, line.applicant_type, line.applicant) == (D("2025-04-01"), "other_org", "张三")


def test_insert_and_delete_keys(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    open_with_register(w, year_boundary_register())
    tab = reg_tab(w)
    tab.view.setFocus()
    tab.select_lines([2, 3, 5])
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert len(w.current_report().register) == 9 and w.stack.count() == 1
    assert w.current_report().register.lines[1].received == D("2024-12-30")  # old 4
    w.stack.undo()
    assert w.current_report().register == year_boundary_register()
    tab.select_lines([12])
    qtbot.keyClick(tab.view, Qt.Key.Key_Insert)
    lines = w.current_report().register.lines
    assert len(lines) == 13 and lines[12] == RegisterLine(lines[11].received)
    assert tab.source_rows() == [12]


def test_import_dialog_lists_unmatched_values_and_applies_on_confirmation(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                          tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from govreport_gui.ui.register import import_dialog as rid

    w = window
    src = tmp_path / "本局台账.csv"
    src.write_text("受理日期,申请人类别,处理结果,办结日期,经办人\n"
                   "2025/1/6,自然人,予以公开,2025-01-20,王五\n"
                   "2025年3月2日,企业,随便写的,2025-03-10,王五\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(src), ""))
    seen: list[rid.RegisterImportDialog] = []
    verdict = [QDialog.DialogCode.Rejected]
    monkeypatch.setattr(rid.RegisterImportDialog, "exec", lambda self: (seen.append(self), verdict[0].value)[1])
    assert not w.import_register()
    assert w.current_report().register is None and w.stack.count() == 0
    dialog = seen[-1]
    unmatched = [dialog.unmatched.item(i).text() for i in range(dialog.unmatched.count())]
    assert any("随便写的" in u for u in unmatched)
    assert "经办人" in dialog.unplaced.text()
    assert "读到2件申请" in dialog.summary.text()
    assert "仍然导入" in dialog.import_button.text() and dialog.fills.isChecked()
    verdict[0] = QDialog.DialogCode.Accepted
    assert w.import_register()
    reg = w.current_report().register
    assert len(reg) == 2 and reg.fills_table
    assert reg.lines[1].result is None and reg.lines[1].answered == D("2025-03-10")
    assert w.tabs.currentWidget() is w.tabs.register_tab
    assert shown(w, "t3.granted.natural") == "1" and w.stack.count() == 1
    w.stack.undo()
    assert w.current_report().register is None


def test_export_and_template(qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    w = window
    file_menu = w.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert {"导入台账…", "导出台账…", "台账模板…"} <= set(texts)
    assert w.act_export_register in file_menu.actions()
    open_with_register(w, year_boundary_register())
    out = tmp_path / "导出.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    assert w.export_register()
    back = read_register(out, w.current_report().form)
    assert back.lines == year_boundary_register().lines and not back.unmatched
    assert w.register_template()
    assert read_register(out, w.current_report().form).lines == []


def test_filter_by_state_and_findings_lead_to_the_register(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checks, "today", lambda: D("2025-03-03"))
    w = window
    open_with_register(w, Register([
        RegisterLine(D("2025-01-06"), "natural", result="granted", answered=D("2025-01-10")),  # 已办结
        RegisterLine(D("2025-01-20"), "natural"),  # 20 working days over the Spring Festival: 2025-02-21, 已逾期
        RegisterLine(D("2025-02-05"), "business"),  # due 2025-03-04: 即将到期
        RegisterLine(D("2025-02-28"), "business"),  # due 2025-03-28: 办理中
        RegisterLine(D("2025-01-02"), "legal", correction_asked=D("2025-01-03")),  # 待补正
        RegisterLine(D("2025-01-02"), "legal", result="granted", answered=D("2025-02-20")),  # answered late (W11)
    ]))
    tab = reg_tab(w)
    states = [tab.model.status(r) for r in range(6)]
    assert states == ["已办结", "已逾期", "即将到期", "办理中", "待补正", "已办结"]
    assert tab.model.data(tab.model.index(1, DEADLINE_COL)) == "2025-02-21"
    assert tab.model.data(tab.model.index(1, STATUS_COL)) == "已逾期"
    assert "已超过答复期限" in tab.model.data(tab.model.index(1, STATUS_COL), Qt.ItemDataRole.ToolTipRole)
    # an answered line keeps its deadline; answered after it, it says so (the filter still counts it as 已办结)
    assert tab.model.data(tab.model.index(5, DEADLINE_COL)) == "2025-02-06"
    assert tab.model.data(tab.model.index(5, STATUS_COL)) == "已办结（超期）"
    assert tab.model.data(tab.model.index(0, STATUS_COL)) == "已办结"

    def shown_rows() -> list[int]:
        return sorted(tab.proxy.mapToSource(tab.proxy.index(r, 0)).row() for r in range(tab.proxy.rowCount()))

    for name, rows in (("办理中", [1, 2, 3, 4]), ("即将到期", [2]), ("已逾期", [1]), ("全部", [0, 1, 2, 3, 4, 5])):
        tab.show_states(name)
        assert shown_rows() == rows, name
    assert tab.model.data(tab.model.index(1, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert tab.model.data(tab.model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None
    assert "未办结4件（即将到期1件，已逾期1件）" in tab.summary.text()
    # sorting by 收到日期
    tab.view.sortByColumn(column_of("received"), Qt.SortOrder.AscendingOrder)
    first = tab.proxy.mapToSource(tab.proxy.index(0, 0)).row()
    assert first in (4, 5)
    # the findings W10/W11 have no cells: activating them opens the register on the lines concerned
    dock = w.findings_dock
    w.tabs.setCurrentIndex(0)
    for i in range(dock.list.count()):
        f = dock.findings()[i]
        kind = w.current_report().form.rule(f.rule).get("kind")
        if kind == "register_overdue":
            dock._activate(dock.list.item(i))
            assert w.tabs.currentWidget() is tab and shown_rows() == [1]
        if kind == "register_late_answer":
            dock._activate(dock.list.item(i))
            assert w.tabs.currentWidget() is tab and tab.source_rows() == [5]
    kinds = {w.current_report().form.rule(f.rule).get("kind") for f in dock.findings()}
    assert {"register_overdue", "register_late_answer"} <= kinds


def test_register_model_passes_qtmodeltester(qtmodeltester, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    open_with_register(window, year_boundary_register())
    qtmodeltester.check(window.tabs.register_tab.model, force_py=True)


def test_sorted_view_follows_edits(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    open_with_register(w, year_boundary_register())
    tab = reg_tab(w)
    assert tab.proxy.mapToSource(tab.proxy.index(0, 0)).row() == 0  # unsorted: 序号 order
    tab.view.sortByColumn(column_of("received"), Qt.SortOrder.AscendingOrder)

    def order() -> list[int]:
        return [tab.proxy.mapToSource(tab.proxy.index(r, 0)).row() + 1 for r in range(tab.proxy.rowCount())]

    assert order() == [1, 2, 3, 4, 5, 6, 11, 7, 12, 8, 9, 10]
    type_cell(qtbot, tab, 9, "received", "2024/1/2")  # 序号10 becomes the earliest
    assert order()[0] == 10
    tab.view.sortByColumn(column_of("received"), Qt.SortOrder.DescendingOrder)
    assert order()[-1] == 10
