"""Hostile PDFs imported in a fresh process: refused or read within 5 s and 500 MB (tests/test_hostile_inputs.py).

pypdf's layout text takes about 17 ms a page, so a PDF of 290 pages of text took 4.9 s to extract alone: the reader
now refuses more than 120 pages, stops extracting after 3 s, and makes its second reading by column
(:mod:`govreport_gui.core.importers.pdf.columns`) only when the first one finished within 2.5 s.  The cases: 63 pages
of wrapped labels beside numbers, years and page numbers (both readings run), and 290 pages (refused at once).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_hostile_inputs import bounded

from govreport_gui.core.exporters.pdf import FontUnavailable, export_pdf
from govreport_gui.core.storage import read_report

SEED = Path(__file__).resolve().parent / "data" / "linping-2023.govreport"


def _pdf(path: Path, lines: int) -> Path:
    r = read_report(SEED)
    r.texts["overview"] = "\n".join(
        f"{i % 8 + 1}.属于国家秘密    {i} 2 3 4 5 6 7 2024年 第{i}页 - {i} -\n于国家\n秘密" for i in range(lines))
    try:
        export_pdf(r, path)
    except FontUnavailable:
        pytest.skip("no CJK font to write the PDF")
    return path


@pytest.mark.parametrize(("lines", "outcome"), [(350, "imported"), (1600, "refused")])
def test_long_pdf_of_table_rows_is_bounded(tmp_path: Path, lines: int, outcome: str) -> None:
    out = bounded(f"PDF of {lines} wrapped table rows", _pdf(tmp_path / "rows.pdf", lines))
    assert out["outcome"] == outcome, out
