"""PDFs from office programs import every cell right, or leave it blank with a reason — never wrong.

Made in the suite (tests/office_pdfs.py): our workbook printed to PDF by LibreOffice (the headings and prose come
first with "见工作表…" under each table heading, the tables on later pages — 0 of 166 cells imported before), our own
PDF, and a workbook with the single-row （六）其他处理 of the 2019 layout printed by LibreOffice.  Two reports each:
the seed and one with a distinct figure in every cell (so a number read into the wrong cell cannot pass as right).
LibreOffice is installed by ``make test``; on CI a missing soffice fails these tests, elsewhere they are skipped.
Also a Word document laid out like a published report (tests/test_import_formats.report_docx) and our own Word
export (core/exporters/word), each printed by LibreOffice Writer.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cell_scores import blanks_without_reason, distinct_report, expected_of, score
from common import SEED
from office_pdfs import single_row_other, to_pdf

from govreport_gui.core.exporters.excel import export_xlsx
from govreport_gui.core.exporters.pdf import export_pdf
from govreport_gui.core.exporters.word import export_docx
from govreport_gui.core.importers.dispatch import import_file
from govreport_gui.core.report import Report
from govreport_gui.core.storage import read_report


def reports() -> dict[str, Report]:
    return {"seed": read_report(SEED), "distinct": distinct_report(4, 0, 999)}


@pytest.fixture(scope="module")
def libreoffice_pdfs(tmp_path_factory) -> dict[str, tuple[Path, Report]]:
    folder = tmp_path_factory.mktemp("office")
    books: list[Path] = []
    shown: dict[str, Report] = {}
    for name, report in reports().items():
        export_xlsx(report, folder / f"{name}-workbook.xlsx")
        books.append(folder / f"{name}-workbook.xlsx")
        shown[f"{name}-workbook"] = report
        shown[f"{name}-single-row-other"] = single_row_other(report, folder / f"{name}-single-row-other.xlsx")
        books.append(folder / f"{name}-single-row-other.xlsx")
    pdfs = to_pdf(books, folder)
    return {p.stem: (p, shown[p.stem]) for p in pdfs}


@pytest.mark.parametrize("name", ["seed-workbook", "distinct-workbook", "seed-single-row-other",
                                  "distinct-single-row-other"])
def test_libreoffice_pdf_imports_without_a_wrong_cell(libreoffice_pdfs, name: str) -> None:
    pdf, report = libreoffice_pdfs[name]
    res = import_file(pdf)
    s = score(res.report, expected_of(report))
    print(f"{name}: {s}")
    assert not s.wrong, s.wrong
    assert s.blank == 0, str(s)  # these tables are printed plainly: every cell is read
    if "single-row" in name:
        assert any("只有一行" in e.message for e in res.entries("warning"))
        rows = [r for r in report.form.tables["t3"].row_ids if r.startswith("other.")]
        assert not any(c.startswith(f"t3.{r}.") for r in rows[:-1] for c in res.report.values)


@pytest.fixture(scope="module")
def writer_pdfs(tmp_path_factory) -> dict[str, tuple[Path, Report]]:
    from test_import_formats import report_docx

    folder = tmp_path_factory.mktemp("writer")
    docs = []
    shown = {}
    for name, report in reports().items():
        (folder / f"{name}-word.docx").write_bytes(report_docx(report))
        docs.append(folder / f"{name}-word.docx")
        shown[f"{name}-word"] = report
        export_docx(report, folder / f"{name}-our-word.docx")
        docs.append(folder / f"{name}-our-word.docx")
        shown[f"{name}-our-word"] = report
    return {p.stem: (p, shown[p.stem]) for p in to_pdf(docs, folder)}


# the fewest cells each Word PDF must read right: a Word table with narrow columns wraps labels every two characters
# (53 and 31 right before the second reading by column, pdf_columns; 200 and 178 now); our own export (the 公文
# layout) reads 200 and 185 (the distinct table 四's numbers print glued in its narrow cells)
WORD_RIGHT = {"seed-word": 170, "distinct-word": 170, "seed-our-word": 180, "distinct-our-word": 180}


@pytest.mark.parametrize("name", list(WORD_RIGHT))
def test_word_document_printed_by_libreoffice_has_no_wrong_cell(writer_pdfs, name: str) -> None:
    """A Word document laid out like a published report, and our own Word export, printed by LibreOffice Writer.

    Labels wrapped beside the group labels are joined back by column; numbers wrapped inside their cells ("752" over
    two lines) cannot be told apart from two rows: those cells stay blank, said so.  None is wrong."""
    pdf, report = writer_pdfs[name]
    res = import_file(pdf)
    expected = expected_of(report)
    s = score(res.report, expected)
    print(f"{name}: {s}")
    assert not s.wrong, s.wrong
    assert s.right >= WORD_RIGHT[name], str(s)
    assert not blanks_without_reason(res, expected)


@pytest.mark.parametrize("name", ["seed", "distinct"])
def test_our_own_pdf_imports_every_cell(tmp_path: Path, name: str) -> None:
    report = reports()[name]
    export_pdf(report, tmp_path / "own.pdf")
    s = score(import_file(tmp_path / "own.pdf").report, expected_of(report))
    print(f"own PDF {name}: {s}")
    assert not s.wrong and s.blank == 0, str(s)
