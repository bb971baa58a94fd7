"""Imported and carried values stay marked until the clerk confirms them; last year's figures are shown beside them.

Driven through the real window: 文件→导入… with a workbook exported by the program and with a published text, and
从上年报告新建… from the seed (given non-zero carried, stock and pending figures); the file dialog and the import
dialog's ``exec`` are patched to answer at once.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from common import DATA, SEED
from keyboard import type_into
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QFileDialog

from govreport_gui.core.exporters.excel import export_xlsx
from govreport_gui.core.importers.dispatch import import_file
from govreport_gui.core.intake.carryover import carry_over_notes
from govreport_gui.core.report import Report
from govreport_gui.core.storage import read_report, write_report
from govreport_gui.ui.base import style
from govreport_gui.ui.grid.table_model import BASELINE_ROLE, MARK_ROLE
from govreport_gui.ui.imports.dialog import ImportDialog
from govreport_gui.ui.main_window import MainWindow

pytestmark = pytest.mark.gui
PUBLISHED = DATA / "linping-2023-published.txt"  # a copy of the shared sample of the same name
TOOLTIP = Qt.ItemDataRole.ToolTipRole
BACKGROUND = Qt.ItemDataRole.BackgroundRole


def data(w: MainWindow, cell_id: str, role: int) -> object:
    model = w.table_tabs[cell_id.split(".", 1)[0]].model
    return model.data(model.index_of(cell_id), role)


def background(w: MainWindow, cell_id: str) -> QColor:
    brush = data(w, cell_id, BACKGROUND)
    return brush.color()  # type: ignore[attr-defined]


def stripe_drawn(w: MainWindow, cell_id: str) -> bool:
    """The delegate painted the mark's stripe at the cell's left edge (read back from the rendered grid)."""
    tab = w.table_tabs[cell_id.split(".", 1)[0]]
    rect = tab.view.visualRect(tab.model.index_of(cell_id))
    image = tab.view.viewport().grab().toImage()
    return image.pixelColor(rect.left() + 1, rect.center().y()) == style.IMPORTED_EDGE


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


@pytest.fixture
def accept_import(monkeypatch: pytest.MonkeyPatch) -> list[ImportDialog]:
    """The import dialog is built and answered 导入 at once; the dialogs shown are recorded."""
    shown: list[ImportDialog] = []

    def exec_(self: ImportDialog) -> int:
        shown.append(self)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(ImportDialog, "exec", exec_)
    return shown


def last_year_report() -> Report:
    """The seed with figures worth carrying: 结转 in two columns, a stock of 规范性文件, a pending 复议 case."""
    last = read_report(SEED)
    last.values.update({
        "t3.new.natural": 2, "t3.carried_out.natural": 2, "t3.new.legal": 1, "t3.carried_out.legal": 1,
        "t2.normative.in_force": 12, "t4.review.pending": 1,
    })
    return last


# --- import ---------------------------------------------------------------------------------------------------------
def test_import_workbook_marks_values_until_edited_or_confirmed(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, accept_import: list[ImportDialog],
        tmp_path: Path) -> None:
    w = window
    source = read_report(SEED)
    source.values["t3.new.natural"] = 4
    source.values["t3.carried_out.natural"] = 4  # keeps H1 true, so the natural column has no finding
    xlsx = tmp_path / "上年.xlsx"
    export_xlsx(source, xlsx)
    choose_file(monkeypatch, xlsx)
    assert not w.act_confirm.isEnabled()
    w.act_import.trigger()
    assert len(accept_import) == 1, "the import dialog was shown before anything was replaced"

    report = w.current_report()
    filled = {c for c, v in source.values.items() if v is not None}
    assert {c: report.values.get(c) for c in filled} == {c: source.values[c] for c in filled}
    assert set(w.controller.marks) == filled
    assert w.windowTitle().startswith("未命名")
    # the status bar carries the import log's summary
    message = w.statusBar().currentMessage()
    assert f"已导入“{xlsx.name}”" in message and f"读取{len(filled)}个数值" in message
    # the notice bar counts the marks and offers 全部确认; the Edit menu action is enabled
    assert w.notice_bar.isVisible() and w.notice_bar.confirm_button.isVisible()
    assert f"有{len(filled)}个导入的数值待核对" in w.notice_bar.marks_label.text()
    assert w.act_confirm.isEnabled()
    assert w.act_confirm in w.menuBar().actions()[1].menu().actions()

    cell = "t3.new.natural"
    assert w.controller.findings_for(cell) == []
    assert background(w, cell) == style.IMPORTED_BG
    assert data(w, cell, MARK_ROLE) is True
    assert f"导入自：“{xlsx.name}”工作表" in str(data(w, cell, TOOLTIP))
    assert background(w, "t3.carried_in.total") == style.TOTAL_BG  # totals are computed, never marked
    assert data(w, "t3.carried_in.total", MARK_ROLE) is False

    # editing a marked cell unmarks it; undo gives the mark back, redo takes it again
    type_into(qtbot, w, cell, "5")
    assert report.values[cell] == 5
    assert cell not in w.controller.marks
    assert background(w, cell) != style.IMPORTED_BG and data(w, cell, MARK_ROLE) is False
    assert "导入自" not in str(data(w, cell, TOOLTIP))
    assert f"有{len(filled) - 1}个导入的数值待核对" in w.notice_bar.marks_label.text()
    w.act_undo.trigger()
    assert report.values[cell] == 4 and cell in w.controller.marks
    w.act_redo.trigger()
    assert report.values[cell] == 5 and cell not in w.controller.marks

    # typing the value that is already there confirms that one cell (no undo step: the document is unchanged)
    steps = w.stack.count()
    type_into(qtbot, w, "t3.new.business", "3")
    assert "t3.new.business" not in w.controller.marks and w.stack.count() == steps

    # 全部确认 drops every mark; an undo afterwards does not bring one back
    qtbot.mouseClick(w.notice_bar.confirm_button, Qt.MouseButton.LeftButton)
    assert w.controller.marks == {}
    assert not w.notice_bar.isVisible() and not w.act_confirm.isEnabled()
    assert background(w, "t3.new.legal") == style.INPUT_BG
    w.act_undo.trigger()
    assert report.values[cell] == 4 and w.controller.marks == {}
    w.grab().save(str(tmp_path / "confirmed.png"))


def test_import_published_text_marks_with_line_numbers(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, accept_import: list[ImportDialog],
        tmp_path: Path) -> None:
    w = window
    expected = import_file(PUBLISHED)
    where = {e.cell: e.where for e in expected.log if e.level == "read" and e.cell}
    choose_file(monkeypatch, PUBLISHED)
    w.act_import.trigger()
    report = w.current_report()
    assert report.agency == expected.report.agency and report.values == expected.report.values
    marked = {c for c, v in report.values.items() if v is not None}
    assert set(w.controller.marks) == marked
    for cid in ("t3.new.business", "t2.normative.in_force", "t4.review.upheld"):
        assert where[cid].startswith("第") and where[cid].endswith("行")
        assert f"导入自：{where[cid]}" in str(data(w, cid, TOOLTIP))
    message = w.statusBar().currentMessage()
    assert "缺失1项" in message  # the seed's missing 总计 in （四）1, from the import log
    w.tabs.setCurrentWidget(w.table_scrolls["t3"])
    shot = tmp_path / "imported-t3.png"
    w.grab().save(str(shot))
    assert shot.stat().st_size > 10000
    # the Edit menu's 确认导入的数值 clears them all; loading another document would too
    w.act_confirm.trigger()
    assert w.controller.marks == {} and not w.notice_bar.isVisible()


def test_marks_are_saved_and_shown_again_after_another_document(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, accept_import: list[ImportDialog],
        tmp_path: Path) -> None:
    """Issue 26, item 4: the 待核对 marks used to vanish on save and reopen."""
    w = window
    choose_file(monkeypatch, PUBLISHED)
    w.act_import.trigger()
    marks = dict(w.controller.marks)
    assert marks
    saved = tmp_path / "imported.govreport"
    assert w.save_to(str(saved))
    assert read_report(saved).unchecked == marks and read_report(saved).import_log
    assert w.controller.marks == marks, "saving does not confirm anything"
    assert w.open_file(str(SEED), ask=False)
    assert w.controller.marks == {} and not w.notice_bar.isVisible()
    assert data(w, "t3.new.business", MARK_ROLE) is False
    assert w.open_file(str(saved), ask=False)  # reopened: every mark is back, painted and counted
    assert w.controller.marks == marks and w.notice_bar.isVisible()
    assert f"有{len(marks)}个导入的数值待核对" in w.notice_bar.marks_label.text()
    assert data(w, "t3.new.business", MARK_ROLE) is True and w.act_confirm.isEnabled()
    # confirming is a change to save: the title says so, and the saved file then has no marks left
    assert not w.isWindowModified()
    w.act_confirm.trigger()
    assert w.isWindowModified() and w.controller.marks == {}
    assert w.save_to(str(saved)) and read_report(saved).unchecked == {}


def test_cancelled_import_changes_nothing(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    w = window
    before = w.current_report()
    monkeypatch.setattr(ImportDialog, "exec", lambda self: QDialog.DialogCode.Rejected.value)
    choose_file(monkeypatch, PUBLISHED)
    w.act_import.trigger()
    assert w.current_report() is before and w.controller.marks == {} and not w.notice_bar.isVisible()


# --- carry-over -----------------------------------------------------------------------------------------------------
def test_carry_over_marks_carried_cells_and_shows_last_year(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    w = window
    last = last_year_report()
    path = tmp_path / "2023.govreport"
    write_report(last, path)
    choose_file(monkeypatch, path)
    w.act_carry.trigger()
    report = w.current_report()
    assert report.year == 2024 and report.previous is not None

    carried = {f"t3.carried_in.{c}" for c in report.form.tables["t3"].column_ids
               if f"t3.carried_in.{c}" in report.values}
    assert set(w.controller.marks) == carried and len(carried) == 6
    assert "有6个从上年转入的数值待核对" in w.notice_bar.marks_label.text()
    assert data(w, "t3.carried_in.natural", MARK_ROLE) is True
    assert background(w, "t3.carried_in.business") == style.IMPORTED_BG
    # a marked cell with a finding (H1: nothing new this year yet) keeps the finding's colour; the delegate still
    # draws the mark's stripe (MARK_ROLE)
    assert [f.rule for f in w.controller.findings_for("t3.carried_in.natural")] == ["H1"]
    assert background(w, "t3.carried_in.natural") == style.ERROR_BG
    w.tabs.setCurrentWidget(w.table_scrolls["t3"])
    assert stripe_drawn(w, "t3.carried_in.natural") and stripe_drawn(w, "t3.carried_in.business")
    assert not stripe_drawn(w, "t3.new.business")
    tip = str(data(w, "t3.carried_in.natural", TOOLTIP))
    assert "转入自：2023年报告" in tip and "上年：2" in tip
    assert data(w, "t3.carried_in.natural", BASELINE_ROLE) == "上年：2"
    assert data(w, "t3.carried_in.total", BASELINE_ROLE) == "上年：3"  # the sum of last year's 结转
    # 现行有效件数: last year's figure in the corner and the tooltip; 制发/废止: in the tooltip (W2/W3)
    assert data(w, "t2.normative.in_force", BASELINE_ROLE) == "上年：12"
    assert "上年：12" in str(data(w, "t2.normative.in_force", TOOLTIP))
    assert "上年：现行有效12件" in str(data(w, "t2.normative.issued", TOOLTIP))
    assert "上年：现行有效12件" in str(data(w, "t2.normative.repealed", TOOLTIP))
    assert data(w, "t2.normative.issued", BASELINE_ROLE) is None
    assert data(w, "t2.licensing.decisions", BASELINE_ROLE) is None
    # 表四 尚未审结: a reminder that last year's pending cases conclude this year
    assert data(w, "t4.review.pending", BASELINE_ROLE) == "上年：1"
    assert "应在本年审结" in str(data(w, "t4.review.pending", TOOLTIP))
    assert "应在本年审结" not in str(data(w, "t4.suit_direct.pending", TOOLTIP))  # nothing was pending there
    # the carry-over notes are shown in the notice bar (not a blocking dialog)
    assert w.notice_bar.notes_label.text() == "\n".join(carry_over_notes(last))
    assert "2024" in w.statusBar().currentMessage()

    # the expected stock follows this year's figures in the tooltip
    type_into(qtbot, w, "t2.normative.issued", "3")
    assert "本年应约为15" in str(data(w, "t2.normative.in_force", TOOLTIP))
    # editing a carried cell unmarks it; the baseline hint stays (it is last year's figure, not a mark)
    type_into(qtbot, w, "t3.carried_in.natural", "1")
    assert "t3.carried_in.natural" not in w.controller.marks
    assert data(w, "t3.carried_in.natural", BASELINE_ROLE) == "上年：2"
    w.tabs.setCurrentWidget(w.table_scrolls["t3"])
    shot = tmp_path / "carried-t3.png"
    w.grab().save(str(shot))
    assert shot.stat().st_size > 10000
    # 知道了 hides the notes; the marks line remains until confirmed
    qtbot.mouseClick(w.notice_bar.close_notes_button, Qt.MouseButton.LeftButton)
    assert w.notice_bar.isVisible() and not w.notice_bar.notes_label.isVisible()
    qtbot.mouseClick(w.notice_bar.confirm_button, Qt.MouseButton.LeftButton)
    assert not w.notice_bar.isVisible()
    # a new document: no marks, no notes, no baseline
    w.act_new.trigger()
    assert w.controller.marks == {} and not w.notice_bar.isVisible()
    assert data(w, "t3.carried_in.natural", BASELINE_ROLE) is None


def test_carry_over_from_seed_file(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """The seed itself: every carried figure is 0, still marked and shown as last year's."""
    w = window
    choose_file(monkeypatch, SEED)
    w.act_carry.trigger()
    assert len(w.controller.marks) == 6
    assert data(w, "t3.carried_in.business", BASELINE_ROLE) == "上年：0"
    assert "上年：0" in str(data(w, "t3.carried_in.business", TOOLTIP))
    assert "应在本年审结" not in str(data(w, "t4.review.pending", TOOLTIP))
    assert w.notice_bar.notes_label.text() == "\n".join(carry_over_notes(read_report(SEED)))
