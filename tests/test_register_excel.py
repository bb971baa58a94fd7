"""The register in Excel: the template (headers, drop-downs from the form), export read back line by line, import
of offices' own sheets (other header names, dates as dates or text, short result forms, unmatched values listed),
CSV in UTF-8 and GBK, and hostile files refused in bounded time and memory."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from fuzzing import one_line_message
from register_lines import year_boundary_register

from govreport_gui.core.exporters.register_sheet import OPTIONS, SHEET, write_register_workbook
from govreport_gui.core.importers.base import ImportRefused
from govreport_gui.core.importers.register_sheet import read_register
from govreport_gui.core.register.model import FIELDS, RegisterLine, register_spec

ROOT = Path(__file__).resolve().parents[1]
HEADERS = ["序号", "收到日期", "申请人类型", "申请人", "申请内容", "办理结果", "答复日期", "延期", "补正告知日期",
           "补正收到日期", "征求意见天数", "备注"]


def test_template_headers_and_dropdowns(tmp_path, form) -> None:
    out = tmp_path / "台账.xlsx"
    write_register_workbook(out, form)
    wb = openpyxl.load_workbook(out)
    ws = wb[SHEET]
    assert [c.value for c in ws[1]] == HEADERS == ["序号"] + [label for _, label in FIELDS]
    assert ws.max_row == 1 or all(c.value is None for c in ws[2])
    spec = register_spec(form)
    opts = wb[OPTIONS]
    assert opts.sheet_state == "hidden"
    assert [opts.cell(row=i + 1, column=1).value for i in range(6)] == list(spec.type_labels.values())
    assert [opts.cell(row=i + 1, column=2).value for i in range(21)] == list(spec.result_labels.values())
    dvs = {str(dv.sqref).split(":")[0]: dv for dv in ws.data_validations.dataValidation}
    assert dvs["C2"].type == "list" and dvs["C2"].formula1 == f"'{OPTIONS}'!$A$1:$A$6"
    assert dvs["F2"].type == "list" and dvs["F2"].formula1 == f"'{OPTIONS}'!$B$1:$B$21"
    assert dvs["H2"].formula1 == f"'{OPTIONS}'!$C$1:$C$2"
    assert ws["B2"].number_format == "yyyy-mm-dd"


def test_export_reads_back_line_by_line(tmp_path, form) -> None:
    reg = year_boundary_register()
    reg.lines[0] = RegisterLine(date(2024, 11, 5), "natural", "张三", "某项目批复", "granted", date(2025, 1, 8),
                                note="当面递交")
    out = tmp_path / "导出.xlsx"
    write_register_workbook(out, form, reg)
    ws = openpyxl.load_workbook(out)[SHEET]
    assert ws["A2"].value == 1 and ws["B2"].value == datetime(2024, 11, 5) and ws["C2"].value == "自然人"
    assert ws["F2"].value == "（一）予以公开" and ws["H2"].value == "否"
    got = read_register(out, form)
    assert got.unmatched == [] and got.unplaced == []
    assert got.lines == reg.lines
    assert (out.stat().st_mode & 0o777) == 0o600  # it holds names
    write_register_workbook(tmp_path / "无名.xlsx", form, reg, omit_applicants=True)
    assert all(not x.applicant for x in read_register(tmp_path / "无名.xlsx", form).lines)


def _office_sheet(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2025年台账"
    ws.append(["某局2025年政府信息公开申请登记台账"])
    ws.append([])
    ws.append(["编号", "受理日期", "申请人类别", "申请人姓名", "申请事项", "答复结果", "办结日期", "是否延期",
               "告知补正日期", "收到补正日期", "征求第三方意见天数", "说明", "经办人"])
    rows = [
        [1, datetime(2025, 1, 20), "自然人", "张三", "事1", "（一）予以公开", "2025/2/21", "否", None, None, None, "",
         "甲"],
        [2, "2025/1/20", "个人", "李四", "事2", "信息不存在", "2025年3月1日", "是", "2025-01-22", "2025.1.27", 3, "",
         ""],
        [3, "2025年1月20日", "企业", "", "事3", "非本机关信息", "2025-02-10", "", None, None, None, "", ""],
        [4, "2025-03-01", "律所", "", "", "申请人撤回", "2025-03-02", None, None, None, None, "", ""],
        [5, "2025-03-01", "公民", "", "", "1.属于国家秘密", "2025-03-09", None, None, None, None, "", ""],
        [6, "2025-03-01", "律师", "", "", "不予公开", "2025-03-09", "也许", None, None, "三天", "", ""],
        [7, "2025-03-01", "自然人", "", "", "已办理", "2025-02-30", None, None, None, None, "", ""],
        [8, "3月1日", "自然人", "", "", "", "", None, None, None, None, "", ""],
        [None] * 13,
        [9, "2025-04-01", "社会公益组织", "某协会", "", "（五）不予处理 2.重复申请", "2025-04-03", None, None, None, 0,
         "", ""],
    ]
    for r in rows:
        ws.append(r)
    wb.save(path)


def test_import_other_headers_and_unmatched(tmp_path, form) -> None:
    src = tmp_path / "本局台账.xlsx"
    _office_sheet(src)
    got = read_register(src, form)
    assert got.unplaced == ["经办人"]
    assert "第3行为表头" in got.where
    by_received = [(x.received, x.applicant_type, x.result, x.answered) for x in got.lines]
    assert by_received == [
        (date(2025, 1, 20), "natural", "granted", date(2025, 2, 21)),
        (date(2025, 1, 20), "natural", "unavailable.not_held", date(2025, 3, 1)),
        (date(2025, 1, 20), "business", "unavailable.not_held", date(2025, 2, 10)),
        (date(2025, 3, 1), "legal", "other.other", date(2025, 3, 2)),
        (date(2025, 3, 1), "natural", "withheld.state_secret", date(2025, 3, 9)),
        (date(2025, 3, 1), None, None, date(2025, 3, 9)),
        (date(2025, 3, 1), "natural", None, None),
        (date(2025, 4, 1), "nonprofit", "not_processed.duplicate", date(2025, 4, 3)),
    ]
    second = got.lines[1]
    assert second.extended and second.correction_asked == date(2025, 1, 22)
    assert second.correction_received == date(2025, 1, 27) and second.consultation_days == 3
    assert [str(u) for u in got.unmatched] == [
        "第9行“申请人类别”：“律师”无法对应到表三的申请人类别",
        "第9行“答复结果”：“不予公开”无法对应到表三的办理结果",
        "第9行“是否延期”：“也许”应为“是”或“否”",
        "第9行“征求第三方意见天数”：“三天”应为0至366的整数",
        "第10行“办结日期”：“2025-02-30”不是可识别的日期",
        "第10行“答复结果”：“已办理”无法对应到表三的办理结果",
        "第11行“受理日期”：“3月1日”不是可识别的日期",
    ]


def test_csv_in_gbk_and_utf8(tmp_path, form) -> None:
    text = "序号,申请日期,申请主体,处理结果,答复日期\n1,2025-05-06,科研机构,部分公开,2025-05-20\n"
    for enc in ("gb18030", "utf-8-sig"):
        p = tmp_path / f"{enc}.csv"
        p.write_bytes(text.encode(enc))
        got = read_register(p, form)
        assert got.lines == [RegisterLine(date(2025, 5, 6), "research", result="partial", answered=date(2025, 5, 20))]


@pytest.mark.parametrize("content, fragment", [
    (b"", "空文件"),
    ("姓名,电话\n张三,1\n".encode(), "找不到台账的表头"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "旧版Excel"),
    (b"PK\x03\x04garbage", "不是有效的Excel工作簿"),
])
def test_not_a_register_refused(tmp_path, form, content, fragment) -> None:
    p = tmp_path / ("x.csv" if content[:2] not in (b"PK", b"\xd0\xcf") else "x.xlsx")
    p.write_bytes(content)
    with pytest.raises(ImportRefused, match=fragment) as exc:
        read_register(p, form)
    assert one_line_message(str(exc.value))


# --- hostile files, each read in a fresh process: refused or read within 5 s and 500 MB ----------------------------
CHILD = r"""
import json, sys, time
start = time.perf_counter()
from govreport_gui.core.form import load_form
from govreport_gui.core.importers.register_sheet import read_register
try:
    got = read_register(sys.argv[1], load_form())
    out = {"outcome": "read", "lines": len(got.lines)}
except Exception as exc:
    out = {"outcome": "refused" if type(exc).__name__ == "ImportRefused" else "error", "message": str(exc)}
out["seconds"] = time.perf_counter() - start
with open("/proc/self/status") as fh:
    out["mb"] = next(int(l.split()[1]) for l in fh if l.startswith("VmHWM")) / 1024
print(json.dumps(out, ensure_ascii=False))
"""


def _xlsx_with_sheet(sheet_xml: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    buf = io.BytesIO()
    wb = openpyxl.Workbook()
    wb.active.append(["收到日期"])
    wb.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = sheet_xml if info.filename == "xl/worksheets/sheet1.xml" else src.read(info)
            z.writestr(info.filename, data)
        for k, v in (extra or {}).items():
            z.writestr(k, v)
    return out.getvalue()


def _hostile_cases(tmp: Path) -> dict[str, Path]:
    rows = b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>2025-01-01</t></is></c></row>' % (i, i)
                    for i in range(2, 400_000))
    head = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>\xe6\x94\xb6\xe5\x88\xb0'
            b'\xe6\x97\xa5\xe6\x9c\x9f</t></is></c></row>')
    sized = head.replace(b"<sheetData>", b'<dimension ref="A1"/><sheetData>')
    cases = {
        "many_rows.xlsx": _xlsx_with_sheet(head + rows + b"</sheetData></worksheet>"),
        "many_rows_claiming_one.xlsx": _xlsx_with_sheet(sized + rows + b"</sheetData></worksheet>"),
        "billion_laughs.xlsx": _xlsx_with_sheet(
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
            b'<worksheet><sheetData><row><c t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>'),
        "bomb.xlsx": _xlsx_with_sheet(head + b"</sheetData></worksheet>", {"xl/big.bin": b"\0" * (200 * 1024 * 1024)}),
        "many_lines.csv": "收到日期\n".encode() + b"2025-01-01\n" * 1_500_000,
        "huge_field.csv": "收到日期\n\"".encode() + b"x" * (15 * 1024 * 1024) + b"\"\n",
        "too_big.csv": b"x" * (21 * 1024 * 1024),
    }
    out = {}
    for name, data in cases.items():
        p = tmp / name
        p.write_bytes(data)
        out[name] = p
    return out


def test_hostile_files_bounded(tmp_path) -> None:
    for name, path in _hostile_cases(tmp_path).items():
        p = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, cwd=ROOT,
                           timeout=60, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
        assert p.returncode == 0, (name, p.stderr[-2000:])
        got = json.loads(p.stdout.strip().splitlines()[-1])
        print(name, got)
        assert got["outcome"] in ("refused", "read"), (name, got)
        if got["outcome"] == "refused":
            assert one_line_message(got["message"]), (name, got)
        assert got["seconds"] < 5.0 and got["mb"] < 500, (name, got)
