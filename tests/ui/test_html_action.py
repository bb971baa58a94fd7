"""文件 › 导出 › 网页… and 编辑 › 复制为网页格式 in the window: a figure typed into the grid reaches the page and the
clipboard, both read back cell for cell; the final check comes first (返回修改 leaves the clipboard alone, a draft
says 草稿); the PDF与打印设置 choices apply."""

from __future__ import annotations

from pathlib import Path

import pytest
from common import SEED
from keyboard import type_into
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog
from test_final_check import clean_report, press_later

from govreport_gui.core.checks.readiness import DRAFT_NOTE, unresolved
from govreport_gui.core.exporters.pdf import PdfOptions
from govreport_gui.core.importers.dispatch import import_bytes, import_file
from govreport_gui.core.storage import read_report
from govreport_gui.ui.export.final_check import FinalCheckDialog
from govreport_gui.ui.export.pdf_settings import save_pdf_options
from govreport_gui.ui.export.worker import running_jobs
from govreport_gui.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def finished(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: running_jobs() == 0, timeout=30_000)


def a_count_cell(w: MainWindow) -> str:
    form = w.current_report().form
    return next(c for c in form.inputs if form.cells[c].table == "t3" and form.cells[c].kind == "count")


def test_entries_sit_in_their_menus(window: MainWindow) -> None:
    w = window
    assert w.act_html.text() == "网页…"
    assert w.act_html in w.act_docx.associatedObjects()[-1].actions()  # beside Excel, PDF and Word
    assert w.act_copy_html.text() == "复制为网页格式"
    assert w.act_copy_html in w.act_confirm.associatedObjects()[-1].actions()  # in 编辑


def test_export_writes_the_page_with_the_typed_figure(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                      monkeypatch: pytest.MonkeyPatch, errors: list[str]) -> None:
    w = window
    assert w.open_file(str(SEED), ask=False)
    cid = a_count_cell(w)
    type_into(qtbot, w, cid, "4321")
    assert w.current_report().values[cid] == 4321
    out = tmp_path / "报告.html"
    offered: list[str] = []

    def dialog(parent: object, caption: str, suggested: str, filter_text: str) -> tuple[str, str]:
        offered.append(suggested)
        assert "*.html" in filter_text
        return str(out), filter_text

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    w.act_html.trigger()
    finished(qtbot)
    assert errors == [] and offered and offered[0].endswith(".html")
    assert "“报告.html”" in w.statusBar().currentMessage()
    page = out.read_text(encoding="utf-8")
    assert DRAFT_NOTE in page  # the seed's two warnings are unconfirmed: the final check let out a draft
    back = import_file(out).report
    report = w.current_report()
    for c in report.form.cells:
        assert back.get(c) == report.get(c), c
    assert back.texts == report.texts and back.meta == report.meta


def test_copy_puts_html_and_plain_text_on_the_clipboard(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.load_report(clean_report(), None, False)
    cid = a_count_cell(w)
    type_into(qtbot, w, cid, "77")
    w.act_copy_html.trigger()
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasHtml() and mime.hasText()
    html, text = mime.html(), mime.text()
    assert "<style" not in html and "class=" not in html
    assert (DRAFT_NOTE in html) == (not unresolved(w.current_report()).clean)  # 77 upsets 表三's sums: a draft
    assert f'data-cell="{cid}"' in html and "\t77" in text
    assert w.current_report().title in text.splitlines()[:3]
    res = import_bytes(html.encode("utf-8"), "粘贴.html")
    assert res.report.values[cid] == 77
    assert res.report.values == w.current_report().values and res.report.texts == w.current_report().texts
    assert "复制为网页格式" in w.statusBar().currentMessage()


def test_copy_goes_through_the_final_check(qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    w = window
    monkeypatch.setattr(FinalCheckDialog, "exec", QDialog.exec)
    assert w.open_file(str(SEED), ask=False)
    QGuiApplication.clipboard().setText("剪贴板原有的内容")
    seen: list[FinalCheckDialog] = []
    press_later("back", seen)
    w.act_copy_html.trigger()
    assert len(seen) == 1 and seen[0].draft_button.text() == "仍然复制（草稿）"
    assert QGuiApplication.clipboard().text() == "剪贴板原有的内容"  # 返回修改: nothing copied
    press_later("draft", seen)
    w.act_copy_html.trigger()
    mime = QGuiApplication.clipboard().mimeData()
    assert DRAFT_NOTE in mime.html() and mime.text().startswith(DRAFT_NOTE)
    assert "（草稿）" in w.statusBar().currentMessage()


def test_the_pdf_settings_apply(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    report = clean_report()
    report.meta["published"] = "2024-01-31"
    w.load_report(report, None, False)
    save_pdf_options(PdfOptions(signature_block=True, blank_as_zero=True))
    w.act_copy_html.trigger()
    html = QGuiApplication.clipboard().mimeData().html()
    assert f"{report.agency}（盖章）" in html and "2024年1月31日" in html
    back = import_bytes(html.encode("utf-8"), "签字.html").report
    assert back.texts == read_report(SEED).texts  # the signature block is not read as text


def test_the_program_ends_cleanly_after_a_copy(tmp_path: Path) -> None:
    """The clipboard keeps the copied report until the program ends; ending must not crash (a QMimeData made in
    Python did, as the application was torn down)."""
    import os
    import subprocess
    import sys

    code = ("from PySide6.QtWidgets import QApplication\n"
            "from govreport_gui.core.storage import read_report\n"
            "from govreport_gui.ui.export.web_copy import web_mime_data\n"
            "app = QApplication(['x'])\n"
            f"app.clipboard().setMimeData(web_mime_data(read_report({str(SEED)!r})))\n"
            "print(sorted(app.clipboard().mimeData().formats()))\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert p.returncode == 0, p.stderr[-2000:]
    assert p.stdout.strip() == "['text/html', 'text/plain']"
