"""The import dialog: shows the numbers and the log, highlights disagreements, returns a report only on 导入."""

from __future__ import annotations

from pathlib import Path

import pytest
from common import DATA
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QDialog

from govreport_gui.ui.imports import dialog as import_dialog
from govreport_gui.ui.imports.dialog import ImportDialog, run_import_dialog

SAMPLE_2019 = DATA / "import-2019-format.txt"
MISMATCH = (
    "某局2024年度政府信息公开工作年度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n"
    "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t2\t1\t0\t0\t0\t0\t4\n"
    "四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n无。\n"
)


def _press_later(qtbot, which: str) -> list[ImportDialog]:  # type: ignore[no-untyped-def]
    seen: list[ImportDialog] = []

    def press() -> None:
        dlg = QApplication.activeModalWidget()
        if not isinstance(dlg, ImportDialog):
            QTimer.singleShot(20, press)
            return
        seen.append(dlg)
        (dlg.import_button if which == "import" else dlg.cancel_button).click()

    QTimer.singleShot(0, press)
    return seen


def test_accept_returns_the_imported_report(qtbot) -> None:  # type: ignore[no-untyped-def]
    seen = _press_later(qtbot, "import")
    report = run_import_dialog(None, SAMPLE_2019)
    assert seen, "the dialog was shown"
    assert report is not None and report.year == 2020
    assert report.values["t3.other.other.natural"] == 1


def test_cancel_returns_none(qtbot) -> None:  # type: ignore[no-untyped-def]
    seen = _press_later(qtbot, "cancel")
    assert run_import_dialog(None, SAMPLE_2019) is None
    assert seen


def test_refusal_shows_message_and_returns_none(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    shown: list[str] = []
    monkeypatch.setattr(import_dialog, "show_refusal", lambda parent, text: shown.append(text))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert run_import_dialog(None, empty) is None
    assert shown and "空文件" in shown[0]


def test_dialog_shows_numbers_log_and_highlights_mismatch(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from govreport_gui.core.importers.dispatch import import_file

    src = tmp_path / "m.txt"
    src.write_text(MISMATCH, encoding="utf-8")
    res = import_file(src)
    dlg = ImportDialog(res, src.name)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    assert "不一致1处" in dlg.summary.text()
    rows = {dlg.cells.item(i, 0).data(256): i for i in range(dlg.cells.rowCount())}
    i = rows["t3.new.total"]
    assert dlg.cells.item(i, 1).text() == "4" and dlg.cells.item(i, 2).text() == "3"
    assert dlg.cells.item(i, 1).background().color() == QColor("#f6c6c6")
    j = rows["t2.fees.amount"]
    assert dlg.cells.item(j, 1).text() == "（未找到）"
    assert dlg.log.rowCount() == len(res.log)
    texts = [dlg.log.item(k, 0).text() for k in range(dlg.log.rowCount())]
    assert "不一致" in texts and "缺失" in texts
    dlg.grab().save(str(tmp_path / "dialog.png"))
    assert (tmp_path / "dialog.png").stat().st_size > 1000
    dlg.reject()
    assert dlg.result() == QDialog.DialogCode.Rejected


def test_problems_only_filter(qtbot) -> None:  # type: ignore[no-untyped-def]
    from govreport_gui.core.importers.dispatch import import_file

    result = import_file(SAMPLE_2019)
    dlg = ImportDialog(result, SAMPLE_2019.name)
    qtbot.addWidget(dlg)
    all_cells, all_log = dlg.visible_rows(dlg.cells), dlg.visible_rows(dlg.log)
    problems = sum(1 for e in result.log if e.level not in ("info", "read"))
    dlg.problems_only.setChecked(True)
    assert dlg.visible_rows(dlg.log) == problems < all_log
    shown_cells = dlg.visible_rows(dlg.cells)
    assert 0 < shown_cells < all_cells
    for row in range(dlg.cells.rowCount()):  # every row left shows a blank, missing or disagreeing value
        if not dlg.cells.isRowHidden(row):
            cid = dlg.cells.item(row, 0).data(0x0100)
            spec = result.report.form.cells[cid]
            source = result.report.printed_totals if spec.derived else result.report.values
            assert source.get(cid) is None or spec.derived
    dlg.problems_only.setChecked(False)
    assert dlg.visible_rows(dlg.cells) == all_cells and dlg.visible_rows(dlg.log) == all_log
