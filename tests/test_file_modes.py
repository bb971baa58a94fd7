"""Files written the way users expect: an overwritten file keeps its permission bits, a new one gets the user's
umask, a file holding personal data stays owner-only; exports follow the same rule."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from govreport_gui.core.exporters.excel import export_xlsx
from govreport_gui.core.report import Report
from govreport_gui.core.storage import atomic_write_bytes, write_report

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_overwriting_keeps_the_files_mode(tmp_path: Path, seed: Report, umask_022: None) -> None:
    out = tmp_path / "shared.govreport"
    write_report(seed, out)
    os.chmod(out, 0o664)  # a report shared with the office group
    write_report(seed, out)
    assert mode(out) == 0o664
    assert mode(tmp_path / "shared.govreport.bak") == 0o664
    os.chmod(out, 0o600)
    write_report(seed, out)
    assert mode(out) == 0o600


def test_new_files_get_the_umask(tmp_path: Path, seed: Report) -> None:
    for umask, expected in ((0o022, 0o644), (0o002, 0o664), (0o077, 0o600)):
        old = os.umask(umask)
        try:
            out = tmp_path / f"new-{umask:o}.govreport"
            write_report(seed, out)
            xlsx = tmp_path / f"new-{umask:o}.xlsx"
            export_xlsx(seed, xlsx)
        finally:
            os.umask(old)
        assert mode(out) == expected and mode(xlsx) == expected
    assert os.umask(0o022) == old  # the umask is left as it was
    os.umask(old)


def test_personal_data_stays_owner_only(tmp_path: Path, seed: Report, umask_022: None) -> None:
    out = tmp_path / "register.govreport"
    write_report(seed, out, private=True)
    assert mode(out) == 0o600
    os.chmod(out, 0o664)  # even over a file someone opened up
    atomic_write_bytes(out, b"{}", private=True)
    assert mode(out) == 0o600


def test_a_failed_write_leaves_mode_and_content(
    tmp_path: Path, umask_022: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "f.bin"
    out.write_bytes(b"old")
    os.chmod(out, 0o640)

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError):
        atomic_write_bytes(out, b"new")
    assert out.read_bytes() == b"old" and mode(out) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.bin"]
