"""Two windows on one report: no lost update, also on file systems with 1-second timestamps (issue 14, item 9).

Coarse timestamps are simulated by putting back the modification time (and checking the size is unchanged) after
the other window's save: the old (mtime, size) check then saw nothing, and the second save silently overwrote the
first window's edit 20 times out of 20.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from govreport_gui.core import locking
from govreport_gui.core.edits import set_cell
from govreport_gui.core.storage import read_report
from govreport_gui.ui import main_window
from govreport_gui.ui.document import file_guard
from govreport_gui.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "data" / "linping-2023.govreport"
ROUNDS = 20
_NO = QMessageBox.StandardButton.No


@pytest.fixture(autouse=True)
def quiet(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    monkeypatch.setenv("GOVREPORT_DATA_DIR", str(tmp_path / "userdata"))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Discard.value)
    errors: list[str] = []
    monkeypatch.setattr(main_window, "show_error", lambda parent, text: errors.append(text))
    return errors


def _window(qtbot, path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    w = MainWindow()
    qtbot.addWidget(w)
    assert w.open_file(str(path), ask=False)
    return w


def _coarse_save(w: MainWindow, path: Path) -> bool:
    """Save, then make the file look untouched to an (mtime, size) check, as on a FAT stick or a share."""
    st = path.stat()
    ok = w.save()
    after = path.stat()
    assert after.st_size == st.st_size  # the edits keep the size: only the content differs
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    return ok


def test_second_window_cannot_silently_overwrite_with_coarse_timestamps(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Locks unavailable (a share where the lock file cannot be written): the content hash alone catches it."""
    monkeypatch.setattr(file_guard.locking, "acquire",
                        lambda p: locking.Lock(Path(p), locking.LockInfo("u", "h", os.getpid(), 0.0, "")))
    asked: list[str] = []

    def no(*a: object, **k: object) -> QMessageBox.StandardButton:
        asked.append(str(a[2]))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "warning", no)
    lost = 0
    for i in range(ROUNDS):
        work = tmp_path / f"r{i}.govreport"
        work.write_bytes(SEED.read_bytes())
        a, b = _window(qtbot, work), _window(qtbot, work)
        a.controller.push(set_cell("t4.review.upheld", 7), "输入")
        assert _coarse_save(a, work)
        b.controller.push(set_cell("t4.review.corrected", 8), "输入")
        before = len(asked)
        saved_b = b.save()
        if read_report(work).values.get("t4.review.upheld") != 7:
            lost += 1
        assert not saved_b and len(asked) == before + 1 and "已被其他程序修改" in asked[-1]
        assert b.isWindowModified()  # b keeps its edit, for 另存为
        for w in (a, b):
            w.close()
    assert lost == 0, f"{lost}/{ROUNDS} lost"


def test_second_window_opens_read_only_and_can_take_over(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "r.govreport"
    work.write_bytes(SEED.read_bytes())
    a = _window(qtbot, work)
    holder = locking.inspect(work)
    assert holder is not None and holder.pid == os.getpid() and not holder.stale()
    questions: list[str] = []
    monkeypatch.setattr(file_guard, "ask_locked", lambda parent, name, h: questions.append(h.who) or "readonly")
    b = _window(qtbot, work)
    assert questions == [holder.who] and b.guard.read_only
    assert not b.read_only_label.isHidden()
    assert b.read_only_label.text().startswith("只读：") and holder.who in b.read_only_label.text()
    b.controller.push(set_cell("t4.review.corrected", 8), "输入")
    chosen: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (chosen.append("asked") or str(tmp_path / "copy.govreport"), ""))
    assert b.save()  # 保存 in a read-only window is 另存为
    assert chosen and read_report(tmp_path / "copy.govreport").values["t4.review.corrected"] == 8
    assert read_report(work).values.get("t4.review.corrected") == 0  # the report itself untouched
    # a third window takes over after the explicit question; the first window's save then asks
    monkeypatch.setattr(file_guard, "ask_locked", lambda parent, name, h: "takeover")
    c = _window(qtbot, work)
    assert not c.guard.read_only and locking.holds(c.guard.lock)  # type: ignore[arg-type]
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: asked.append(str(a[2])) or _NO)
    a.controller.push(set_cell("t4.review.upheld", 7), "输入")
    assert not a.save() and asked and "接管" in asked[0]
    for w in (a, b, c):
        w.close()
    assert locking.inspect(work) is None  # the holder released it on close


def test_read_only_file_asks_before_overwriting(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "r.govreport"
    work.write_bytes(SEED.read_bytes())
    os.chmod(work, 0o444)
    w = _window(qtbot, work)
    w.controller.push(set_cell("t4.review.upheld", 7), "输入")
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: asked.append(str(a[2])) or _NO)
    before = work.read_bytes()
    assert not w.save() and "只读" in asked[0] and work.read_bytes() == before
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert w.save()
    assert read_report(work).values["t4.review.upheld"] == 7 and (work.stat().st_mode & 0o777) == 0o444
    w.close()


def test_save_failure_on_unsaveable_text_is_told(qtbot, tmp_path: Path, quiet: list[str]) -> None:  # type: ignore[no-untyped-def]
    work = tmp_path / "r.govreport"
    work.write_bytes(SEED.read_bytes())
    w = _window(qtbot, work)
    key = next(iter(w.current_report().form.text_keys))
    w.current_report().texts[key] = "A\ud800B"  # got past every boundary somehow: the save must still say so
    w._forced_modified = True
    before = work.read_bytes()
    assert not w.save()
    assert quiet and "无法保存的字符" in quiet[-1] and work.read_bytes() == before
    w.current_report().texts[key] = "AB"
    w.close()


def test_impossible_name_is_a_clear_message(qtbot, tmp_path: Path, quiet: list[str]) -> None:  # type: ignore[no-untyped-def]
    w = MainWindow()
    qtbot.addWidget(w)
    w.controller.push(set_cell("t4.review.upheld", 7), "输入")
    assert not w.save_to(str(tmp_path / ("报" * 82 + ".govreport")))  # 256 bytes
    assert quiet and "过长" in quiet[-1] and w.isWindowModified()
    assert w.save_to(str(tmp_path / ("报" * 80 + "a" * 5 + ".govreport")))  # 255 bytes: saved
    w.close()
