"""查看 › 与上年对比… in the window: last year's file chosen once and remembered with the report, the tables side by
side with changes tinted, the prose diffed, the copied-text warning in the findings panel, 刷新 after typing, 导出."""

from __future__ import annotations

from pathlib import Path

import pytest
from keyboard import type_into
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog
from test_compare import CHANGED_CELLS, REWORDED_TO, changed_copy, expected_changed_cells

from govreport_gui.core.report import Report
from govreport_gui.core.storage import read_report, write_report
from govreport_gui.ui.compare import actions, memory
from govreport_gui.ui.main_window import MainWindow


@pytest.fixture
def years(tmp_path: Path, seed: Report) -> tuple[Path, Path]:
    last, this = tmp_path / "2023年报告.govreport", tmp_path / "2024年报告.govreport"
    write_report(seed, last)
    write_report(changed_copy(seed), this)
    return last, this


class Asker:
    """Stands in for the file dialog that asks for last year's file: answers ``answer``, counts the questions."""

    def __init__(self) -> None:
        self.answer: str | None = None
        self.times = 0

    def __call__(self, window: object) -> str | None:
        self.times += 1
        return self.answer


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Asker:
    asker = Asker()
    monkeypatch.setattr(actions, "ask_last_year", asker)
    return asker


def copied_warnings(w: MainWindow) -> list[str]:
    rule = w.current_report().form.rules_of_kind("copied_text")[0]["id"]
    return [f.place.key for f in w.controller.findings if f.rule == rule and f.place]


def table_rows(view) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    return [tuple(view.item(r, c).text() for c in range(view.columnCount())) for r in range(view.rowCount())]


def test_compare_chooses_once_remembers_and_shows(qtbot, window: MainWindow, years, asked, errors, seed) -> None:  # type: ignore[no-untyped-def]
    last, this = years
    assert window.open_file(str(this), ask=False)
    assert copied_warnings(window) == []  # last year's prose not known yet
    asked.answer = str(last)
    window.act_compare.trigger()
    dialog = window.compare_dialog
    assert asked.times == 1 and errors == []
    assert memory.last_year_file(str(this)) == str(last.resolve())
    assert "结论：需要核实。" in dialog.summary.text()
    per_table = [sum(c.startswith(t) for c in expected_changed_cells(seed)) for t in ("t2.", "t3.", "t4.")]
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        f"表二（{per_table[0]}处变化）", f"表三（{per_table[1]}处变化）", f"表四（{per_table[2]}处变化）",
        "正文（2部分雷同）", "跨年度核对"]
    shown = {row for view in dialog.tables for row in table_rows(view)}
    assert ("一、本年新收政府信息公开申请数量", "总计", "3", "7", "增加4件，增长133.3%", "133.3%") in shown
    tinted = sum(view.item(r, 0).background().color().name() in ("#e6f4ea", "#fdecea", "#fff6e0")
                 for view in dialog.tables for r in range(view.rowCount()))
    assert tinted == len(expected_changed_cells(seed))
    qtbot.waitExposed(dialog)
    box = dialog.only_changed
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))  # on its square
    assert dialog.only_changed.isChecked()
    visible = sum(not view.isRowHidden(r) for view in dialog.tables for r in range(view.rowCount()))
    assert visible == tinted
    assert REWORDED_TO.replace("每季度", "") in dialog.prose.toPlainText() and "每季度" in dialog.prose.toPlainText()
    assert set(copied_warnings(window)) == {"overview", "problems"}  # the findings panel shows the copies
    # asked only once: the second time the remembered file is used
    dialog.close()
    window.act_compare.trigger()
    assert asked.times == 1


def test_typing_then_refresh_and_export(qtbot, window: MainWindow, years, asked, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    last, this = years
    window.open_file(str(this), ask=False)
    asked.answer = str(last)
    window.act_compare.trigger()
    dialog = window.compare_dialog
    type_into(qtbot, window, "t3.new.natural", "9")
    dialog.refresh()
    rows = {r[:2]: r for view in dialog.tables for r in table_rows(view)}
    assert rows[("一、本年新收政府信息公开申请数量", "自然人")][2:5] == ("0", "9", "增加9件")
    out = tmp_path / "对比.xlsx"
    assert dialog.export("xlsx", str(out))
    ws = openpyxl.load_workbook(out)["表格"]
    got = {(r[1], r[2]): r[4] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert got[("一、本年新收政府信息公开申请数量", "自然人")] == 9
    assert CHANGED_CELLS  # the copy changed these; the export followed the window's report, not the file


def test_reopened_report_finds_its_copies_without_asking(qtbot, window: MainWindow, years, asked) -> None:  # type: ignore[no-untyped-def]
    last, this = years
    memory.remember(str(this), str(last))
    window.open_file(str(this), ask=False)
    qtbot.waitUntil(lambda: bool(copied_warnings(window)), timeout=3000)
    assert set(copied_warnings(window)) == {"overview", "problems"}
    assert read_report(this).last_texts == {}  # nothing of last year went into the file


def test_carried_report_remembers_its_source_when_saved(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, tmp_path: Path, seed, monkeypatch) -> None:
    last = tmp_path / "上年.govreport"
    write_report(seed, last)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(last), ""))
    window.new_from_last_year()
    assert set(copied_warnings(window)) == {"overview", "problems"}  # known from the carry-over itself
    new = tmp_path / "本年.govreport"
    assert window.save_to(str(new))
    assert memory.last_year_file(str(new)) == str(last.resolve())


def test_wrong_order_is_refused(qtbot, window: MainWindow, years, asked, errors) -> None:  # type: ignore[no-untyped-def]
    last, this = years
    window.open_file(str(last), ask=False)
    asked.answer = str(this)
    window.act_compare.trigger()
    assert getattr(window, "compare_dialog", None) is None
    assert any("请先给上年的报告" in e for e in errors)
