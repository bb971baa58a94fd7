"""In the window: the final check before export and print (返回修改 / 仍然导出（草稿）), the per-finding confirmation,
a stale-text finding selecting its words, and "未发现问题" in an empty findings panel."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from govreport_gui.core.edits import Document, confirm, set_cell
from govreport_gui.core.intake.carryover import carry_over
from govreport_gui.core.report import Report
from govreport_gui.core.storage import read_report
from govreport_gui.ui.export import printing
from govreport_gui.ui.export import worker as export_worker
from govreport_gui.ui.export.final_check import FinalCheckDialog
from govreport_gui.ui.findings import dock as findings_dock
from govreport_gui.ui.main_window import MainWindow

SEED = Path(__file__).resolve().parents[1] / "data" / "linping-2023.govreport"
needs_pdftotext = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")


def finished(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Exports run in the background (ui/export/worker.py): wait for them to end."""
    qtbot.waitUntil(lambda: export_worker.running_jobs() == 0, timeout=30_000)


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True, timeout=60).stdout


def clean_report() -> Report:
    """The seed with its warnings confirmed: nothing unresolved."""
    doc = Document(read_report(SEED))
    for f in list(doc.findings):
        doc.apply(confirm(doc.report, f, "已核实。"))
    return doc.report


def press_later(which: str, seen: list[FinalCheckDialog]) -> None:
    """Press a button of the final-check dialog as soon as it is shown (the dialog runs its own event loop)."""

    def press() -> None:
        dlg = QApplication.activeModalWidget()
        if not isinstance(dlg, FinalCheckDialog):
            QTimer.singleShot(20, press)
            return
        seen.append(dlg)
        (dlg.back_button if which == "back" else dlg.draft_button).click()

    QTimer.singleShot(0, press)


@pytest.fixture
def real_gate(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FinalCheckDialog, "exec", QDialog.exec)


@needs_pdftotext
def test_export_gate_back_and_draft(qtbot, window: MainWindow, tmp_path: Path, real_gate: None,  # type: ignore[no-untyped-def]
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    w = window
    assert w.open_file(str(SEED))
    out = tmp_path / "报告.pdf"
    asked: list[str] = []

    def save_name(*a: object, **k: object) -> tuple[str, str]:
        asked.append("asked")
        return str(out), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    seen: list[FinalCheckDialog] = []
    press_later("back", seen)
    w.export_pdf()
    finished(qtbot)
    assert len(seen) == 1 and not asked and not out.exists()  # 返回修改: nothing asked, nothing written
    dlg = seen[0]
    assert dlg.back_button.isDefault() and not dlg.draft_button.isDefault()
    assert dlg.back_button.text() == "返回修改" and dlg.draft_button.text() == "仍然导出（草稿）"
    assert "未确认的警告2项" in dlg.findChildren(type(dlg.details))[0].text()
    press_later("draft", seen)
    w.export_pdf()
    finished(qtbot)
    assert len(seen) == 2 and asked and out.exists()
    assert "草稿" in pdf_text(out)


def test_excel_export_gate_marks_the_workbook(qtbot, window: MainWindow, tmp_path: Path, real_gate: None,  # type: ignore[no-untyped-def]
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import load_workbook

    w = window
    assert w.open_file(str(SEED))
    out = tmp_path / "报告.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    seen: list[FinalCheckDialog] = []
    press_later("draft", seen)
    w.export_xlsx()
    finished(qtbot)
    assert seen and "草稿" in (load_workbook(out).worksheets[0].oddHeader.center.text or "")


@needs_pdftotext
def test_a_clean_report_exports_without_asking_and_without_mark(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                               monkeypatch: pytest.MonkeyPatch,
                                                               final_check_answers: list[str]) -> None:
    w = window
    w.load_report(clean_report(), None, False)
    out = tmp_path / "正式.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    w.export_pdf()
    finished(qtbot)
    assert final_check_answers == [] and "草稿" not in pdf_text(out)


def test_print_and_preview_go_through_the_gate(qtbot, window: MainWindow, real_gate: None,  # type: ignore[no-untyped-def]
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    w = window
    assert w.open_file(str(SEED))
    calls: list[tuple[str, bool]] = []
    monkeypatch.setattr(export_worker, "print_in_background",
                        lambda _w, _r, o, preview: calls.append(("preview" if preview else "print", o.draft)))
    seen: list[FinalCheckDialog] = []
    press_later("back", seen)
    w.print_report()
    assert calls == [] and seen[-1].draft_button.text() == "仍然打印（草稿）"
    press_later("draft", seen)
    w.print_report()
    press_later("draft", seen)
    w.print_preview()
    assert calls == [("print", True), ("preview", True)]
    w.load_report(clean_report(), None, False)
    w.print_preview()
    assert calls[-1] == ("preview", False) and len(seen) == 3  # clean: no question, no mark


@needs_pdftotext
def test_printed_pages_of_a_draft_carry_the_mark(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from govreport_gui.core.exporters.pdf import PdfOptions

    pages = printing.ReportPages(read_report(SEED), PdfOptions(draft=True))
    out = tmp_path / "pages.pdf"
    out.write_bytes(pages.data)  # the bytes the preview and the printer paint
    assert pdf_text(out).count("草稿") >= pages.page_count


def test_unconfirmed_carried_values_are_in_the_summary(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                       final_check_answers: list[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from govreport_gui.core.intake.review_marks import CARRIED, marks_from_carry_over

    monkeypatch.setattr(export_worker, "print_in_background", lambda *a, **k: None)
    w = window
    report = carry_over(read_report(SEED))
    w.load_report(report, None, True)
    w.controller.set_marks(marks_from_carry_over(report), CARRIED)
    w.print_preview()
    assert len(final_check_answers) == 1
    assert "导入或从上年转入的数值尚未确认" in final_check_answers[0] and "W13" in final_check_answers[0]


def test_confirmation_belongs_to_one_finding_in_the_window(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    w = window
    report = carry_over(read_report(SEED))
    w.load_report(report, None, True)
    form = report.form
    rule = next(r for r in form.rules if r["kind"] == "baseline_equal")
    natural, business = rule["cell"].format(col="natural"), rule["cell"].format(col="business")
    assert w.controller.push(set_cell(natural, 5), "编辑")
    dock = w.findings_dock

    def item_of(cell: str) -> int:
        return next(i for i, f in enumerate(dock.findings()) if f.rule == rule["id"] and f.cells == (cell,))

    dock.list.setCurrentRow(item_of(natural))
    monkeypatch.setattr(findings_dock, "explain_dialog", lambda *a: ("自然人上年结转经核实为5件。", True))
    assert dock.confirm_current()
    assert dock.list.item(item_of(natural)).text().startswith("【已确认】")
    assert w.controller.push(set_cell(business, 2), "编辑")
    assert dock.list.item(item_of(natural)).text().startswith("【已确认】")
    assert dock.list.item(item_of(business)).text().startswith("【警告】")  # the new W1 is open
    offered: list[tuple[str, str]] = []

    def ask(parent: object, title: str, current: str, note: str = "") -> tuple[str, bool]:
        offered.append((current, note))
        return "商业企业上年结转经核实为2件。", True

    monkeypatch.setattr(findings_dock, "explain_dialog", ask)
    dock.list.setCurrentRow(item_of(business))
    assert dock.confirm_current()
    assert offered == [("自然人上年结转经核实为5件。", findings_dock.OFFER_NOTES["same_rule"])]  # offered for editing
    assert dock.list.item(item_of(business)).text().startswith("【已确认】")
    # changing the confirmed values opens it again, the old explanation quoted
    assert w.controller.push(set_cell(natural, 6), "编辑")
    text = dock.list.item(item_of(natural)).text()
    assert text.startswith("【警告】") and "原说明（所涉数值已变，请重新确认）：自然人上年结转经核实为5件。" in text


def test_a_stale_text_finding_selects_its_words(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    report = carry_over(read_report(SEED))
    w.load_report(report, None, True)
    dock = w.findings_dock
    items = {(f.rule, f.place.key): i for i, f in enumerate(dock.findings()) if f.place is not None}
    stale_year = next(r["id"] for r in report.form.rules if r["kind"] == "stale_year")
    dock._activate(dock.list.item(items[(stale_year, "problems")]))
    tab = w.prose_tabs["problems"]
    assert w.tabs.currentWidget() is tab
    assert tab.editor.textCursor().selectedText() == "2023年度"
    dock._activate(dock.list.item(items[(stale_year, "preface")]))  # the preface is edited on the meta tab
    assert w.tabs.currentWidget() is w.meta_tab
    assert w.meta_tab.preface.textCursor().selectedText() == "自2023年1月1日起至2023年12月31日止"


def test_empty_findings_panel_says_nothing_found(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    r = Report.new("某局", 2024)
    r.values = {c: 0 for c in r.form.inputs}
    w.load_report(r, None, False)
    dock = w.findings_dock
    assert w.controller.findings == []
    assert dock.empty_label.isVisible() and dock.empty_label.text() == "未发现问题"
    assert "未发现问题" in dock.windowTitle() and not dock.list.isVisible()
    w.controller.push(set_cell("t2.fees.amount", None), "编辑")
    assert dock.list.isVisible() and not dock.empty_label.isVisible()
