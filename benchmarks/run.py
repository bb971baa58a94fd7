"""`make bench`: run every ``benchmarks/bench_*.py``, print one table, write ``benchmarks/results.json``.

Each bench script prints its own table and, as its last line, one JSON object mapping figure names to
``{"median", "worst", "target", "unit"}`` (``target`` null for figures shown for comparison only).  A figure whose
median is over its target is marked ✗; the run itself never fails on that.  The package is byte-compiled first, so
fresh-process figures are those of an installed copy, not of a first run compiling sources.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run_one(script: Path) -> dict[str, dict]:
    p = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=HERE.parent, timeout=900)
    for line in reversed(p.stdout.strip().splitlines()):
        if line.startswith("{"):
            try:
                return json.loads(line)
            except json.JSONDecodeError:
                break
    print(f"{script.name}: no figures (exit {p.returncode})\n{p.stderr[-2000:]}", file=sys.stderr)
    return {}


def main() -> int:
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "govreport_gui")], check=False,
                   stdout=subprocess.DEVNULL)
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    results: dict[str, dict] = {}
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"… {script.name}", file=sys.stderr, flush=True)
        results.update(run_one(script))
    print(f"{'figure':58} {'median':>10} {'worst':>10} {'target':>8}  unit")
    over_target = 0
    for name, f in results.items():
        target = f.get("target")
        over = isinstance(target, int | float) and f["median"] > target
        over_target += over
        shown = "—" if target is None else target
        print(f"{name:58} {f['median']:>10} {f['worst']:>10} {shown:>8}  {f['unit']}{' ✗' if over else ''}")
    if load_before is not None:
        print(f"(load average: {load_before:.2f} before, {os.getloadavg()[0]:.2f} after, on {os.cpu_count()} cores;"
              f" {over_target} figure(s) over target)")
    (HERE / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
