"""What cannot be imported is refused with one clear Chinese sentence: garbage, empty, too large, another kind."""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

import pytest

from govreport_gui.core.importers.base import ImportRefused
from govreport_gui.core.importers.dispatch import MAX_IMPORT_BYTES, import_file
from govreport_gui.core.importers.glued import split_digits
from govreport_gui.core.importers.published import MAX_TEXT_CHARS, import_text

BUDGET = """某某区财政局2024年部门预算
一、部门基本情况
（一）部门职责
负责全区财政收支管理。
二、收支预算总表
项目\t预算数
一般公共预算拨款收入\t1234.56
政府性基金预算拨款收入\t0
三、一般公共预算支出表
科目编码\t科目名称\t金额
201\t一般公共服务支出\t800.12
"""


def _refused(path: Path) -> str:
    with pytest.raises(ImportRefused) as exc:
        import_file(path)
    msg = str(exc.value)
    assert "\n" not in msg and msg.endswith(("。", "）")) and any("\u4e00" <= ch <= "\u9fff" for ch in msg)
    return msg


def test_empty_file(tmp_path: Path) -> None:
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    assert "空文件" in _refused(p)
    p.write_bytes(b" \n\n\t ")
    assert "空文件" in _refused(p)


def test_garbage(tmp_path: Path) -> None:
    p = tmp_path / "x.txt"
    p.write_bytes(bytes(range(256)) * 40)
    assert "无法识别" in _refused(p)
    p = tmp_path / "x.pdf"
    p.write_bytes(b"%PDF-1.7\n garbage garbage")
    assert "PDF" in _refused(p)
    p = tmp_path / "x.docx"
    p.write_bytes(b"PK\x03\x04 not really a zip")
    assert _refused(p)
    p = tmp_path / "old.doc"  # old Office files are read now (test_import_old_office); a broken one is refused
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert "损坏的旧版Office文件" in _refused(p)


def test_zip_that_is_not_word(tmp_path: Path) -> None:
    p = tmp_path / "a.docx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("hello.txt", "hi")
    assert "不是Word" in _refused(p)


def test_file_over_50_mb_is_refused_without_reading_it(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    with open(p, "wb") as fh:
        fh.truncate(MAX_IMPORT_BYTES + 1)  # sparse: no disk used
    t0 = time.perf_counter()
    msg = _refused(p)
    assert "50 MB" in msg and time.perf_counter() - t0 < 1


def test_budget_report_is_another_kind(tmp_path: Path) -> None:
    p = tmp_path / "budget.txt"
    p.write_text(BUDGET, encoding="utf-8")
    assert "不是政府信息公开工作年度报告" in _refused(p)
    p = tmp_path / "budget.html"
    p.write_text("<html><body><h1>2024年部门预算</h1><table><tr><td>收入</td><td>12</td></tr></table></body></html>",
                 encoding="utf-8")
    assert "不是政府信息公开工作年度报告" in _refused(p)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert "找不到" in _refused(tmp_path / "none.txt")
    assert "文件夹" in _refused(tmp_path)


def test_large_text_is_bounded() -> None:
    """Text near the labels up to the length limit is read quickly (the matcher and the regexes cannot run away);
    several MB of it are refused before any matching, with the length in the message."""
    chunk = "一、本年新收政府信息公开申请数量" + "1" * 40 + "（三）不予公开 " + "危及“三安全" * 20 + "\n"
    head = "某局2024年度政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
    t0 = time.perf_counter()
    res = import_text(head + chunk * ((MAX_TEXT_CHARS - len(head)) // len(chunk)), "big.txt")
    assert res.report.year == 2024 and res.report.agency == "某局"
    assert res.counts()["unread"] > 0 and not res.report.values  # the runs of 1s are not taken for counts
    with pytest.raises(ImportRefused, match="文字过长"):
        import_text(head + chunk * 20000, "big.txt")
    assert time.perf_counter() - t0 < 30


def test_glued_search_is_bounded() -> None:
    t0 = time.perf_counter()
    r = split_digits(["1" * 60], 15, budget=50_000)
    assert r.exhausted or r.solutions
    assert time.perf_counter() - t0 < 5


def test_gb18030_text(tmp_path: Path) -> None:
    path = Path(__file__).parent / "data" / "import-2019-format.txt"
    p = tmp_path / "gbk.txt"
    p.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    res = import_file(p)
    assert res.report.year == 2020


def test_random_bytes_never_crash(tmp_path: Path) -> None:
    for i in range(20):
        p = tmp_path / f"r{i}.bin"
        p.write_bytes(os.urandom(2000 + i * 97))
        with pytest.raises(ImportRefused) as refused:
            import_file(p)
        assert str(refused.value) == f"“{p.name}”不是文本、网页、Word或PDF文件，无法识别其内容。"
