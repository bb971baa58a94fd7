"""文件 › 导出 › Word…: the menu entry writes the open report as a .docx that reads back cell for cell, with the
PDF与打印设置 choices (signature block, rules appendix) applied, and a failed write is a message, not a crash."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from common import SEED
from PySide6.QtWidgets import QFileDialog, QMessageBox

from govreport_gui.core.exporters.pdf import PdfOptions
from govreport_gui.core.importers.dispatch import import_file
from govreport_gui.core.storage import read_report
from govreport_gui.ui.export.pdf_settings import save_pdf_options
from govreport_gui.ui.export.worker import running_jobs
from govreport_gui.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def save_to(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """Answer the save dialog with ``path``; the suggested names it was offered are recorded."""
    offered: list[str] = []

    def dialog(parent: object, caption: str, suggested: str, filter_text: str) -> tuple[str, str]:
        offered.append(suggested)
        assert "*.docx" in filter_text
        return str(path), filter_text

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    return offered


def finished(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Exports run in the background (ui/export/worker.py): wait for this one to end."""
    qtbot.waitUntil(lambda: running_jobs() == 0, timeout=30_000)


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_word_entry_exports_the_open_report(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                            monkeypatch: pytest.MonkeyPatch, errors: list[str]) -> None:
    assert window.open_file(str(SEED), ask=False)
    assert window.act_docx.text() == "Word…"
    assert window.act_docx in window.act_pdf.associatedObjects()[-1].actions()  # beside Excel and PDF
    out = tmp_path / "报告.docx"
    offered = save_to(monkeypatch, out)
    window.act_docx.trigger()
    finished(qtbot)
    assert errors == []
    assert offered and offered[0].endswith(".docx")
    assert "“报告.docx”" in window.statusBar().currentMessage()

    report = read_report(SEED)
    back = import_file(out).report
    for cid in report.form.cells:
        assert back.get(cid) == report.get(cid), cid
    assert back.meta == report.meta
    assert back.texts == report.texts
    text = paragraphs(out)
    assert f"{report.agency}（盖章）" not in text  # the settings are off by default


def test_word_takes_the_pdf_settings(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                     monkeypatch: pytest.MonkeyPatch, errors: list[str]) -> None:
    assert window.open_file(str(SEED), ask=False)
    save_pdf_options(PdfOptions(blank_as_zero=True, signature_block=True, rules_appendix=True))
    out = tmp_path / "签字.docx"
    save_to(monkeypatch, out)
    window.act_docx.trigger()
    finished(qtbot)
    assert errors == []
    report = read_report(SEED)
    text = paragraphs(out)
    assert f"{report.agency}（盖章）" in text
    assert any(t.startswith(report.form.rules[0]["id"]) for t in text)
    back = import_file(out).report
    assert all(back.get(c) == report.get(c) for c in report.form.inputs)


def test_word_write_failure_is_a_message(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                         monkeypatch: pytest.MonkeyPatch, errors: list[str]) -> None:
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warned.append(text))
    save_to(monkeypatch, tmp_path / "没有这个文件夹" / "报告.docx")
    window.act_docx.trigger()
    finished(qtbot)
    assert len(warned) == 1 and warned[0].startswith("导出失败")
    assert not (tmp_path / "没有这个文件夹").exists()
