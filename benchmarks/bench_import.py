"""Import speed: each shared sample (warm), the 2019-format test file, a Word .docx of the seed report, and the
glued-digit search alone.

The Word case writes the seed report as a published one would look (title, prose, the six tables with merged
headers, python-docx) and times ``import_file`` on it: reading the .docx, recognising the tables, filling a report.

Also a 5-page PDF (our own PDF of the seed report), our workbook printed to PDF by LibreOffice, and our Word export
and workbook saved by LibreOffice as Word 97–2003 .doc and Excel 97–2003 .xls (when soffice is installed) imported
by a fresh ``govreport import`` process — interpreter start, imports and pypdf included, as a
clerk's command runs: target ≤ 1.0 s (measured 0.45–0.65 s for the 5-page PDF on the 2-core build machine).

Run: ``python benchmarks/bench_import.py [--repeat N]``.  Prints a table, then one JSON line
``{"name": {"median": …, "worst": …, "target": …, "unit": "ms"}}``.  Target: ≤ 200 ms per import in process.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govreport_gui.core.importers.dispatch import import_file  # noqa: E402
from govreport_gui.core.importers.glued import split_digits  # noqa: E402
from govreport_gui.core.importers.published import import_text  # noqa: E402
from govreport_gui.core.storage import read_report  # noqa: E402

SAMPLES = ROOT.parent / "shared" / "samples"
SEED = ROOT / "tests" / "data" / "linping-2023.govreport"
TARGET_MS = 200.0
PROCESS_TARGET_MS = 1000.0
PROCESS_REPEAT = 5
_PROVENANCE = re.compile(r"^# (?:source|agency|note)\b")


def _strip(text: str) -> str:
    lines = text.split("\n")
    i = 0
    while i < len(lines) and _PROVENANCE.match(lines[i]):
        i += 1
    return "\n".join(lines[i:])


def write_docx(path: Path) -> bool:
    """The seed report as a Word document (built by tests/test_import_formats.py); False without python-docx."""
    try:
        import docx  # noqa: F401
    except ImportError:
        return False
    sys.path.insert(0, str(ROOT / "tests"))
    from test_import_formats import report_docx

    seed = read_report(SEED)
    path.write_bytes(report_docx(seed))
    res = import_file(path)
    assert res.report.same_content(seed) or res.report.values == seed.values, "the Word import does not match"
    return True


def cases(folder: Path) -> dict[str, Callable[[], object]]:
    out: dict[str, Callable[[], object]] = {}
    files = sorted(SAMPLES.glob("*.txt")) + sorted(SAMPLES.glob("partial/*.txt")) if SAMPLES.is_dir() else []
    files.append(ROOT / "tests" / "data" / "import-2019-format.txt")
    for path in files:
        text = _strip(path.read_text(encoding="utf-8"))
        out[f"import text: {path.stem}"] = lambda text=text, name=path.name: import_text(text, name)
    word = folder / "linping-2023-published.docx"
    if write_docx(word):
        out["import Word .docx (seed as published)"] = lambda: import_file(word)
    else:
        print("(python-docx not installed: no Word import figure)")
    t4 = [(4, (0, 1, 2, 3)), (9, (5, 6, 7, 8)), (14, (10, 11, 12, 13))]
    out["glued search 表四 17 digits"] = lambda: split_digits(["10203120001200000"], 15, t4)
    out["glued search 表三 row (9 digits)"] = lambda: split_digits(["640020470"], 7, [(6, (0, 1, 2, 3, 4, 5))])
    out["glued search worst (60 digits, budget)"] = lambda: split_digits(["1" * 60], 15, t4)
    return out


def pdf_files(folder: Path) -> dict[str, Path]:
    """Our own 5-page PDF of the seed report, and our workbook printed by LibreOffice (if soffice is there)."""
    from govreport_gui.core.exporters.excel import export_xlsx
    from govreport_gui.core.exporters.pdf import FontUnavailable, export_pdf

    seed = read_report(SEED)
    out: dict[str, Path] = {}
    try:
        export_pdf(seed, folder / "seed.pdf")
        out["fresh `govreport import` 5-page PDF (own)"] = folder / "seed.pdf"
    except FontUnavailable:
        print("(no CJK font: no PDF import figure)")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        export_xlsx(seed, folder / "book.xlsx")
        subprocess.run([soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(folder), str(folder / "book.xlsx")],
                       capture_output=True, timeout=180)
        if (folder / "book.pdf").exists():
            out["fresh `govreport import` workbook PDF (LibreOffice)"] = folder / "book.pdf"
        out.update(old_office(seed, soffice, folder))
    return out


def old_office(seed: object, soffice: str, folder: Path) -> dict[str, Path]:
    """Our Word export saved as a Word 97–2003 .doc and our workbook as an Excel 97–2003 .xls by LibreOffice."""
    from govreport_gui.core.exporters.word import export_docx

    export_docx(seed, folder / "word.docx")  # type: ignore[arg-type]
    out = {}
    for fmt, src, name in (("doc", "word.docx", "Word 97-2003 .doc"), ("xls", "book.xlsx", "Excel 97-2003 .xls")):
        subprocess.run([soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                        "--convert-to", fmt, "--outdir", str(folder), str(folder / src)],
                       capture_output=True, timeout=180)
        made = folder / f"{Path(src).stem}.{fmt}"
        if made.exists():
            out[f"fresh `govreport import` {name} (LibreOffice)"] = made
    return out


def fresh_process(path: Path, folder: Path) -> float:
    """Milliseconds of one ``govreport import PATH -o …`` in a new Python process."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "govreport_gui.cli", "import", str(path), "-o", str(folder / "out.govreport"),
                    "--force"], check=True, capture_output=True, env=env, cwd=str(ROOT))
    return (time.perf_counter() - t0) * 1000


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    results: dict[str, dict[str, float | str]] = {}
    if not SAMPLES.is_dir():
        print(f"(shared samples not found at {SAMPLES}; only the test file and the search are measured)")
    print(f"{'case':<44} {'median ms':>10} {'worst ms':>10} {'target':>8}")
    folder = Path(tempfile.mkdtemp(prefix="govreport-bench-import-"))
    for name, fn in cases(folder).items():
        fn()  # warm: form, label patterns and regexes are compiled once
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t0) * 1000)
        med, worst = statistics.median(times), max(times)
        ok = "ok" if worst <= TARGET_MS else "SLOW"
        print(f"{name:<44} {med:>10.1f} {worst:>10.1f} {TARGET_MS:>6.0f} {ok}")
        results[name] = {"median": round(med, 2), "worst": round(worst, 2), "target": TARGET_MS, "unit": "ms"}
    for name, path in pdf_files(folder).items():
        fresh_process(path, folder)  # warm the file system cache
        times = [fresh_process(path, folder) for _ in range(PROCESS_REPEAT)]
        med, worst = statistics.median(times), max(times)
        ok = "ok" if worst <= PROCESS_TARGET_MS else "SLOW"
        print(f"{name:<44} {med:>10.1f} {worst:>10.1f} {PROCESS_TARGET_MS:>6.0f} {ok}")
        results[name] = {"median": round(med, 2), "worst": round(worst, 2), "target": PROCESS_TARGET_MS, "unit": "ms"}
    shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps(results, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
