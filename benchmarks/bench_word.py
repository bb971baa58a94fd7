"""Word speed: export of the full report as .docx and its import back by the grid, in a warm process.

Target: export ≤ 150 ms (warm: python-docx imported, form loaded), also with the signature block and the rules
appendix; the import back is shown for comparison.  Run: `.venv/bin/python benchmarks/bench_word.py [RUNS]`.
Prints a table, then one JSON line of figures.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timing import figure, timed  # noqa: E402

from govreport_gui.core.exporters.word import export_docx  # noqa: E402
from govreport_gui.core.importers.dispatch import import_file  # noqa: E402
from govreport_gui.core.storage import read_report  # noqa: E402

SEED = ROOT / "tests" / "data" / "linping-2023.govreport"  # every input cell filled, full prose




def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    report = read_report(SEED)
    folder = Path(tempfile.mkdtemp(prefix="govreport-bench-docx-"))
    try:
        doc = folder / "seed.docx"
        export = timed(lambda: export_docx(report, doc), runs)
        assert import_file(doc).report.values == report.values
        back = timed(lambda: import_file(doc), runs)
        full = timed(lambda: export_docx(report, folder / "full.docx", signature_block=True, rules_appendix=True),
                     runs)
        figures = {
            "docx export, full report, warm": figure(export, 150.0),
            "docx export with signature and rules appendix, warm": figure(full, 150.0),
            "docx import back by the grid, warm": figure(back, None),
        }
    finally:
        shutil.rmtree(folder)
    print(f"{'figure':54} {'median':>9} {'worst':>9} {'target':>7}  unit")
    for name, f in figures.items():
        shown = "—" if f["target"] is None else f["target"]
        print(f"{name:54} {f['median']:>9} {f['worst']:>9} {shown:>7}  {f['unit']}")
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
