"""The exported workbook opens in LibreOffice, and LibreOffice computes its totals: convert to PDF, read the text.

`make test` installs Debian's libreoffice-calc-nogui, so this runs in CI (where a missing soffice is a failure, not
a skip).  Elsewhere it is skipped, with the reason, when soffice is absent.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from cell_scores import distinct_report
from common import SEED

from govreport_gui.core.exporters.excel import export_xlsx
from govreport_gui.core.grid import table_grid
from govreport_gui.core.report import Report
from govreport_gui.core.storage import read_report
from govreport_gui.core.values import format_value

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
if not (SOFFICE and PDFTOTEXT):
    missing = "soffice (Debian libreoffice-calc-nogui)" if not SOFFICE else "pdftotext (Debian poppler-utils)"
    if os.environ.get("CI"):
        pytest.fail(f"{missing} is missing on CI: `make test` installs it", pytrace=False)
    pytest.skip(f"{missing} is not installed", allow_module_level=True)




@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> dict[str, tuple[Report, str]]:
    folder = tmp_path_factory.mktemp("lo")
    reports = {"seed": read_report(SEED), "distinct": distinct_report(4, 1, 999)}
    books = []
    for name, report in reports.items():
        export_xlsx(report, folder / f"{name}.xlsx")
        books.append(str(folder / f"{name}.xlsx"))
    profile = (folder / "profile").as_uri()  # a private profile: parallel runs do not share a lock
    p = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(folder),
         *books],
        capture_output=True, text=True, timeout=120,
    )
    out = {}
    for name, report in reports.items():
        pdf = folder / f"{name}.pdf"
        assert pdf.exists(), (p.returncode, p.stdout, p.stderr)
        text = subprocess.run([PDFTOTEXT, "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        out[name] = (report, text)
    return out


def _squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s)


@pytest.mark.parametrize("name", ["seed", "distinct"])
def test_every_label_of_every_table_appears(converted, name: str) -> None:
    report, text = converted[name]
    flat = _squeeze(text)
    for tid in report.form.tables:
        for g in table_grid(report.form, tid).cells:
            if g.kind in ("head", "label"):
                assert _squeeze(g.text) in flat, (tid, g.text)
    for s in report.form.sections:
        assert _squeeze(s.heading) in flat
    assert report.agency in flat


@pytest.mark.parametrize("name", ["seed", "distinct"])
def test_each_row_shows_its_figures_and_computed_totals(converted, name: str) -> None:
    """Row by row, the inputs and the totals LibreOffice computed from the live formulas, in column order."""
    report, text = converted[name]
    spaced = " " + re.sub(r"\s+", " ", text) + " "
    checked = 0
    for tid in report.form.tables:
        grid = table_grid(report.form, tid)
        for r in range(1, grid.table.rows + 1):
            row = sorted((g for g in grid.cells if g.r == r and g.is_value), key=lambda g: g.c)
            if not row:
                continue
            figures = " ".join(format_value(report.get(g.cell_id)) for g in row)
            assert f" {figures} " in spaced, (tid, r, figures)
            checked += sum(g.kind == "total" for g in row)
    assert checked == len(report.form.totals)


def test_the_fee_keeps_its_exact_decimals(converted) -> None:
    _, text = converted["distinct"]
    assert "24252.311082" in text
    assert "24252.31108200" not in text and "24252.3110819" not in text


def edge_report() -> Report:
    report = distinct_report(4, 1, 999)
    report.meta["published"] = "2024-01-31"
    report.values["t2.fees.amount"] = Decimal("1.50")
    del report.values["t3.carried_out.legal"]  # a blank stays blank
    report.texts["other"] = "=1+1\n\n  末行  "
    report.printed_totals["t3.new.total"] = 1
    return report


@pytest.fixture(scope="module")
def saved_by_libreoffice(tmp_path_factory) -> dict[str, Path]:
    """Our workbooks opened and saved again as .xlsx by LibreOffice (shared strings, cached results, its styles)."""
    import openpyxl

    folder = tmp_path_factory.mktemp("lo-save")
    export_xlsx(edge_report(), folder / "plain.xlsx")
    export_xlsx(read_report(SEED), folder / "formula.xlsx")
    wb = openpyxl.load_workbook(folder / "formula.xlsx")
    wb.worksheets[2]["D6"] = "=1+2"  # 表三 （一）予以公开 / 自然人: a formula where a number belongs
    wb.save(folder / "formula.xlsx")
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
         "--outdir", str(folder / "out"), str(folder / "plain.xlsx"), str(folder / "formula.xlsx")],
        capture_output=True, text=True, timeout=120,
    )
    return {"plain": folder / "out" / "plain.xlsx", "formula": folder / "out" / "formula.xlsx"}


def test_a_workbook_saved_by_libreoffice_imports_identically(saved_by_libreoffice) -> None:
    from govreport_gui.core.importers.xlsx import import_xlsx

    original = edge_report()
    result = import_xlsx(saved_by_libreoffice["plain"])
    assert result.report.same_content(original)
    assert str(result.report.values["t2.fees.amount"]) == "1.50"
    assert [e.level for e in result.log].count("mismatch") == 1  # the printed total that disagrees, still there
    assert not result.entries("unread") and not result.entries("missing")


def test_a_formula_in_an_input_cell_uses_libreoffices_result(saved_by_libreoffice) -> None:
    from govreport_gui.core.importers.xlsx import import_xlsx

    result = import_xlsx(saved_by_libreoffice["formula"])
    assert result.report.values["t3.granted.natural"] == 3
    warnings = [str(e) for e in result.entries("warning")]
    assert any("!D6" in w and "公式“=1+2”" in w and "已采用其计算结果3" in w for w in warnings), warnings
