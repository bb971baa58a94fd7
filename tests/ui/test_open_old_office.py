"""In the window: 打开 pointed at a Word 97–2003 .doc or an Excel 97–2003 .xls offers 导入 (no longer "请另存为"), and
the imported figures stand in the grid's cells."""

from __future__ import annotations

from pathlib import Path

import pytest
from cell_scores import distinct_report
from keyboard import view_of
from PySide6.QtCore import Qt
from test_import_old_office import convert

from govreport_gui.core.exporters.excel import export_xlsx
from govreport_gui.core.exporters.word import export_docx


@pytest.mark.parametrize("fmt", ["doc", "xls"])
def test_open_an_old_office_file_offers_import_and_fills_the_grid(window, errors, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                                                  tmp_path: Path, fmt: str) -> None:
    from PySide6.QtWidgets import QDialog

    from govreport_gui.ui.imports import actions as import_actions
    from govreport_gui.ui.imports.dialog import ImportDialog

    report = distinct_report(7, 1, 999)
    source = tmp_path / ("报告.docx" if fmt == "doc" else "报告.xlsx")
    (export_docx if fmt == "doc" else export_xlsx)(report, source)
    (old,) = convert([source], fmt, tmp_path / "old")
    asked: list[str] = []
    monkeypatch.setattr(import_actions, "ask_import_instead", lambda parent, q: asked.append(q) or True)
    monkeypatch.setattr(ImportDialog, "exec", lambda self: QDialog.DialogCode.Accepted.value)
    assert window.open_file(str(old), ask=False) is False
    assert errors == [] and len(asked) == 1
    assert ("是Word文档" if fmt == "doc" else "是Excel工作簿") in asked[0] and "另存为" not in asked[0]
    assert window.current_report().values == report.values
    model = view_of(window, "t3").form_model
    for cid in ("t3.new.natural", "t3.not_processed.excessive.legal"):
        shown = model.data(model.index_of(cid), Qt.ItemDataRole.DisplayRole)
        assert shown == str(report.values[cid])
