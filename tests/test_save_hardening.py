"""Saving and reading that an unlucky or hostile situation used to break (issue 14, items 2, 3, 9, 10, 11, 13)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from govreport_gui.core import locking
from govreport_gui.core.atomic import (
    ReadOnlyTarget,
    SaveRefused,
    atomic_write_bytes,
    backup_note,
    clean_stale_temps,
    link_note,
)
from govreport_gui.core.edits import Document, SetText
from govreport_gui.core.importers.published import import_text
from govreport_gui.core.intake.carryover import carry_over
from govreport_gui.core.recovery import RecoveryStore
from govreport_gui.core.report import Report
from govreport_gui.core.storage import (
    ReportFileError,
    content_hash,
    dumps,
    loads,
    read_report,
    read_report_with_hash,
    write_report,
)
from govreport_gui.core.values import ValueRefused

DATA = Path(__file__).parent / "data"
SEED = DATA / "linping-2023.govreport"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "govreport_gui.cli", *args], capture_output=True, text=True,
                          timeout=120)


def one_chinese_line(text: str) -> bool:
    text = text.strip()
    return "Traceback" not in text and len(text.splitlines()) == 1 and any("\u4e00" <= c <= "\u9fff" for c in text)


def report() -> Report:
    return read_report(SEED)


# --- 2: lone surrogates -------------------------------------------------------------------------------------------
def test_lone_surrogate_in_a_file_is_refused(tmp_path: Path) -> None:
    doc = json.loads(dumps(report()))
    key = next(iter(doc["texts"]))
    doc["texts"][key] = "A\ud800B"
    data = json.dumps(doc, ensure_ascii=True).encode()  # the escape \ud800 is valid JSON
    assert b"\\ud800" in data
    with pytest.raises(ReportFileError) as exc:
        loads(data, "x.govreport")
    assert "代理字符" in str(exc.value) and one_chinese_line(str(exc.value))
    p = tmp_path / "s.govreport"
    p.write_bytes(data)
    for args in (("validate", str(p)), ("carry-over", str(p), "-o", str(tmp_path / "n.govreport"))):
        r = cli(*args)
        assert r.returncode == 2 and one_chinese_line(r.stderr + r.stdout), r


def test_lone_surrogate_in_an_import_is_replaced_and_logged() -> None:
    text = (DATA / "linping-2023-published.txt").read_text(encoding="utf-8")
    res = import_text(text.replace("政府信息", "政府\ud800信息", 3), "x.txt")
    assert not any("\ud800" in t for t in res.report.texts.values())
    assert any("代理字符" in e.message for e in res.log)
    dumps(res.report).encode("utf-8")  # saveable


def test_every_save_path_reports_a_surrogate_in_chinese(tmp_path: Path) -> None:
    r = report()
    key = next(iter(r.form.text_keys))
    with pytest.raises(ValueRefused):
        Document(r).apply(SetText(key, "A\ud800B"))  # the edit boundary refuses
    r.texts[key] = "A\ud800B"  # and if one got through anyway:
    target = tmp_path / "r.govreport"
    write_report(report(), target)
    before = target.read_bytes()
    for save in (lambda: write_report(r, target), lambda: write_report(carry_over(r), tmp_path / "n.govreport"),
                 lambda: RecoveryStore(tmp_path / "rec").write("k", r, None)):
        with pytest.raises(SaveRefused) as exc:  # an OSError: every caller already reports those
            save()
        assert isinstance(exc.value, OSError) and "无法保存的字符" in str(exc.value)
    assert target.read_bytes() == before and not (tmp_path / "n.govreport").exists()


# --- 3: long file names -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("size", [242, 245, 251, 252, 255])
def test_names_up_to_255_bytes_save(tmp_path: Path, size: int) -> None:
    name = "报" * ((size - 10) // 3) + "a" * ((size - 10) % 3) + ".govreport"
    assert len(name.encode()) == size
    p = tmp_path / name
    write_report(report(), p)
    write_report(report(), p)  # the second save keeps a .bak where the name allows one
    assert read_report(p).agency == report().agency
    bak = tmp_path / (name + ".bak")
    assert os.path.exists(bak) == (size <= 251)  # (Path.exists raises for a name over 255 bytes)
    assert (backup_note(p) is None) == (size <= 251)
    assert sorted(x.name for x in tmp_path.iterdir()) == sorted([name] + ([bak.name] if size <= 251 else []))


def test_names_of_256_bytes_are_a_clear_message(tmp_path: Path) -> None:
    name = "报" * 82 + ".govreport"  # 256 bytes
    with pytest.raises(SaveRefused) as exc:
        write_report(report(), tmp_path / name)
    assert "过长" in str(exc.value)
    out = str(tmp_path / name)
    for args in (("new", "--agency", "某局", "--year", "2025", "-o", out),
                 ("import", str(DATA / "linping-2023-published.txt"), "-o", out),
                 ("carry-over", str(SEED), "-o", out)):
        r = cli(*args)
        assert r.returncode == 2 and "过长" in r.stderr and one_chinese_line(r.stderr), r


# --- 9: owner lock and content hash -------------------------------------------------------------------------------
def test_lock_acquire_inspect_release(tmp_path: Path) -> None:
    p = tmp_path / "r.govreport"
    write_report(report(), p)
    mine = locking.acquire(p)
    assert isinstance(mine, locking.Lock) and locking.holds(mine)
    info = locking.inspect(p)
    assert info is not None and info.pid == os.getpid() and "@" in info.who and not info.stale()
    second = locking.acquire(p)
    assert isinstance(second, locking.LockInfo) and second.token == mine.info.token  # held: told who
    taken = locking.takeover(p)
    assert locking.holds(taken) and not locking.holds(mine)
    mine.release()  # no longer ours: must not remove the new holder's lock
    assert locking.inspect(p) is not None
    taken.release()
    assert locking.inspect(p) is None


def test_lock_of_a_crashed_holder_is_stale(tmp_path: Path) -> None:
    p = tmp_path / "r.govreport"
    write_report(report(), p)
    code = ("import os,sys; from govreport_gui.core import locking; "
            "l = locking.acquire(sys.argv[1]); assert isinstance(l, locking.Lock); os._exit(0)")
    subprocess.run([sys.executable, "-c", code, str(p)], check=True, timeout=60)
    dead = locking.inspect(p)
    assert dead is not None and dead.pid != os.getpid() and dead.stale()  # process gone on this host
    got = locking.acquire(p)
    assert isinstance(got, locking.Lock) and locking.holds(got)
    got.release()
    # another host cannot be asked: its lock counts until it is older than the limit
    lock = locking.lock_path(p)
    lock.write_text(json.dumps({"user": "u", "host": "other-pc", "pid": 1, "since": time.time(), "token": "t"}))
    assert not locking.inspect(p).stale()  # type: ignore[union-attr]
    assert isinstance(locking.acquire(p), locking.LockInfo)
    old = time.time() - locking.MAX_LOCK_AGE - 60
    lock.write_text(json.dumps({"user": "u", "host": "other-pc", "pid": 1, "since": old, "token": "t"}))
    assert isinstance(locking.acquire(p), locking.Lock)
    lock.write_text("garbage")  # a damaged lock is stale too
    assert isinstance(locking.acquire(p), locking.Lock)


def test_hash_is_of_the_bytes_read(tmp_path: Path) -> None:
    p = tmp_path / "r.govreport"
    written = write_report(report(), p)
    _report, h = read_report_with_hash(p)
    assert h == written == content_hash(p.read_bytes())


# --- 10: links and read-only files --------------------------------------------------------------------------------
def test_save_through_a_symlink_writes_the_target(tmp_path: Path) -> None:
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    target = real_dir / "r.govreport"
    write_report(report(), target)
    link = tmp_path / "link.govreport"
    link.symlink_to(target)
    r = report()
    r.meta["agency"] = "经链接保存"
    write_report(r, link)
    assert link.is_symlink() and read_report(target).agency == "经链接保存"
    assert (real_dir / "r.govreport.bak").exists() and not (tmp_path / "link.govreport.bak").exists()
    assert read_report(real_dir / "r.govreport.bak").agency == report().agency


def test_hard_link_is_told_and_read_only_is_refused_unless_confirmed(tmp_path: Path) -> None:
    p = tmp_path / "r.govreport"
    write_report(report(), p)
    assert link_note(p) is None
    os.link(p, tmp_path / "other-name.govreport")
    note = link_note(p)
    assert note is not None and "硬链接" in note
    os.unlink(tmp_path / "other-name.govreport")
    os.chmod(p, 0o444)
    before = p.read_bytes()
    r = report()
    r.meta["agency"] = "覆盖"
    with pytest.raises(ReadOnlyTarget) as exc:
        write_report(r, p)
    assert "只读" in str(exc.value) and p.read_bytes() == before
    write_report(r, p, overwrite_readonly=True)
    assert read_report(p).agency == "覆盖" and (p.stat().st_mode & 0o777) == 0o444


# --- 11: concurrent saves, .bak never partial, stale temporaries ---------------------------------------------------
def test_parallel_saves_never_fail_nor_leave_a_partial_bak(tmp_path: Path) -> None:
    p = tmp_path / "r.govreport"
    write_report(report(), p)
    errors: list[BaseException] = []
    bad_baks: list[str] = []
    stop = threading.Event()

    def saver(n: int) -> None:
        r = report()
        for i in range(15):
            r.meta["agency"] = f"机关{n}-{i}"
            try:
                write_report(r, p)
            except BaseException as exc:  # collected for the assertion
                errors.append(exc)

    def bak_reader() -> None:
        bak = tmp_path / "r.govreport.bak"
        while not stop.is_set():
            try:
                data = bak.read_bytes()
            except FileNotFoundError:
                continue
            try:
                loads(data, "bak")
            except ReportFileError as exc:
                bad_baks.append(str(exc))

    reader = threading.Thread(target=bak_reader)
    reader.start()
    threads = [threading.Thread(target=saver, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stop.set()
    reader.join()
    assert errors == [] and bad_baks == []
    assert sorted(x.name for x in tmp_path.iterdir()) == ["r.govreport", "r.govreport.bak"]


def test_stale_temporaries_of_ours_are_cleaned_at_the_next_save(tmp_path: Path) -> None:
    p = tmp_path / "r.govreport"
    write_report(report(), p)
    old = time.time() - 3600
    ours_old = [tmp_path / ".~gr-0123456789ab.tmp", tmp_path / ".r.govreport.ab12cd34.tmp",
                tmp_path / ".r.govreport.bak.tmp"]
    keep = [tmp_path / ".~gr-fedcba987654.tmp",  # fresh: maybe a save in progress elsewhere
            tmp_path / ".~gr-notours.tmp", tmp_path / "notes.tmp", tmp_path / ".other.govreport.ab12cd34.tmp"]
    for f in ours_old + keep:
        f.write_bytes(b"x" * 10)
    for f in ours_old + keep[1:]:
        os.utime(f, (old, old))
    write_report(report(), p)  # the next save cleans (also the older naming of this report's temporaries)
    assert not any(f.exists() for f in ours_old) and all(f.exists() for f in keep)
    for f in keep[:1]:
        os.utime(f, (old, old))
    atomic_write_bytes(tmp_path / "export.pdf", b"%PDF", keep_backup=False)  # an export cleans too
    assert not keep[0].exists() and all(f.exists() for f in keep[1:])
    assert clean_stale_temps(tmp_path) == 0


# --- 13: duplicate keys -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("where", ["top", "meta", "cells", "previous"])
def test_duplicate_keys_are_refused_at_any_depth(where: str) -> None:
    text = dumps(report())
    if where == "top":
        text = text.replace('"format": "govreport",', '"format": "govreport", "format": "govreport",', 1)
    elif where == "meta":
        text = text.replace('"meta": {', '"meta": {"agency": "伪造", ', 1)
    elif where == "cells":
        text = text.replace('"cells": {', '"cells": {"t4.review.upheld": 9, ', 1)
    else:
        doc = json.loads(text)
        doc["previous"] = {"year": 2022, "cells": {"t4.review.upheld": 1}}
        text = json.dumps(doc, ensure_ascii=False).replace('"cells": {"t4.review.upheld": 1}',
                                                           '"cells": {"t4.review.upheld": 1, "t4.review.upheld": 2}')
    with pytest.raises(ReportFileError) as exc:
        loads(text.encode(), "x.govreport")
    assert "出现了两次" in str(exc.value) and one_chinese_line(str(exc.value))


def test_text_too_long_to_reopen_is_refused_as_an_edit(tmp_path: Path) -> None:
    """A section over the file's limit used to be saved and then refused on opening ("应为文字"): the work was lost.
    The edit is refused instead, the old text kept, and what is saved always opens again."""
    from govreport_gui.core.edits import Document, SetText
    from govreport_gui.core.report import Report
    from govreport_gui.core.text_safety import MAX_TEXT_CHARS
    from govreport_gui.core.values import ValueRefused

    doc = Document(Report.new(agency="某局", year=2025))
    doc.apply(SetText("overview", "短文。"))
    with pytest.raises(ValueRefused, match="过长"):
        doc.apply(SetText("overview", "政" * (MAX_TEXT_CHARS + 1)))
    assert doc.report.texts["overview"] == "短文。"
    doc.apply(SetText("overview", "政" * MAX_TEXT_CHARS))
    p = tmp_path / "长.govreport"
    write_report(doc.report, p)
    assert len(read_report(p).texts["overview"]) == MAX_TEXT_CHARS


def test_a_device_or_pipe_is_never_replaced_by_a_file(tmp_path: Path) -> None:
    """Exporting to /dev/full as root replaced the device with a regular file; a FIFO stands in for a device here."""
    from govreport_gui.core.atomic import SaveRefused, atomic_write_bytes

    fifo = tmp_path / "管道"
    os.mkfifo(fifo)
    with pytest.raises(SaveRefused, match="不是普通文件"):
        atomic_write_bytes(fifo, b"data")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
