"""`make bench-check`: the quick figures against their targets; exit 1 when one is over.

Run before resolving an issue (a figure over its target is a defect of the change, like a failing test).  The
figures, each measured as `make bench` measures it but with fewer runs (about a minute in all):

* ``core: cell edit → totals and findings`` (≤ 1 ms),
* ``open report (.govreport), warm`` and ``save report (.govreport), warm`` (≤ 50 ms each),
* ``govreport validate, 1,000 reports`` (≤ 3 s) and ``validate ÷ parsing the JSON, 1,000 reports`` (≤ 6×),
* ``govreport export --pdf, fresh process`` (≤ 0.6 s).

The median decides; on a busy machine run it again before believing a figure over target.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_core  # noqa: E402
import bench_pdf  # noqa: E402


def figures() -> dict[str, dict]:
    out: dict[str, dict] = {"core: cell edit → totals and findings": bench_core.bench_edit(1000)}
    out.update(bench_core.bench_open_save(runs=15))
    out.update(bench_core.bench_validate(1000, runs=5))
    with tempfile.TemporaryDirectory(prefix="govreport-bench-check-") as folder:
        fresh = bench_pdf.bench_fresh(Path(folder), runs=5)
    out["govreport export --pdf, fresh process"] = fresh["govreport export --pdf, fresh process"]
    return out


def main() -> int:
    results = figures()
    over = []
    print(f"{'figure':52} {'median':>9} {'worst':>9} {'target':>7}  unit")
    for name, f in results.items():
        bad = f["target"] is not None and f["median"] > f["target"]
        over += [name] * bad
        mark = "  ✗ over target" if bad else ""
        print(f"{name:52} {f['median']:>9} {f['worst']:>9} {f['target']:>7}  {f['unit']}{mark}")
    if over:
        print(f"{len(over)} figure(s) over target: {', '.join(over)}", file=sys.stderr)
        return 1
    print("every figure within its target")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
