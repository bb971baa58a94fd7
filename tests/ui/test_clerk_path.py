"""The clerk's whole path through the window, without a seam (issue 26): from last year's published PDF to this
year's report exported as final — no figure lost, every 待核对 mark accounted for.

1. 文件 › 导入… last year's published PDF (its 行政复议 总计 printed 0 while its parts sum to 11; its opening wrapped
   after "邮编："): the wrong total is settled 以计算值为准 from the grid's right-click menu; saved with its marks,
   another report opened, reopened: the marks are back; the clerk checks them (全部确认) and saves.
2. 文件 › 从上年报告新建… from that file: 2024's draft, the carried figures marked, last year's import log kept.
3. 文件 › 导入台账… a workbook of ten applications, one answered with 办理结果 "已公开" (not in the list): 仍然导入;
   the line is named by a finding and on the 台账 tab until the clerk picks its result; then every line is counted.
4. Tables 二 and 四 typed, the prose rewritten and 插入数据段落, the marks checked: the final check is clean.
5. 导出 › PDF: no 草稿 mark, the figures in the PDF; the saved file keeps its import log and no mark.
"""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from common import SEED
from keyboard import type_into
from published_pdf import published_lines, write_pdf
from PySide6.QtWidgets import QComboBox, QDialog, QFileDialog
from register_books import eight_lines, filled_template

from govreport_gui.core.checks.readiness import unresolved
from govreport_gui.core.intake.settle import SETTLE_TEXT
from govreport_gui.core.register.balance import balance
from govreport_gui.core.storage import read_report
from govreport_gui.ui.export.final_check import readiness_of
from govreport_gui.ui.export.worker import running_jobs
from govreport_gui.ui.grid.menu import grid_menu
from govreport_gui.ui.imports.dialog import ImportDialog
from govreport_gui.ui.main_window import MainWindow
from govreport_gui.ui.register import import_dialog as rid
from govreport_gui.ui.register.model import column_of

pytestmark = pytest.mark.gui
D = date.fromisoformat
OPENING = ["本报告根据《中华人民共和国政府信息公开条例》和有关要求编",
           "制。如对本报告有疑问请与本办公室联系（地址：临平区，邮编：",
           "311100，电话：0571-12345678）。"]
TABLE_2 = {"t2.regulations.issued": "0", "t2.regulations.repealed": "0", "t2.regulations.in_force": "0",
           "t2.normative.issued": "1", "t2.normative.repealed": "0", "t2.normative.in_force": "1",
           "t2.licensing.decisions": "5", "t2.penalty.decisions": "2", "t2.coercion.decisions": "0",
           "t2.fees.amount": "0"}
TABLE_4 = {f"t4.{row}.{col}": ("1" if (row, col) == ("review", "upheld") else "0")
           for row in ("review", "suit_direct", "suit_after_review")
           for col in ("upheld", "corrected", "other", "pending")}


def choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def pick(tab, row: int, field: str, label: str) -> None:  # type: ignore[no-untyped-def]
    idx = tab.proxy.mapFromSource(tab.model.index(row, column_of(field)))
    tab.view.setCurrentIndex(idx)
    tab.view.edit(idx)
    box = next(b for b in tab.view.viewport().findChildren(QComboBox) if b.isVisible())
    box.setCurrentIndex(box.findText(label))
    box.activated.emit(box.currentIndex())


def last_years_pdf(folder: Path) -> Path:
    last = read_report(SEED)
    last.values.update({"t4.review.upheld": 5, "t4.review.corrected": 3, "t4.review.other": 2,
                        "t4.review.pending": 1, "t3.new.natural": 2, "t3.carried_out.natural": 2})
    return write_pdf(published_lines(last, OPENING, {"t4.review.total": 0}), folder / "临平区2023年报告.pdf")


def register_book(folder: Path, form) -> Path:  # type: ignore[no-untyped-def]
    """Two applications carried in from 2023 and eight of 2024, the fifth of these answered "已公开"."""
    carried = [[1, D("2023-12-20"), "自然人", "申请人甲", "上年事项一", "予以公开", D("2024-01-10")],
               [2, D("2023-12-22"), "自然人", "申请人乙", "上年事项二", "予以公开", D("2024-01-12")]]
    rows = carried + [[i + 2, *row[1:]] for i, row in enumerate(eight_lines(2024, faulty=5), 1)]
    return filled_template(folder / "2024年台账.xlsx", form, rows)


def test_from_last_years_pdf_to_the_final_report(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        final_check_answers: list[str]) -> None:
    w = window
    monkeypatch.setattr(ImportDialog, "exec", lambda self: QDialog.DialogCode.Accepted.value)

    # 1. last year's published PDF, imported; the wrong printed total settled; the marks saved and checked
    choose(monkeypatch, last_years_pdf(tmp_path))
    w.act_import.trigger()
    last = w.current_report()
    assert last.year == 2023 and w.findings_dock.counts()[0] == 1  # H4: 总计 printed 0, parts 11
    marks = len(w.controller.marks)
    assert marks > 150
    assert w.go_to_cell("t4.review.total")
    next(a for a in grid_menu(w.table_tabs["t4"].view).actions() if a.text().startswith(SETTLE_TEXT)).trigger()
    assert w.findings_dock.counts()[0] == 0
    saved_last = tmp_path / "2023.govreport"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(saved_last), ""))
    assert w.save_as()
    assert w.open_file(str(SEED), ask=False) and w.controller.marks == {}
    assert w.open_file(str(saved_last), ask=False)
    assert len(w.controller.marks) == marks, "the 待核对 marks came back with the file"
    assert len(readiness_of(w.controller).marks) == marks
    w.notice_bar.confirm_button.click()  # the clerk has compared every figure with the PDF
    assert w.controller.marks == {} and w.isWindowModified()
    assert w.save()
    assert read_report(saved_last).unchecked == {}

    # 2. this year's draft from it
    choose(monkeypatch, saved_last)
    w.act_carry.trigger()
    report = w.current_report()
    assert report.year == 2024 and report.values["t3.carried_in.natural"] == 2
    carried = {c for c, w_ in w.controller.marks.items() if w_.startswith("转入自：2023年报告")}
    assert carried == set(w.controller.marks) and len(carried) == 6
    assert report.import_log[0].message.startswith("从“2023.govreport”读取上年报告")
    assert any(e.message.startswith(SETTLE_TEXT) for e in report.import_log)  # last year's printed 0, kept
    assert "邮编：311100，电话" in report.texts["preface"]

    # 3. the register, one line faulty; imported anyway, named, fixed
    book = register_book(tmp_path, report.form)
    choose(monkeypatch, book)
    monkeypatch.setattr(rid.RegisterImportDialog, "exec", lambda self: QDialog.DialogCode.Accepted.value)
    assert w.import_register()
    tab = w.tabs.register_tab
    named = [f for f in w.controller.findings if report.form.rule(f.rule)["kind"] == "register_uncounted"]
    assert len(named) == 1 and "序号7" in named[0].message
    assert "未计入1件（序号7" in tab.balance.text()
    pick(tab, 6, "result", "（一）予以公开")
    assert tab.balance.text() == "台账共10件 = 计入表三10件（本年新收8件 + 上年结转2件）。"

    # 4. the other tables typed, the prose written, the marks checked
    for cell, text in {**TABLE_2, **TABLE_4}.items():
        type_into(qtbot, w, cell, text)
    w.meta_tab.preface.setPlainText(
        "本报告根据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限自2024年1月1日起至2024年12月31日止。"
        "如对本报告有疑问请与本办公室联系（邮编：311100）。")
    overview = w.prose_tabs["overview"]
    overview.editor.setPlainText("本单位认真贯彻落实《中华人民共和国政府信息公开条例》。")
    overview.editor.moveCursor(overview.editor.textCursor().MoveOperation.End)
    assert overview.insert_drafts()  # 插入数据段落: the figures drafted from the tables
    w.prose_tabs["problems"].editor.setPlainText("一是公开内容还需丰富；二是解读形式较为单一。下一步将加以改进。")
    w.prose_tabs["other"].editor.setPlainText("本年度未收取信息处理费。")
    ready = readiness_of(w.controller)
    assert not ready.errors and not ready.warnings and not ready.stale, ready.lines(report)
    assert len(ready.marks) == 6  # the carried figures: still to check
    w.notice_bar.confirm_button.click()
    assert readiness_of(w.controller).clean

    # no figure lost: every register line is in Table 三, and Table 三 says so
    b = balance(report)
    assert b is not None and b.balanced and b.counted == len(report.register) == 10
    assert report.get("t3.new.total") + report.get("t3.carried_in.total") == 10
    assert report.get("t3.total.total") == 10 and report.get("t3.carried_out.total") == 0

    # 5. exported as final: no 草稿, no question asked
    pdf = tmp_path / "2024年报告.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(pdf), ""))
    w.export_pdf()
    qtbot.waitUntil(lambda: running_jobs() == 0, timeout=60_000)
    assert pdf.exists() and final_check_answers == []
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          timeout=60).stdout
    assert "草稿" not in text and "2024年度政府信息公开工作报告" in text
    assert "本年度新收政府信息公开申请8件" in text.replace(" ", "").replace("\n", "")
    saved = tmp_path / "2024.govreport"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(saved), ""))
    assert w.save_as()
    back = read_report(saved)
    assert back.unchecked == {} and unresolved(back).clean
    assert back.import_log == report.import_log and len(back.register) == 10
