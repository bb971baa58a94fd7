"""The exported page in a real browser (headless Chromium): axe-core reports 0 violations at 1366 px, at a phone's
390 px and at 200 % zoom; headings are in order; the page never scrolls sideways and loses no text (the tables
scroll inside their own box on a phone); screenshots are taken; printed, the page gives A4 pages numbered "— n —"
like our PDF, with the 草稿 note on every page of a draft.

axe-core runs with its default rules (WCAG 2.0/2.1 A and AA, and best practices).  Chromium and Node.js come from
``make test``; outside CI the test skips where they are missing (``tests/browser.py``).
"""

from __future__ import annotations

import itertools
import shutil
import subprocess
from pathlib import Path

import pytest
from browser import check_page
from common import SEED
from test_word_export import full_report

from govreport_gui.core.checks.readiness import DRAFT_NOTE
from govreport_gui.core.exporters.html import export_html
from govreport_gui.core.exporters.printed import cell_text
from govreport_gui.core.report import Report
from govreport_gui.core.storage import read_report

VIEWS = ("desktop-1366", "phone-390", "zoom-200")


@pytest.fixture(scope="module", params=["seed-draft", "all-non-zero-signed"])
def checked(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, dict, dict]:
    out = tmp_path_factory.mktemp(request.param)
    if request.param == "seed-draft":
        report, options = read_report(SEED), {"draft": True}
    else:
        report, options = full_report(), {"signature_block": True}
    page = out / "报告.html"
    export_html(report, page, **options)
    return report, check_page(page, out / "browser"), options


def test_axe_core_finds_no_violation(checked: tuple[Report, dict, dict]) -> None:
    _report, result, _options = checked
    assert result["axe_version"]
    for view in VIEWS:
        axe = result["views"][view]["axe"]
        assert axe["violations"] == [], (view, axe["violations"])
        assert axe["passes"] >= 25, view  # the rules ran: landmarks, headings, tables, contrast, language …


def test_headings_language_and_title(checked: tuple[Report, dict, dict]) -> None:
    report, result, _options = checked
    facts = result["views"]["desktop-1366"]
    assert facts["lang"] == "zh-CN" and facts["title"] == report.title
    levels = [level for level, _text in facts["headings"]]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))
    assert [t for level, t in facts["headings"] if level == 2] == [s.heading for s in report.form.sections]


def test_no_sideways_page_and_no_lost_text(checked: tuple[Report, dict, dict]) -> None:
    _report, result, _options = checked
    for view in VIEWS:
        facts = result["views"][view]
        assert not facts["page_scrolls_sideways"], (view, facts["client_width"], facts["scroll_width"])
        assert facts["lost"] == [], view
        assert len(facts["boxes"]) == 3
    phone = result["views"]["phone-390"]["boxes"]
    assert all(b["scrolls"] for b in phone)  # on a phone the tables scroll inside their box, the page does not
    desktop = result["views"]["desktop-1366"]["boxes"]
    assert not any(b["scrolls"] for b in desktop)  # on a PC screen every table fits


def test_screenshots_were_taken(checked: tuple[Report, dict, dict]) -> None:
    _report, result, _options = checked
    for view in VIEWS:
        png = Path(result["views"][view]["screenshot"])
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 50_000, view


def test_printed_like_our_pdf(checked: tuple[Report, dict, dict]) -> None:
    report, result, options = checked
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    pdf = Path(result["pdf"])
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "595.9" in info or "595.2" in info or "594.9" in info, info  # A4
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 4 <= pages <= 8
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for n in range(1, pages + 1):
        assert f"— {n} —" in text
    for section in report.form.sections:
        assert section.heading in text
    draft = DRAFT_NOTE in text
    assert draft == bool(options.get("draft"))
    if draft:
        assert text.count(DRAFT_NOTE) >= pages
    figures = [cell_text(report, c, False) for c in report.form.cells]
    assert all(f in text for f in figures)
