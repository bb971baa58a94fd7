"""PDF speed: a full-report export in a warm process, `govreport export FILE --pdf OUT` as a fresh process, and
LibreOffice converting the exported workbook to PDF beside it.

* ``pdf export, full report, warm`` ≤ 150 ms (fonts registered, reportlab imported).
* ``govreport export --pdf, fresh process`` ≤ 0.6 s: a new process with the per-user font cache filled (as after
  the first export on a machine); ``… cold font cache`` is the very first export (no target, for comparison).
* Where ``soffice`` is installed: ``soffice --headless --convert-to pdf`` of the workbook ``govreport export --xlsx``
  wrote, as a fresh process each time (its own profile folder, started once before), and the ratio of its median to
  the fresh ``govreport export --pdf`` median from the same run.

Run: `.venv/bin/python benchmarks/bench_pdf.py [RUNS]`.  Prints a table, then one JSON line of figures.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govreport_gui.core.exporters.pdf import PdfOptions, export_pdf  # noqa: E402
from govreport_gui.core.storage import read_report  # noqa: E402

SEED = ROOT / "tests" / "data" / "linping-2023.govreport"


def figure(samples: list[float], target: float | None, unit: str) -> dict[str, float | str]:
    return {"median": round(statistics.median(samples), 4), "worst": round(max(samples), 4), "target": target,
            "unit": unit}


def bench_warm(folder: Path, runs: int, options: PdfOptions | None = None) -> dict[str, float | str]:
    report = read_report(SEED)
    out = folder / "warm.pdf"
    export_pdf(report, out, options)  # fonts found and registered, modules imported
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        export_pdf(report, out, options)
        samples.append((time.perf_counter() - t) * 1000)
    return figure(samples, 150.0, "ms")


def fresh_command(out: Path) -> list[str]:
    return [sys.executable, "-m", "govreport_gui.cli", "export", str(SEED), "--pdf", str(out)]


def _timed_runs(exe: list[str], runs: int, env: dict[str, str] | None = None) -> list[float]:
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(exe, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
        samples.append(time.perf_counter() - t)
    return samples


def bench_fresh(folder: Path, runs: int) -> dict[str, dict[str, float | str]]:
    out = folder / "fresh.pdf"
    exe = fresh_command(out)
    env = dict(os.environ)
    cold = []
    for i in range(2):  # the first export on a machine: no font cache yet (also fills the page cache)
        env["GOVREPORT_FONT_CACHE"] = str(folder / f"font-cache-cold-{i}")
        cold += _timed_runs(exe, 1, env)
    env["GOVREPORT_FONT_CACHE"] = str(folder / "font-cache")
    _timed_runs(exe, 1, env)  # fills this cache
    warm = _timed_runs(exe, runs, env)
    assert out.read_bytes().startswith(b"%PDF-")
    return {"govreport export --pdf, fresh process": figure(warm, 0.6, "s"),
            "govreport export --pdf, fresh process, cold font cache": figure(cold[1:], None, "s")}


def bench_libreoffice(folder: Path, runs: int, ours: dict[str, float | str]) -> dict[str, dict[str, float | str]]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("(soffice not installed: no LibreOffice comparison)")
        return {}
    book = folder / "seed.xlsx"
    subprocess.run([sys.executable, "-m", "govreport_gui.cli", "export", str(SEED), "--xlsx", str(book)], check=True,
                   stdout=subprocess.DEVNULL, cwd=ROOT)
    profile = (folder / "lo-profile").as_uri()
    outdir = folder / "lo-out"
    exe = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(outdir),
           str(book)]
    _timed_runs(exe, 1)  # the profile folder is created on the first start
    samples = _timed_runs(exe, runs)
    assert (outdir / "seed.pdf").read_bytes().startswith(b"%PDF-")
    lo = figure(samples, None, "s")
    ratio = {"median": round(float(lo["median"]) / float(ours["median"]), 2),
             "worst": round(float(lo["worst"]) / float(ours["median"]), 2), "target": None, "unit": "×"}
    return {"LibreOffice xlsx → pdf, fresh process": lo,
            "LibreOffice ÷ govreport export --pdf (time ratio)": ratio}


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    folder = Path(tempfile.mkdtemp(prefix="govreport-bench-pdf-"))
    try:
        figures = {
            "pdf export, full report, warm": bench_warm(folder, runs),
            "pdf export with signature and rules appendix, warm": bench_warm(
                folder, runs, PdfOptions(signature_block=True, rules_appendix=True)
            ),
        }
        figures.update(bench_fresh(folder, max(5, runs // 2)))
        figures.update(bench_libreoffice(folder, 3, figures["govreport export --pdf, fresh process"]))
    finally:
        shutil.rmtree(folder)
    print(f"{'figure':56} {'median':>9} {'worst':>9} {'target':>7}  unit")
    for name, f in figures.items():
        target = "—" if f["target"] is None else f["target"]
        print(f"{name:56} {f['median']:>9} {f['worst']:>9} {target:>7}  {f['unit']}")
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
