"""PDF speed: a full-report export in a warm process, and `govreport export FILE --pdf OUT` as a fresh process.

Targets: warm export ≤ 150 ms; fresh process ≤ 1.0 s (LibreOffice needs about 1.8 s to convert a one-sheet
workbook on the reference machine).  Run: `.venv/bin/python benchmarks/bench_pdf.py [RUNS]`.  Prints a table, then
one JSON line of figures.
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

from govreport_gui.core.exporters.pdf import PdfOptions, export_pdf  # noqa: E402
from govreport_gui.core.storage import read_report  # noqa: E402

SEED = ROOT / "tests" / "data" / "linping-2023.govreport"


def figure(samples: list[float], target: float, unit: str) -> dict[str, float | str]:
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
    if (ROOT / "govreport_gui" / "cli_export.py").exists():
        return [sys.executable, "-m", "govreport_gui.cli", "export", str(SEED), "--pdf", str(out)]
    code = (
        "import sys; from govreport_gui.core.storage import read_report; "
        "from govreport_gui.core.exporters.pdf import export_pdf; export_pdf(read_report(sys.argv[1]), sys.argv[2])"
    )
    return [sys.executable, "-c", code, str(SEED), str(out)]


def bench_fresh(folder: Path, runs: int) -> dict[str, float | str]:
    out = folder / "fresh.pdf"
    exe = fresh_command(out)
    subprocess.run(exe, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)  # bytecode compiled, page cache warm
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(exe, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        samples.append(time.perf_counter() - t)
    assert out.read_bytes().startswith(b"%PDF-")
    return figure(samples, 1.0, "s")


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    folder = Path(tempfile.mkdtemp(prefix="govreport-bench-pdf-"))
    try:
        figures = {
            "pdf export, full report, warm": bench_warm(folder, runs),
            "pdf export with signature and rules appendix, warm": bench_warm(
                folder, runs, PdfOptions(signature_block=True, rules_appendix=True)
            ),
            "govreport export --pdf, fresh process": bench_fresh(folder, max(3, runs // 3)),
        }
    finally:
        shutil.rmtree(folder)
    print(f"{'figure':52} {'median':>9} {'worst':>9} {'target':>7}  unit")
    for name, f in figures.items():
        print(f"{name:52} {f['median']:>9} {f['worst']:>9} {f['target']:>7}  {f['unit']}")
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
