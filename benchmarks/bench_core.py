"""Core speed: one cell edit with recompute and full revalidation; `govreport validate` over many files.

Run: `.venv/bin/python benchmarks/bench_core.py [N_FILES]`.  Prints a table, then one JSON line of figures.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govreport_gui.core.edits import Document, set_cell  # noqa: E402
from govreport_gui.core.storage import read_report  # noqa: E402

SEED = ROOT / "tests" / "data" / "linping-2023.govreport"


def figure(samples: list[float], target: float, unit: str) -> dict[str, float | str]:
    return {"median": round(statistics.median(samples), 4), "worst": round(max(samples), 4), "target": target,
            "unit": unit}


def bench_edit(n: int = 2000) -> dict[str, float | str]:
    doc = Document(read_report(SEED))
    cells = ["t3.new.business", "t3.unavailable.not_held.natural", "t2.fees.amount", "t4.review.upheld"]
    samples = []
    for i in range(n):
        cid = cells[i % len(cells)]
        spec = doc.report.form.cells[cid]
        value = (i % 7) if spec.kind == "count" else None
        t = time.perf_counter()
        doc.apply(set_cell(cid, value))
        samples.append((time.perf_counter() - t) * 1000)
    return figure(samples, 1.0, "ms")


def bench_validate(n_files: int, runs: int = 3) -> dict[str, float | str]:
    tmp = Path(tempfile.mkdtemp(prefix="govreport-bench-"))
    try:
        for i in range(n_files):
            shutil.copyfile(SEED, tmp / f"r{i:05d}.govreport")
        files = sorted(str(p) for p in tmp.iterdir())
        exe = [sys.executable, "-m", "govreport_gui.cli", "validate", "--json", *files]
        samples = []
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run(exe, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
            samples.append(time.perf_counter() - t)
        return figure(samples, 3.0 * n_files / 1000, "s")
    finally:
        shutil.rmtree(tmp)


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000]
    results = {"core_edit_recompute_revalidate": bench_edit()}
    for n in sizes:
        results[f"validate_{n}_files"] = bench_validate(n, runs=3 if n <= 1000 else 2)
    for name, f in results.items():
        print(f"{name:40} median {f['median']:>9} {f['unit']:2}  worst {f['worst']:>9}  target ≤ {f['target']}")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
