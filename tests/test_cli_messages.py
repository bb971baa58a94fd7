"""Every refusal of the command line is one Chinese line: no C library English, no Python notation, no huge values.

Before: "无法保存“x”：No space left on device。", "件数应为整数，现为“True”", "年度“{'a': 1}”无效", Python's
"Exceeds the limit (4300 digits) for integer string conversion…" for a 5,000-digit number, a 4,000-digit number
printed whole, "argument --year: invalid int value: 'abc'" after an English usage line, and a name with a line break
in it made the message two lines.
"""

from __future__ import annotations

import errno
import json
import re
from pathlib import Path

import pytest

from govreport_gui.cli import main
from govreport_gui.core.report import Report
from govreport_gui.core.storage import write_report

PYTHON_OR_ENGLISH = ("True", "False", "{'", "['", "Exceeds", "No space", "invalid", "required", "argument", "usage",
                     "Error", "error:", "None")


def assert_one_chinese_line(err: str) -> None:
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert re.search(r"[\u4e00-\u9fff]", err), err
    err = re.sub(r"错误类型[A-Za-z]+", "", err)  # the kind of an unexpected failure, named for support
    for fragment in PYTHON_OR_ENGLISH:
        assert fragment not in err, (fragment, err)
    assert not re.search(r"\d{31}", err), err  # no number printed whole beyond 30 digits
    assert len(err) < 700


@pytest.fixture
def blank(tmp_path: Path) -> dict:
    path = tmp_path / "blank.govreport"
    write_report(Report.new(agency="某局", year=2025), path)
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", ["true", "dict year", "list agency", "5000 digits", "4000 digits", "unknown key",
                                  "null form"])
def test_file_values_shown_in_the_clerks_words(case: str, blank: dict, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    cell = "t3.new.natural"
    doc = dict(blank)
    text = None
    if case == "true":
        doc["cells"] = {cell: True}
    elif case == "dict year":
        doc["meta"] = {"year": {"a": 1}}
    elif case == "list agency":
        doc["meta"] = {"agency": ["x"]}
    elif case == "unknown key":
        doc["meta"] = {"x\n" * 500: 1}
    elif case == "null form":
        doc["form"] = None
    else:
        digits = int(case.split()[0])
        text = json.dumps(doc).replace('"cells": {}', f'"cells": {{"{cell}": {"9" * digits}}}')
    path = tmp_path / "bad.govreport"
    path.write_text(text or json.dumps(doc), encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    assert_one_chinese_line(capsys.readouterr().err)


def test_disk_full_is_said_in_chinese(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    import govreport_gui.cli.common as common

    def full(*_a: object, **_k: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(common, "write_report", full)
    assert main(["new", "--agency", "某局", "--year", "2025", "-o", str(tmp_path / "x.govreport")]) == 2
    err = capsys.readouterr().err
    assert_one_chinese_line(err)
    assert "磁盘空间不足" in err


@pytest.mark.parametrize("kind", ["xlsx", "pdf"])
def test_an_exporter_failing_unexpectedly_is_one_chinese_line(
    kind: str, blank: dict, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import govreport_gui.core.exporters.excel as excel
    import govreport_gui.core.exporters.pdf as pdf

    def broken(*_a: object, **_k: object) -> None:
        raise ValueError("Something went wrong in English, with {'a': True}")

    monkeypatch.setattr(excel if kind == "xlsx" else pdf, f"export_{kind}", broken)
    src = tmp_path / "r.govreport"
    src.write_text(json.dumps(blank), encoding="utf-8")
    assert main(["export", str(src), f"--{kind}", str(tmp_path / f"out.{kind}")]) == 2
    err = capsys.readouterr().err
    refusal = err[err.index("govreport："):]  # after the final check's list of what is unresolved (a draft)
    assert_one_chinese_line(refusal)
    assert "English" not in err


@pytest.mark.parametrize("argv", [["new", "--agency", "A", "--year", "abc", "-o", "x"], ["new", "--agency", "A"],
                                  ["frob"], ["validate"], ["new", "--agency", "A", "--year", "2025", "-o", "x", "-z"]])
def test_usage_errors_are_one_chinese_line(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    assert_one_chinese_line(capsys.readouterr().err)


def test_a_name_with_a_line_break_stays_on_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(tmp_path / "a\nb.govreport"), "--pdf", str(tmp_path / "o.pdf")]) == 2
    assert_one_chinese_line(capsys.readouterr().err)
