"""``govreport register``: template, apply (counts, unmatched values, exit codes), export, due."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from register_lines import year_boundary_register

from govreport_gui.cli import main
from govreport_gui.core.exporters.register_sheet import SHEET, write_register_workbook
from govreport_gui.core.storage import read_report

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def report_path(tmp_path) -> Path:
    p = tmp_path / "报告.govreport"
    assert main(["new", "--agency", "某局", "--year", "2025", "-o", str(p)]) == 0
    return p


def test_template(tmp_path, capsys) -> None:
    out = tmp_path / "台账.xlsx"
    assert main(["register", "template", "-o", str(out)]) == 0
    assert openpyxl.load_workbook(out)[SHEET]["B1"].value == "收到日期"
    assert main(["register", "template", "-o", str(tmp_path / "无此文件夹" / "x.xlsx")]) == 2
    assert "无法写入" in capsys.readouterr().err


def test_apply_export_due(tmp_path, report_path, form, capsys) -> None:
    sheet = tmp_path / "台账.xlsx"
    write_register_workbook(sheet, form, year_boundary_register())
    out = tmp_path / "填好.govreport"
    assert main(["register", "apply", str(report_path), str(sheet), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "读取台账：12行" in printed
    assert "一、本年新收政府信息公开申请数量：3 1 1 1 0 1（合计7）" in printed
    assert "四、结转下年度继续办理：2 0 0 0 0 1（合计3）" in printed
    r = read_report(out)
    assert r.get("t3.total.total") == 7 and len(r.register) == 12
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    # export reads back the same lines
    back = tmp_path / "导出.xlsx"
    assert main(["register", "export", str(out), "-o", str(back)]) == 0
    ws = openpyxl.load_workbook(back)[SHEET]
    assert [ws.cell(row=i, column=1).value for i in range(2, 15)] == [*range(1, 13), None]
    assert ws["D2"].value == "张三"
    # due on a day: lines 4 (received 2024-12-30), 8 (answered later) and 9 are open on 2025-12-31
    capsys.readouterr()
    rc = main(["register", "due", str(out), "--date", "2025-12-31"])
    lines = capsys.readouterr().out.splitlines()
    assert rc == 1  # line 4 is overdue
    assert lines[0] == "截至2025-12-31，未答复的申请3件："
    # 12-31 (1), 1-1 off, 1-2..3 (3), 1-6..24 (18), Sunday 1-26 worked (19), 1-27 (20)
    assert lines[1].startswith("  序号4  收到2024-12-30  自然人  答复期限2025-01-27  已逾期")
    assert "序号8" in lines[2] and "办理中" in lines[2] and "序号9" in lines[3]
    assert main(["register", "due", str(out), "--date", "2024-11-06"]) == 0  # only line 1 open, not yet due


def test_import_stores_the_register_and_keeps_typed_figures(tmp_path, report_path, form, capsys) -> None:
    sheet = tmp_path / "台账.xlsx"
    write_register_workbook(sheet, form, year_boundary_register())
    before = read_report(report_path)
    out = tmp_path / "导入.govreport"
    assert main(["register", "import", str(report_path), str(sheet), "-o", str(out)]) == 0
    assert "读取台账：12行" in capsys.readouterr().out
    r = read_report(out)
    assert len(r.register) == 12 and not r.register.fills_table
    assert all(r.get(c) == before.get(c) for c in form.cells)  # Table 三 as typed until the clerk switches


def test_apply_with_unmatched_values(tmp_path, report_path, capsys) -> None:
    csv = tmp_path / "台账.csv"
    csv.write_text("受理日期,申请人类别,答复结果,办结日期,经办人\n"
                   "2025-01-20,自然人,予以公开,2025-02-01,甲\n"
                   "2025-02-20,企业,已回复,2025-03-01,乙\n", encoding="utf-8")
    out = tmp_path / "填好.govreport"
    assert main(["register", "apply", str(report_path), str(csv), "-o", str(out)]) == 1
    cap = capsys.readouterr()
    assert "未能对应的列：“经办人”" in cap.out
    assert "未能识别：第3行“答复结果”：“已回复”无法对应到表三的办理结果" in cap.out
    assert "台账第2行：办理结果不在表三的办理结果之中（“已回复”），未计入表格。" in cap.out
    assert "未写入" in cap.err and not out.exists()
    assert main(["register", "apply", str(report_path), str(csv), "-o", str(out), "--allow-unmatched",
                 "--omit-applicants"]) == 0
    r = read_report(out)
    assert r.get("t3.new.total") == 1 and r.get("t3.granted.natural") == 1  # the line without result: not counted
    assert r.register.lines[1].result is None


def test_refusals_exit_2(tmp_path, report_path, capsys) -> None:
    missing = tmp_path / "无.xlsx"
    assert main(["register", "apply", str(report_path), str(missing), "-o", str(tmp_path / "o.govreport")]) == 2
    assert "找不到文件" in capsys.readouterr().err
    assert main(["register", "export", str(report_path), "-o", str(tmp_path / "x.xlsx")]) == 2
    assert "没有台账" in capsys.readouterr().err
    assert main(["register", "due", str(report_path), "--date", "2025-13-01"]) == 2
    assert main(["register", "due", str(tmp_path / "nope.govreport")]) == 2
    no_year = tmp_path / "无年度.govreport"
    no_year.write_text(json.dumps({"format": "govreport", "format_version": 2, "form": "2021"}), encoding="utf-8")
    csv = tmp_path / "t.csv"
    csv.write_text("收到日期\n2025-01-01\n", encoding="utf-8")
    assert main(["register", "apply", str(no_year), str(csv), "-o", str(tmp_path / "o.govreport")]) == 2
    assert "没有填写年度" in capsys.readouterr().err


def test_subprocess_usage_error_is_chinese() -> None:
    p = subprocess.run([sys.executable, "-m", "govreport_gui.cli", "register", "apply"], capture_output=True,
                       text=True, cwd=ROOT)
    assert p.returncode == 2 and "参数错误" in p.stderr


def test_carry_over_command_keeps_open_applications(tmp_path, report_path, form) -> None:
    sheet = tmp_path / "台账.xlsx"
    write_register_workbook(sheet, form, year_boundary_register())
    last = tmp_path / "2025.govreport"
    assert main(["register", "apply", str(report_path), str(sheet), "-o", str(last)]) == 0
    new = tmp_path / "2026.govreport"
    assert main(["carry-over", str(last), "-o", str(new)]) == 0
    r = read_report(new)
    assert r.year == 2026 and [x.received.isoformat() for x in r.register.lines] == [
        "2024-12-30", "2025-12-15", "2025-12-29", "2026-01-03"]
    assert r.get("t3.carried_in.total") == 3 and r.get("t3.new.total") == 1
    assert stat.S_IMODE(new.stat().st_mode) == 0o600


def test_existing_output_not_overwritten_without_force(tmp_path, report_path, capsys) -> None:
    out = tmp_path / "台账.xlsx"
    out.write_bytes(b"the clerk's own register")
    assert main(["register", "template", "-o", str(out)]) == 2
    assert "已存在" in capsys.readouterr().err and out.read_bytes() == b"the clerk's own register"
    assert main(["register", "template", "-o", str(out), "--force"]) == 0
    csv = tmp_path / "t.csv"
    csv.write_text("收到日期,申请人类型\n2025-01-01,自然人\n", encoding="utf-8")
    assert main(["register", "apply", str(report_path), str(csv), "-o", str(report_path)]) == 2
    assert main(["register", "apply", str(report_path), str(csv), "-o", str(report_path), "--force"]) == 0
    assert main(["register", "export", str(report_path), "-o", str(out)]) == 2
    assert main(["register", "export", str(report_path), "-o", str(out), "--force"]) == 0
