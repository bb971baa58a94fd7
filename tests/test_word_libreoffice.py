"""The Word document opens in LibreOffice Writer and renders as laid out: convert to PDF, read the text and pages;
and a copy saved again by LibreOffice reads back the same.

`make test` installs Debian's libreoffice-writer-nogui, so this runs in CI (where a missing soffice is a failure,
not a skip).  Elsewhere it is skipped, with the reason, when soffice is absent.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from cell_scores import distinct_report

from govreport_gui.core.exporters.pdf import export_pdf
from govreport_gui.core.exporters.word import export_docx
from govreport_gui.core.grid import table_grid
from govreport_gui.core.importers.dispatch import import_file
from govreport_gui.core.report import Report
from govreport_gui.core.storage import read_report, to_dict
from govreport_gui.core.values import format_value

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
PDFINFO = shutil.which("pdfinfo")
if not (SOFFICE and PDFTOTEXT and PDFINFO):
    missing = "soffice (Debian libreoffice-writer-nogui)" if not SOFFICE else "pdftotext (Debian poppler-utils)"
    if os.environ.get("CI"):
        pytest.fail(f"{missing} is missing on CI: `make test` installs it", pytrace=False)
    pytest.skip(f"{missing} is not installed", allow_module_level=True)

SEED = Path(__file__).resolve().parent / "data" / "linping-2023.govreport"



def _pages(pdf: Path) -> int:
    info = subprocess.run([PDFINFO, str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, tuple[Report, str, int, int]]:
    """name → (report, LibreOffice's text in layout mode, its pages, our PDF's pages)."""
    folder = tmp_path_factory.mktemp("lo-word")
    reports = {"seed": read_report(SEED), "distinct": distinct_report(9, 1, 99999)}
    for name, report in reports.items():
        export_docx(report, folder / f"{name}.docx")
        export_pdf(report, folder / f"{name}-ours.pdf")
    profile = (folder / "profile").as_uri()  # a private profile: parallel runs do not share a lock
    p = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(folder),
         *(str(folder / f"{n}.docx") for n in reports)],
        capture_output=True, text=True, timeout=180,
    )
    out = {}
    for name, report in reports.items():
        pdf = folder / f"{name}.pdf"
        assert pdf.exists(), (p.returncode, p.stdout, p.stderr)
        text = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        out[name] = (report, text, _pages(pdf), _pages(folder / f"{name}-ours.pdf"))
    return out


def _table3(report: Report) -> str:
    """The table with most value cells (三): its id, found from the form."""
    return max(report.form.tables, key=lambda t: len(report.form.tables[t].cells))


@pytest.mark.parametrize("name", ["seed", "distinct"])
def test_table_three_renders_its_rows_each_on_one_line(rendered, name: str) -> None:
    """Each of Table 三's value rows shows its seven figures on one line, in column order: no number wraps."""
    report, text, _, _ = rendered[name]
    grid = table_grid(report.form, _table3(report))
    lines = [" " + re.sub(r"\s+", " ", line) + " " for line in text.splitlines()]
    rows = sorted({g.r for g in grid.cells if g.is_value})
    assert len(rows) == 25
    for r in rows:
        row = sorted((g for g in grid.cells if g.r == r and g.is_value), key=lambda g: g.c)
        assert len(row) == 7
        figures = " ".join(format_value(report.get(g.cell_id)) for g in row)
        assert any(f" {figures} " in line for line in lines), (r, figures)


@pytest.mark.parametrize("name", ["seed", "distinct"])
def test_labels_headings_and_title_render(rendered, name: str) -> None:
    report, text, _, _ = rendered[name]
    flat = re.sub(r"\s+", "", text)
    for s in report.form.sections:
        assert re.sub(r"\s+", "", s.heading) in flat
    for g in table_grid(report.form, _table3(report)).cells:
        if g.kind == "head":
            for line in (g.wrap or g.text).split("\n"):  # the layout text interleaves a header's lines
                assert line in flat, line
    assert re.sub(r"\s+", "", report.title) in flat
    assert "—1—" in flat and "—2—" in flat  # the page number fields


@pytest.mark.parametrize("name", ["seed", "distinct"])
def test_same_number_of_pages_as_our_pdf(rendered, name: str) -> None:
    _, _, pages, ours = rendered[name]
    assert abs(pages - ours) <= 1, (pages, ours)


def test_a_copy_saved_by_libreoffice_reads_back(tmp_path: Path) -> None:
    report = distinct_report(9, 1, 99999)
    report.meta["published"] = "2024-02-01"
    report.explanations = {report.form.rules[0]["id"]: "已核实。" * 100}
    export_docx(report, tmp_path / "in.docx")
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "docx:MS Word 2007 XML",
         "--outdir", str(tmp_path / "out"), str(tmp_path / "in.docx")],
        capture_output=True, text=True, timeout=180,
    )
    res = import_file(tmp_path / "out" / "in.docx")
    got, want = to_dict(res.report), to_dict(report)
    assert got["cells"] == want["cells"]
    assert got["texts"] == want["texts"]
    assert got["meta"] == want["meta"]
    assert got["explanations"] == want["explanations"]
