"""The Word export: read back exactly (values, meta, prose), the grid's merged cells, styles with East Asian faces,
page numbers, the options, a clerk's edit in Word, and the command line."""

from __future__ import annotations

import io
import random
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from govreport_gui.cli import main
from govreport_gui.core.exporters.word import export_docx, render_docx
from govreport_gui.core.form import load_form
from govreport_gui.core.grid import table_grid
from govreport_gui.core.importers.dispatch import import_file
from govreport_gui.core.report import Baseline, Report
from govreport_gui.core.storage import read_report, to_dict
from govreport_gui.core.values import format_value

SEED = Path(__file__).resolve().parent / "data" / "linping-2023.govreport"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def full_report() -> Report:
    """Every input cell non-zero, every meta field and every text set, with the prose's awkward corners."""
    form = load_form()
    rng = random.Random(17)
    r = read_report(SEED)
    for cid in form.inputs:
        r.values[cid] = Decimal("24252.311082") if form.cells[cid].kind == "decimal" else rng.randint(1, 99999)
    r.meta = {"agency": "某市某区人民政府办公室", "year": 2024,
              "title": "某市某区人民政府办公室2024年度政务公开工作报告", "published": "2025-01-20"}
    r.explanations = {form.rules[0]["id"]: "说明" * 300, form.rules[-1]["id"]: "另行说明。"}
    r.previous = Baseline(year=2023, cells={cid: 7 for cid in form.inputs if form.cells[cid].kind == "count"})
    r.texts = {
        "preface": "　　本报告依据《条例》编制。\n统计期限自2024年1月1日起至2024年12月31日止。",
        "overview": "（一）主动公开\n\n本机关主动公开信息 1,234 条。\t（含转载）\n"
                    "（二）依申请公开。收到申请12件，办结12件。\n（三）政府信息管理\n加强管理 & <审核> “三审三校”。\n",
        "problems": "一是……\n二是……",
        "other": "本年度未收取信息处理费。  \n五、存在的主要问题及改进情况",  # a line that reads like a heading
    }
    r.invalidate()
    return r


def roundtrip(report: Report, tmp_path: Path, **options: bool) -> tuple[Report, list]:
    path = tmp_path / "报告.docx"
    export_docx(report, path, **options)
    res = import_file(path)
    return res.report, res.log


def assert_same(a: Report, b: Report) -> None:
    da, db = to_dict(a), to_dict(b)
    assert da["cells"] == db["cells"]
    assert {k: v for k, v in da["meta"].items() if v is not None} == db["meta"]
    assert da["texts"] == db["texts"]
    assert da["explanations"] == db["explanations"] and da.get("previous") == db.get("previous")
    assert db.get("printed_totals", {}) == {}


def test_seed_round_trip(tmp_path: Path) -> None:
    seed = read_report(SEED)
    got, log = roundtrip(seed, tmp_path)
    assert_same(seed, got)
    assert not [e for e in log if e.level in ("warning", "mismatch", "unread", "missing")]


def test_every_cell_non_zero_round_trip(tmp_path: Path) -> None:
    report = full_report()
    got, _ = roundtrip(report, tmp_path)
    assert_same(report, got)
    assert all(got.values[c] == report.values[c] for c in report.form.inputs)


def test_options_keep_the_round_trip(tmp_path: Path) -> None:
    report = full_report()
    got, _ = roundtrip(report, tmp_path, signature_block=True, rules_appendix=True)
    assert_same(report, got)


def test_title_from_the_pattern_stays_derived(tmp_path: Path) -> None:
    report = full_report()
    del report.meta["title"]
    got, _ = roundtrip(report, tmp_path)
    assert "title" not in got.meta and got.title == report.title


def _xml(data: bytes, part: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read(part))


def _spans(tbl: etree._Element) -> set[tuple[int, int, int, int]]:
    """(row, column, rowspan, colspan) of each cell, from gridSpan and vMerge alone."""
    starts: dict[tuple[int, int], list[int]] = {}
    for r, tr in enumerate(tbl.iter(f"{W}tr"), 1):
        c = 1
        for tc in tr.iter(f"{W}tc"):
            span_el = tc.find(f"{W}tcPr/{W}gridSpan")
            span = int(span_el.get(f"{W}val")) if span_el is not None else 1
            merge = tc.find(f"{W}tcPr/{W}vMerge")
            if merge is not None and merge.get(f"{W}val") != "restart":
                top = max((k for k in starts if k[1] == c and k[0] < r), key=lambda k: k[0])
                starts[top][0] += 1
            else:
                starts[(r, c)] = [1, span]
            c += span
    return {(r, c, rs, cs) for (r, c), (rs, cs) in starts.items()}


def test_merged_cells_match_the_grid() -> None:
    report = read_report(SEED)
    tables = _xml(render_docx(report), "word/document.xml").findall(f".//{W}tbl")
    assert len(tables) == len(report.form.tables)
    for tbl, tid in zip(tables, [s.key for s in report.form.sections if s.kind == "table"], strict=True):
        grid = table_grid(report.form, tid)
        assert _spans(tbl) == {(g.r, g.c, g.rs, g.cs) for g in grid.cells}, tid
        assert len(tbl.findall(f"{W}tblGrid/{W}gridCol")) == grid.table.cols


def test_styles_name_the_east_asian_faces_and_the_body_has_no_fonts() -> None:
    data = render_docx(read_report(SEED))
    styles = _xml(data, "word/styles.xml")
    faces = {}
    for style in styles.iter(f"{W}style"):
        fonts = style.find(f"{W}rPr/{W}rFonts")
        if fonts is not None and fonts.get(f"{W}eastAsia"):
            faces[style.get(f"{W}styleId")] = fonts.get(f"{W}eastAsia")
    assert faces["Normal"] == "仿宋_GB2312" and faces["Title"] == "方正小标宋简体"
    assert faces["Heading1"] == "黑体" and faces["Heading2"] == "楷体_GB2312"
    assert any(f == "宋体" for f in faces.values())
    body = _xml(data, "word/document.xml")
    assert body.findall(f".//{W}rFonts") == []  # styles, not direct formatting
    fonts = _xml(data, "word/fontTable.xml")
    alt = {f.get(f"{W}name"): f.find(f"{W}altName").get(f"{W}val") for f in fonts.iter(f"{W}font")
           if f.find(f"{W}altName") is not None}
    assert alt["仿宋_GB2312"] == "仿宋" and alt["楷体_GB2312"] == "楷体"


def test_page_gb9704_and_page_numbers() -> None:
    data = render_docx(read_report(SEED))
    body = _xml(data, "word/document.xml")
    mar = body.find(f".//{W}sectPr/{W}pgMar")
    mm = {k: round(int(mar.get(f"{W}{k}")) / 1440 * 25.4) for k in ("top", "bottom", "left", "right")}
    assert mm == {"top": 37, "bottom": 35, "left": 28, "right": 26}
    assert _xml(data, "word/settings.xml").find(f"{W}evenAndOddHeaders") is not None
    refs = {ref.get(f"{W}type") for ref in body.iter(f"{W}footerReference")}
    assert refs == {"default", "even"}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        footers = [zf.read(n).decode() for n in zf.namelist() if n.startswith("word/footer")]
    assert len(footers) == 2 and all("PAGE" in f and "— " in f and " —" in f for f in footers)
    assert any("GRPageNumberOdd" in f for f in footers) and any("GRPageNumberEven" in f for f in footers)


def _texts(data: bytes) -> list[str]:
    body = _xml(data, "word/document.xml")
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.iter(f"{W}p")]


def test_blank_as_zero_signature_and_appendix() -> None:
    report = read_report(SEED)
    report.meta["published"] = "2024-01-31"
    for cid in report.form.inputs[:5]:
        report.values.pop(cid, None)
    report.invalidate()
    plain = _texts(render_docx(report))
    full = _texts(render_docx(report, blank_as_zero=True, signature_block=True, rules_appendix=True))
    assert full.count("0") > plain.count("0")
    assert f"{report.agency}（盖章）" in full and "2024年1月31日" in full
    assert "附：勾稽关系与核查规则" in full
    assert any(t.startswith(report.form.rules[0]["id"]) for t in full)
    assert f"{report.agency}（盖章）" not in plain


def test_a_clerks_edit_in_word_is_read(tmp_path: Path) -> None:
    import docx

    report = read_report(SEED)
    path = tmp_path / "edited.docx"
    export_docx(report, path)
    document = docx.Document(str(path))
    order = [s.key for s in report.form.sections if s.kind == "table"]
    tid = max(order, key=lambda t: len(report.form.tables[t].cells))  # Table 三
    grid = table_grid(report.form, tid)
    table = document.tables[order.index(tid)]

    def retype(r: int, c: int, text: str) -> None:
        paragraph = table.cell(r - 1, c - 1).paragraphs[0]
        for run in paragraph.runs:
            run.text = ""
        paragraph.add_run(text)

    g = next(x for x in grid.cells if x.kind == "input")
    total = next(x for x in grid.cells if x.kind == "total")
    retype(g.r, g.c, "4321")
    retype(total.r, total.c, "999999")
    document.save(str(path))
    res = import_file(path)
    assert res.report.values[g.cell_id] == 4321
    assert res.report.printed_totals == {total.cell_id: 999999}
    assert any(e.level == "mismatch" and e.cell == total.cell_id for e in res.log)


def _rewrite(data: bytes, drop: str = "", replace: tuple[bytes, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == drop:  # emptied, as by a program that keeps no custom properties
                body = body[:body.index(b">", body.index(b"<Properties")) + 1] + b"</Properties>"
            if replace and info.filename == "word/document.xml":
                body = body.replace(*replace)
            dst.writestr(info, body)
    return out.getvalue()


def test_recognised_without_its_properties_by_tables_and_headings(tmp_path: Path) -> None:
    seed = read_report(SEED)
    data = _rewrite(render_docx(seed), drop="docProps/custom.xml")
    (tmp_path / "a.docx").write_bytes(data)
    res = import_file(tmp_path / "a.docx")
    assert any("本程序导出的Word文档" in e.message for e in res.log)
    assert res.report.values == seed.values and res.report.texts == seed.texts
    assert res.report.title == seed.title and res.report.year == seed.year


def test_other_word_documents_go_to_the_published_report_reader(tmp_path: Path) -> None:
    seed = read_report(SEED)
    data = _rewrite(render_docx(seed), drop="docProps/custom.xml",
                    replace=(b'<w:pStyle w:val="Heading1"/>', b'<w:pStyle w:val="Normal"/>'))
    (tmp_path / "b.docx").write_bytes(data)
    res = import_file(tmp_path / "b.docx")
    assert not any("本程序导出的Word文档" in e.message for e in res.log)
    assert any(e.where.startswith("Word表格") for e in res.entries("read"))


def test_big_figures_do_not_wrap() -> None:
    report = read_report(SEED)
    cid = next(c for c in report.form.inputs if report.form.cells[c].kind == "count"
               and report.form.tables[report.form.cells[c].table].cols > 4)
    report.values[cid] = 999_999_999
    report.invalidate()
    body = _xml(render_docx(report), "word/document.xml")
    sized = [p for p in body.iter(f"{W}p") if "".join(t.text or "" for t in p.iter(f"{W}t")) == "999999999"]
    assert sized and sized[0].find(f".//{W}rPr/{W}sz") is not None  # set smaller in its cell only


def test_cli_exports_all_three_in_one_call(tmp_path: Path, capsys) -> None:
    docx_out, xlsx, pdf = tmp_path / "a.docx", tmp_path / "a.xlsx", tmp_path / "a.pdf"
    code = main(["export", str(SEED), "--docx", str(docx_out), "--xlsx", str(xlsx), "--pdf", str(pdf)])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "已导出Word文档" in out.out
    assert docx_out.read_bytes()[:2] == b"PK" and xlsx.read_bytes()[:2] == b"PK" and pdf.read_bytes()[:5] == b"%PDF-"
    assert_same(read_report(SEED), import_file(docx_out).report)


@pytest.mark.parametrize("target", ["missing-folder", "folder"])
def test_cli_unwritable_docx(tmp_path: Path, capsys, target: str) -> None:
    out = tmp_path / "nope" / "a.docx" if target == "missing-folder" else tmp_path
    code = main(["export", str(SEED), "--docx", str(out)])
    err = capsys.readouterr().err
    refusal = err[err.index("govreport："):]  # after the final check's list of what is unresolved (a draft)
    assert code == 2 and "无法写入" in refusal and len(refusal.strip().splitlines()) == 1
    assert not any(p.suffix == ".docx" or p.name.startswith(".") for p in tmp_path.iterdir())


def test_cli_refuses_the_source_as_output(tmp_path: Path, capsys) -> None:
    src = tmp_path / "r.govreport"
    src.write_bytes(SEED.read_bytes())
    assert main(["export", str(src), "--docx", str(src)]) == 2
    assert "不能与报告文件相同" in capsys.readouterr().err
    assert src.read_bytes() == SEED.read_bytes()


def test_values_in_the_document_are_what_the_pdf_prints() -> None:
    report = full_report()
    texts = set(_texts(render_docx(report)))
    for cid in report.form.cells:
        assert format_value(report.get(cid)) in texts, cid


def test_a_hostile_span_is_read_quickly(tmp_path: Path) -> None:
    import time

    data = render_docx(read_report(SEED))
    hostile = _rewrite(data, replace=(b'<w:gridSpan w:val="3"/>', b'<w:gridSpan w:val="2000000000"/>'))
    (tmp_path / "h.docx").write_bytes(hostile)
    t = time.perf_counter()
    res = import_file(tmp_path / "h.docx")  # read (a table no longer matching its grid is logged), never hangs
    assert time.perf_counter() - t < 5
    assert res.report is not None
