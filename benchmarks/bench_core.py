"""Core speed: one cell edit with recompute and revalidation; open and save of a report; `govreport validate`.

* ``core: cell edit → totals and findings`` — ``Document.apply(set_cell(…))`` alone (no window), ≤ 1 ms.
* ``open report (.govreport), warm`` / ``save report (.govreport), warm`` — ``read_report`` and ``write_report``
  (atomic, fsync, backup) of the seed, in a process that has done it once, ≤ 50 ms each.
* ``govreport validate, N reports`` — one ``govreport validate --json`` process over N copies of the seed:
  ≤ 3 s for 1,000; for 10,000 the target is ten times the measured 1,000 figure (cost linear in the work), and
  ``validate 10,000 ÷ 1,000`` prints that ratio (≤ 10).
* ``validate ÷ parsing the JSON, N reports`` — the validate figure against one Python process that merely reads and
  parses the same N files with ``json.loads`` (measured in the same run): ≤ 6× for 1,000 (checking a report must
  cost about what reading it costs, whatever the machine); for 10,000 shown for comparison (the per-file cost alone,
  without the start-up both share: about 7×).

Run: `.venv/bin/python benchmarks/bench_core.py [N_FILES ...]`.  Prints a table, then one JSON line of figures.
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
from govreport_gui.core.storage import read_report, write_report  # noqa: E402

SEED = ROOT / "tests" / "data" / "linping-2023.govreport"


def figure(samples: list[float], target: float | None, unit: str) -> dict[str, float | str]:
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


def bench_open_save(runs: int = 30) -> dict[str, dict[str, float | str]]:
    folder = Path(tempfile.mkdtemp(prefix="govreport-bench-open-"))
    try:
        path = folder / "report.govreport"
        shutil.copyfile(SEED, path)
        report = read_report(path)
        write_report(report, path)  # warm: modules imported, form loaded, backup made once
        opened, saved = [], []
        for _ in range(runs):
            t = time.perf_counter()
            report = read_report(path)
            opened.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            write_report(report, path)
            saved.append((time.perf_counter() - t) * 1000)
        assert read_report(path).same_content(read_report(SEED))
        return {"open report (.govreport), warm": figure(opened, 50.0, "ms"),
                "save report (.govreport), warm": figure(saved, 50.0, "ms")}
    finally:
        shutil.rmtree(folder)


PARSE_ONLY = ("import json, sys\nfor name in sys.argv[1:]:\n"
              "    with open(name, 'rb') as fh:\n        json.loads(fh.read())\n")


def _timed(exe: list[str], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(exe, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        samples.append(time.perf_counter() - t)
    return samples


def bench_validate(n_files: int, runs: int = 3) -> dict[str, dict[str, float | str]]:
    """``govreport validate --json`` of ``n_files`` copies of the seed, and its ratio to merely parsing them."""
    tmp = Path(tempfile.mkdtemp(prefix="govreport-bench-"))
    try:
        for i in range(n_files):
            shutil.copyfile(SEED, tmp / f"r{i:05d}.govreport")
        files = sorted(str(p) for p in tmp.iterdir())
        validate = _timed([sys.executable, "-m", "govreport_gui.cli", "validate", "--json", *files], runs)
        parse = _timed([sys.executable, "-c", PARSE_ONLY, *files], runs)
        ratios = sorted(v / p for v, p in zip(sorted(validate), sorted(parse), strict=True))
        ratio_target = 6.0 if n_files <= 1000 else None
        return {f"govreport validate, {n_files:,} reports": figure(validate, 3.0 * n_files / 1000, "s"),
                f"validate ÷ parsing the JSON, {n_files:,} reports": figure(ratios, ratio_target, "×")}
    finally:
        shutil.rmtree(tmp)


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000]
    results = {"core: cell edit → totals and findings": bench_edit()}
    results.update(bench_open_save())
    for n in sizes:
        results.update(bench_validate(n, runs=3 if n <= 1000 else 2))
    base, big = results.get("govreport validate, 1,000 reports"), results.get("govreport validate, 10,000 reports")
    if base and big:  # linear: 10× the files may cost at most 10× the time measured for 1,000 in this run
        big["target"] = round(10 * float(base["median"]), 3)
        results["validate 10,000 ÷ 1,000 (time ratio)"] = {
            "median": round(float(big["median"]) / float(base["median"]), 2),
            "worst": round(float(big["worst"]) / float(base["median"]), 2), "target": 10.0, "unit": "×"}
    for name, f in results.items():
        print(f"{name:40} median {f['median']:>9} {f['unit']:2}  worst {f['worst']:>9}  target ≤ {f['target']}")
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
