"""Issue 26 through the window, item by item: the 台账 accounts for every line (1), 导入台账 offers 追加 (2), a new line
is dated in the report's year (3), a wrong printed total is settled 以计算值为准 (5), 从上年报告新建 takes a published
PDF (7), and the page does not jump when the notice bar shrinks; print preview opens at page width (9).

The file dialogs and the dialogs' ``exec`` are patched to answer at once; everything else is the real window, typed
into and read back.  Screenshots go to the test's folder (``CLERK_SHOTS`` names another folder to keep them).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from common import SEED
from published_pdf import published_lines, write_pdf
from PySide6.QtCore import QPoint, Qt
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWidget
from register_books import eight_lines, filled_template

from govreport_gui.core.checks import register as register_checks
from govreport_gui.core.intake.settle import SETTLE_TEXT
from govreport_gui.core.report import Report
from govreport_gui.core.storage import read_report
from govreport_gui.ui.export import printing
from govreport_gui.ui.grid.menu import grid_menu
from govreport_gui.ui.imports.dialog import ImportDialog
from govreport_gui.ui.main_window import MainWindow
from govreport_gui.ui.register import import_dialog as rid
from govreport_gui.ui.register.account import UNREAD_SUFFIX
from govreport_gui.ui.register.model import column_of
from govreport_gui.ui.review.table import ReviewModel

pytestmark = pytest.mark.gui
D = date.fromisoformat
OPENING = ["本报告根据《中华人民共和国政府信息公开条例》和有关要求编",
           "制。如对本报告有疑问请与本办公室联系（地址：临平区，邮编：",
           "311100，电话：0571-12345678）。"]
REVIEW_PARTS = {"t4.review.upheld": 5, "t4.review.corrected": 3, "t4.review.other": 2, "t4.review.pending": 1}


def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("CLERK_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def accept(monkeypatch: pytest.MonkeyPatch, cls: type[QDialog]) -> list[QDialog]:
    seen: list[QDialog] = []
    monkeypatch.setattr(cls, "exec", lambda self: (seen.append(self), QDialog.DialogCode.Accepted.value)[1])
    return seen


def rules_of(w: MainWindow, kind: str) -> list[str]:
    return [f.message for f in w.controller.findings if w.current_report().form.rule(f.rule)["kind"] == kind]


def pick(tab, row: int, field: str, label: str) -> None:  # type: ignore[no-untyped-def]
    """Open a 台账 cell's drop-down and choose ``label`` (as the clerk does)."""
    from PySide6.QtWidgets import QComboBox

    idx = tab.proxy.mapFromSource(tab.model.index(row, column_of(field)))
    tab.view.setCurrentIndex(idx)
    tab.view.edit(idx)
    box = next(b for b in tab.view.viewport().findChildren(QComboBox) if b.isVisible())
    box.setCurrentIndex(box.findText(label))
    box.activated.emit(box.currentIndex())


def last_year_pdf(tmp_path: Path) -> Path:
    """Last year's report as published: 行政复议 总计 printed 0 while its parts sum to 11, a hard wrap after 邮编："""
    last = read_report(SEED)
    last.values.update(REVIEW_PARTS)
    last.values.update({"t3.carried_out.natural": 2, "t3.new.natural": 2})
    return write_pdf(published_lines(last, OPENING, {"t4.review.total": 0}), tmp_path / "2023年报告.pdf")


def top_left(w: MainWindow, widget: QWidget) -> QPoint:
    return widget.mapTo(w, QPoint(0, 0))


# --- 1 and 2: the register ------------------------------------------------------------------------------------------
def test_every_register_line_is_counted_or_named(qtbot, window: MainWindow, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.load_report(Report.new("某局", 2024), None, False)
    form = w.current_report().form
    book = filled_template(tmp_path / "台账.xlsx", form, eight_lines())
    choose(monkeypatch, book)
    seen = accept(monkeypatch, rid.RegisterImportDialog)
    assert w.import_register()
    assert "仍然导入" in seen[0].import_button.text()  # 已公开 was listed before anything changed
    t3 = w.table_tabs["t3"].model
    assert t3.data(t3.index_of("t3.new.total")) == "7"
    found = rules_of(w, "register_uncounted")
    assert len(found) == 1 and "序号5" in found[0] and "“已公开”" in found[0]
    assert w.findings_dock.counts()[1] >= 1, "the window used to show 0 errors and 0 warnings"
    tab = w.tabs.register_tab
    assert w.tabs.currentWidget() is tab
    assert tab.balance.isVisible()
    assert tab.balance.text() == ("台账共8件 = 计入表三7件（本年新收7件 + 上年结转0件） "
                                  "+ 未计入1件（序号5，见检查结果）。")
    assert tab.model.data(tab.model.index(4, column_of("result"))) == f"已公开{UNREAD_SUFFIX}"
    assert "已公开" in tab.model.data(tab.model.index(4, column_of("result")), Qt.ItemDataRole.ToolTipRole)
    w.grab().save(str(shots(tmp_path) / "register-uncounted.png"))
    # the finding leads to the line
    dock = w.findings_dock
    row = next(i for i, f in enumerate(dock.findings()) if "序号5" in f.message)
    w.tabs.setCurrentIndex(0)
    dock._activate(dock.list.item(row))
    assert w.tabs.currentWidget() is tab and tab.source_rows() == [4]
    # fixed by picking the result from the list: counted, the finding and the red go
    pick(tab, 4, "result", "（一）予以公开")
    assert w.current_report().register.lines[4].unread == ()
    assert t3.data(t3.index_of("t3.new.total")) == "8" and rules_of(w, "register_uncounted") == []
    assert tab.balance.text() == "台账共8件 = 计入表三8件（本年新收8件 + 上年结转0件）。"
    w.grab().save(str(shots(tmp_path) / "register-counted.png"))

    # 2: a second workbook appended, the lines that look the same shown and skipped, one undo step
    rows = [*eight_lines()[5:], [9, D("2024-05-02"), "商业企业", "某公司", "事项9", "部分公开", D("2024-05-20")]]
    choose(monkeypatch, filled_template(tmp_path / "台账二.xlsx", form, rows))

    def append(dialog: rid.RegisterImportDialog) -> int:
        seen.append(dialog)
        dialog.show()
        assert dialog.mode.isVisible() and dialog.mode.same_list.count() == 3  # 序号6–8 are there already
        assert "序号6" in dialog.mode.same_list.item(0).text()
        dialog.mode.append.setChecked(True)
        assert dialog.mode.skip.isEnabled() and dialog.mode.skip.isChecked()
        dialog.grab().save(str(shots(tmp_path) / "register-append.png"))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(rid.RegisterImportDialog, "exec", append)
    steps = w.stack.count()
    assert w.import_register()
    reg = w.current_report().register
    assert len(reg) == 9 and reg.lines[8].content == "事项9" and w.stack.count() == steps + 1
    assert "已追加台账" in w.statusBar().currentMessage()
    w.stack.undo()
    assert len(w.current_report().register) == 8


def test_a_new_line_is_dated_in_the_report_year(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(register_checks, "today", lambda: D("2026-12-05"))
    w = window
    w.load_report(Report.new("某局", 2024), None, False)
    tab = w.tabs.register_tab
    w.tabs.setCurrentWidget(tab)
    assert tab.add_line()
    line = w.current_report().register.lines[0]
    assert line.received == D("2024-01-01")
    assert not any("尚未收录" in m for m in rules_of(w, "register_overdue")), "no calendar warning about 2027"
    pick(tab, 0, "applicant_type", "自然人")
    assert tab.add_line()
    assert w.current_report().register.lines[1].received == D("2024-01-01")  # the line it follows, in the year


# --- 5: a wrong printed total ---------------------------------------------------------------------------------------
def test_a_wrong_printed_total_is_settled_from_the_right_click_menu(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, monkeypatch, tmp_path) -> None:
    w = window
    choose(monkeypatch, last_year_pdf(tmp_path))
    accept(monkeypatch, ImportDialog)
    w.act_import.trigger()
    report = w.current_report()
    assert report.printed_totals["t4.review.total"] == 0
    assert w.findings_dock.counts()[0] == 1
    assert w.go_to_cell("t4.review.total")
    view = w.table_tabs["t4"].view
    menu = grid_menu(view)
    settle = [a for a in menu.actions() if a.text().startswith(SETTLE_TEXT)]
    assert [a.text() for a in settle] == [f"{SETTLE_TEXT}（原表印出0，按各项之和11）"]
    settle[0].trigger()
    assert w.findings_dock.counts()[0] == 0 and "t4.review.total" not in report.printed_totals
    assert report.import_log[-1].message.startswith(SETTLE_TEXT)
    assert w.stack.undoText().startswith(SETTLE_TEXT)
    w.stack.undo()
    assert w.findings_dock.counts()[0] == 1 and report.printed_totals["t4.review.total"] == 0
    # the same from the finding's own right-click menu
    dock = w.findings_dock
    item = next(dock.list.item(i) for i in range(dock.list.count()) if dock.findings()[i].severity == "error")
    entries = [a for a in dock.context_menu(item).actions() if a.text().startswith(SETTLE_TEXT)]
    entries[0].trigger()
    assert w.findings_dock.counts()[0] == 0
    # the import log keeps the printed figure (查看 › 导入记录…)
    w.act_import_log.trigger()
    log = w._import_log_dialog
    assert SETTLE_TEXT in log.summary.text() and log.table.item(0, 2).text().startswith(SETTLE_TEXT)
    log.grab().save(str(shots(tmp_path) / "import-log.png"))
    log.close()


# --- 7: 从上年报告新建 from the published PDF ---------------------------------------------------------------------
def test_new_from_last_years_published_pdf(qtbot, window: MainWindow, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    w = window
    pdf = last_year_pdf(tmp_path)
    choose(monkeypatch, pdf)
    seen = accept(monkeypatch, ImportDialog)
    w.act_carry.trigger()
    assert len(seen) == 1 and seen[0].import_button.text() == "导入并新建本年报告"
    report = w.current_report()
    assert report.year == 2024 and report.values["t3.carried_in.natural"] == 2
    assert set(w.controller.marks) == {c for c, _ in report.form.carry_pairs if not report.form.cells[c].derived}
    assert "导入后尚未核对" in w.controller.marks["t3.carried_in.natural"]
    assert w.notice_bar.notes_label.text().startswith("上年报告从“2023年报告.pdf”导入")
    assert report.import_log[0].message.startswith("从“2023年报告.pdf”导入上年报告")
    assert "邮编：311100" in report.texts["preface"]  # the PDF's hard line break joined
    assert w.isWindowModified() and w.windowTitle().startswith("未命名")
    # a file that is no report: one Chinese line, the open report stays
    from govreport_gui.ui.imports import dialog as import_dialog

    said: list[str] = []
    monkeypatch.setattr(import_dialog, "show_refusal", lambda parent, text: said.append(text))
    junk = tmp_path / "图片.pdf"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    choose(monkeypatch, junk)
    w.act_carry.trigger()
    assert len(said) == 1 and "图片.pdf" in said[0] and w.current_report() is report


# --- 9: the page stays where it is; print preview at page width; 警告 -------------------------------------------
def test_the_page_does_not_move_when_the_notice_bar_shrinks(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, monkeypatch, tmp_path) -> None:
    w = window
    choose(monkeypatch, last_year_pdf(tmp_path))
    accept(monkeypatch, ImportDialog)
    w.act_carry.trigger()
    w.tabs.setCurrentWidget(w.table_scrolls["t3"])
    QApplication.processEvents()
    bar, grid = w.tabs.tabBar(), w.table_tabs["t3"].view.viewport()
    before = (top_left(w, bar), top_left(w, grid))
    assert w.notice_bar.isVisible() and w.notice_bar.confirm_button.isVisible() and w.notice_bar.notes_label.isVisible()
    w.grab().save(str(shots(tmp_path) / "notice-before.png"))
    qtbot.mouseClick(w.notice_bar.confirm_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert (top_left(w, bar), top_left(w, grid)) == before
    w.grab().save(str(shots(tmp_path) / "notice-after-confirm.png"))
    qtbot.mouseClick(w.notice_bar.close_notes_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert not w.notice_bar.isVisible()
    assert (top_left(w, bar), top_left(w, grid)) == before
    w.grab().save(str(shots(tmp_path) / "notice-after-close.png"))


def test_print_preview_opens_at_page_width(qtbot, seed, tmp_path) -> None:  # type: ignore[no-untyped-def]
    pages = printing.ReportPages(seed)
    dialog = printing.make_preview_dialog(None, pages)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 760)
    dialog.show()
    qtbot.waitExposed(dialog)
    widget = printing.preview_widget(dialog)
    assert widget.zoomMode() == QPrintPreviewWidget.ZoomMode.FitToWidth
    assert widget.zoomFactor() > 0.8, widget.zoomFactor()  # was 0.385: the whole page
    dialog.grab().save(str(shots(tmp_path) / "print-preview.png"))


def test_the_review_says_warning_as_everything_else_does(qtbot) -> None:  # type: ignore[no-untyped-def]
    header = ReviewModel().header
    assert "警告" in header and "提醒" not in header


# --- 4: a report opened with its marks (the command line's file argument, the review) ----------------------------
def test_a_window_opened_on_a_file_with_marks_shows_them(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from govreport_gui.core.storage import write_report

    report = read_report(SEED)
    report.unchecked = {"t3.new.business": "导入自：第12行"}
    path = tmp_path / "带标记.govreport"
    write_report(report, path)
    w = MainWindow(read_report(path), str(path))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert w.notice_bar.isVisible() and "有1个导入的数值待核对" in w.notice_bar.marks_label.text()
    assert w.act_confirm.isEnabled() and not w.isWindowModified()
