"""`govreport export FILE [--xlsx OUT.xlsx] [--pdf OUT.pdf]`: files written, exit codes, one-line Chinese messages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from govreport_gui.cli import main
from govreport_gui.core.importers.xlsx import import_xlsx
from govreport_gui.core.storage import read_report


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "govreport_gui.cli", *args], capture_output=True, text=True)


def test_export_xlsx_then_import_gives_back_the_report(seed_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "报告.xlsx"
    p = run("export", str(seed_path), "--xlsx", str(out))
    assert p.returncode == 0, p.stderr
    assert "已导出Excel工作簿（草稿）" in p.stdout and "报告尚有未解决的问题" in p.stderr  # the seed has open warnings
    assert import_xlsx(out).report.same_content(read_report(seed_path))


def test_export_both(seed_path: Path, tmp_path: Path, capsys) -> None:
    xlsx, pdf = tmp_path / "a.xlsx", tmp_path / "a.pdf"
    code = main(["export", str(seed_path), "--xlsx", str(xlsx), "--pdf", str(pdf)])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert xlsx.read_bytes()[:2] == b"PK" and pdf.read_bytes()[:5] == b"%PDF-"


def _fails(p: subprocess.CompletedProcess[str], *words: str) -> None:
    assert p.returncode == 2, (p.returncode, p.stdout, p.stderr)
    assert "Traceback" not in p.stderr
    lines = [x for x in p.stderr.splitlines() if x.startswith("govreport：")]
    assert len(lines) == 1, p.stderr
    for w in words:
        assert w in lines[0], lines[0]


def test_unreadable_input_exits_2(tmp_path: Path) -> None:
    _fails(run("export", str(tmp_path / "absent.govreport"), "--xlsx", str(tmp_path / "o.xlsx")), "找不到文件")
    bad = tmp_path / "bad.govreport"
    bad.write_text("{not json", encoding="utf-8")
    _fails(run("export", str(bad), "--xlsx", str(tmp_path / "o.xlsx")), "损坏")
    assert not (tmp_path / "o.xlsx").exists()


def test_unwritable_output_exits_2(seed_path: Path, tmp_path: Path) -> None:
    _fails(run("export", str(seed_path), "--xlsx", str(tmp_path / "no-such-folder" / "o.xlsx")), "无法写入", "不存在")
    _fails(run("export", str(seed_path), "--xlsx", str(tmp_path)), "无法写入")
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no temporary file left behind


def test_nothing_to_export_or_same_file_exits_2(seed_path: Path, tmp_path: Path) -> None:
    _fails(run("export", str(seed_path)), "--xlsx")
    copy = tmp_path / "r.govreport"
    copy.write_bytes(seed_path.read_bytes())
    _fails(run("export", str(copy), "--xlsx", str(copy)), "不能与报告文件相同")
    assert copy.read_bytes() == seed_path.read_bytes()
