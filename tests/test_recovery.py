"""Recovery copies: private, atomic, offered only when their process is gone, removed after a clean save."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from govreport_gui.core.paths import user_data_dir
from govreport_gui.core.recovery import RecoveryStore
from govreport_gui.core.report import Report


def test_data_dir_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GOVREPORT_DATA_DIR", str(tmp_path))
    assert user_data_dir() == tmp_path


def test_write_is_private_and_not_offered_while_alive(tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path / "rec")
    r = Report.new("某局", 2024)
    r.values["t3.new.natural"] = 5
    p = store.write("doc1", r, "/somewhere/a.govreport")
    assert stat.S_IMODE(p.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "rec").stat().st_mode) == 0o700
    assert store.orphans() == []  # our own copies are never offered
    assert RecoveryStore(tmp_path / "rec").orphans() == []  # the writing process is alive
    store.remove("doc1")
    assert list((tmp_path / "rec").iterdir()) == []


def test_copy_of_a_dead_process_is_offered_and_restores(tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path\n"
        "from govreport_gui.core.recovery import RecoveryStore\n"
        "from govreport_gui.core.report import Report\n"
        "r = Report.new('某局', 2024); r.values['t3.new.natural'] = 7; r.texts['overview'] = '草稿'\n"
        "RecoveryStore(Path(sys.argv[1])).write('d', r, sys.argv[2])\n"
    )
    subprocess.run([sys.executable, "-c", code, str(tmp_path), "/x/报告.govreport"], check=True)
    (tmp_path / "junk.govreport-recovery").write_text("{broken", encoding="utf-8")
    entries = RecoveryStore(tmp_path).orphans()
    assert len(entries) == 1
    e = entries[0]
    assert e.display_name == "报告.govreport" and len(e.when) == 19
    back = e.load()
    assert back.values == {"t3.new.natural": 7} and back.texts == {"overview": "草稿"}
    RecoveryStore.discard(e)
    assert RecoveryStore(tmp_path).orphans() == []


def test_copy_content_is_a_report(tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path)
    p = store.write("k", Report.new("某局", 2024), None)
    doc = json.loads(p.read_text(encoding="utf-8"))
    assert doc["format"] == "govreport-recovery" and doc["report"]["format"] == "govreport" and doc["source"] is None
