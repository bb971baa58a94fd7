"""``govreport import`` and ``govreport carry-over`` on the command line: log, files, exit codes, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from common import DATA

from govreport_gui.cli import main
from govreport_gui.core.storage import read_report

SAMPLE_2019 = DATA / "import-2019-format.txt"


def test_import_writes_report_and_prints_log(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "o.govreport"
    assert main(["import", str(SAMPLE_2019), "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "2019年格式" in text and "导入结果" in text and "已保存" in text
    r = read_report(out)
    assert r.year == 2020 and r.values["t3.new.natural"] == 7
    assert main(["import", str(SAMPLE_2019), "-o", str(out)]) == 2  # exists, no --force
    assert "--force" in capsys.readouterr().err


def test_import_refusal_is_one_line_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "budget.txt"
    bad.write_text("某局2024年部门预算\n一、收入\n合计\t12\n", encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "govreport_gui.cli", "import", str(bad), "-o", str(tmp_path / "x")],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 2
    assert "Traceback" not in p.stderr and len(p.stderr.strip().splitlines()) == 1
    assert "不是政府信息公开工作年度报告" in p.stderr
    assert not (tmp_path / "x").exists()
    empty = tmp_path / "e.html"
    empty.write_bytes(b"")
    p = subprocess.run([sys.executable, "-m", "govreport_gui.cli", "import", str(empty), "-o", str(tmp_path / "x")],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 2 and "空文件" in p.stderr and "Traceback" not in p.stderr


def test_carry_over_command(tmp_path: Path, seed_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "2024.govreport"
    assert main(["carry-over", str(seed_path), "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "上年结转" in text and "草稿" in text
    r = read_report(out)
    assert r.year == 2024 and r.previous is not None and r.previous.year == 2023


def test_carry_over_from_a_published_2019_report(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "2021.govreport"
    assert main(["carry-over", str(SAMPLE_2019), "-o", str(out)]) == 0
    assert "先导入" in capsys.readouterr().out
    assert read_report(out).values["t3.carried_in.legal"] == 1


def test_carry_over_unreadable(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.govreport"
    bad.write_text("{", encoding="utf-8")
    assert main(["carry-over", str(bad), "-o", str(tmp_path / "n.govreport")]) == 2
    assert "govreport：" in capsys.readouterr().err
