"""`make bench`: run every ``benchmarks/bench_*.py``, print one table, write ``benchmarks/results.json``.

Each bench script prints its own table and, as its last line, one JSON object mapping figure names to
``{"median", "worst", "target", "unit"}``.  A figure over its target is marked; the run itself never fails on that.
"""

from __future__ import annotations

import json
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
    results: dict[str, dict] = {}
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"… {script.name}", file=sys.stderr, flush=True)
        results.update(run_one(script))
    print(f"{'figure':44} {'median':>10} {'worst':>10} {'target':>8}  unit")
    for name, f in results.items():
        over = " ✗" if isinstance(f.get("target"), int | float) and f["median"] > f["target"] else ""
        print(f"{name:44} {f['median']:>10} {f['worst']:>10} {f['target']:>8}  {f['unit']}{over}")
    (HERE / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
