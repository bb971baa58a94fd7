"""Export, print preview and print run in a worker thread with a progress dialog and 取消; the window stays live.

Before, the window made the PDF or workbook on the GUI thread: a long report froze it (a 100,000-character paragraph
took 14 s) with no progress and no way to stop.  Here a slow exporter is simulated by wrapping the core's own
``render_pdf`` so each page takes 0.1 s.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QPushButton

from govreport_gui.core.exporters import pdf as pdf_package
from govreport_gui.core.exporters.pdf import writer
from govreport_gui.ui.export.worker import running_jobs

LONG = "本机关依法公开政府信息。" * 3000  # some 60 pages


@pytest.fixture
def slow_pages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make each PDF page take 0.1 s; record the thread the PDF is made in."""
    threads: list[str] = []
    real = writer.render_pdf

    def slow(report, options=None, cancelled=None, progress=None):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)

        def tick(n: int) -> None:
            time.sleep(0.1)
            if progress:
                progress(n)

        return real(report, options, cancelled, tick)

    monkeypatch.setattr(pdf_package, "render_pdf", slow)
    return threads


def start_export(window, monkeypatch: pytest.MonkeyPatch, out: Path) -> None:  # type: ignore[no-untyped-def]
    window.controller.report.texts["overview"] = LONG
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window.export_pdf()


def progress_dialog(window) -> QProgressDialog | None:  # type: ignore[no-untyped-def]
    found = [d for d in window.findChildren(QProgressDialog) if d.isVisible()]
    return found[0] if found else None


def test_pdf_export_runs_in_a_worker_with_progress(qtbot, window, slow_pages, monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    out = tmp_path / "long.pdf"
    start_export(window, monkeypatch, out)
    assert running_jobs() == 1 and not out.exists()  # returned at once: the GUI thread is free
    qtbot.waitUntil(lambda: progress_dialog(window) is not None, timeout=5000)
    dialog = progress_dialog(window)
    assert dialog is not None and dialog.labelText().startswith("正在生成PDF")
    qtbot.waitUntil(lambda: "已排版" in (progress_dialog(window) or dialog).labelText(), timeout=5000)
    qtbot.waitUntil(lambda: running_jobs() == 0, timeout=60_000)
    assert out.stat().st_size > 10_000 and slow_pages and slow_pages[0] != threading.main_thread().name
    assert "已导出" in window.statusBar().currentMessage()


def test_cancel_stops_the_pdf_and_writes_nothing(qtbot, window, slow_pages, monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    out = tmp_path / "cancelled.pdf"
    start_export(window, monkeypatch, out)
    qtbot.waitUntil(lambda: progress_dialog(window) is not None, timeout=5000)
    dialog = progress_dialog(window)
    assert dialog is not None
    button = dialog.findChild(QPushButton)
    assert button is not None and button.text() == "取消"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    started = time.perf_counter()
    qtbot.waitUntil(lambda: running_jobs() == 0, timeout=5000)
    assert time.perf_counter() - started < 1.0  # stopped at the next page, not at the end
    assert not out.exists() and not list(tmp_path.glob("*.tmp"))
    assert "已取消" in window.statusBar().currentMessage()


def test_edits_during_the_export_do_not_reach_it(qtbot, window, slow_pages, monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    out = tmp_path / "snapshot.xlsx"
    report = window.controller.report
    report.texts["overview"] = "导出时的正文。"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    entered, release = threading.Event(), threading.Event()
    from govreport_gui.core.exporters import excel

    real_bytes = excel.workbook_bytes

    def slow_bytes(r, *rest):  # type: ignore[no-untyped-def]
        entered.set()
        release.wait(10)
        return real_bytes(r, *rest)

    monkeypatch.setattr(excel, "workbook_bytes", slow_bytes)
    window.export_xlsx()
    assert entered.wait(5)
    report.texts["overview"] = "导出开始后改的正文。"  # an edit while the worker runs
    release.set()
    qtbot.waitUntil(lambda: running_jobs() == 0, timeout=30_000)
    from govreport_gui.core.importers.dispatch import import_file

    assert import_file(out).report.texts["overview"] == "导出时的正文。"


def test_print_preview_is_made_in_a_worker(qtbot, window, slow_pages, monkeypatch):  # type: ignore[no-untyped-def]
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    shown: list[int] = []
    monkeypatch.setattr(QPrintPreviewDialog, "exec", lambda self: shown.append(1) or 0)
    window.print_preview()
    assert running_jobs() == 1 and not shown
    qtbot.waitUntil(lambda: running_jobs() == 0, timeout=30_000)
    assert shown == [1] and slow_pages[0] != threading.main_thread().name


def test_a_failure_in_the_worker_is_one_chinese_message(qtbot, window, monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    def broken(*a, **k):  # type: ignore[no-untyped-def]
        raise ValueError("English text")

    monkeypatch.setattr(pdf_package, "render_pdf", broken)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warned.append(text))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "x.pdf"), ""))
    window.export_pdf()
    qtbot.waitUntil(lambda: running_jobs() == 0, timeout=10_000)
    assert len(warned) == 1 and "导出失败" in warned[0] and "English" not in warned[0] and "\n" not in warned[0]


def test_characters_no_font_draws_are_a_warning_after_export(qtbot, window, monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    window.controller.report.texts["other"] = "特殊符号\U000F0000。"  # private use: no font here draws it
    warned: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warned.append((title, text)))
    out = tmp_path / "boxes.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window.export_pdf()
    qtbot.waitUntil(lambda: running_jobs() == 0, timeout=30_000)
    assert out.exists()
    assert len(warned) == 1 and warned[0][0] == "导出警告" and "U+F0000" in warned[0][1]
