"""Prose speed: typing in a long 一、总体情况 re-reads every figure it quotes (rule W6); drafting the paragraphs.

* ``prose: keystroke in a long section → findings`` — ``Document.apply(SetText(…))`` of the seed whose 一、总体情况
  is its own text repeated to about 20,000 characters with the drafted paragraphs in it (every W6 pattern runs on
  a new text each keystroke), ≤ 16 ms (one frame).
* ``prose: core cell edit, prose unchanged`` — a cell edit of the seed, whose prose reads come from the cache, ≤ 1 ms.
* ``prose: draft the paragraphs`` — ``draft_paragraphs`` of the seed against a last-year report, ≤ 5 ms.

Run: `.venv/bin/python benchmarks/bench_prose.py`.  Prints a table, then one JSON line of figures.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govreport_gui.core.edits import Document, SetText, set_cell  # noqa: E402
from govreport_gui.core.prose import draft_paragraphs  # noqa: E402
from govreport_gui.core.storage import read_report  # noqa: E402

SEED = ROOT / "tests" / "data" / "linping-2023.govreport"


def figure(samples: list[float], target: float, unit: str) -> dict[str, float | str]:
    return {"median": round(statistics.median(samples), 4), "worst": round(max(samples), 4), "target": target,
            "unit": unit}


def bench_keystroke(n: int = 300) -> dict[str, float | str]:
    report = read_report(SEED)
    drafts = "\n".join(p.text for p in draft_paragraphs(report))
    text = report.texts["overview"] + "\n" + drafts
    while len(text) < 20_000:
        text += "\n" + text
    doc = Document(report)
    samples = []
    for i in range(n):
        text += "字" if i % 2 else "3件"
        t = time.perf_counter()
        doc.apply(SetText("overview", text))
        samples.append((time.perf_counter() - t) * 1000)
    return figure(samples, 16.0, "ms")


def bench_cell_edit(n: int = 2000) -> dict[str, float | str]:
    doc = Document(read_report(SEED))
    samples = []
    for i in range(n):
        t = time.perf_counter()
        doc.apply(set_cell("t3.new.business", 3 + i % 2))
        samples.append((time.perf_counter() - t) * 1000)
    return figure(samples, 1.0, "ms")


def bench_draft(n: int = 500) -> dict[str, float | str]:
    report, last = read_report(SEED), read_report(SEED)
    samples = []
    for _ in range(n):
        t = time.perf_counter()
        draft_paragraphs(report, last)
        samples.append((time.perf_counter() - t) * 1000)
    return figure(samples, 5.0, "ms")


def main() -> None:
    results = {
        "prose: keystroke in a long section → findings": bench_keystroke(),
        "prose: core cell edit, prose unchanged": bench_cell_edit(),
        "prose: draft the paragraphs": bench_draft(),
    }
    for name, f in results.items():
        print(f"{name:48} median {f['median']:>9} {f['unit']:2}  worst {f['worst']:>9}  target ≤ {f['target']}")
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
