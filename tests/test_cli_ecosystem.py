"""A command line scripts can trust: ``--version`` from one source, argparse in Chinese, UTF-8 output whatever the
console's encoding, one JSON shape for ``validate --json``, and ``dump --json`` with every computed total."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import govreport_gui
from govreport_gui.core.storage import read_report

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT_VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def run(
    *args: str, module: str = "govreport_gui.cli", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run([sys.executable, "-m", module, *args], capture_output=True, env=full_env, timeout=60)


def test_version_has_one_source() -> None:
    assert govreport_gui.version() == govreport_gui.__version__ == PYPROJECT_VERSION
    p = run("--version")
    assert p.returncode == 0 and p.stdout.decode() == f"govreport {PYPROJECT_VERSION}\n"
    g = run("--version", module="govreport_gui")
    assert g.returncode == 0 and g.stdout.decode() == f"govreport-gui {PYPROJECT_VERSION}\n"


def test_help_is_chinese() -> None:
    p = run("new", "--help")
    assert p.returncode == 0
    assert p.stdout.decode("utf-8") == (
        "用法：govreport new [-h] --agency AGENCY --year YEAR -o OUTPUT [--force]\n"
        "\n"
        "选项：\n"
        "  -h, --help            显示帮助信息并退出\n"
        "  --agency AGENCY       机关全称\n"
        "  --year YEAR           报告年度，如 2025\n"
        "  -o OUTPUT, --output OUTPUT\n"
        "                        输出的 .govreport 文件\n"
        "  --force               覆盖已存在的文件\n"
    )
    top = run("--help").stdout.decode("utf-8")
    assert top.startswith("用法：govreport [-h] [--version] 命令 ...\n")
    assert "位置参数：\n" in top and "选项：\n" in top and "--version   显示版本号并退出" in top
    for english in ("usage", "options", "show this help", "positional arguments"):
        assert english not in top


def test_missing_argument_is_chinese() -> None:
    p = run("validate")
    assert p.returncode == 2 and p.stdout == b""
    expected = "govreport：参数错误：缺少必需的参数：FILE（用 govreport validate -h 查看用法）\n"
    assert p.stderr.decode("utf-8") == expected
    q = run("new", "--agency", "某局", "--year", "2025", "-o", "x.govreport", "--bogus")
    assert q.returncode == 2 and "无法识别的参数：--bogus" in q.stderr.decode("utf-8")


def test_output_is_utf8_on_a_gbk_or_ascii_console(tmp_path: Path) -> None:
    for i, encoding in enumerate(("gbk", "ascii")):
        out = tmp_path / f"报告𠀀✓{i}.govreport"  # 𠀀 and ✓ are outside GBK
        env = {"PYTHONIOENCODING": encoding, "LANG": "C", "LC_ALL": "C"}
        p = run("new", "--agency", "某区𠀀局", "--year", "2025", "-o", str(out), env=env)
        assert p.returncode == 0, p.stderr.decode("utf-8", "replace")
        assert b"Traceback" not in p.stderr and str(out) in p.stdout.decode("utf-8")
        assert read_report(out).agency == "某区𠀀局"
        v = run("validate", str(out), env=env)
        assert v.returncode == 0 and "警告" in v.stdout.decode("utf-8")


def test_validate_json_has_one_shape(tmp_path: Path, seed_path: Path) -> None:
    garbage = tmp_path / "garbage.govreport"
    garbage.write_bytes(b"\x00" * 100)
    one = json.loads(run("validate", "--json", str(seed_path)).stdout)
    many = json.loads(run("validate", "--json", str(seed_path), str(garbage)).stdout)
    assert set(one) == set(many) == {"version", "files"} and one["version"] == many["version"] == 1
    assert [f["file"] for f in many["files"]] == [str(seed_path), str(garbage)]
    assert one["files"][0] == many["files"][0]
    assert many["files"][1]["readable"] is False and many["files"][1]["message"]


def test_dump_json_has_every_cell_with_totals(seed_path: Path) -> None:
    report = read_report(seed_path)
    p = run("dump", str(seed_path), "--json")
    assert p.returncode == 0, p.stderr.decode("utf-8")
    doc = json.loads(p.stdout)
    form = report.form
    assert doc["version"] == 1 and doc["form"] == form.id and doc["meta"]["agency"] == report.agency
    assert list(doc["cells"]) == [c for t in form.tables.values() for c in t.cells]
    derived = [cid for cid, c in doc["cells"].items() if c["derived"]]
    assert derived and set(derived) == set(form.totals)
    for cid, cell in doc["cells"].items():
        value = report.get(cid)
        expected = None if value is None else (value if isinstance(value, int) else str(value))
        assert cell["value"] == expected, cid
    assert any(doc["cells"][cid]["value"] for cid in derived)  # the seed's totals are computed, not blank
    assert doc["texts"] == {k: report.texts.get(k, "") for k in form.text_keys}
    text = run("dump", str(seed_path)).stdout.decode("utf-8").splitlines()
    assert len(text) == len(doc["cells"]) and text[0].split("\t")[0] == next(iter(doc["cells"]))


def test_dump_unreadable_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.govreport"
    bad.write_text("{", encoding="utf-8")
    p = run("dump", str(bad), "--json")
    assert p.returncode == 2 and p.stdout == b"" and p.stderr.decode("utf-8").count("\n") == 1
