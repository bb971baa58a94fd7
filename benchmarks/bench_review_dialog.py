"""The review dialog's own cost with 1,000 files: the rows arriving, sorting by a column, filtering by a text.

The reading itself is measured by ``bench_review.py``; here a stand-in review yields 1,000 made-up rows as fast as it
can (a real review yields one every 60 ms or so), so the figure is the window's share: queued signals, rows inserted
into a sorted proxy, the final reset and the column widths.  Sorting and filtering are measured on the finished
table (a numeric column, a text column; a filter matching 2 % of the rows), each until the events are processed.

Measured on the shared 2-core machine at a load of 3.5: rows 490 ms median (1.3 s before the column widths were
taken from 100 rows and the bar moved at most every 50 ms), sort 60–115 ms, filter 75–160 ms.

Run: ``QT_QPA_PLATFORM=offscreen python benchmarks/bench_review_dialog.py [RUNS]``.  Prints a table to stderr and the
results as JSON ``{"name": {"median": …, "worst": …, "target": …, "unit": …}}`` to stdout.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GOVREPORT_SETTINGS_DIR", tempfile.mkdtemp(prefix="govreport-bench-"))
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402

from govreport_gui.core.review import FileReview, Progress  # noqa: E402
from govreport_gui.core.review.run import finish  # noqa: E402
from govreport_gui.ui.app import create_application  # noqa: E402
from govreport_gui.ui.review.dialog import ReviewDialog  # noqa: E402

N = 1000
ROWS, SORT, FILTER = ("review dialog: 1,000 rows arriving → table finished", "review dialog: sort 1,000 rows",
                      "review dialog: filter 1,000 rows")
TARGETS = {ROWS: 1000.0, SORT: 200.0, FILTER: 200.0}


def fake_review(files: Sequence[Path], last: Sequence[Path], *, workers: int,
                cancel: Callable[[], bool]) -> Iterator[Progress]:
    rows = []
    for i in range(N):
        row = FileReview(path=f"单位{i}.govreport", name=f"单位{i}.govreport", kind="本程序文件", readable=True,
                         agency=f"某市某县某局{i % 700}", year=2023, figures=(i, 2, 3, 4, 5, 6), errors=i % 3,
                         warnings=i % 5)
        rows.append(row)
        yield Progress(i + 1, N, "本年报告", row=row)
    yield Progress(N, N, "本年报告", result=finish(rows, [], 0))


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    app = create_application(["bench"])
    figures: dict[str, list[float]] = {ROWS: [], SORT: [], FILTER: []}
    for _ in range(runs):
        start = time.perf_counter()
        dialog = ReviewDialog(str(ROOT / "tests" / "data"), review=fake_review)
        dialog.show()
        while dialog.result is None or dialog.is_running():
            app.processEvents()
        app.processEvents()
        figures[ROWS].append((time.perf_counter() - start) * 1000)
        assert dialog.proxy.rowCount() == N
        for name in ("错误", "机关"):
            t = time.perf_counter()
            dialog.view.sortByColumn(dialog.model.header.index(name), Qt.SortOrder.DescendingOrder)
            app.processEvents()
            figures[SORT].append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        dialog.filter.setText("某局12")
        app.processEvents()
        figures[FILTER].append((time.perf_counter() - t) * 1000)
        assert 0 < dialog.proxy.rowCount() < N
        dialog.close()
        dialog.deleteLater()
        app.processEvents()
    out = {}
    for name, values in figures.items():
        out[name] = {"median": round(statistics.median(values), 1), "worst": round(max(values), 1),
                     "target": TARGETS[name], "unit": "ms"}
        print(f"{name:55} median {out[name]['median']:>8} ms  worst {out[name]['worst']:>8} ms", file=sys.stderr)
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
