"""The applications register: Table 三 counted from 10,000 lines; the deadline findings; reading and writing it.

* ``register: count 10,000 lines → Table 三`` — :func:`count_table` for a 10,000-line register spanning two years,
  ≤ 50 ms.
* ``register: sync report + recompute totals`` — :func:`sync_report` (count, write the cells, recompute totals),
  ≤ 50 ms.
* ``register: line edit → table, totals, findings`` — ``Document.apply(SetLines(…))`` on that register, with the
  deadline findings re-run (W10/W11), shown for comparison.
* ``register: read 10,000-line .xlsx`` / ``write`` — ``importers.register_sheet`` and
  ``exporters.register_sheet``, shown for comparison.

Run: `.venv/bin/python benchmarks/bench_register.py`.  Prints a table, then one JSON line of figures.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govreport_gui.core.edits import Document  # noqa: E402
from govreport_gui.core.exporters.register_sheet import write_register_workbook  # noqa: E402
from govreport_gui.core.form import load_form  # noqa: E402
from govreport_gui.core.importers.register_sheet import read_register  # noqa: E402
from govreport_gui.core.register.count import count_table, sync_report  # noqa: E402
from govreport_gui.core.register.edits import SetLines  # noqa: E402
from govreport_gui.core.register.model import Register, RegisterLine, register_spec  # noqa: E402
from govreport_gui.core.report import Report  # noqa: E402

N_LINES = 10_000


def figure(samples: list[float], target: float | None, unit: str) -> dict[str, float | str | None]:
    return {"median": round(statistics.median(samples), 3), "worst": round(max(samples), 3), "target": target,
            "unit": unit}


def big_register(n: int = N_LINES, seed: int = 7) -> Register:
    spec = register_spec(load_form())
    rnd = random.Random(seed)
    lines = []
    for i in range(n):
        received = date(2024, 10, 1) + timedelta(days=rnd.randrange(0, 455))
        answered = received + timedelta(days=rnd.randrange(1, 60)) if rnd.random() < 0.9 else None
        if answered is not None and answered > date(2025, 12, 31) and rnd.random() < 0.5:
            answered = None
        lines.append(RegisterLine(
            received, rnd.choice(spec.types), f"申请人{i}", "某项政府信息",
            rnd.choice(spec.results) if answered else None, answered, extended=rnd.random() < 0.1,
            consultation_days=rnd.choice((0, 0, 0, 5)),
        ))
    return Register(lines)


def timed(fn, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def main() -> None:
    form = load_form()
    reg = big_register()
    report = Report.new("某局", 2025)
    report.register = reg
    results: dict[str, dict] = {}
    results[f"register: count {N_LINES:,} lines → Table 三"] = figure(
        timed(lambda: count_table(reg, form, 2025), 30), 50.0, "ms")

    def resync() -> None:
        report.values.clear()
        sync_report(report)
        report.totals()

    results["register: sync report + recompute totals"] = figure(timed(resync, 30), 50.0, "ms")
    doc = Document(report)
    k = [0]

    def edit() -> None:
        i = k[0] = (k[0] + 1) % N_LINES
        line = doc.report.register.lines[i]
        doc.apply(SetLines({i: replace(line, note=line.note + "。")}))

    results["register: line edit → table, totals, findings"] = figure(timed(edit, 20), None, "ms")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "台账.xlsx"
        results[f"register: write {N_LINES:,}-line .xlsx"] = figure(
            timed(lambda: write_register_workbook(path, form, reg), 3), None, "ms")
        results[f"register: read {N_LINES:,}-line .xlsx"] = figure(
            timed(lambda: read_register(path, form), 3), None, "ms")
    for name, f in results.items():
        print(f"{name:48} median {f['median']:>9} {f['unit']:2}  worst {f['worst']:>9}  target ≤ {f['target']}")
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
