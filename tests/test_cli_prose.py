"""`govreport prose FILE [--last LAST_YEAR_FILE]`: the drafted paragraphs under their headings, exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from govreport_gui.core.report import Report
from govreport_gui.core.storage import read_report, write_report


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "govreport_gui.cli", *args], capture_output=True, text=True,
                          encoding="utf-8")


def test_prose_prints_each_paragraph_under_its_heading(seed_path: Path) -> None:
    p = run("prose", str(seed_path))
    assert p.returncode == 0 and p.stderr == ""
    lines = p.stdout.splitlines()
    assert lines == [
        "一、总体情况",
        "（一）主动公开",
        "本年度未制发、废止规章，无现行有效的规章。未制发、废止行政规范性文件，无现行有效的行政规范性文件。"
        "未作出行政许可、行政处罚、行政强制决定。无行政事业性收费。",
        "（二）依申请公开",
        "本年度新收政府信息公开申请3件，其中商业企业申请3件。办结政府信息公开申请3件，其中无法提供3件。",
        "行政复议和行政诉讼",
        "本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。",
    ]


def test_prose_compares_with_the_last_year_file(seed_path: Path, tmp_path: Path) -> None:
    last = read_report(seed_path)
    last.meta["year"] = 2022
    last.values.update({"t3.new.business": 2, "t3.unavailable.not_held.business": 2})
    last_path = tmp_path / "2022.govreport"
    write_report(last, last_path)
    p = run("prose", str(seed_path), "--last", str(last_path))
    assert p.returncode == 0, p.stderr
    assert "本年度新收政府信息公开申请3件，较上年增加1件，增长50.0%，其中商业企业申请3件。" in p.stdout
    assert "较上年" not in run("prose", str(seed_path)).stdout  # the seed carries no baseline


def test_prose_of_a_blank_report_and_unreadable_files(tmp_path: Path, seed_path: Path) -> None:
    blank = tmp_path / "blank.govreport"
    write_report(Report.new("某局", 2025), blank)
    p = run("prose", str(blank))
    assert p.returncode == 0 and "表格尚未填写" in p.stdout
    for args in (("prose", str(tmp_path / "absent.govreport")),
                 ("prose", str(seed_path), "--last", str(tmp_path / "absent.govreport"))):
        p = run(*args)
        assert p.returncode == 2 and "Traceback" not in p.stderr
        assert p.stderr.startswith("govreport：") and len(p.stderr.strip().splitlines()) == 1
