"""The folder a supervisor would collect, built for the review tests from the shared samples and generated files.

2023 (the main year): five units in five formats — 甲 (.govreport), 乙 (our .xlsx), 丙 (Word .docx), 丁 (HTML),
戊 (PDF, written by our exporter) —
plus the seed report (.govreport) and the same agency's published text (a duplicate).  Other years: 平潭 2022 (text),
沭阳 2025 (Markdown, renamed .md), 淮安 2024 under a hostile file name.  A broken workbook and an empty text file.
Last year's folder holds 甲's 2022 report, whose 结转 and 现行有效 disagree with 甲's 2023 figures.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from govreport_gui.core.report import Report
from govreport_gui.core.storage import read_report, write_report

HERE = Path(__file__).resolve().parent
SEED = HERE / "data" / "linping-2023.govreport"
SAMPLES = HERE.parents[1] / "shared" / "samples"  # conftest's SHARED (not imported: tests/package has a conftest too)
HOSTILE = '<img src=x onerror=alert(1)>&"淮安\'.txt'
# the hand-made figures of the five 2023 units: 新收 (自然人), 收费 (万元), 复议结果维持, 规范性文件现行有效
UNITS = {
    "甲县人民政府": ("甲县.govreport", 3, Decimal("0.35"), 1, 10),
    "乙县人民政府": ("乙县.xlsx", 4, Decimal("1.2"), 0, 7),
    "丙县人民政府": ("丙县.docx", 5, Decimal("2.005"), 2, 0),
    "丁县人民政府": ("丁县.html", 6, Decimal("0"), 0, 1),
    "戊县人民政府": ("戊县.pdf", 7, Decimal("0.5"), 0, 2),
}
LAST_NAME = "甲县-2022.govreport"


@dataclass
class Folder:
    root: Path  # this year's folder
    last: Path  # last year's folder
    units: Path  # the five 2023 units alone (for the sum)
    reports: dict[str, Report]  # the units as generated, by agency
    files: int  # files in root


def unit_report(agency: str, new_natural: int, fee: Decimal, upheld: int, in_force: int, year: int = 2023) -> Report:
    seed = read_report(SEED)
    r = Report.new(agency=agency, year=year)
    r.values = dict(seed.values)
    r.texts = {k: v.replace(seed.agency, agency) for k, v in seed.texts.items()}
    r.values.update({"t3.new.natural": new_natural, "t2.fees.amount": fee, "t4.review.upheld": upheld,
                     "t2.normative.in_force": in_force})
    r.values["t3.carried_in.natural"] = 2
    r.invalidate()
    return r


def build(base: Path) -> Folder:
    import sys

    if not SAMPLES.is_dir():
        pytest.skip(f"shared samples not found at {SAMPLES}")
    sys.path.insert(0, str(HERE))
    from test_import_formats import report_docx, report_html

    from govreport_gui.core.exporters.excel import export_xlsx
    from govreport_gui.core.exporters.pdf import export_pdf

    root, last, units = base / "本年", base / "上年", base / "单位"
    for d in (root, last, units):
        d.mkdir(parents=True)
    reports = {}
    for agency, (name, *figures) in UNITS.items():
        rep = unit_report(agency, *figures)
        reports[agency] = rep
        for folder in (root, units):
            path = folder / name
            if name.endswith(".govreport"):
                write_report(rep, path)
            elif name.endswith(".xlsx"):
                export_xlsx(rep, path)
            elif name.endswith(".pdf"):
                export_pdf(rep, path)
            elif name.endswith(".docx"):
                path.write_bytes(report_docx(rep))
            else:
                path.write_text(report_html(rep), encoding="utf-8")
    shutil.copy(SEED, root / "临平-2023.govreport")
    shutil.copy(SAMPLES / "linping-2023-published.txt", root)
    shutil.copy(SAMPLES / "pingtan-2022-web-glued.txt", root)
    shutil.copy(SAMPLES / "shuyang-2025-markdown.txt", root / "沭阳-2025.md")
    shutil.copy(SAMPLES / "huaian-2024-pdftotext.txt", root / HOSTILE)
    (root / "损坏.xlsx").write_bytes(b"PK\x03\x04" + b"\x00garbage" * 50)
    (root / "空白.txt").write_bytes(b"")
    (root / "说明.jpg").write_bytes(b"\xff\xd8 not a report")  # not a report format: not collected
    (root / ".隐藏.txt").write_text("hidden", encoding="utf-8")
    prev = unit_report("甲县人民政府", 0, Decimal("0"), 0, 8, year=2022)
    prev.values["t3.carried_out.natural"] = 5
    prev.invalidate()
    write_report(prev, last / LAST_NAME)
    files = len(UNITS) + 7
    return Folder(root, last, units, reports, files)
