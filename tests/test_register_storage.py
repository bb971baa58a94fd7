"""The register in the ``.govreport`` file: format version 2, version 1 files read unchanged, malformed register data
refused with one Chinese line, derived cells not stored, owner-only files with names, saving without names, and no
name in the exported workbook or PDF."""

from __future__ import annotations

import json
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from fuzzing import one_line_message
from register_lines import EXPECTED_2025, year_boundary_register

from govreport_gui.core.register.count import sync_report
from govreport_gui.core.report import Report
from govreport_gui.core.storage import FORMAT_VERSION, ReportFileError, dumps, loads, read_report, write_report

DATA = Path(__file__).parent / "data"
NAMES = ("张三", "某公司", "某律所", "李四")


def _with_register() -> Report:
    r = Report.new("某局", 2025)
    r.register = year_boundary_register()
    sync_report(r)
    return r


def test_version_1_file_reads_unchanged(tmp_path) -> None:
    v1 = DATA / "linping-2023.govreport"
    before = v1.read_bytes()
    assert json.loads(before)["format_version"] == 1
    r = read_report(v1)
    assert r.register is None and r.get("t3.new.total") is not None
    assert v1.read_bytes() == before
    out = tmp_path / "v2.govreport"
    write_report(r, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["format_version"] == FORMAT_VERSION == 4 and "register" not in doc
    again = read_report(out)
    assert again.same_content(r)


def test_register_round_trip_and_derived_cells_not_stored(tmp_path) -> None:
    r = _with_register()
    out = tmp_path / "r.govreport"
    write_report(r, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert not any(k.startswith("t3.") for k in doc["cells"])
    assert doc["register"]["fills_table"] is True and len(doc["register"]["lines"]) == 12
    assert doc["register"]["lines"][2] == {
        "received": "2024-12-28", "type": "legal", "applicant": "某律所", "result": "unavailable.not_held",
        "answered": "2025-03-01", "correction_asked": "2025-01-03", "correction_received": "2025-01-10",
        "extended": True,
    }
    back = read_report(out)
    assert back.same_content(r)
    for cid, (n, _) in EXPECTED_2025.items():
        assert back.get(cid) == n
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_typed_figures_kept_when_register_does_not_fill(tmp_path) -> None:
    r = _with_register()
    r.register.fills_table = False
    r.values["t3.new.natural"] = 8
    back = loads(dumps(r))
    assert back.get("t3.new.natural") == 8 and not back.register.fills_table


def test_saved_without_names(tmp_path) -> None:
    r = _with_register()
    out = tmp_path / "无名.govreport"
    write_report(r, out, omit_applicants=True)
    text = out.read_text(encoding="utf-8")
    assert not any(n in text for n in NAMES) and '"applicant"' not in text
    back = read_report(out)
    assert len(back.register) == 12 and not back.register.has_names()
    assert back.get("t3.new.total") == 7
    assert r.register.has_names()  # the report in memory keeps them


def _doc(register: object) -> bytes:
    return json.dumps({"format": "govreport", "format_version": 2, "form": "2021", "meta": {"year": 2025},
                       "register": register}, ensure_ascii=False).encode()


@pytest.mark.parametrize("register, fragment", [
    ([], "台账（register）格式不正确"),
    ({"lines": {}}, "台账（register）格式不正确"),
    ({"fills_table": "yes", "lines": []}, "台账（register）格式不正确"),
    ({"lines": [], "extra": 1}, "台账（register）格式不正确"),
    ({"lines": [1]}, "台账第1行格式不正确"),
    ({"lines": [{"type": "natural"}]}, "缺少收到日期"),
    ({"lines": [{"received": "2025/01/20"}]}, "应写成YYYY-MM-DD"),
    ({"lines": [{"received": "2025-02-30"}]}, "不是有效日期"),
    ({"lines": [{"received": "2025-02-03", "type": "robot"}]}, "申请人类型“robot”无效"),
    ({"lines": [{"received": "2025-02-03", "result": "t3.granted.natural"}]}, "办理结果"),
    ({"lines": [{"received": "2025-02-03", "extended": 1}]}, "延期"),
    ({"lines": [{"received": "2025-02-03", "consultation_days": -1}]}, "征求意见天数"),
    ({"lines": [{"received": "2025-02-03", "applicant": 5}]}, "申请人应为"),
    ({"lines": [{"received": "2025-02-03", "colour": "red"}]}, "未知项“colour”"),
])
def test_malformed_register_refused(register, fragment) -> None:
    with pytest.raises(ReportFileError, match=fragment) as exc:
        loads(_doc(register), "坏.govreport")
    msg = str(exc.value)
    assert one_line_message(msg) and msg.startswith("“坏.govreport”")


def test_newer_version_still_refused() -> None:
    with pytest.raises(ReportFileError, match="较新版本"):
        loads(json.dumps({"format": "govreport", "format_version": FORMAT_VERSION + 1, "form": "2021"}).encode())


def test_names_never_in_the_workbook(tmp_path) -> None:
    from govreport_gui.core.exporters.excel import export_xlsx
    from govreport_gui.core.importers.dispatch import import_file

    r = _with_register()
    out = tmp_path / "报告.xlsx"
    export_xlsx(r, out)
    with zipfile.ZipFile(out) as z:
        blob = b"".join(z.read(n) for n in z.namelist()).decode("utf-8", errors="replace")
    assert not any(n in blob for n in NAMES)
    back = import_file(out).report  # Table 三 as shown reads back
    assert back.get("t3.new.total") == 7 and back.get("t3.carried_out.natural") == 2


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) not installed")
def test_names_never_in_the_pdf(tmp_path) -> None:
    from govreport_gui.core.exporters.pdf import export_pdf

    r = _with_register()
    r.texts["overview"] = "本年共收到申请7件。"
    out = tmp_path / "报告.pdf"
    export_pdf(r, out)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, text=True).stdout
    assert "本年共收到申请7件" in text
    assert not any(n in text for n in NAMES)


def test_any_json_in_a_register_line_is_read_or_refused() -> None:
    odd: list[object] = [None, True, 0, -1, 10**30, "", "x", "2025-01-01", [], ["natural"], {}, {"a": 1}, "2025-13-40"]
    keys = ("received", "type", "applicant", "content", "result", "answered", "extended", "correction_asked",
            "correction_received", "consultation_days", "note")
    for key in keys:
        for value in odd:
            line = {"received": "2025-01-01", "type": "natural", key: value}
            try:
                r = loads(_doc({"lines": [line]}), "f.govreport")
            except ReportFileError as exc:
                assert one_line_message(str(exc)), (key, value)
            else:
                assert len(r.register) == 1


def test_largest_register_opens_within_bounds(tmp_path) -> None:
    """200,000 lines (the most a file may hold, 19 MB) open in a fresh process within 5 s and 500 MB."""
    lines = [{"received": f"2025-01-{i % 28 + 1:02d}", "type": "natural", "result": "granted",
              "answered": "2025-02-01"} for i in range(200_000)]
    path = tmp_path / "大.govreport"
    path.write_text(json.dumps({"format": "govreport", "format_version": 2, "form": "2021", "meta": {"year": 2025},
                                "register": {"lines": lines}}), encoding="utf-8")
    child = (
        "import json, sys, time\n"
        "t = time.perf_counter()\n"
        "from govreport_gui.core.storage import read_report\n"
        "from govreport_gui.core.checks.run import check\n"
        "r = read_report(sys.argv[1]); check(r)\n"
        "mb = next(int(x.split()[1]) for x in open('/proc/self/status') if x.startswith('VmHWM')) / 1024\n"
        "print(json.dumps({'s': time.perf_counter() - t, 'mb': mb, 'total': r.get('t3.new.total')}))\n"
    )
    root = Path(__file__).resolve().parents[1]
    p = subprocess.run([sys.executable, "-c", child, str(path)], capture_output=True, text=True, cwd=root,
                       env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin", "GOVREPORT_DATA_DIR": str(tmp_path)})
    got = json.loads(p.stdout.strip().splitlines()[-1])
    assert got["total"] == 200_000 and got["s"] < 5.0 and got["mb"] < 500, got
