"""设置 → PDF与打印: the choices are saved, used by 导出 PDF, and a bad font file is refused with its reason."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from govreport_gui.ui.export import pdf_settings
from govreport_gui.ui.export.pdf_settings import PdfSettingsDialog, pdf_options
from govreport_gui.ui.export.worker import running_jobs
from govreport_gui.ui.main_window import MainWindow


def test_defaults_are_off() -> None:
    opts = pdf_options()
    assert not (opts.blank_as_zero or opts.signature_block or opts.rules_appendix) and opts.fonts == {}


def test_dialog_saves_and_export_uses_it(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = PdfSettingsDialog(window)
    qtbot.addWidget(dialog)
    assert "当前使用" in dialog.in_use.text()
    dialog.checks["blank_as_zero"].setChecked(True)
    dialog.checks["signature_block"].setChecked(True)
    dialog.accept()
    opts = pdf_options()
    assert opts.blank_as_zero and opts.signature_block and not opts.rules_appendix

    out = tmp_path / "blank.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window.export_pdf()  # a new, blank report, exported in the background
    qtbot.waitUntil(lambda: running_jobs() == 0, timeout=30_000)
    text = subprocess.run(["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "单位负责人" in text
    assert text.count("0") >= 166  # every blank input printed as 0


def test_unusable_font_is_refused(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(str(a[2])))
    bad = tmp_path / "not-a-font.ttf"
    bad.write_bytes(b"garbage" * 100)
    dialog = PdfSettingsDialog()
    qtbot.addWidget(dialog)
    dialog.fonts["body"].setText(str(bad))
    dialog.accept()
    assert warned and "字体" in warned[0]
    assert dialog.result() != PdfSettingsDialog.DialogCode.Accepted
    assert pdf_settings.pdf_options().fonts == {}  # nothing saved
