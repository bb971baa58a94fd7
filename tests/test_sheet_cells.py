"""No text ever becomes a formula in a workbook the program writes (issue 30).

Three layers:
- the source scan: no module but ``core/sheet_cells.py`` makes a workbook or writes a cell by hand, and every writer
  (``openpyxl_book("…")`` / ``XlsxBook("…")``) is listed in :data:`CASES` — a new workbook cannot escape the scan;
- every writer in :data:`CASES` is fed :data:`PAYLOADS` in each of its text fields; the bytes are reopened with
  openpyxl and no cell but the program's own ``=SUM`` totals has the formula type, every payload is a string cell
  with Excel's quote prefix, and the XML holds no other ``<f>`` element;
- LibreOffice opens the exported register and shows each payload as the text it is (a formula would show its
  result or an error: Err:509, 点我).
"""

from __future__ import annotations

import ast
import csv
import io
import os
import shutil
import subprocess
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from govreport_gui.core import sheet_cells
from govreport_gui.core.compare import compare_reports
from govreport_gui.core.compare.workbook import comparison_workbook_bytes
from govreport_gui.core.exporters.excel import workbook_bytes
from govreport_gui.core.exporters.register_sheet import SHEET, build_register_workbook
from govreport_gui.core.form import load_form
from govreport_gui.core.grid import table_grid
from govreport_gui.core.register.model import Register, RegisterLine
from govreport_gui.core.report import Report
from govreport_gui.core.review import collect_files, review
from govreport_gui.core.review.assessment import assess
from govreport_gui.core.review.units import Unit, units_template_bytes
from govreport_gui.core.review.workbook import review_workbook_bytes
from govreport_gui.core.sheet_cells import ForeignFormula, XlsxBook, csv_field, openpyxl_book, openpyxl_bytes, put
from govreport_gui.core.storage import write_report
from govreport_gui.core.workbook import address, clean_text, sheet_names, total_formula

PACKAGE = Path(__file__).resolve().parents[1] / "govreport_gui"
HELPER = PACKAGE / "core" / "sheet_cells.py"
PAYLOADS = ("=1+1", "=cmd|' /C calc'!A0", "+1", "-1", "@SUM(1)", "\t=1+1", "\r=2+2",
            '=HYPERLINK("http://example.invalid","点我")')
SHOWN = {clean_text(p) for p in PAYLOADS}  # what a cell can hold (CR is not kept by any XML parser)


# --- the writers, each fed the payloads in every text field --------------------------------------------------------
def hostile_register() -> Register:
    lines = [RegisterLine(date(2025, 1, 2 + i), "natural", p, p, "granted", date(2025, 2, 3), note=p, seq=p)
             for i, p in enumerate(PAYLOADS)]  # the office's own 序号 too
    unread = (("applicant_type", PAYLOADS[1]), ("result", PAYLOADS[0]))  # values an import could not read
    lines.append(RegisterLine(date(2025, 3, 1), None, unread=unread))
    return Register(lines)


def register_export(tmp: Path) -> bytes:
    return openpyxl_bytes(build_register_workbook(load_form(), hostile_register()))


def register_template(tmp: Path) -> bytes:
    return openpyxl_bytes(build_register_workbook(load_form()))


def hostile_report() -> Report:
    report = Report.new(PAYLOADS[1], 2025)
    report.meta["title"] = PAYLOADS[-1]
    report.texts = {k: "\n".join(PAYLOADS) for k in report.form.text_keys}
    report.explanations = {"W1": PAYLOADS[0]}
    report.values["t3.new.natural"] = 3
    report.values["t2.fees.amount"] = Decimal("0.50")
    return report


def report_workbook(tmp: Path) -> bytes:
    return workbook_bytes(hostile_report())


def report_draft_workbook(tmp: Path) -> bytes:
    return workbook_bytes(hostile_report(), draft=True)


def review_workbook(tmp: Path) -> bytes:
    """A folder whose file names, agencies, titles and texts are the payloads; an unreadable one and a last year's
    folder that cannot be used, so that every sheet of the review (汇总, 合计, 上年报告未用, each file) has them."""
    root, last = tmp / "本年", tmp / "上年"
    root.mkdir()
    last.mkdir()
    for i, p in enumerate(PAYLOADS):
        name = clean_text(p).replace("/", "_").strip()
        while (root / f"{name}.govreport").exists():
            name += "~"
        report = Report.new(p, 2025)
        report.meta["title"] = f"{p}2023年度报告"
        report.texts = {k: p for k in report.form.text_keys}
        report.values["t3.new.natural"] = i
        write_report(report, root / f"{name}.govreport")
    (root / "=cmd|' calc'!A0.txt").write_bytes(b"\xff\xfe\x00garbage")
    (last / "=1+1.govreport").write_text("{", encoding="utf-8")
    result = review(collect_files([str(root)]), collect_files([str(last)]), workers=0)
    form = load_form()
    category = next(iter(form.assessment["deadlines"]))
    units = [Unit(p, category, p, i) for i, p in enumerate(PAYLOADS, 2)]  # units and 上级 named by the payloads
    return review_workbook_bytes(result, assess(result, units, form))


def comparison_workbook(tmp: Path) -> bytes:
    last, this = hostile_report(), hostile_report()
    last.meta["year"] = 2024
    this.texts = {k: "\n".join(reversed(PAYLOADS)) + "\n新增" for k in this.form.text_keys}  # marked runs too
    return comparison_workbook_bytes(compare_reports(last, this, PAYLOADS[1], PAYLOADS[0]))


def units_template(tmp: Path) -> bytes:
    return units_template_bytes(load_form())


# writer name (as given to openpyxl_book / XlsxBook) → the cases that exercise it
CASES: dict[str, list[Callable[[Path], bytes]]] = {
    "台账": [register_export, register_template],
    "报告": [report_workbook, report_draft_workbook],
    "审查结果": [review_workbook],
    "对比": [comparison_workbook],
    "单位名单": [units_template],
}
WITHOUT_INPUT = (register_template, units_template)  # no text of the user's: nothing to feed
ALL_CASES = [(writer, case) for writer, cases in CASES.items() for case in cases]


def own_totals() -> dict[tuple[str, str], str]:
    """(sheet, address) → formula of every total the report workbook may hold."""
    form = load_form()
    names = sheet_names(form)
    out = {}
    for tid in form.tables:
        for g in table_grid(form, tid).cells:
            if g.kind == "total":
                out[(names[tid], address(g.r, g.c))] = total_formula(form, g.cell_id)
    return out


def cells(data: bytes) -> list[openpyxl.cell.cell.Cell]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]


@pytest.mark.parametrize(("writer", "case"), ALL_CASES, ids=[c.__name__ for _, c in ALL_CASES])
def test_no_text_becomes_a_formula(writer: str, case: Callable[[Path], bytes], tmp_path: Path) -> None:
    data = case(tmp_path)
    totals = own_totals() if writer == "报告" else {}
    found = cells(data)
    formulas = {(c.parent.title, c.coordinate): c.value for c in found if c.data_type == "f"}
    assert formulas.items() <= totals.items(), set(formulas.items()) - set(totals.items())
    assert len(sheet_cells.formulas_in(data)) == len(formulas)  # the XML holds no formula openpyxl did not show
    strings = {c.value: c for c in found if c.data_type == "s"}
    if case not in WITHOUT_INPUT:
        stripped = {str(k).strip() for k in strings}  # the comparison's sentences lose a leading tab
        assert stripped >= {x.strip() for x in SHOWN}, SHOWN - strings.keys()  # every payload reached the sheets
    for c in found:
        if c.data_type != "f" and isinstance(c.value, str) and c.value.startswith(sheet_cells.FORMULA_LEADS):
            assert c.data_type == "s" and c.quotePrefix, (c.parent.title, c.coordinate, c.value)


# --- the source scan ------------------------------------------------------------------------------------------------
RAW_WRITES = {"write", "write_string", "write_formula", "write_array_formula", "write_dynamic_array_formula",
              "write_number", "write_blank", "write_row", "write_column", "write_rich_string", "write_url",
              "write_datetime", "write_boolean", "merge_range", "save"}
SHEETISH = {"ws", "sheet", "opts", "worksheet", "wb", "active"}  # names a worksheet goes by (append, ws[…] =)
TYPE_ONLY = {"xlsxwriter.format", "xlsxwriter.worksheet"}  # imported for type hints only


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p != HELPER)


def touches_workbooks(tree: ast.AST) -> bool:
    """True when the module imports openpyxl, xlsxwriter or the helper (so its cell writes are checked)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] in ("openpyxl", "xlsxwriter") for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and node.module and (
                node.module.split(".")[0] in ("openpyxl", "xlsxwriter") or node.module.endswith("sheet_cells")):
            return True
    return False


def _sheetish(node: ast.AST) -> bool:
    return (isinstance(node, ast.Name) and node.id in SHEETISH) or (
        isinstance(node, ast.Attribute) and node.attr in SHEETISH)


def escapes(path: Path) -> list[str]:
    """What in ``path`` makes or fills a workbook without the helper."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    where = f"{path.relative_to(PACKAGE)}"
    checked = touches_workbooks(tree)
    for node in ast.walk(tree):
        line = f"{where}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Import):
            found += [f"{line} import {a.name}" for a in node.names
                      if a.name.split(".")[0] == "xlsxwriter" and a.name not in TYPE_ONLY]
        elif isinstance(node, ast.ImportFrom) and node.module:
            top = node.module.split(".")[0]
            if top == "xlsxwriter" and node.module not in TYPE_ONLY:
                found.append(f"{line} from {node.module}")
            if top == "openpyxl" and (node.module.startswith("openpyxl.workbook")
                                      or any(a.name == "Workbook" for a in node.names)):
                found.append(f"{line} from {node.module} import Workbook")
        elif isinstance(node, ast.Attribute) and node.attr == "Workbook":
            found.append(f"{line} .Workbook")
        elif checked and isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in RAW_WRITES or (node.func.attr == "append" and _sheetish(node.func.value)):
                found.append(f"{line} .{node.func.attr}(…)")
            if node.func.attr == "cell" and any(k.arg == "value" for k in node.keywords):
                found.append(f"{line} .cell(value=…)")
        elif checked and isinstance(node, ast.Assign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                if isinstance(t, ast.Attribute) and t.attr in ("value", "data_type"):
                    found.append(f"{line} .{t.attr} =")
                if isinstance(t, ast.Subscript) and _sheetish(t.value):
                    found.append(f"{line} ws[…] =")
    return found


def writers_in_package() -> dict[str, str]:
    """Every writer name given to ``openpyxl_book`` or ``XlsxBook`` in the package → the module naming it."""
    out: dict[str, str] = {}
    for path in modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in ("openpyxl_book", "XlsxBook"):
                arg = node.args[0] if node.args else None
                assert isinstance(arg, ast.Constant) and isinstance(arg.value, str), \
                    f"{path.relative_to(PACKAGE)}:{node.lineno}: {name} needs its writer's name as a literal"
                out[arg.value] = str(path.relative_to(PACKAGE))
    return out


def test_no_module_writes_a_workbook_around_the_helper() -> None:
    found = [hit for path in modules() for hit in escapes(path)]
    assert found == [], "write workbooks through core/sheet_cells.py:\n" + "\n".join(found)


def test_every_writer_is_fed_the_payloads() -> None:
    writers = writers_in_package()
    assert writers.keys() == CASES.keys(), (
        f"writers without a hostile case in CASES: {sorted(writers.keys() - CASES.keys())}; "
        f"cases for writers that no longer exist: {sorted(CASES.keys() - writers.keys())}")
    assert {"台账", "报告", "审查结果", "对比", "单位名单"} <= writers.keys()


def test_the_scan_sees_a_raw_write(tmp_path: Path) -> None:
    """The scan itself: a module writing a cell by hand, or making its own workbook, is caught."""
    bad = PACKAGE / "core" / "_scan_probe.py"
    bad.write_text("\n".join([
        "import openpyxl", "from openpyxl import Workbook", "", "def f(ws):",
        "    ws.cell(row=1, column=1, value='=1')", "    ws['A1'] = 1", "    ws.append([1])",
        "    ws.parent.active.append([2])", "    c = ws.cell(row=1, column=1)", "    c.value = '=1'",
        "    return openpyxl.Workbook()", ""]), encoding="utf-8")
    try:
        hits = " ".join(escapes(bad))
    finally:
        bad.unlink()
    for what in ("import Workbook", ".cell(value=…)", "ws[…] =", ".append(…)", ".value =", ".Workbook"):
        assert what in hits, (what, hits)


# --- the helper's own rules ---------------------------------------------------------------------------------------
def test_only_own_sums_are_formulas() -> None:
    wb = openpyxl_book("测试")
    ws = wb.active
    sheet_cells.put_sum(ws, 1, 1, "=SUM(B1:C1,D2)")
    for formula in ("=1+1", "=SUM(A1)+1", "=cmd|' /C calc'!A0", "=SUM(A1:B2);=1", "=HYPERLINK(\"x\")", "SUM(A1)"):
        with pytest.raises(ForeignFormula, match="内部错误"):
            sheet_cells.put_sum(ws, 2, 1, formula)
    data = openpyxl_bytes(wb)
    assert sheet_cells.formulas_in(data) == [("xl/worksheets/sheet1.xml", "=SUM(B1:C1,D2)")]


def test_a_formula_slipped_in_by_hand_is_never_written() -> None:
    """Even a cell written around the helper cannot leave the program: the bytes are checked (ForeignFormula is an
    OSError with a Chinese sentence, so every caller's refusal of a failed write shows it)."""
    wb = openpyxl_book("测试")
    wb.active["A1"] = "=1+1"  # openpyxl makes this a formula
    with pytest.raises(OSError, match="内部错误：测试工作簿中将出现不是合计的公式“=1\\+1”"):
        openpyxl_bytes(wb)
    book = XlsxBook("测试")
    book.add_worksheet("x").write_formula(0, 0, "=A2")
    with pytest.raises(ForeignFormula):
        book.bytes()


def test_put_keeps_every_value_kind() -> None:
    wb = openpyxl_book("测试")
    ws = wb.active
    put(ws, 1, 1, "=1+1")
    put(ws, 1, 2, Decimal("0.50"))
    put(ws, 1, 3, Decimal("123456789012345678.123456"))  # no double holds it: text
    put(ws, 1, 4, 7)
    put(ws, 1, 5, date(2025, 1, 2))
    put(ws, 1, 6, "a\x00b")  # what XML forbids is dropped
    put(ws, 1, 7, None)
    with pytest.raises(TypeError):
        put(ws, 1, 8, True)
    back = openpyxl.load_workbook(io.BytesIO(openpyxl_bytes(wb))).active
    got = [(c.value, c.data_type) for c in back[1]]
    assert got[:6] == [("=1+1", "s"), (0.5, "n"), ("123456789012345678.123456", "s"), (7, "n"),
                       (got[4][0], "d"), ("ab", "s")]
    assert back["B1"].number_format == "0.00" and back["A1"].quotePrefix and not back["F1"].quotePrefix


def test_xlsx_book_text_keeps_the_format_and_adds_the_quote_prefix() -> None:
    book = XlsxBook("测试", {"font_name": "宋体"})
    ws = book.add_worksheet("x")
    bold = book.add_format({"bold": True})
    book.text(ws, 0, 0, "=1+1", bold)
    book.text(ws, 1, 0, "普通", bold)
    book.text(ws, 2, 0, "")
    book.sum(ws, 3, 0, "=SUM(A1:A2)", None, 0)
    back = openpyxl.load_workbook(io.BytesIO(book.bytes())).active
    assert (back["A1"].value, back["A1"].data_type, back["A1"].font.b, back["A1"].quotePrefix) == ("=1+1", "s", True,
                                                                                                   True)
    assert back["A2"].font.b and not back["A2"].quotePrefix and back["A3"].value is None
    assert back["A4"].data_type == "f"


def test_csv_fields_are_prefixed() -> None:
    """The OWASP rule for CSV output (the program writes none today; docs/file-format.md): a field starting with
    = + - @ tab or CR gets a leading apostrophe, and the csv module quotes what needs it."""
    out = io.StringIO()
    csv.writer(out).writerow([csv_field(p) for p in PAYLOADS] + [csv_field("张三"), csv_field("2025-01-02")])
    row = next(csv.reader(io.StringIO(out.getvalue())))
    assert row[:len(PAYLOADS)] == ["'" + p for p in PAYLOADS]
    assert row[-2:] == ["张三", "2025-01-02"]


# --- LibreOffice shows each payload as text -------------------------------------------------------------------------
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None and not os.environ.get("CI"), reason="soffice is not installed")
def test_libreoffice_shows_the_payloads_as_text(tmp_path: Path) -> None:
    """LibreOffice recalculates on load: a payload written as a formula would show a result or an error."""
    assert SOFFICE, "soffice is missing on CI: `make test` installs it"
    book = tmp_path / "台账.xlsx"
    book.write_bytes(register_export(tmp_path))
    profile = (tmp_path / "profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", str(tmp_path), str(book)],
                   capture_output=True, text=True, timeout=180)
    rows = list(csv.reader((tmp_path / "台账.csv").read_text(encoding="utf-8").splitlines()))
    assert rows[0][:4] == ["序号", "收到日期", "申请人类型", "申请人"], rows[0]
    assert SHEET == "台账"
    applicants = [r[3] for r in rows[1:len(PAYLOADS) + 1]]
    assert applicants == [clean_text(p) for p in PAYLOADS], applicants
    assert [r[0] for r in rows[1:len(PAYLOADS) + 1]] == [clean_text(p) for p in PAYLOADS]  # the offices' 序号
