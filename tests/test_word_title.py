"""The Word title breaks after the agency, as the PDF does (issue 26, item 9): Word's own wrapping broke
"…2024年度政府 / 信息公开工作报告" inside a word.  A short title stays on one line; our own reader takes the broken
title back whole.
"""

from __future__ import annotations

import io
import zipfile

from govreport_gui.core.exporters.word import render_docx
from govreport_gui.core.importers.dispatch import import_bytes
from govreport_gui.core.report import Report

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def title_paragraph(data: bytes) -> str:
    from lxml import etree

    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    body = etree.fromstring(xml).find(f"{W}body")
    p = body.find(f"{W}p")
    return "".join("\n" if n.tag == f"{W}br" else (n.text or "") for n in p.iter(f"{W}t", f"{W}br"))


def test_long_title_breaks_after_the_agency(seed: Report) -> None:
    seed.meta["agency"] = "杭州市临平区行政审批服务管理办公室"
    seed.meta.pop("title", None)
    data = render_docx(seed)
    assert title_paragraph(data) == "杭州市临平区行政审批服务管理办公室\n2023年度政府信息公开工作报告"
    back = import_bytes(data, "报告.docx").report
    assert back.title == seed.title


def test_short_title_stays_on_one_line() -> None:
    report = Report.new("某局", 2024)
    assert title_paragraph(render_docx(report)) == "某局2024年度政府信息公开工作报告"
