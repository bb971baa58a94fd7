"""The register in the window: a report with a 10,000-line register opened and its 台账 tab shown.

* ``register window: open 10,000-line report, 台账 shown`` (≤ 1 s) — in a process whose window is already shown:
  read the saved ``.govreport`` (the register inside it), load it into the window, switch to the 台账 tab and paint
  the window (``repaint``: the grid, its deadlines and states, the counts line), all inside the measurement.
* ``register window: edit one line → grid, Table 三, findings`` — a 办理结果 set through the grid's model (one core
  edit: Table 三 recounted, the deadline findings re-run, the grid's states recomputed) and the window repainted;
  shown for comparison.
* ``register window: sort 10,000 lines by 收到日期`` — what a click on a column header costs (the proxy sorts
  through the model's sort keys); shown for comparison.

Run: ``QT_QPA_PLATFORM=offscreen python benchmarks/bench_register_window.py``.  Prints a table, then one JSON line.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_register import N_LINES, big_register  # noqa: E402

from govreport_gui.core.register.count import sync_report  # noqa: E402
from govreport_gui.core.report import Report  # noqa: E402
from govreport_gui.core.storage import read_report, write_report  # noqa: E402

OPEN = f"register window: open {N_LINES:,}-line report, 台账 shown"
EDIT = "register window: edit one line → grid, Table 三, findings"
SORT = f"register window: sort {N_LINES:,} lines by 收到日期 (header click)"


def figure(samples: list[float], target: float | None, unit: str) -> dict[str, float | str | None]:
    return {"median": round(statistics.median(samples), 3), "worst": round(max(samples), 3), "target": target,
            "unit": unit}


def main() -> None:
    os.environ.setdefault("GOVREPORT_SETTINGS_DIR", tempfile.mkdtemp(prefix="bench-settings-"))
    from PySide6.QtCore import Qt

    from govreport_gui.ui.app import create_application
    from govreport_gui.ui.main_window import MainWindow
    from govreport_gui.ui.register.model import column_of

    app = create_application(["bench"])
    report = Report.new("某局", 2025)
    report.register = big_register()
    sync_report(report)
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "大台账.govreport"
        write_report(report, path)
        window = MainWindow()
        window.resize(1366, 768)
        window.show()
        app.processEvents()
        opened: list[float] = []
        for _ in range(5):
            window.tabs.setCurrentIndex(0)
            window.load_report(Report.new("某局", 2025), None, False)
            app.processEvents()
            t = time.perf_counter()
            window.load_report(read_report(path), str(path), False)
            tab = window.tabs.register_tab
            assert tab is not None
            window.tabs.setCurrentWidget(tab)
            window.repaint()
            app.processEvents()
            opened.append(time.perf_counter() - t)
            assert tab.model.rowCount() == N_LINES and f"共{N_LINES}件" in tab.summary.text()
        results[OPEN] = figure(opened, 1.0, "s")
        model = window.tabs.register_tab.model
        labels = list(model.spec.result_labels.values())
        edits: list[float] = []
        for k in range(10):
            t = time.perf_counter()
            assert model.setData(model.index(k, column_of("result")), labels[k % len(labels)], Qt.ItemDataRole.EditRole)
            window.repaint()
            app.processEvents()
            edits.append((time.perf_counter() - t) * 1000)
        results[EDIT] = figure(edits, None, "ms")
        view = window.tabs.register_tab.view
        sorts: list[float] = []
        for k in range(3):
            t = time.perf_counter()
            view.sortByColumn(column_of("received"), Qt.SortOrder(k % 2))
            window.repaint()
            app.processEvents()
            sorts.append((time.perf_counter() - t) * 1000)
        results[SORT] = figure(sorts, None, "ms")
        window.stack.clear()
        window.close()
    for name, f in results.items():
        print(f"{name:58} median {f['median']:>9} {f['unit']:2}  worst {f['worst']:>9}  target ≤ {f['target']}",
              file=sys.stderr)
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
