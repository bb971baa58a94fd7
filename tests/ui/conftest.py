"""Fixtures for the pytest-qt tests of the main window: offscreen Qt, throw-away settings, no blocking dialogs."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def temp_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own settings file: the user's real settings are never read or written."""
    folder = tmp_path_factory.mktemp("settings")
    monkeypatch.setenv("GOVREPORT_SETTINGS_DIR", str(folder))
    return folder


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Messages the window would show in an error box (recorded instead of blocking)."""
    from govreport_gui.ui import main_window

    shown: list[str] = []
    monkeypatch.setattr(main_window, "show_error", lambda parent, text: shown.append(text))
    return shown


@pytest.fixture
def window(qtbot, monkeypatch: pytest.MonkeyPatch, errors: list[str]) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A shown main window with a new report; closing it at the end discards changes without asking."""
    from PySide6.QtWidgets import QMessageBox

    from govreport_gui.ui.app import create_application
    from govreport_gui.ui.main_window import MainWindow

    create_application(["test"])
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Discard.value)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: errors.append(str(a[2])))
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    yield w


@pytest.fixture(autouse=True)
def final_check_answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The final check before export and print never blocks a test: it answers 仍然导出（草稿） and records what it
    said.  Tests of the dialog itself put the real ``exec`` back (``monkeypatch.setattr(FinalCheckDialog, "exec",
    QDialog.exec)``) and press its buttons."""
    from PySide6.QtWidgets import QDialog

    from govreport_gui.ui.export.final_check import FinalCheckDialog

    shown: list[str] = []

    def answer(self: FinalCheckDialog) -> int:
        shown.append(self.details.text())
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(FinalCheckDialog, "exec", answer)
    return shown
