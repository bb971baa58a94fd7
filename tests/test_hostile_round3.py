"""Hostile inputs of the third probe (issue 30), over the newer surfaces: the register, the review, Word and HTML.

Each case runs in a fresh process; the wall time of the whole process (interpreter start included) must stay within
5 s and its peak resident memory (``VmHWM``) within 500 MB; the outcome is a read, a written file, or a refusal in
one Chinese line, never a traceback.  Figures are printed (``pytest -s``) and kept in ``FIGURES``.

Measured before the fixes (same machine): a register workbook of 100,000 lines took 4.7 s to be refused; a 125 KB
workbook of 2.9 million shared strings 26 s, one of 1.5 million cell styles 18 s and 818 MB, one row of 2.3 million
cells 30 s and 1.5 GB, 400,000 merged ranges 7.7 s; a named pipe called .govreport in a review folder held the
review 20 s; a file name in a foreign encoding ended the review's workbook and page in UnicodeEncodeError.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from fuzzing import one_line_message
from test_hostile_inputs import with_bomb

MAX_SECONDS, MAX_MB = 5.0, 500
ROOT = Path(__file__).resolve().parents[1]
FIGURES: dict[str, tuple[int, float, int, str]] = {}  # case → (input bytes, seconds, peak MB, outcome)
CTL = "".join(chr(i) for i in range(0x20)) + "\u2028\u2029\ufeff\ufffe"

CHILD = r"""
import json, sys, time
start = time.perf_counter()
mode, path, out_dir = sys.argv[1], sys.argv[2], sys.argv[3]
try:
    if mode == "register":
        from govreport_gui.core.form import load_form
        from govreport_gui.core.importers.register_sheet import read_register
        got = read_register(path, load_form())
        out = {"outcome": "read", "lines": len(got.lines), "unmatched": [str(u) for u in got.unmatched]}
    elif mode == "review":
        from govreport_gui.core.review import collect_files, review
        from govreport_gui.core.review.page import export_review_html
        from govreport_gui.core.review.workbook import export_review_xlsx
        result = review(collect_files([path]), [], workers=0)
        export_review_xlsx(result, out_dir + "/审查结果.xlsx")
        export_review_html(result, out_dir + "/审查结果.html")
        out = {"outcome": "written", "rows": {r.name: r.reason for r in result.rows}}
    else:
        from govreport_gui.core.storage import read_report
        report = read_report(path)
        if mode == "docx":
            from govreport_gui.core.exporters.word import export_docx
            export_docx(report, out_dir + "/报告.docx")
        else:
            from govreport_gui.core.exporters.excel import export_xlsx
            export_xlsx(report, out_dir + "/报告.xlsx")
        out = {"outcome": "written"}
except Exception as exc:
    from govreport_gui.core.importers.base import ImportRefused
    from govreport_gui.core.review import CollectRefused
    from govreport_gui.core.storage import ReportFileError
    refused = isinstance(exc, ImportRefused | ReportFileError | CollectRefused)
    out = {"outcome": "refused" if refused else "error", "type": type(exc).__name__, "message": str(exc)}
out["seconds"] = time.perf_counter() - start
with open("/proc/self/status") as fh:
    out["peak_kb"] = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
print(json.dumps(out))  # ASCII: a file name may hold lone surrogates
"""


def bounded(case: str, mode: str, path: Path, prefix: tuple[str, ...] = ()) -> dict:
    """Run one case in a fresh process (behind ``prefix``, e.g. setpriv); assert the bounds and a clean outcome."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out_dir = path.parent / f"out-{path.name}"
    out_dir.mkdir(exist_ok=True)
    start = time.perf_counter()
    proc = subprocess.run([*prefix, sys.executable, "-c", CHILD, mode, str(path), str(out_dir)], capture_output=True,
                          text=True, timeout=120, env=env, cwd=str(ROOT))
    wall = time.perf_counter() - start
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stderr == "", proc.stderr[-2000:]  # not even a warning in English
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    size = path.stat().st_size if path.is_file() else sum(p.stat().st_size for p in path.iterdir() if p.is_file())
    FIGURES[case] = (size, round(wall, 2), out["peak_kb"] // 1024, out["outcome"])
    print(f"\n{case}: {size:,} bytes, {wall:.2f} s, {out['peak_kb'] // 1024} MB, {out['outcome']} "
          f"{out.get('message', '')}")
    assert out["outcome"] != "error", out
    if out["outcome"] == "refused":
        assert one_line_message(out["message"]), out["message"]
    assert wall <= MAX_SECONDS and out["peak_kb"] // 1024 <= MAX_MB, (case, wall, out["peak_kb"] // 1024)
    out["out_dir"] = out_dir
    return out


# --- register files -----------------------------------------------------------------------------------------------
HEAD = ["序号", "收到日期", "申请人类型", "申请人", "申请内容", "办理结果", "答复日期", "延期", "备注"]


def line(i: int) -> list[object]:
    d = date(2025, 1, 1) + timedelta(days=i % 360)
    return [i, d, "自然人", f"申请人{i}", f"申请公开某项目{i}的批复", "予以公开", d + timedelta(days=10), "否", "无"]


def register_csv(n: int) -> bytes:
    rows = [",".join(HEAD)] + [",".join(str(v) for v in line(i)) for i in range(1, n + 1)]
    return ("\n".join(rows) + "\n").encode("utf-8")


def _xml(s: str) -> bytes:
    return s.replace("&", "&amp;").replace("<", "&lt;").encode("utf-8")


def register_xlsx(n: int) -> bytes:
    """A register as Excel saves one: shared strings, dates as serial numbers with a date style (built from the
    parts directly: a writer library takes longer than the reading measured)."""
    template = io.BytesIO()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "台账"
    ws.append(HEAD)
    ws.append(line(1))  # gives the styles a date format (style 1)
    wb.save(template)
    strings: dict[str, int] = {}

    def sid(s: str) -> int:
        return strings.setdefault(s, len(strings))

    rows = []
    for r, values in enumerate([HEAD] + [line(i) for i in range(1, n + 1)], 1):
        cells = []
        for c, v in enumerate(values):
            ref = f"{chr(65 + c)}{r}"
            if isinstance(v, date):
                cells.append(f'<c r="{ref}" s="1"><v>{(v - date(1899, 12, 30)).days}</v></c>')
            elif isinstance(v, int):
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="s"><v>{sid(str(v))}</v></c>')
        rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
             f'2006/main"><dimension ref="A1:I{n + 1}"/><sheetData>{"".join(rows)}</sheetData></worksheet>')
    sst = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
           b'main">' + b"".join(b"<si><t>" + _xml(s) + b"</t></si>" for s in strings) + b"</sst>")
    return _with_shared_strings(_replace(template.getvalue(), {"xl/worksheets/sheet1.xml": sheet.encode("utf-8")}), sst)


def _replace(data: bytes, parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        for name in names:
            dst.writestr(name, parts.get(name, src.read(name)))
        for name, body in parts.items():
            if name not in names:
                dst.writestr(name, body)
    return out.getvalue()


def _with_shared_strings(data: bytes, sst: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        types, rels = z.read("[Content_Types].xml"), z.read("xl/_rels/workbook.xml.rels")
    if b"sharedStrings" not in types:
        types = types.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
                              b'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        rels = rels.replace(b"</Relationships>", b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
                            b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                            b"</Relationships>")
    return _replace(data, {"[Content_Types].xml": types, "xl/_rels/workbook.xml.rels": rels,
                           "xl/sharedStrings.xml": sst})


def _sheet(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("xl/worksheets/sheet1.xml")


@pytest.fixture(scope="module")
def small() -> bytes:
    return register_xlsx(3)


def test_register_csv_of_100000_lines(tmp_path: Path) -> None:
    path = tmp_path / "台账.csv"
    path.write_bytes(register_csv(100_000))
    out = bounded("register CSV, 100,000 lines", "register", path)
    assert out["outcome"] == "refused" and "30000" in out["message"]


def test_register_xlsx_of_100000_lines(tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    path.write_bytes(register_xlsx(100_000))
    out = bounded("register xlsx, 100,000 lines", "register", path)
    assert out["outcome"] == "refused" and "30000" in out["message"], out


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_register_of_30000_lines_is_read(kind: str, tmp_path: Path) -> None:
    """The limit itself: 30,000 lines under the header are read (not refused as 30,001 rows)."""
    path = tmp_path / f"台账.{kind}"
    path.write_bytes(register_csv(30_000) if kind == "csv" else register_xlsx(30_000))
    out = bounded(f"register {kind}, 30,000 lines", "register", path)
    assert out["outcome"] == "read" and out["lines"] == 30_000 and out["unmatched"] == []


def test_register_dates_out_of_range_and_serial_numbers(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "日期.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("台账")
    day = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws.write_row(0, 0, ["收到日期", "申请人类型"])
    cells = [("1900-02-29", None), ("9999-12-31", None), (45678, None), (45678, day), (60, day), (2958466, day),
             (1e308, day), (45678.75, day)]
    for r, (v, fmt) in enumerate(cells, 1):
        (ws.write_string if isinstance(v, str) else ws.write_number)(r, 0, v, fmt)
        ws.write_string(r, 1, "自然人")
    wb.close()
    out = bounded("register xlsx, dates out of range and serial numbers", "register", path)
    assert out["lines"] == 2  # 45678 and 45678.75 as dates: 2025-01-21
    said = "\n".join(out["unmatched"])
    for expected in ("第2行“收到日期”：“1900-02-29”不是可识别的日期",
                     "第3行“收到日期”：“9999-12-31”不在1990年至2999年之间", "第4行“收到日期”：“45678”是数字而不是日期",
                     "第6行“收到日期”：“1900-02-28”不在1990年至2999年之间",
                     "第7行“收到日期”：“#VALUE!”是Excel错误值或超出Excel日期范围的数", "第8行“收到日期”：“#VALUE!”"):
        assert expected in said, said
    csv = tmp_path / "日期.csv"
    csv.write_text("收到日期,申请人类型\n1900-02-29,自然人\n9999-12-31,自然人\n45678,自然人\n", encoding="utf-8")
    out = bounded("register CSV, dates out of range and serial numbers", "register", csv)
    assert out["lines"] == 0 and len(out["unmatched"]) == 3


def test_register_merged_cells(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["某局2025年依申请公开台账"])
    ws.merge_cells("A1:E1")
    ws.append(["收到日期", "申请人类型", "申请人", "办理结果", "备注"])
    for d in ("2025-01-02", "2025-01-03", "2025-01-04"):
        ws.append([d, "自然人" if d.endswith("2") else None, "张三", "予以公开", None])
    ws.merge_cells("B3:B5")
    ws.merge_cells("D3:E3")
    path = tmp_path / "合并.xlsx"
    wb.save(path)
    out = bounded("register xlsx with merged cells", "register", path)
    assert out["lines"] == 3
    assert out["unmatched"] == ["第4行“申请人类型”：“自然人”在合并单元格B3:B5中，值只记在第3行，第4至5行的这一项为空"
                                "（未按合并填入，请取消合并后逐行填写）"]


def test_register_merged_ranges_by_the_hundred_thousand(tmp_path: Path, small: bytes) -> None:
    merges = b"".join(b'<mergeCell ref="K%d:L%d"/>' % (i, i) for i in range(1, 400_001))
    sheet = _sheet(small).replace(b"</worksheet>", b'<mergeCells count="400000">' + merges
                                  + b"</mergeCells></worksheet>")
    path = tmp_path / "合并过多.xlsx"
    path.write_bytes(_replace(small, {"xl/worksheets/sheet1.xml": sheet}))
    assert bounded("register xlsx, 400,000 merged ranges", "register", path)["outcome"] == "refused"


def test_register_entity_bomb(tmp_path: Path, small: bytes) -> None:
    laughs = ('<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol;" if i == 1 else f"&lol{i - 1};") * 10}">' for i in range(1, 10)) + "]>").encode()
    sst = (b'<?xml version="1.0"?>' + laughs + b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
           b'main"><si><t>&lol9;</t></si></sst>')
    path = tmp_path / "实体.xlsx"
    path.write_bytes(_with_shared_strings(small, sst))
    out = bounded("register xlsx, entity bomb (billion laughs)", "register", path)
    assert out["outcome"] == "refused" and "不安全" in out["message"]


@pytest.mark.parametrize("lie", [False, True], ids=["honest", "lying"])
def test_register_zip_bomb(lie: bool, tmp_path: Path, small: bytes) -> None:
    path = tmp_path / "炸弹.xlsx"
    path.write_bytes(with_bomb(small, "xl/worksheets/sheet1.xml", lie))
    out = bounded(f"register xlsx, zip bomb ({'lying' if lie else 'honest'} 2 GB member)", "register", path)
    assert out["outcome"] == "refused"  # the first hostile suite's bomb (test_hostile_inputs.with_bomb)


def test_register_parts_too_costly_for_openpyxl(tmp_path: Path, small: bytes) -> None:
    """Small files that would cost openpyxl minutes: each refused before it parses them."""
    sst = (b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           + b"<si><t>a</t></si>" * 2_900_000 + b"</sst>")
    with zipfile.ZipFile(io.BytesIO(small)) as z:
        styles = z.read("xl/styles.xml")
    i = styles.index(b"<cellXfs")
    styles = styles[:i] + b'<cellXfs count="1500000">' + b"<xf/>" * 1_500_000 + styles[styles.index(b">", i) + 1:]
    wide = _sheet(small).replace(b"</sheetData>", b'<row r="9">' + b'<c r="A9"><v>1</v></c>' * 2_300_000
                                 + b"</row></sheetData>")
    cases = {
        "2.9 million shared strings": _with_shared_strings(small, sst),
        "1.5 million cell styles": _replace(small, {"xl/styles.xml": styles}),
        "one row of 2.3 million cells": _replace(small, {"xl/worksheets/sheet1.xml": wide}),
    }
    for case, data in cases.items():
        path = tmp_path / f"{case}.xlsx"
        path.write_bytes(data)
        assert bounded(f"register xlsx, {case}", "register", path)["outcome"] == "refused"


def test_register_template_formatted_far_down_is_no_lines(tmp_path: Path) -> None:
    """A template formatted for 40,000 rows but holding 2 lines: read (formatted rows are no lines)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["收到日期", "申请人类型"])
    ws.append(["2025-01-02", "自然人"])
    ws.append(["2025-01-03", "自然人"])
    for r in range(4, 40_004):
        ws.cell(row=r, column=1).number_format = "yyyy-mm-dd"
    path = tmp_path / "格式.xlsx"
    wb.save(path)
    out = bounded("register xlsx formatted to row 40,000 with 2 lines", "register", path)
    assert out["outcome"] == "read" and out["lines"] == 2


# --- a review folder ----------------------------------------------------------------------------------------------
def _without_file_permissions_override() -> tuple[str, ...]:
    """As root (CI runs `make test` as root), a mode-000 file is readable: drop the capability that allows it."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a mode-000 file cannot be made unreadable")
    return (setpriv, "--bounding-set=-dac_override,-dac_read_search")


def test_review_folder_of_hostile_files(tmp_path: Path) -> None:
    from common import SEED

    root = tmp_path / "本年"
    root.mkdir()
    shutil.copy(SEED, root / "正常.govreport")
    (root / "回环").symlink_to(".")  # a folder linking to itself
    (root / "甲.govreport").symlink_to("乙.govreport")  # two links pointing at each other
    (root / "乙.govreport").symlink_to("甲.govreport")
    secret = root / "无权限.govreport"
    shutil.copy(SEED, secret)
    secret.chmod(0)
    os.mkfifo(root / "管道.govreport")
    with open(root / "巨大.govreport", "wb") as fh:
        fh.truncate(100 * 1024 * 1024)  # 100 MB
    shutil.copy(SEED, root / os.fsdecode(b"GBK\xc3\xfb\xb3\xc6\x01\x1b[31m.govreport"))
    out = bounded("review folder: link loops, no permission, a pipe, 100 MB, a GBK name", "review", root,
                  _without_file_permissions_override())
    rows = out["rows"]
    assert rows["正常.govreport"] == "" and "链接过多或成环" in rows["甲.govreport"]
    assert rows["无权限.govreport"] == "没有读取“无权限.govreport”的权限。"
    assert "不是普通文件" in rows["管道.govreport"] and "过大" in rows["巨大.govreport"]
    assert len(rows) == 7  # the folder linking to itself is not walked into
    page = (out["out_dir"] / "审查结果.html").read_text(encoding="utf-8")
    assert "GBK\ufffd\ufffd\ufffd\ufffd[31m.govreport" in page and "\x1b" not in page
    summary = openpyxl.load_workbook(out["out_dir"] / "审查结果.xlsx")["汇总"]
    names = [c.value for row in summary.iter_rows(min_row=3) for c in row if isinstance(c.value, str)]
    assert "GBK\ufffd\ufffd\ufffd\ufffd[31m.govreport" in names


# --- Word and HTML of texts holding control characters ----------------------------------------------------------
@pytest.fixture()
def control_report(tmp_path: Path) -> Path:
    from govreport_gui.core.report import Report
    from govreport_gui.core.storage import write_report

    report = Report.new("某局" + CTL.replace("\n", ""), 2025)
    report.meta["title"] = "某局2025年度报告" + CTL.replace("\n", "")
    report.texts = {k: ("正文" + CTL + "完") * 3 for k in report.form.text_keys}
    path = tmp_path / "控制字符.govreport"
    write_report(report, path)
    return path


def test_word_export_of_control_characters(control_report: Path) -> None:
    import docx

    out = bounded("Word export, texts with \\x00-\\x1f, U+2028, U+FEFF", "docx", control_report)
    text = "\n".join(p.text for p in docx.Document(str(out["out_dir"] / "报告.docx")).paragraphs)
    assert "正文" in text and "完" in text
    assert not any(ch in text for ch in CTL if ch not in "\t\n\r\u2028\u2029\ufeff")


def test_workbook_export_of_control_characters(control_report: Path) -> None:
    out = bounded("Excel export, texts with \\x00-\\x1f, U+2028, U+FEFF", "xlsx", control_report)
    ws = openpyxl.load_workbook(out["out_dir"] / "报告.xlsx").worksheets[0]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith("正文") for t in texts)


def test_review_page_of_control_characters(control_report: Path) -> None:
    from html.parser import HTMLParser

    folder = control_report.parent / "审查"
    folder.mkdir()
    shutil.copy(control_report, folder / control_report.name)
    out = bounded("review page and workbook, texts with \\x00-\\x1f, U+2028, U+FEFF", "review", folder)
    page = (out["out_dir"] / "审查结果.html").read_text(encoding="utf-8")
    HTMLParser().feed(page)
    assert "某局" in page and not any(ch in page for ch in CTL if ch not in "\t\n\u2028\u2029\ufeff")
