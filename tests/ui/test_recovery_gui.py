"""Never lose a clerk's work in the window: autosave, recovery after a kill, failed saves, files changed underneath."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from common import SEED
from PySide6.QtWidgets import QDialog, QMessageBox

from govreport_gui.core.edits import SetText, set_cell
from govreport_gui.core.storage import read_report, write_report
from govreport_gui.ui.document import autosave, recovery_dialog
from govreport_gui.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def copies(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.govreport-recovery")) if folder.is_dir() else []


@pytest.fixture(autouse=True)
def no_blocking_prompts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing a modified window at teardown answers 不保存 instead of waiting for a click."""
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Discard.value)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "userdata"
    monkeypatch.setenv("GOVREPORT_DATA_DIR", str(d))
    return d / "recovery"


def test_autosave_after_idle_and_removed_by_save(qtbot, data_dir: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(autosave, "IDLE_MS", 100)
    w = MainWindow()
    qtbot.addWidget(w)
    w.controller.push(set_cell("t3.new.natural", 4), "输入")
    assert copies(data_dir) == []  # not at once: a few moments after the last edit
    qtbot.waitUntil(lambda: len(copies(data_dir)) == 1, timeout=3000)
    entry_report = w.autosaver.store._file(w.autosaver.key)
    assert entry_report.exists() and oct(entry_report.stat().st_mode & 0o777) == "0o600"
    assert w.save_to(str(tmp_path / "r.govreport"))
    assert copies(data_dir) == []


def test_autosave_at_most_every_max_delay_while_typing(qtbot, data_dir: Path,  # type: ignore[no-untyped-def]
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(autosave, "IDLE_MS", 60_000)  # typing never pauses long enough
    monkeypatch.setattr(autosave, "MAX_DELAY_S", 0.2)
    w = MainWindow()
    qtbot.addWidget(w)
    for i in range(12):
        w.controller.push(set_cell("t3.new.natural", i + 1), "输入")
        qtbot.wait(40)
    assert w.autosaver.writes >= 1
    assert len(copies(data_dir)) == 1


def test_undo_to_clean_removes_the_copy(qtbot, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(autosave, "IDLE_MS", 50)
    w = MainWindow()
    qtbot.addWidget(w)
    w.controller.push(set_cell("t3.new.natural", 4), "输入")
    qtbot.waitUntil(lambda: len(copies(data_dir)) == 1, timeout=3000)
    w.stack.undo()
    assert copies(data_dir) == []


GUI_WRITER = r"""
import sys, time
from PySide6.QtCore import QTimer
from govreport_gui.ui.app import create_application, create_window
from govreport_gui.core.edits import SetText, set_cell
app = create_application(["gui"])
w = create_window(sys.argv[1])
w.show()
w.controller.push(set_cell("t3.new.natural", 41), "输入")
w.controller.push(set_cell("t3.unavailable.not_held.natural", 41), "输入")
w.controller.push(SetText("problems", "崩溃前输入的内容"), "正文")
def wait():
    if w.autosaver.writes:
        print("autosaved", flush=True)
    else:
        QTimer.singleShot(50, wait)
QTimer.singleShot(50, wait)
app.exec()
"""


def test_killed_gui_offers_recovery_and_restores(qtbot, data_dir: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "报告.govreport"
    work.write_bytes(SEED.read_bytes())
    env = dict(os.environ, GOVREPORT_DATA_DIR=str(data_dir.parent), GOVREPORT_AUTOSAVE_IDLE_MS="200",
               QT_QPA_PLATFORM="offscreen", GOVREPORT_SETTINGS_DIR=str(tmp_path / "settings"))
    proc = subprocess.Popen([sys.executable, "-c", GUI_WRITER, str(work)], stdout=subprocess.PIPE, text=True,
                            env=env, cwd=ROOT)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "autosaved"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert work.read_bytes() == SEED.read_bytes()  # the file itself was never saved
    assert len(copies(data_dir)) == 1

    offered: list[list[str]] = []

    def choose_first(dialog: QDialog) -> int:
        offered.append([dialog.list.item(i).text() for i in range(dialog.list.count())])
        dialog.restore_selected()
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(recovery_dialog.RecoveryDialog, "exec", choose_first)
    w = MainWindow()
    qtbot.addWidget(w)
    assert recovery_dialog.offer_recovery(w)
    assert len(offered) == 1 and "报告.govreport" in offered[0][0]
    r = w.current_report()
    assert r.values["t3.new.natural"] == 41 and r.texts["problems"] == "崩溃前输入的内容"
    assert r.get("t3.total.natural") == 41
    assert w.path == str(work) and w.isWindowModified()
    assert len(copies(data_dir)) == 1  # now this window's own copy, until the clerk saves
    assert w.save()
    assert read_report(work).values["t3.new.natural"] == 41
    assert copies(data_dir) == []
    assert not recovery_dialog.offer_recovery(MainWindow())  # nothing left to offer


def test_recovery_discard(qtbot, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    code = ("import sys; from pathlib import Path; from govreport_gui.core.recovery import RecoveryStore;"
            "from govreport_gui.core.report import Report;"
            "RecoveryStore(Path(sys.argv[1])).write('k', Report.new('某局', 2024), None)")
    subprocess.run([sys.executable, "-c", code, str(data_dir)], check=True, cwd=ROOT)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)

    def discard(dialog: QDialog) -> int:
        assert dialog.list.item(0).text().endswith("（未保存的新报告）")
        dialog.discard_selected()
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(recovery_dialog.RecoveryDialog, "exec", discard)
    w = MainWindow()
    qtbot.addWidget(w)
    assert not recovery_dialog.offer_recovery(w)
    assert copies(data_dir) == []


def test_save_into_full_folder_says_why(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from govreport_gui.ui import main_window

    shown: list[str] = []
    monkeypatch.setattr(main_window, "show_error", lambda parent, text: shown.append(text))
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(mnt)], capture_output=True).returncode:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        w = MainWindow()
        qtbot.addWidget(w)
        target = mnt / "r.govreport"
        assert w.save_to(str(target))
        before = target.read_bytes()
        w.controller.push(SetText("overview", "政" * 20_000), "正文")
        assert not w.save_to(str(target))
        assert shown and "磁盘空间不足" in shown[-1] and "另存为" in shown[-1]
        assert w.isWindowModified() and target.read_bytes() == before
        assert w.save_to(str(tmp_path / "elsewhere.govreport"))  # 另存为 still works
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_file_changed_underneath_asks_before_overwriting(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "r.govreport"
    work.write_bytes(SEED.read_bytes())
    w = MainWindow()
    qtbot.addWidget(w)
    assert w.open_file(str(work), ask=False)
    w.controller.push(set_cell("t4.review.upheld", 1), "输入")
    other = read_report(work)
    other.meta["agency"] = "别的程序写的"
    write_report(other, work)  # replaced by someone else meanwhile
    replaced = work.read_bytes()
    asked: list[str] = []

    def no(*a: object, **k: object) -> QMessageBox.StandardButton:
        asked.append(str(a[2]))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "warning", no)
    assert not w.save()
    assert asked and "已被其他程序修改" in asked[0]
    assert work.read_bytes() == replaced and w.isWindowModified()
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert w.save()
    assert read_report(work).values["t4.review.upheld"] == 1
