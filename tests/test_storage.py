"""The .govreport file: exact round trip, strict refusal with Chinese messages, atomic save with .bak."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path

import pytest

from govreport_gui.core import storage
from govreport_gui.core.report import Baseline, Report
from govreport_gui.core.storage import ReportFileError, dumps, loads, read_report, write_report


def full_report() -> Report:
    r = Report.new("某市某局", 2024)
    r.meta.update({"title": "某市某局2024年度政府信息公开工作报告", "published": "2025-01-20"})
    r.values.update({"t3.new.natural": 12, "t2.fees.amount": Decimal("24252.311082"), "t4.review.pending": 0})
    r.texts.update({"overview": "（一）主动公开\n第二行", "other": "本年度未收取信息处理费。"})
    r.explanations["W8"] = "其余单元格确为空白。"
    r.previous = Baseline(2023, {"t3.carried_out.natural": 1, "t2.normative.in_force": 7})
    r.printed_totals["t3.new.total"] = 13
    return r


def test_round_trip_is_exact(tmp_path: Path) -> None:
    r = full_report()
    p = tmp_path / "a.govreport"
    write_report(r, p)
    back = read_report(p)
    assert back.same_content(r)
    assert back.values["t2.fees.amount"] == Decimal("24252.311082")
    assert str(back.values["t2.fees.amount"]) == "24252.311082"
    assert dumps(back) == p.read_text(encoding="utf-8")


def test_file_shape_matches_design(tmp_path: Path) -> None:
    doc = json.loads(dumps(full_report()))
    assert list(doc)[:5] == ["format", "format_version", "form", "meta", "cells"]
    assert doc["format"] == "govreport" and doc["form"] == "2021"
    assert doc["format_version"] == storage.FORMAT_VERSION == 4
    assert doc["cells"]["t2.fees.amount"] == "24252.311082"  # decimals are strings
    assert doc["cells"]["t3.new.natural"] == 12
    assert "t3.new.total" not in doc["cells"]  # totals are derived
    assert doc["previous"] == {"year": 2023, "cells": {"t2.normative.in_force": 7, "t3.carried_out.natural": 1}}


def test_seed_file_loads(seed: Report) -> None:
    assert seed.agency == "杭州市临平区行政审批服务管理办公室" and seed.year == 2023
    assert seed.get("t3.new.total") == 3 and seed.get("t3.total.business") == 3
    assert len(seed.values) == 166


def _doc(**changes: object) -> bytes:
    d = json.loads(dumps(full_report()))
    d.update(changes)
    return json.dumps(d, ensure_ascii=False).encode()


@pytest.mark.parametrize(("data", "fragment"), [
    (b"", "空文件"),
    (b"   \n", "空文件"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "二进制"),
    (b"\xff\xfe\xfa garbage", "UTF-8"),
    (b"{\"format\": \"govreport\", \"format_ver", "损坏或不完整"),
    (b"[1, 2, 3]", "不是govreport"),
    (b"{\"format\": \"other\"}", "不是govreport"),
    (_doc(format_version=5), "较新版本"),
    (_doc(format_version="1"), "格式版本"),
    (_doc(form="1999"), "未知的报告格式"),
    (_doc(cells={"t3.nope.natural": 1}), "未知的单元格编号“t3.nope.natural”"),
    (_doc(cells={"t3.new.total": 1}), "合计应由程序计算"),
    (_doc(cells={"t3.new.natural": -1}), "负数"),
    (_doc(cells={"t3.new.natural": "3"}), "整数"),
    (_doc(cells={"t3.new.natural": True}), "整数"),
    (b"{\"format\": \"govreport\", \"format_version\": 1, \"form\": \"2021\", \"cells\": {\"t2.fees.amount\": 1.5}}",
     "浮点数"),
    (_doc(cells={"t2.fees.amount": "abc"}), "不是数字"),
    (_doc(cells={"t2.fees.amount": "NaN"}), "t2.fees.amount"),
    (_doc(meta={"year": "2024"}), "年度"),
    (_doc(meta={"colour": "red"}), "未知项"),
    (_doc(texts={"preface": 3}), "应为文字"),
    (_doc(explanations={"Z9": "x"}), "未知项"),
    (_doc(extra=1), "未知的内容项"),
    (_doc(printed_totals={"t3.new.natural": 1}), "合计单元格"),
    (b"[" * 100000, "嵌套"),
])
def test_bad_files_are_refused_with_chinese_message(data: bytes, fragment: str) -> None:
    with pytest.raises(ReportFileError) as exc:
        loads(data, "x.govreport")
    msg = str(exc.value)
    assert fragment in msg and "\n" not in msg


def test_opening_never_modifies_the_file(tmp_path: Path) -> None:
    p = tmp_path / "new.govreport"
    p.write_bytes(_doc(format_version=9))
    before = (p.read_bytes(), p.stat().st_mtime_ns)
    with pytest.raises(ReportFileError):
        read_report(p)
    write_report(full_report(), tmp_path / "ok.govreport")
    read_report(tmp_path / "ok.govreport")
    assert (p.read_bytes(), p.stat().st_mtime_ns) == before
    assert sorted(x.name for x in tmp_path.iterdir()) == ["new.govreport", "ok.govreport"]


def test_missing_and_huge_files(tmp_path: Path) -> None:
    with pytest.raises(ReportFileError, match="找不到"):
        read_report(tmp_path / "none.govreport")
    with pytest.raises(ReportFileError, match="文件夹"):
        read_report(tmp_path)
    big = tmp_path / "big.govreport"
    with open(big, "wb") as fh:
        fh.truncate(storage.MAX_FILE_BYTES + 1)
    with pytest.raises(ReportFileError, match="过大"):
        read_report(big)


def test_save_keeps_previous_version_as_bak(tmp_path: Path) -> None:
    p = tmp_path / "r.govreport"
    r = full_report()
    write_report(r, p)
    first = p.read_bytes()
    r.values["t3.new.natural"] = 13
    write_report(r, p)
    assert (tmp_path / "r.govreport.bak").read_bytes() == first
    assert read_report(p).values["t3.new.natural"] == 13
    assert sorted(x.name for x in tmp_path.iterdir()) == ["r.govreport", "r.govreport.bak"]


def test_failure_in_the_middle_of_a_save_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "r.govreport"
    write_report(full_report(), p)
    old = p.read_bytes()

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage.os, "fsync", broken_fsync)
    r = full_report()
    r.values["t3.new.natural"] = 999
    with pytest.raises(OSError):
        write_report(r, p)
    monkeypatch.undo()
    assert p.read_bytes() == old
    assert read_report(p).values["t3.new.natural"] == 12
    assert sorted(x.name for x in tmp_path.iterdir()) == ["r.govreport"]  # no temporary file left


def test_failure_at_rename_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "r.govreport"
    write_report(full_report(), p)
    old = p.read_bytes()
    real_replace = os.replace

    def replace(src: str, dst: str) -> None:
        if str(dst) == str(p):
            raise PermissionError(13, "locked")
        real_replace(src, dst)

    monkeypatch.setattr(storage.os, "replace", replace)
    with pytest.raises(PermissionError):
        write_report(Report.new("x", 2024), p)
    monkeypatch.undo()
    assert p.read_bytes() == old
    assert not [x for x in tmp_path.iterdir() if x.name.endswith(".tmp")]
