"""The command line: `govreport new` and `govreport validate` with the exit codes of DESIGN.md."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from govreport_gui.cli import main
from govreport_gui.core.storage import read_report, write_report


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "govreport_gui.cli", *args], capture_output=True, text=True)


def test_new_then_validate(tmp_path: Path, capsys) -> None:
    out = tmp_path / "r.govreport"
    assert main(["new", "--agency", "某区某局", "--year", "2025", "-o", str(out)]) == 0
    r = read_report(out)
    assert r.agency == "某区某局" and r.year == 2025 and r.values == {}
    assert main(["new", "--agency", "x", "--year", "2025", "-o", str(out)]) == 2  # refuses to overwrite
    assert main(["validate", str(out)]) == 0  # blank cells are warnings only
    assert "警告" in capsys.readouterr().out


def test_validate_seed_json(seed_path: Path) -> None:
    p = run("validate", str(seed_path), "--json")
    assert p.returncode == 0, p.stderr
    top = json.loads(p.stdout)
    assert top["version"] == 1 and len(top["files"]) == 1
    doc = top["files"][0]
    assert doc["file"] == str(seed_path) and doc["readable"] is True
    assert doc["errors"] == 0 and doc["warnings"] >= 1
    w6 = [f for f in doc["findings"] if f["rule"] == "W6"]
    assert w6 and set(w6[0]) == {"rule", "severity", "cells", "left", "right", "message", "key", "where", "explained"}
    assert w6[0]["where"]["key"] and w6[0]["where"]["end"] > w6[0]["where"]["start"]  # the quoted figure


def test_broken_h1_exits_1_naming_the_column(tmp_path: Path, seed_path: Path) -> None:
    r = read_report(seed_path)
    r.values["t3.new.legal"] = 2
    bad = tmp_path / "bad.govreport"
    write_report(r, bad)
    p = run("validate", str(bad))
    assert p.returncode == 1
    assert "H1" in p.stdout and "法律服务机构" in p.stdout
    pj = run("validate", str(bad), "--json")
    assert pj.returncode == 1
    h1 = [f for f in json.loads(pj.stdout)["files"][0]["findings"] if f["rule"] == "H1"]
    assert h1[0]["cells"][0] == "t3.new.legal" and h1[0]["left"] == 2 and h1[0]["right"] == 0


def test_unreadable_files_exit_2_with_one_line(tmp_path: Path, seed_path: Path) -> None:
    truncated = tmp_path / "truncated.govreport"
    truncated.write_bytes(seed_path.read_bytes()[:300])
    garbage = tmp_path / "garbage.govreport"
    garbage.write_bytes(bytes(range(256)) * 10)
    newer = tmp_path / "newer.govreport"
    doc = json.loads(seed_path.read_text(encoding="utf-8"))
    doc["format_version"] = 7
    newer.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    for f, fragment in ((truncated, "不完整"), (garbage, "二进制"), (newer, "较新版本")):
        p = run("validate", str(f))
        assert p.returncode == 2
        assert "Traceback" not in p.stderr and p.stderr.count("\n") == 1 and fragment in p.stderr
    # a mix: the worst exit code wins
    assert run("validate", str(seed_path), str(garbage)).returncode == 2


def test_usage_errors_exit_2() -> None:
    p = run("validate")
    assert p.returncode == 2 and "Traceback" not in p.stderr
