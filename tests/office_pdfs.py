"""PDFs the way offices make them, made in the suite: our workbook printed by LibreOffice, our own PDF, and a workbook
whose （六）其他处理 is one row (the 2019 layout some offices still use), printed by LibreOffice.

``soffice`` runs with a private profile (parallel runs do not share a lock).  Where soffice (or Writer, for a .docx)
is absent the callers skip — except on CI (``CI`` set), where ``make test`` installs both
(libreoffice-calc-nogui, libreoffice-writer-nogui) and a missing one is a failure.
"""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from govreport_gui.core.exporters.excel import export_xlsx
from govreport_gui.core.report import Report
from govreport_gui.core.workbook import sheet_names

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def need_soffice() -> str:
    if not SOFFICE:
        if os.environ.get("CI"):
            pytest.fail("soffice (Debian libreoffice-calc-nogui) is missing on CI: `make test` installs it",
                        pytrace=False)
        pytest.skip("soffice is not installed")
    return SOFFICE


def to_pdf(books: list[Path], folder: Path) -> list[Path]:
    """Each workbook printed to PDF by LibreOffice."""
    soffice = need_soffice()
    profile = (folder / "lo-profile").as_uri()
    p = subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(folder), *map(str, books)], capture_output=True, text=True, timeout=180)
    out = [folder / (b.stem + ".pdf") for b in books]
    for pdf in out:
        if not pdf.exists() and not os.environ.get("CI"):  # e.g. Writer (for .docx) not installed beside Calc
            pytest.skip(f"LibreOffice could not convert {pdf.stem}: {p.stderr.strip()[-200:]}")
        assert pdf.exists(), (p.returncode, p.stdout, p.stderr)
    return out


def single_row_other(report: Report, path: Path) -> Report:
    """Save ``report``'s workbook with （六）其他处理 as one row (the three rows summed); the report it now shows.

    The rows 2 and 3 of the group are hidden (not printed) and emptied, so the printed （七）总计 is unchanged.  Our
    workbook is exported, then edited with openpyxl (which drops the formulas' cached values; LibreOffice computes
    them).
    """
    form = report.form
    table = form.tables["t3"]
    rows = [r for r in table.row_ids if r.startswith("other.")]
    export_xlsx(report, path)
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet_names(form)["t3"]]
    shown = copy.deepcopy(report)
    first = form.cells[f"t3.{rows[0]}.natural"].r
    for rng in list(ws.merged_cells.ranges):
        if rng.min_row <= first + len(rows) - 1 and rng.max_row >= first and rng.min_col > 1:
            ws.merged_cells.remove(rng)
    for col in table.column_ids:
        cells = [f"t3.{r}.{col}" for r in rows]
        if form.cells[cells[0]].derived:
            continue
        total = sum(int(report.values.get(c) or 0) for c in cells)
        for c in cells:
            ws.cell(row=form.cells[c].r, column=form.cells[c].c).value = None
            shown.values.pop(c, None)
        ws.cell(row=first, column=form.cells[cells[0]].c).value = total
        shown.values[cells[-1]] = total
    label_col = form.cells[f"t3.{rows[0]}.natural"].c - 1
    for c in range(2, label_col + 1):
        ws.cell(row=first, column=c).value = None
    ws.cell(row=first, column=label_col - 1).value = "（六）其他处理"
    for r in range(first + 1, first + len(rows)):
        ws.row_dimensions[r].hidden = True
    wb.save(path)
    shown.invalidate()
    return shown
