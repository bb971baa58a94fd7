"""What a word processor makes of 复制为网页格式: the clipboard HTML opened by LibreOffice Writer (its HTML import,
the one a paste goes through) keeps the three tables as real tables of the grid's shape, each figure in its cell,
the merged headers merged, and the headings as headings.

LibreOffice is installed by ``make test``; on CI a missing soffice fails this test, elsewhere it is skipped.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx
import pytest
from office_pdfs import need_soffice
from test_word_export import full_report

from govreport_gui.core.exporters.html import clipboard_html
from govreport_gui.core.exporters.printed import cell_text
from govreport_gui.core.grid import table_grid


def test_pasted_into_a_word_processor_the_tables_stay_tables(tmp_path: Path) -> None:
    soffice = need_soffice()
    report = full_report()
    page = tmp_path / "粘贴.html"
    page.write_text(clipboard_html(report, signature_block=True), encoding="utf-8")
    p = subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}", "--headless",
                        "--infilter=HTML (StarWriter)", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
                        str(tmp_path), str(page)], capture_output=True, text=True, timeout=180)
    out = tmp_path / "粘贴.docx"
    if not out.exists():
        pytest.skip(f"LibreOffice Writer could not open the HTML: {p.stderr.strip()[-200:]}")
    document = docx.Document(str(out))
    assert len(document.tables) == len(report.form.tables)
    for table, tid in zip(document.tables, report.form.tables, strict=True):
        grid = table_grid(report.form, tid)
        assert (len(table.rows), len(table.columns)) == (grid.table.rows, grid.table.cols)
        for g in grid.cells:
            cell = table.cell(g.r - 1, g.c - 1)
            if g.is_value:
                assert cell.text == cell_text(report, g.cell_id, False), g.cell_id
            else:
                assert cell.text.replace("\n", "") == g.text
            if g.rs > 1 or g.cs > 1:  # merged: the far corner is the same cell
                assert table.cell(g.r + g.rs - 2, g.c + g.cs - 2)._tc is cell._tc, (tid, g.text)
    styles: dict[str, str] = {}
    for para in document.paragraphs:  # the first paragraph of each text (a prose line may read like a heading)
        styles.setdefault(para.text, para.style.name)
    assert styles[report.title].startswith("Heading 1")
    for section in report.form.sections:
        assert styles[section.heading].startswith("Heading 2")
