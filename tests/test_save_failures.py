"""Failed saves under real conditions: a full filesystem, a read-only one, a vanished folder, a file replaced.

Each leaves the file on disk as it was and gives a Chinese message saying what happened and what to do.
"""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from govreport_gui.core import storage
from govreport_gui.core.report import Report
from govreport_gui.core.storage import describe_save_error, file_hash, read_report, write_report


def big_report(chars: int) -> Report:
    r = Report.new("某局", 2024)
    r.texts["overview"] = "政" * chars
    return r


@pytest.fixture
def small_fs(tmp_path: Path) -> Iterator[Path]:
    """A real 64 KiB tmpfs (needs root and mount rights; skipped with the reason otherwise)."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)], capture_output=True, text=True)
    if p.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {p.stderr.strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_disk_full_leaves_old_file(small_fs: Path) -> None:
    p = small_fs / "r.govreport"
    write_report(big_report(100), p)
    old = p.read_bytes()
    with pytest.raises(OSError) as exc:
        write_report(big_report(60_000), p)  # ~180 KB of UTF-8 does not fit in 64 KiB
    assert exc.value.errno == errno.ENOSPC
    assert p.read_bytes() == old
    assert "磁盘空间不足" in describe_save_error(exc.value, p) and "另存为" in describe_save_error(exc.value, p)
    assert sorted(x.name for x in small_fs.iterdir()) == ["r.govreport"]


def test_read_only_filesystem(small_fs: Path) -> None:
    p = small_fs / "r.govreport"
    write_report(big_report(10), p)
    old = p.read_bytes()
    subprocess.run(["mount", "-o", "remount,ro", str(small_fs)], check=True)
    with pytest.raises(OSError) as exc:
        write_report(big_report(20), p)
    assert exc.value.errno in (errno.EROFS, errno.EACCES)
    assert p.read_bytes() == old
    msg = describe_save_error(exc.value, p)
    assert "只读" in msg or "权限" in msg


def test_permission_denied_message() -> None:
    msg = describe_save_error(PermissionError(errno.EACCES, "denied"), "a.govreport")
    assert "权限" in msg and "另存为" in msg and "原文件未被改动" in msg


def test_write_raising_enospc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "r.govreport"
    write_report(big_report(10), p)
    old = p.read_bytes()
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *a):
            self.fh.close()

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage.os, "fdopen", lambda fd, mode: Full(real_fdopen(fd, mode)))
    with pytest.raises(OSError):
        write_report(big_report(20), p)
    monkeypatch.undo()
    assert p.read_bytes() == old and sorted(x.name for x in tmp_path.iterdir()) == ["r.govreport"]


def test_folder_vanished(tmp_path: Path) -> None:
    folder = tmp_path / "share"
    folder.mkdir()
    p = folder / "r.govreport"
    write_report(big_report(10), p)
    p.unlink()
    folder.rmdir()
    with pytest.raises(OSError) as exc:
        write_report(big_report(20), p)
    assert "保存位置已不存在" in describe_save_error(exc.value, p)
    alt = tmp_path / "另存为.govreport"  # 另存为 still works
    write_report(big_report(20), alt)
    assert read_report(alt).texts["overview"] == "政" * 20


def test_file_replaced_underneath_is_noticed(tmp_path: Path) -> None:
    p = tmp_path / "r.govreport"
    write_report(big_report(10), p)
    stamp = file_hash(p)
    other = big_report(11)
    other.meta["agency"] = "别人"
    tmp = tmp_path / "other.govreport"
    write_report(other, tmp)
    os.replace(tmp, p)  # another program replaced the file
    assert file_hash(p) != stamp
    p.unlink()
    assert file_hash(p) is None  # deleted underneath is noticed too
