"""The application never opens a network socket: a whole session in a fresh process, watched two ways.

The session (offscreen Qt, the real main window): open the seed, edit a cell, save, export .xlsx and .pdf, import a
published text report through 文件 › 导入 (dialog accepted), open the print preview (its pages painted), and start next
year's report from the saved file (carry-over).  Watched by an audit hook that records every ``socket.*`` event
Python raises (creating, connecting, binding, name lookups), and at the end by a look at ``/proc/self/fd``: no open
socket of the process may appear in ``/proc/net/tcp``, ``tcp6``, ``udp`` or ``udp6`` (local Unix sockets, e.g. to a
session bus, are allowed).  ``PySide6.QtNetwork`` must never be imported.  Where ``unshare --net`` works (root), the
same session also runs in a namespace without any network and must behave identically.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "data" / "import-2019-format.txt"

SESSION = r"""
import json, os, socket, sys
from pathlib import Path

events = []
def hook(event, args):
    if event.startswith("socket."):
        events.append([event, repr(args)[:200]])
sys.addaudithook(hook)

os.environ["QT_QPA_PLATFORM"] = "offscreen"
work = Path(sys.argv[1]); seed = sys.argv[2]; sample = sys.argv[3]
os.environ["GOVREPORT_SETTINGS_DIR"] = str(work / "settings")
os.environ["GOVREPORT_DATA_DIR"] = str(work / "data")

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox
from PySide6.QtPrintSupport import QPrintPreviewDialog

from govreport_gui.ui.app import create_application
from govreport_gui.core.edits import set_cell
from govreport_gui.core.storage import read_report
from govreport_gui.ui import main_window
from govreport_gui.ui.export import printing, worker as export_worker
from govreport_gui.ui.imports import dialog as import_dialog
from govreport_gui.ui.main_window import MainWindow

shown = []
main_window.show_error = lambda parent, text: shown.append(text)
main_window.ask_save_changes = lambda parent, name: "discard"
QMessageBox.warning = staticmethod(lambda *a, **k: shown.append(str(a[2:3])) or QMessageBox.StandardButton.No)
import_dialog.show_refusal = lambda parent, text: shown.append(text)
from govreport_gui.ui.export.final_check import FinalCheckDialog
FinalCheckDialog.exec = lambda self: 1  # the final check before export and print: 仍然导出（草稿）

app = create_application(["session"])
w = MainWindow(); w.show(); app.processEvents()
done = []

def settle():  # export and print preview run in a worker thread: wait for it
    import time
    while export_worker.running_jobs():
        app.processEvents(); time.sleep(0.01)

path = work / "report.govreport"
path.write_bytes(Path(seed).read_bytes())
assert w.open_file(str(path), ask=False); done.append("open")
w.controller.push(set_cell("t3.new.natural", 5), "编辑"); app.processEvents(); done.append("edit")
assert w.save_to(str(path)) and read_report(path).values["t3.new.natural"] == 5; done.append("save")

QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (str(work / "report.xlsx"), ""))
w.export_xlsx(); settle(); assert (work / "report.xlsx").stat().st_size > 0; done.append("export xlsx")
QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (str(work / "report.pdf"), ""))
w.export_pdf(); settle(); assert (work / "report.pdf").read_bytes().startswith(b"%PDF"); done.append("export pdf")

def preview(dialog):
    dialog.show(); printing.preview_widget(dialog).updatePreview(); app.processEvents()
    done.append(f"preview {printing.preview_widget(dialog).pageCount()} pages"); dialog.close()
    return 0
QPrintPreviewDialog.exec = preview
w.print_preview(); settle(); app.processEvents()
assert printing.preview_page_count(w.current_report()) > 1

QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (sample, ""))
import_dialog.ImportDialog.exec = lambda self: QDialog.DialogCode.Accepted.value
w.import_report(); app.processEvents()
assert w.current_report().agency and w.path is None; done.append("import")

QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (str(path), ""))
w.new_from_last_year(); app.processEvents()
assert w.current_report().previous is not None; done.append("carry-over")
w.close(); app.processEvents()

inet = set()
for name in ("tcp", "tcp6", "udp", "udp6", "raw", "raw6"):
    try:
        lines = Path(f"/proc/net/{name}").read_text().splitlines()[1:]
    except OSError:
        continue
    inet.update(line.split()[9] for line in lines if len(line.split()) > 9)
open_sockets, inet_sockets = [], []
for fd in os.listdir("/proc/self/fd"):
    try:
        target = os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        continue
    if target.startswith("socket:["):
        inode = target[8:-1]
        open_sockets.append(inode)
        if inode in inet:
            inet_sockets.append(inode)
print(json.dumps({"done": done, "events": events, "shown": shown, "sockets": open_sockets,
                  "inet_sockets": inet_sockets, "qtnetwork": "PySide6.QtNetwork" in sys.modules}, ensure_ascii=False))
"""


def _session(tmp_path: Path, prefix: list[str]) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([*prefix, sys.executable, "-c", SESSION, str(tmp_path), str(ROOT / "tests" / "data" /
                          "linping-2023.govreport"), str(SAMPLE)], capture_output=True, text=True, timeout=300,
                          env=env, cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _assert_offline(out: dict) -> None:
    assert out["done"][:5] == ["open", "edit", "save", "export xlsx", "export pdf"], out
    assert any(d.startswith("preview") for d in out["done"]) and out["done"][-2:] == ["import", "carry-over"], out
    assert out["events"] == [], out["events"]
    assert out["inet_sockets"] == [], out
    assert out["qtnetwork"] is False
    assert out["shown"] == [], out["shown"]


def test_full_session_opens_no_socket(tmp_path: Path) -> None:
    _assert_offline(_session(tmp_path, []))


def _can_unshare() -> bool:
    tool = shutil.which("unshare")
    if tool is None or os.geteuid() != 0:
        return False
    return subprocess.run([tool, "--net", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _can_unshare(), reason="unshare --net needs root and the util-linux tool")
def test_full_session_without_any_network(tmp_path: Path) -> None:
    _assert_offline(_session(tmp_path, ["unshare", "--net"]))
