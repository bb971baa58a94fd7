"""Web page speed and size: the full report exported as a page in a warm process, `govreport export FILE --html
OUT` as a fresh process, the clipboard's HTML and plain text, the page read back, and the page's size.

Targets: the page export ≤ 150 ms warm (like the Word export); the fresh process ≤ 0.6 s (like the PDF's).  The
other figures are shown for comparison.  Run: `.venv/bin/python benchmarks/bench_html.py [RUNS]`.  Prints a table,
then one JSON line of figures.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timing import figure, timed  # noqa: E402

from govreport_gui.core.exporters.html import clipboard_html, export_html, plain_text  # noqa: E402
from govreport_gui.core.importers.dispatch import import_file  # noqa: E402
from govreport_gui.core.storage import read_report  # noqa: E402

SEED = ROOT / "tests" / "data" / "linping-2023.govreport"  # every input cell filled, full prose


def fresh(out: Path, runs: int) -> list[float]:
    exe = [sys.executable, "-m", "govreport_gui.cli", "export", str(SEED), "--html", str(out)]
    subprocess.run(exe, check=True, capture_output=True, cwd=ROOT)  # the page cache filled
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(exe, check=True, capture_output=True, cwd=ROOT)
        samples.append((time.perf_counter() - t) * 1000)
    return samples


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    report = read_report(SEED)
    folder = Path(tempfile.mkdtemp(prefix="govreport-bench-html-"))
    try:
        page = folder / "seed.html"
        export = timed(lambda: export_html(report, page), runs)
        signed = timed(lambda: export_html(report, folder / "signed.html", signature_block=True, draft=True), runs)
        copy = timed(lambda: (clipboard_html(report), plain_text(report)), runs)
        assert import_file(page).report.values == report.values
        back = timed(lambda: import_file(page), runs)
        process = fresh(folder / "fresh.html", max(3, runs // 4))
        size = page.stat().st_size
        figures = {
            "html export, full report, warm": figure(export, 150.0),
            "html export with signature block, draft, warm": figure(signed, 150.0),
            "clipboard html and plain text, warm": figure(copy, None),
            "html import back by the grid, warm": figure(back, None),
            "govreport export --html, fresh process": figure(process, 600.0),
            "html page size, full report": {"median": size, "worst": size, "target": None, "unit": "bytes"},
        }
    finally:
        shutil.rmtree(folder)
    print(f"{'figure':54} {'median':>9} {'worst':>9} {'target':>7}  unit")
    for name, f in figures.items():
        shown = "—" if f["target"] is None else f["target"]
        print(f"{name:54} {f['median']:>9} {f['worst']:>9} {shown:>7}  {f['unit']}")
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
