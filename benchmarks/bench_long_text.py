"""Over-long text and dense inputs, each in a fresh process: time (s) and peak memory (MB) against the 5 s / 500 MB
bound every single input must keep.

* ``pdf export, one paragraph of 1,000,000 characters`` ≤ 5 s (before the page layout cut long paragraphs: over 300 s;
  100,000 characters took 14 s).
* ``pdf export, a paragraph with Extension B characters`` — the fallback faces (花园明朝) registered on demand.
* ``pdf import, a page of 100,000 placed glyphs (refused)`` ≤ 1 s (before: 7–13 s).

Run: `.venv/bin/python benchmarks/bench_long_text.py [RUNS]`.  Prints a table, then one JSON line of figures.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

CHILD = r"""
import sys
from govreport_gui.core.exporters.pdf import export_pdf
from govreport_gui.core.importers.base import ImportRefused
from govreport_gui.core.importers.dispatch import import_file
from govreport_gui.core.storage import read_report
if sys.argv[1] == "export":
    export_pdf(read_report(sys.argv[2]), sys.argv[3])
else:
    try:
        import_file(sys.argv[2])
    except ImportRefused:
        pass
with open("/proc/self/status") as fh:
    print(next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:")) // 1024)
"""


def timed(args: list[str], runs: int, target: float) -> tuple[dict, dict]:
    seconds, mbs = [], []
    for _ in range(runs):
        t = time.perf_counter()
        p = subprocess.run([sys.executable, "-c", CHILD, *args], capture_output=True, text=True, check=True, cwd=ROOT,
                           env=dict(os.environ, PYTHONPATH=str(ROOT)))
        seconds.append(time.perf_counter() - t)
        mbs.append(float(p.stdout.split()[-1]))

    def fig(xs: list[float], tgt: float, unit: str) -> dict:
        return {"median": round(statistics.median(xs), 3), "worst": round(max(xs), 3), "target": tgt, "unit": unit}

    return fig(seconds, target, "s"), fig(mbs, 500.0, "MB")


def main() -> int:
    from test_hostile_round2 import pdf_file, placed_glyphs

    from govreport_gui.core.report import Report
    from govreport_gui.core.storage import write_report

    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    figures: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        long = Report.new(agency="某局", year=2025)
        long.texts["overview"] = "本机关依法公开政府信息，" * 83_333  # 999,996: a file holds at most 1,000,000
        write_report(long, folder / "long.govreport")
        rare = Report.new(agency="𠀀𪚥镇人民政府", year=2025)
        rare.texts["overview"] = "𠀀𪚥刏😀本镇依法公开政府信息。" * 200
        write_report(rare, folder / "rare.govreport")
        (folder / "dense.pdf").write_bytes(pdf_file([placed_glyphs(100_000, 300)]))
        cases = [
            ("pdf export, one paragraph of 1,000,000 characters", ["export", str(folder / "long.govreport"),
                                                                   str(folder / "long.pdf")], 5.0),
            ("pdf export, a paragraph with Extension B characters", ["export", str(folder / "rare.govreport"),
                                                                     str(folder / "rare.pdf")], 5.0),
            ("pdf import, a page of 100,000 placed glyphs (refused)", ["import", str(folder / "dense.pdf")], 1.0),
        ]
        for name, args, target in cases:
            figures[name], figures[f"{name}, peak memory"] = timed(args, runs, target)
    print(f"{'figure':62} {'median':>9} {'worst':>9} {'target':>7}  unit")
    for name, f in figures.items():
        print(f"{name:62} {f['median']:>9} {f['worst']:>9} {f['target']:>7}  {f['unit']}")
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
