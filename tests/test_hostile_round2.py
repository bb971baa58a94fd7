"""Hostile inputs of the second probe (issue 14, items 5–7), each in a fresh process within 5 s and 500 MB.

Measured before the fixes: a 40 KB .docx with one ``<w:gridSpan w:val="2147483647"/>`` ran 50 s and reached 6.9 GB
(``1e8``: 14 s, 951 MB); 20,000 vertically merged rows ended in RecursionError after 28 s; a PDF page of 100,000
glyphs took 7.3 s and 286 MB, 299 full pages 12 s; a 250,000-character line imported from a text file then took
102 s to export as PDF.  The helpers (a child process measuring wall time and peak memory) are the first hostile
suite's.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_fuzz_imports import docx_seed
from test_hostile_inputs import bounded, insert_after, members, rezip

W_TC = b"<w:tc><w:tcPr>%s</w:tcPr><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>"


def docx_with_table(table: bytes) -> bytes:
    doc = dict(members(docx_seed()))["word/document.xml"]
    return rezip(docx_seed(), {"word/document.xml": insert_after(doc, b"<w:body>", table)})


@pytest.mark.parametrize("span", ["2147483647", "100000000"])
def test_docx_cell_spanning_billions_of_columns(span: str, tmp_path: Path) -> None:
    cell = W_TC % (b'<w:gridSpan w:val="%s"/>' % span.encode(), b"1")
    path = tmp_path / "span.docx"
    path.write_bytes(docx_with_table(b"<w:tbl><w:tr>" + cell + b"</w:tr></w:tbl>"))
    out = bounded(f"docx cell with gridSpan {span}", path)
    assert out["outcome"] == "imported" and out["values"]["t3.new.natural"] == "7"  # the real tables still read


def test_docx_twenty_thousand_merged_rows(tmp_path: Path) -> None:
    first = b"<w:tr>" + W_TC % (b'<w:vMerge w:val="restart"/>', b"x") + b"</w:tr>"
    rest = b"<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr></w:tc></w:tr>" * 20_000
    path = tmp_path / "merged.docx"
    path.write_bytes(docx_with_table(b"<w:tbl>" + first + rest + b"</w:tbl>"))
    out = bounded("docx with 20,000 vertically merged rows", path)
    assert out["outcome"] == "imported" and out["values"]["t3.new.natural"] == "7"
