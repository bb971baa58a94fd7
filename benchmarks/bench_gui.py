"""GUI speed and size: process start to window shown with the seed report, an edit to repainted totals and findings,
and the peak memory of the window with a report open.

Run: ``QT_QPA_PLATFORM=offscreen python benchmarks/bench_gui.py [--runs N]``.  Prints a table to stderr and the
results as JSON ``{"name": {"median": …, "worst": …, "target": …, "unit": …}}`` to stdout.

* ``GUI start → window shown with the seed`` (≤ 0.7 s): a fresh Python process imports the application, opens the
  seed report, shows the main window and reports once the first paint of the window has been processed; measured
  from just before the process is spawned to the moment its line arrives.  ``bare PySide6 window start`` is the
  same for an empty ``QMainWindow``, for comparison (the floor PySide6 sets on this machine).
* ``GUI edit commit → repainted totals and findings`` (≤ 16 ms): in one process with the window shown, a digit is
  typed into an input cell of Table 3 and committed with Enter (real key events through the delegate), then every
  pending event is processed (the table's repaint, the findings list); measured until the view has repainted, and
  checked that the row total shows the new sum.
* ``GUI peak memory, report open`` (≤ 200 MB): a fresh process shows the window with the seed, makes a few edits
  through the table model, and reads its peak resident set (``VmHWM`` in ``/proc/self/status``; Linux only).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "data" / "linping-2023.govreport"
START, BARE = "GUI start → window shown with the seed", "bare PySide6 window start"
EDIT, MEMORY = "GUI edit commit → repainted totals and findings", "GUI peak memory, report open"
TARGETS = {START: 0.7, BARE: None, EDIT: 16.0, MEMORY: 200.0}

_CHILD_APP = r"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from govreport_gui.ui.app import create_application, create_window
app = create_application(sys.argv[:1])
window = create_window(sys.argv[1])
class Shown(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, done)  # after the whole first paint has been flushed
        return False
def done():
    heavy = [m for m in ("reportlab", "openpyxl", "docx", "pypdf") if m in sys.modules]
    print("shown", *heavy, flush=True)
    app.quit()
f = Shown()
window.installEventFilter(f)
window.show()
app.exec()
window.removeEventFilter(f)
"""

_CHILD_MEMORY = r"""
import sys
from PySide6.QtCore import Qt
from govreport_gui.ui.app import create_application, create_window
app = create_application(sys.argv[:1])
window = create_window(sys.argv[1])
window.resize(1400, 900)
window.show()
app.processEvents()
for tab in window.table_tabs.values():  # every table laid out and painted once
    window.tabs.setCurrentWidget(tab)
    app.processEvents()
model = window.table_tabs["t3"].model
for i, cid in enumerate(["t3.new.natural", "t3.granted.natural", "t3.new.business", "t3.granted.business"] * 3):
    model.setData(model.index_of(cid), str(i + 1), Qt.ItemDataRole.EditRole)
    app.processEvents()
status = open("/proc/self/status", encoding="ascii").read()
hwm = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))
print(int(hwm) / 1024, flush=True)
window.load_report(window.current_report(), None, False)
window.close()
"""

_CHILD_BARE = r"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1400, 900)
class Shown(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, done)  # after the whole first paint has been flushed
        return False
def done():
    print("shown", flush=True)
    app.quit()
f = Shown()
window.installEventFilter(f)
window.show()
app.exec()
window.removeEventFilter(f)
"""


def _start_once(code: str, env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, str(SEED)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            env=env, cwd=str(ROOT), text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - t0
    proc.wait(timeout=30)
    words = line.split()
    if not words or words[0] != "shown":
        raise RuntimeError("the application did not report a shown window")
    if words[1:]:
        print(f"warning: loaded at start, before any use: {', '.join(words[1:])}", file=sys.stderr)
    return elapsed


def bench_start(runs: int) -> dict[str, list[float]]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as settings_dir:
        env["GOVREPORT_SETTINGS_DIR"] = settings_dir  # never the user's settings
        env["GOVREPORT_DATA_DIR"] = settings_dir  # nor the user's recovery copies
        env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
        _start_once(_CHILD_APP, env)  # warm the file cache once
        app = [_start_once(_CHILD_APP, env) for _ in range(runs)]
        bare = [_start_once(_CHILD_BARE, env) for _ in range(runs)]
    return {START: app, BARE: bare}


def bench_memory(runs: int) -> list[float]:
    if not Path("/proc/self/status").exists():
        return []
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = []
    with tempfile.TemporaryDirectory() as settings_dir:
        env["GOVREPORT_SETTINGS_DIR"] = settings_dir
        env["GOVREPORT_DATA_DIR"] = settings_dir  # autosave copies go here, not to the user's folder
        env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
        for _ in range(runs):
            p = subprocess.run([sys.executable, "-c", _CHILD_MEMORY, str(SEED)], capture_output=True, text=True,
                               env=env, cwd=str(ROOT), timeout=60)
            lines = p.stdout.strip().splitlines()
            if p.returncode != 0 or not lines:
                raise RuntimeError(f"memory child failed: {p.stderr[-1000:]}")
            out.append(float(lines[-1]))
    return out


def bench_keystroke(runs: int) -> list[float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    settings_dir = tempfile.mkdtemp()
    os.environ["GOVREPORT_SETTINGS_DIR"] = settings_dir
    os.environ["GOVREPORT_DATA_DIR"] = settings_dir
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QLineEdit

    from govreport_gui.ui.app import create_application, create_window

    app = create_application(["bench"])
    window = create_window(str(SEED))
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    tab = window.table_tabs["t3"]
    window.go_to_cell("t3.granted.natural")
    app.processEvents()
    view, model = tab.view, tab.model
    painted: list[float] = []

    class PaintWatch(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted.append(time.perf_counter())
            return False

    watch = PaintWatch()
    view.viewport().installEventFilter(watch)
    times: list[float] = []
    for i in range(runs + 3):
        window.go_to_cell("t3.granted.natural")
        app.processEvents()
        digit = str(i % 9 + 1)
        press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_0 + int(digit), Qt.KeyboardModifier.NoModifier, digit)
        QApplication.sendEvent(view, press)  # opens the editor with the digit typed
        editor = next(e for e in view.viewport().findChildren(QLineEdit) if e.isVisible())
        app.processEvents()
        painted.clear()
        t0 = time.perf_counter()
        enter = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(editor, enter)  # commit: undo command, core edit, dataChanged
        app.processEvents()  # the repaint of the changed cells
        end = painted[-1] if painted else time.perf_counter()
        if i >= 3:  # the first commits warm caches
            times.append((end - t0) * 1000)
        total = model.data(model.index_of("t3.granted.total"), Qt.ItemDataRole.DisplayRole)
        if total != digit or not painted:
            raise RuntimeError(f"the total did not repaint: {total!r}, painted={bool(painted)}")
    view.viewport().removeEventFilter(watch)
    window.load_report(window.current_report(), None, False)  # so closing asks nothing
    window.close()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="process starts per measurement")
    parser.add_argument("--keys", type=int, default=50, help="keystroke commits")
    args = parser.parse_args()
    samples: dict[str, tuple[list[float], str]] = {}
    for name, values in bench_start(args.runs).items():
        samples[name] = (values, "s")
    memory = bench_memory(3)
    if memory:
        samples[MEMORY] = (memory, "MB")
    samples[EDIT] = (bench_keystroke(args.keys), "ms")
    out: dict[str, dict[str, float | str | None]] = {}
    print(f"{'measurement':48s} {'median':>10s} {'worst':>10s} {'target':>10s}", file=sys.stderr)
    for name, (values, unit) in samples.items():
        median, worst, target = statistics.median(values), max(values), TARGETS[name]
        out[name] = {"median": round(median, 4), "worst": round(worst, 4), "target": target, "unit": unit}
        tgt = f"≤ {target} {unit}" if target is not None else "—"
        print(f"{name:48s} {median:8.3f} {unit:2s}{worst:8.3f} {unit:2s} {tgt:>10s}", file=sys.stderr)
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
