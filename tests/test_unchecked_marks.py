"""What the clerk has not checked stays visible (issue 26, item 4, the core): the 待核对 marks of an import are saved
in the file (format 4, migrated from 3), read back, counted by the final check, listed by ``validate --json`` and in
the review's 导入问题 column; the import log is kept with them.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from common import DATA

from govreport_gui.cli import main
from govreport_gui.core.checks.readiness import unresolved
from govreport_gui.core.importers.dispatch import import_file
from govreport_gui.core.intake.review_marks import import_notes, marks_from_import
from govreport_gui.core.report import ImportNote, Report
from govreport_gui.core.review import collect_files, review
from govreport_gui.core.review.workbook import export_review_xlsx
from govreport_gui.core.schema import govreport_schema
from govreport_gui.core.storage import FORMAT_VERSION, dumps, loads, read_report, write_report

PUBLISHED = DATA / "linping-2023-published.txt"


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    """The published sample imported as the window does (marks and log kept) and saved."""
    result = import_file(PUBLISHED)
    report = result.report
    report.unchecked = marks_from_import(result, PUBLISHED.name)
    report.import_log = import_notes(result)
    path = tmp_path / "导入的.govreport"
    write_report(report, path)
    return path


def test_marks_and_log_survive_save_and_reopen(imported: Path) -> None:
    doc = json.loads(imported.read_text(encoding="utf-8"))
    assert doc["format_version"] == FORMAT_VERSION == 4
    back = read_report(imported)
    filled = {c for c, v in back.values.items() if v is not None}
    assert set(back.unchecked) == filled and len(filled) > 100
    assert all(w.startswith("导入自：") for w in back.unchecked.values())
    assert back.unchecked["t3.new.natural"].startswith("导入自：第")  # the line of the source it was read from
    assert back.import_log and back.import_log[0].level == "info" and "来源" in back.import_log[0].message
    assert loads(dumps(back)).same_content(back)
    # the file stays valid against the committed schema's shape
    schema = govreport_schema()
    assert set(doc) <= set(schema["properties"])
    assert set(doc["unchecked"]) <= set(schema["properties"]["unchecked"]["properties"])


def test_version_3_file_migrates_with_nothing_to_check(tmp_path: Path) -> None:
    doc = json.loads((DATA / "linping-2023.govreport").read_text(encoding="utf-8"))
    doc["format_version"] = 3
    r = loads(json.dumps(doc, ensure_ascii=False))
    assert r.unchecked == {} and r.import_log == []
    assert json.loads(dumps(r))["format_version"] == 4


@pytest.mark.parametrize(("doc", "said"), [
    ({"unchecked": {"t3.new.total": "导入自：第1行"}}, "未知的填报格"),  # a total is never marked
    ({"unchecked": {"t3.new.natural": 5}}, "应为文字"),
    ({"import_log": [{"level": "shout", "message": "x"}]}, "导入记录"),
    ({"import_log": {"level": "info"}}, "导入记录"),
])
def test_bad_marks_or_log_refuse_the_file(doc: dict[str, object], said: str) -> None:
    from govreport_gui.core.storage import ReportFileError

    base = {"format": "govreport", "format_version": 4, "form": "2021", **doc}
    with pytest.raises(ReportFileError, match=said):
        loads(json.dumps(base, ensure_ascii=False))


def test_final_check_counts_the_saved_marks(imported: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    report = read_report(imported)
    ready = unresolved(report)
    assert len(ready.marks) == len(report.unchecked) and not ready.clean
    assert "未核对的导入或转入数值" in ready.headline()
    report.unchecked = {}
    assert unresolved(report).marks == ()
    # export --final refuses while the marks are there
    out = imported.with_suffix(".pdf")
    assert main(["export", str(imported), "--pdf", str(out), "--final"]) == 1
    assert "[待核对]" in capsys.readouterr().err and not out.exists()


def test_validate_json_lists_the_marks(imported: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    clean = tmp_path / "空.govreport"
    write_report(Report.new("某局", 2024), clean)
    main(["validate", str(imported), str(clean), "--json"])
    files = json.loads(capsys.readouterr().out)["files"]
    marks = files[0]["unchecked"]
    report = read_report(imported)
    assert len(marks) == len(report.unchecked)
    first = marks[0]
    assert set(first) == {"cell", "label", "where"} and first["where"] == report.unchecked[first["cell"]]
    assert files[1]["unchecked"] == []
    main(["validate", str(imported)])
    assert f"另有{len(report.unchecked)}个导入或从上年转入的数值尚未核对（待核对）。" in capsys.readouterr().out


def test_review_counts_the_marks_as_import_problems(imported: Path, tmp_path: Path) -> None:
    result = review(collect_files([str(imported)]), [], workers=0)
    row = result.rows[0]
    n = len(read_report(imported).unchecked)
    assert row.import_problems == n
    assert any(line.level == "unchecked" and "待核对" in line.text for line in row.log)
    out = tmp_path / "审查.xlsx"
    export_review_xlsx(result, out)
    ws = openpyxl.load_workbook(out)["汇总"]
    header = [c.value for c in ws[2]] if ws.cell(1, 1).value != "序号" else [c.value for c in ws[1]]
    assert "警告" in header and "提醒" not in header  # one word for warnings everywhere
    col = header.index("导入问题") + 1
    values = [ws.cell(r, col).value for r in range(1, ws.max_row + 1)]
    assert n in values or str(n) in values


def test_import_notes_keep_the_log() -> None:
    result = import_file(PUBLISHED)
    notes = import_notes(result)
    assert len(notes) == len(result.log)
    assert all(isinstance(n, ImportNote) for n in notes)
    assert [n.message for n in notes] == [e.message for e in result.log]
