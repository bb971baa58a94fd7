"""The PDF itself: read back with poppler (pdftotext, pdffonts, pdfinfo) and checked label by label, value by value."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from govreport_gui.core.checks.run import check
from govreport_gui.core.exporters.pdf import PdfOptions, export_pdf, render_pdf
from govreport_gui.core.exporters.pdf.fonts import FontUnavailable
from govreport_gui.core.grid import table_grid
from govreport_gui.core.report import Report
from govreport_gui.core.values import format_value

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) not installed")

SEED_PAGES = 5
A4_PT = (595.28, 841.89)


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=60).stdout


def pdf_text(path: Path) -> str:
    """Text in content-stream order (reportlab draws tables row by row, cell by cell)."""
    return _run("pdftotext", "-raw", "-enc", "UTF-8", str(path), "-")


def squash(text: str) -> str:
    """Whitespace removed, and the page numbers ("— n —", drawn first on each page) taken out of the flow."""
    return re.sub(r"—\d+—", "", re.sub(r"\s+", "", text))


def expected_tokens(report: Report, table_id: str, blank_as_zero: bool = False) -> list[str]:
    """Every label and value of a table in reading order (row by row, left to right), as the layout has them."""
    out: list[str] = []
    for g in table_grid(report.form, table_id).cells:
        if g.is_value:
            v = report.get(g.cell_id)
            text = format_value(v) if v is not None else ("0" if blank_as_zero else "")
            if text:
                out.append(text)
        else:
            out.append(squash(g.wrap or g.text))
    return out


def assert_in_order(haystack: str, tokens: list[str]) -> None:
    pos = 0
    for i, tok in enumerate(tokens):
        found = haystack.find(tok, pos)
        assert found >= 0, f"token {i} {tok!r} not found after position {pos}: …{haystack[pos:pos + 80]}…"
        pos = found + len(tok)


def write(tmp_path: Path, report: Report, options: PdfOptions | None = None, name: str = "out.pdf") -> Path:
    out = tmp_path / name
    export_pdf(report, out, options)
    return out


def page_count(path: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", str(path)), re.M).group(1))  # type: ignore[union-attr]


def numbered(report: Report) -> Report:
    """Every input cell a distinct 4-digit count (the fee a decimal), so order and placement are checkable."""
    for i, cid in enumerate(report.form.inputs):
        spec = report.form.cells[cid]
        report.values[cid] = Decimal(f"{1000 + i}.25") if spec.kind == "decimal" else 1000 + i
    return report


# --- content ---------------------------------------------------------------------------------------------------
def test_seed_pdf_has_title_opening_sections_and_every_label_and_value_in_reading_order(seed, tmp_path):
    out = write(tmp_path, seed)
    text = squash(pdf_text(out))
    tokens = [squash(seed.title), squash(seed.texts["preface"])]
    for section in seed.form.sections:
        tokens.append(section.heading)
        if section.kind == "table":
            tokens += expected_tokens(seed, section.key)
        else:
            tokens += [squash(line) for line in seed.texts.get(section.key, "").splitlines() if line.strip()]
    assert_in_order(text, tokens)
    # the computed totals of the seed: 3 new applications from companies, all under （四）1
    assert seed.get("t3.new.total") == 3 and seed.get("t3.total.business") == 3


def test_every_cell_lands_in_its_place(tmp_path):
    report = numbered(Report.new("测试机关", 2024))
    out = write(tmp_path, report)
    raw = pdf_text(out)
    text = squash(raw)
    for table_id in ("t2", "t3", "t4"):
        tokens = expected_tokens(report, table_id)
        assert_in_order(text, tokens)
    words = raw.split()
    # each distinct input value printed exactly once, as a word of its own
    for cid in report.form.inputs:
        assert words.count(format_value(report.values[cid])) == 1, cid
    # totals are computed (t3 row totals and （七）总计), not left blank
    for cid in ("t3.new.total", "t3.total.natural", "t3.total.total", "t4.review.total", "t4.suit_after_review.total"):
        assert format_value(report.get(cid)) in words


def test_wrapped_narrow_headers_and_merged_headers(seed, tmp_path):
    lines = [squash(x) for x in pdf_text(write(tmp_path, seed)).splitlines()]
    # 商业/企业 wrapped as the form says: two lines in the cell
    i = lines.index("商业")
    assert lines[i + 1] == "企业"
    assert "结果" in lines and "维持" in lines
    # merged header cells appear once per table, not once per spanned column
    text = "".join(lines)
    assert text.count("申请人情况") == 1 and text.count("法人或其他组织") == 1
    assert text.count("未经复议直接起诉") == 1 and text.count("复议后起诉") == 1


def test_blank_cells_stay_blank_or_print_zero(tmp_path):
    report = Report.new("空白机关", 2024)
    plain = pdf_text(write(tmp_path, report, name="blank.pdf")).split()
    zeros = pdf_text(write(tmp_path, report, PdfOptions(blank_as_zero=True), name="zero.pdf")).split()
    assert plain.count("0") == 0
    assert zeros.count("0") == len(report.form.cells)  # every input and total cell of the three tables


def test_opening_falls_back_to_the_form_pattern(tmp_path):
    report = Report.new("某某局", 2024)
    text = squash(pdf_text(write(tmp_path, report)))
    assert squash(report.form.opening.format(year=2024)) in text
    assert "某某局2024年度政府信息公开工作报告" in text


def test_level2_headings_and_page_numbers(seed, tmp_path):
    raw = pdf_text(write(tmp_path, seed))
    for heading in ("（一）主动公开", "（五）监督保障"):
        assert heading in [squash(x) for x in raw.splitlines()]
    numbers = re.findall(r"—\s*(\d+)\s*—", raw)
    assert numbers == [str(n) for n in range(1, SEED_PAGES + 1)]


def test_signature_block_and_rules_appendix_only_when_asked(seed, tmp_path):
    w6 = next(f for f in check(seed) if f.rule == "W6")
    seed.explanations[w6.key] = "申请人撤回1件已在正文说明，表中计入（四）1。"
    plain = squash(pdf_text(write(tmp_path, seed, name="plain.pdf")))
    assert "单位负责人" not in plain and "勾稽关系与核查规则" not in plain
    out = write(tmp_path, seed, PdfOptions(signature_block=True, rules_appendix=True), name="full.pdf")
    text = squash(pdf_text(out))
    signature = ["单位负责人（签字）：", squash(seed.agency) + "（盖章）", "年月日"]
    assert_in_order(text, ["六、其他需要报告的事项", *signature])
    assert_in_order(text, ["附：勾稽关系与核查规则"] + [squash(r["title"]) for r in seed.form.rules])
    assert squash(seed.explanations[w6.key]) in text
    assert "W6正文数字与表格一致（警告）：未通过" in text  # the seed's prose disagrees with Table 3
    assert "H1申请数量勾稽关系（错误）：通过" in text
    assert page_count(out) > SEED_PAGES


# --- the file --------------------------------------------------------------------------------------------------
def test_page_count_and_a4_pages(seed, tmp_path):
    out = write(tmp_path, seed)
    assert page_count(out) == SEED_PAGES
    info = _run("pdfinfo", "-f", "1", "-l", str(SEED_PAGES), str(out))
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert len(sizes) == SEED_PAGES
    for w, h in sizes:
        assert abs(float(w) - A4_PT[0]) < 0.5 and abs(float(h) - A4_PT[1]) < 0.5


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="pdffonts not installed")
def test_every_font_embedded(seed, tmp_path):
    out = write(tmp_path, seed, PdfOptions(signature_block=True, rules_appendix=True))
    rows = _run("pdffonts", str(out)).splitlines()[2:]
    assert rows, "no fonts listed"
    for row in rows:
        cols = row.split()
        # name type encoding emb sub uni object id: emb is the 5th field from the end
        assert cols[-5] == "yes", row
        assert "TrueType" in row, row


def test_export_is_atomic_and_leaves_no_backup(seed, tmp_path):
    out = tmp_path / "report.pdf"
    out.write_bytes(b"old")
    export_pdf(seed, out)
    assert out.read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


def test_rendering_is_deterministic_under_source_date_epoch(seed, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 2025-01-01 00:00 UTC
    first = render_pdf(seed)
    assert first == render_pdf(seed)
    assert b"/CreationDate (D:20250101000000+00'00')" in first


def test_creation_date_is_the_time_of_export(seed, monkeypatch):
    import time

    from pypdf import PdfReader

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = time.time()
    created = PdfReader(io.BytesIO(render_pdf(seed))).metadata.creation_date
    assert created is not None and before - 2 <= created.timestamp() <= time.time() + 2


def test_no_usable_font_is_a_clear_error_and_writes_nothing(seed, tmp_path, monkeypatch):
    from govreport_gui.core.exporters.pdf import fonts
    from govreport_gui.core.fonts import discovery

    empty = tmp_path / "no-fonts"
    empty.mkdir()
    monkeypatch.setenv("GOVREPORT_FONT_DIRS", str(empty))
    monkeypatch.setattr(discovery, "package_font_dir", lambda: empty)
    for role in fonts.ROLES:
        monkeypatch.delenv(f"GOVREPORT_FONT_{role.upper()}", raising=False)
    out = tmp_path / "out" / "report.pdf"
    out.parent.mkdir()
    with pytest.raises(FontUnavailable, match="找不到可嵌入PDF的中文TrueType字体"):
        export_pdf(seed, out)
    assert list(out.parent.iterdir()) == []
