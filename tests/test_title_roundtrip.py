"""The title on paper and back: the PDF breaks a long title after the agency (never inside 年度 or a number), and
importing our own PDF, workbook and Word file reads the title, agency and year the report had."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from govreport_gui.core.exporters.excel import export_xlsx
from govreport_gui.core.exporters.pdf import export_pdf
from govreport_gui.core.exporters.printed import title_parts
from govreport_gui.core.exporters.word import export_docx
from govreport_gui.core.importers.dispatch import import_file
from govreport_gui.core.importers.sections import find_title
from govreport_gui.core.report import Report

LONG_AGENCY = "杭州市临平区人民政府办公室"
CUSTOM = f"{LONG_AGENCY}2024年政府信息公开工作年度报告"
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) not installed")


def _report(seed: Report, agency: str, title: str | None = None) -> Report:
    seed.meta["agency"] = agency
    seed.meta["year"] = 2024
    seed.meta.pop("title", None)
    if title:
        seed.meta["title"] = title
    return seed


def _first_lines(pdf: Path, n: int = 2) -> list[str]:
    text = subprocess.run(["pdftotext", "-l", "1", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [line.strip() for line in text.splitlines() if line.strip()][:n]


def test_title_parts(seed: Report) -> None:
    report = _report(seed, LONG_AGENCY)
    assert title_parts(report) == [LONG_AGENCY, "2024年度政府信息公开工作报告"]


@needs_poppler
@pytest.mark.parametrize("title", [None, CUSTOM])
def test_pdf_title_breaks_after_the_agency(seed: Report, tmp_path: Path, title: str | None) -> None:
    report = _report(seed, LONG_AGENCY, title)
    export_pdf(report, tmp_path / "t.pdf")
    first, second = _first_lines(tmp_path / "t.pdf")
    assert first == LONG_AGENCY and second == report.title[len(LONG_AGENCY):]


@needs_poppler
def test_pdf_short_title_stays_on_one_line(seed: Report, tmp_path: Path) -> None:
    report = _report(seed, "某局")
    export_pdf(report, tmp_path / "t.pdf")
    assert _first_lines(tmp_path / "t.pdf", 1) == ["某局2024年度政府信息公开工作报告"]


@pytest.mark.parametrize("title", [None, CUSTOM])
@pytest.mark.parametrize("kind", ["pdf", "xlsx", "docx"])
def test_own_exports_read_back_title_agency_and_year(seed: Report, tmp_path: Path, kind: str,
                                                     title: str | None) -> None:
    if kind == "pdf" and not shutil.which("pdftotext"):
        pytest.skip("poppler-utils (pdftotext) not installed")
    report = _report(seed, LONG_AGENCY, title)
    out = tmp_path / f"t.{kind}"
    {"pdf": export_pdf, "xlsx": export_xlsx, "docx": export_docx}[kind](report, out)
    back = import_file(out).report
    assert (back.agency, back.year, back.title) == (LONG_AGENCY, 2024, report.title)


@pytest.mark.parametrize("lines", [
    [f"{LONG_AGENCY}2024年", "度政府信息公开工作报告"],  # wrapped inside 年度, as older PDFs did
    [f"{LONG_AGENCY}2024年度政府信", "息公开工作报告"],
    [LONG_AGENCY, "2024年度政府信息公开工作报告"],
    [f"{LONG_AGENCY}2024年度政府信息公开工作报告"],
])
def test_find_title_joins_a_wrapped_title(lines: list[str]) -> None:
    raw = "\n".join([*lines, "一、总体情况", "正文。"])
    title = find_title(raw, raw.index("一、"))
    assert (title.agency, title.year, title.title) == (LONG_AGENCY, 2024, f"{LONG_AGENCY}2024年度政府信息公开工作报告")
