"""The final check (core.readiness) and the draft marks: what is unresolved, a draft PDF and workbook marked "草稿"
on every page and sheet, a clean report with no mark, and ``govreport export`` with and without ``--final``."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from govreport_gui.core.checks.readiness import DRAFT_WORD, unresolved
from govreport_gui.core.edits import Document, confirm
from govreport_gui.core.exporters.excel import export_xlsx
from govreport_gui.core.exporters.pdf import PdfOptions, export_pdf
from govreport_gui.core.intake.carryover import carry_over
from govreport_gui.core.report import Report
from govreport_gui.core.storage import write_report

needs_pdftotext = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")


def confirmed_all(report: Report) -> Report:
    """``report`` with every warning confirmed (the seed has no error: it becomes clean)."""
    doc = Document(report)
    for f in list(doc.findings):
        if f.severity == "warning":
            doc.apply(confirm(doc.report, f, "已核实。"))
    return doc.report


def pdf_pages(path: Path) -> list[str]:
    """Each page's text in content-stream order (the draft mark is drawn first on a page, under the rest)."""
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                         check=True, timeout=60).stdout
    return [p for p in out.split("\f") if p.strip()]


def test_what_is_unresolved(seed: Report) -> None:
    r = unresolved(seed)
    assert not r.clean and not r.errors and not r.stale and not r.marks
    assert [f.rule for f in r.warnings] == ["W6", "W6"]
    assert r.headline() == "报告尚有未解决的问题：未确认的警告2项。"
    assert unresolved(confirmed_all(seed)).clean
    assert unresolved(confirmed_all(seed)).lines(seed) == []


def test_carried_report_lists_stale_text_and_unconfirmed_values(seed: Report) -> None:
    new = carry_over(seed)
    carried = [c for c in new.values if c.startswith("t3.")]
    r = unresolved(new, marks=carried)
    assert len(r.stale) == 9 and r.marks == tuple(c for c in new.form.cells if c in carried)
    assert "沿用上年的正文9处" in r.headline() and "未核对的导入或转入数值" in r.headline()
    assert any("[待核对]" in line for line in r.lines(new))


def test_an_error_is_unresolved_even_when_warnings_are_confirmed(seed: Report) -> None:
    clean = confirmed_all(seed)
    clean.values["t3.new.natural"] = 9
    clean.invalidate()
    r = unresolved(clean)
    assert r.errors and "错误" in r.headline()


@needs_pdftotext
def test_draft_pdf_is_marked_on_every_page_and_a_clean_one_is_not(seed: Report, tmp_path: Path) -> None:
    draft, clean = tmp_path / "draft.pdf", tmp_path / "clean.pdf"
    export_pdf(seed, draft, PdfOptions(draft=True))
    export_pdf(confirmed_all(seed), clean)
    pages = pdf_pages(draft)
    assert len(pages) > 1 and all(DRAFT_WORD in p for p in pages)
    assert all(DRAFT_WORD not in p for p in pdf_pages(clean))
    # the mark does not hide a figure: every figure of the clean PDF is still there in the draft
    assert [x for x in "".join(pdf_pages(clean)).split() if x.isdigit()] == \
        [x for x in "".join(pages).split() if x.isdigit()]


def test_draft_workbook_has_the_page_header_on_every_visible_sheet(seed: Report, tmp_path: Path) -> None:
    draft, clean = tmp_path / "draft.xlsx", tmp_path / "clean.xlsx"
    export_xlsx(seed, draft, draft=True)
    export_xlsx(seed, clean)
    wb = load_workbook(draft)
    visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert len(visible) == 1 + len(seed.form.tables)
    for ws in visible:
        assert DRAFT_WORD in (ws.oddHeader.center.text or "")  # one header for every page (odd and even alike)
        assert not ws.evenHeader.center.text and not ws.firstHeader.center.text
    for ws in load_workbook(clean).worksheets:
        assert DRAFT_WORD not in (ws.oddHeader.center.text or "")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "govreport_gui.cli", *args], capture_output=True, text=True,
                          timeout=120)


@needs_pdftotext
def test_cli_export_writes_a_draft_and_says_why(seed_path: Path, tmp_path: Path) -> None:
    pdf, xlsx = tmp_path / "a.pdf", tmp_path / "a.xlsx"
    p = run("export", str(seed_path), "--pdf", str(pdf), "--xlsx", str(xlsx))
    assert p.returncode == 0, p.stderr
    assert "报告尚有未解决的问题：未确认的警告2项" in p.stderr and "[警告 W6]" in p.stderr
    assert "已导出PDF（草稿）" in p.stdout
    assert all(DRAFT_WORD in page for page in pdf_pages(pdf))
    assert DRAFT_WORD in (load_workbook(xlsx).worksheets[0].oddHeader.center.text or "")


def test_cli_final_refuses_an_unresolved_report_and_writes_nothing(seed_path: Path, tmp_path: Path) -> None:
    pdf, xlsx = tmp_path / "a.pdf", tmp_path / "a.xlsx"
    p = run("export", str(seed_path), "--pdf", str(pdf), "--xlsx", str(xlsx), "--final")
    assert p.returncode == 1, p.stderr
    assert "未导出任何文件" in p.stderr and "Traceback" not in p.stderr
    assert not pdf.exists() and not xlsx.exists()


def test_cli_final_of_a_carried_report_names_the_stale_text(seed: Report, tmp_path: Path) -> None:
    src = tmp_path / "2024.govreport"
    write_report(carry_over(seed), src)
    p = run("export", str(src), "--pdf", str(tmp_path / "a.pdf"), "--final")
    assert p.returncode == 1 and "沿用上年的正文9处" in p.stderr and "[上年正文 W13]" in p.stderr


@needs_pdftotext
def test_cli_final_writes_unmarked_files_for_a_clean_report(seed: Report, tmp_path: Path) -> None:
    src, pdf, xlsx = tmp_path / "clean.govreport", tmp_path / "a.pdf", tmp_path / "a.xlsx"
    write_report(confirmed_all(seed), src)
    p = run("export", str(src), "--pdf", str(pdf), "--xlsx", str(xlsx), "--final")
    assert p.returncode == 0, p.stderr
    assert p.stderr == "" and "（草稿）" not in p.stdout
    assert all(DRAFT_WORD not in page for page in pdf_pages(pdf))
    assert all(DRAFT_WORD not in (ws.oddHeader.center.text or "") for ws in load_workbook(xlsx).worksheets)


def test_validate_reports_the_stale_text_rules(seed: Report, tmp_path: Path) -> None:
    src = tmp_path / "2024.govreport"
    write_report(carry_over(seed), src)
    p = run("validate", str(src))
    assert p.returncode == 0  # warnings only
    assert "[警告 W13]" in p.stdout and "[警告 W14]" in p.stdout and "自2023年1月1日起至2023年12月31日止" in p.stdout
