"""``govreport review`` and ``govreport sum`` end to end (real worker processes), the pool's handling of files
that kill or hang their worker, and the review page loaded in headless Chromium when the system has it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import review_folder as rf

from govreport_gui.core.review import pool
from govreport_gui.core.storage import read_report


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "govreport_gui.cli", *args], capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> rf.Folder:
    return rf.build(tmp_path_factory.mktemp("review-cli"))


@pytest.fixture(scope="module")
def outputs(folder: rf.Folder, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    out = tmp_path_factory.mktemp("out")
    xlsx, page = out / "审查结果.xlsx", out / "审查结果.html"
    p = run("review", str(folder.root), "--last", str(folder.last), "--xlsx", str(xlsx), "--html", str(page))
    assert p.returncode == 0, p.stderr
    return xlsx, page, p.stdout


def test_review_command(folder: rf.Folder, outputs: tuple[Path, Path, str]) -> None:
    xlsx, page, stdout = outputs
    assert "共12个文件：可读取10份，无法读取2个，有错误5份，重复2份，与上年报告比对1份。" in stdout
    ws = openpyxl.load_workbook(xlsx)["汇总"]
    assert ws.max_row == 2 + folder.files
    assert page.read_text(encoding="utf-8").count('<tr class="bad">') >= 2


def test_review_output_inside_the_folder_is_not_read(folder: rf.Folder, tmp_path: Path) -> None:
    one = tmp_path / "一份"
    one.mkdir()
    shutil.copy(folder.units / "乙县.xlsx", one)
    for _ in range(2):  # the second run finds the first run's workbook and page in the folder: not reports
        p = run("review", str(one), "--xlsx", str(one / "结果.xlsx"), "--html", str(one / "结果.html"))
        assert p.returncode == 0, p.stderr
        assert "共1个文件" in p.stdout


def test_review_refusals(tmp_path: Path) -> None:
    p = run("review", str(tmp_path / "没有"), "--xlsx", str(tmp_path / "x.xlsx"))
    assert p.returncode == 2 and p.stderr.strip() == f"govreport：找不到“{tmp_path / '没有'}”。"
    (tmp_path / "空").mkdir()
    p = run("review", str(tmp_path / "空"), "--xlsx", str(tmp_path / "x.xlsx"))
    assert p.returncode == 2 and "没有找到报告文件" in p.stderr and len(p.stderr.strip().splitlines()) == 1
    (tmp_path / "空" / "a.txt").write_text("x", encoding="utf-8")
    p = run("review", str(tmp_path / "空" / "a.txt"), "--xlsx", str(tmp_path / "空" / "a.txt"))
    assert p.returncode == 2 and "不能同时是要读取的报告" in p.stderr
    assert (tmp_path / "空" / "a.txt").read_text(encoding="utf-8") == "x"
    p = run("review", str(tmp_path / "空"), "--xlsx", str(tmp_path / "没有的文件夹" / "x.xlsx"))
    assert p.returncode == 2 and "无法写入" in p.stderr


def test_sum_command(folder: rf.Folder, tmp_path: Path) -> None:
    out = tmp_path / "汇总.govreport"
    p = run("sum", str(folder.units), "--agency", "某市人民政府", "-o", str(out))
    assert p.returncode == 0, p.stderr
    for name, *_ in rf.UNITS.values():
        assert f"  {name}" in p.stdout
    total = read_report(out)
    assert total.agency == "某市人民政府" and total.year == 2023
    assert total.values["t2.fees.amount"] == Decimal("4.055") and total.values["t3.new.natural"] == 25
    p = run("sum", str(folder.units), "--agency", "某市人民政府", "-o", str(out))
    assert p.returncode == 2 and "--force" in p.stderr
    p = run("sum", str(folder.root), "--agency", "某市", "-o", str(tmp_path / "b.govreport"))
    assert p.returncode == 2 and len(p.stderr.strip().splitlines()) == 1 and not (tmp_path / "b.govreport").exists()
    mixed = tmp_path / "混合"
    mixed.mkdir()
    shutil.copy(folder.units / "乙县.xlsx", mixed)
    shutil.copy(folder.root / "pingtan-2022-web-glued.txt", mixed)
    p = run("sum", str(mixed), "--agency", "某市", "-o", str(tmp_path / "c.govreport"))
    assert p.returncode == 2
    assert "年度不一致" in p.stderr and "2022年：“pingtan-2022-web-glued.txt”" in p.stderr and "乙县.xlsx" in p.stderr


# --- the pool: a file that kills or hangs its worker is one failed row -------------------------------------------
def touchy(path: str) -> str:
    """A reader that dies on 'crash' files and hangs on 'hang' files (runs in a spawn worker)."""
    name = os.path.basename(path)
    if name.startswith("crash"):
        os._exit(3)
    if name.startswith("hang"):
        time.sleep(600)
    return f"ok:{name}"


def test_pool_survives_crashing_and_hanging_files(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "HARD_SECONDS", 4.0)
    paths = ["a1", "crash1", "a2", "a3", "hang1", "a4", "a5", "crash2", "a6"]
    start = time.monotonic()
    got = dict(pool.run_pool(touchy, paths, lambda p, why: f"failed:{p}:{why}", workers=2))
    assert time.monotonic() - start < 60
    assert sorted(got) == list(range(len(paths)))
    for i, p in enumerate(paths):
        if p.startswith("a"):
            assert got[i] == f"ok:{p}"
        else:
            assert got[i].startswith(f"failed:{p}:"), got[i]
    assert "意外退出" in got[1] and "秒仍未完成" in got[4], got


def test_pool_cancel_stops_at_once() -> None:
    paths = ["hang1", "hang2", "a1"]
    start = time.monotonic()
    calls = {"n": 0}

    def cancel() -> bool:
        calls["n"] += 1
        return calls["n"] > 5

    assert list(pool.run_pool(touchy, paths, lambda p, why: why, workers=2, cancel=cancel)) == []
    assert time.monotonic() - start < 30


# --- a real browser engine --------------------------------------------------------------------------------------
def test_page_in_headless_chromium(outputs: tuple[Path, Path, str], tmp_path: Path) -> None:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.skip("chromium is not installed (Debian package 'chromium')")
    _xlsx, page, _ = outputs
    p = subprocess.run(
        [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    dom = p.stdout
    assert p.returncode == 0 and "</html>" in dom, p.stderr[-2000:]
    assert dom.count('href="#r') >= 12 and 'id="r12"' in dom and 'id="sum"' in dom
    assert "<img" not in dom and "<script" not in dom  # the hostile file name stayed text
    assert "&lt;img src=x onerror=alert(1)&gt;" in dom


def test_hostile_files_are_one_failed_row_each(folder: rf.Folder, tmp_path: Path) -> None:
    from test_fuzz_imports import xlsx_seed
    from test_hostile_inputs import LOL_DTD, members, raw_zip, rezip, with_bomb, with_dtd

    from govreport_gui.core.review import iter_review

    d = tmp_path / "恶意"
    d.mkdir()
    shutil.copy(folder.units / "乙县.xlsx", d)
    (d / "bomb.xlsx").write_bytes(with_bomb(xlsx_seed(), "xl/worksheets/sheet1.xml", lie=True))
    sheet = dict(members(xlsx_seed()))["xl/worksheets/sheet3.xml"]
    (d / "laughs.xlsx").write_bytes(rezip(xlsx_seed(), {
        "xl/worksheets/sheet3.xml": with_dtd(sheet).replace(b"<v>", b"<v>&lol9;", 1)}))
    (d / "deep.html").write_text("<html><body>" + "<div>" * 100_000 + "一、总体情况", encoding="utf-8")
    (d / "many.docx").write_bytes(raw_zip([("word/document.xml", 0, 0, b"", 0)]
                                          + [(f"x/{i}.xml", 0, 0, b"", 0) for i in range(65_000)]))
    (d / "laughs.html").write_text('<?xml version="1.0"?>' + LOL_DTD + "<html>&lol9;</html>", encoding="utf-8")
    start = time.monotonic()
    result = None
    for p in iter_review(sorted(d.iterdir()), workers=2):
        result = p.result or result
    assert result is not None and time.monotonic() - start < 60
    rows = {r.name: r for r in result.rows}
    assert len(rows) == 6 and rows["乙县.xlsx"].readable and rows["乙县.xlsx"].agency == "乙县人民政府"
    for name in ("bomb.xlsx", "laughs.xlsx", "deep.html", "many.docx", "laughs.html"):
        assert not rows[name].readable and rows[name].reason and "\n" not in rows[name].reason, name
