"""Excel speed: export of a full report and import of the workbook back, in a warm process.

Targets: export ≤ 100 ms, import ≤ 150 ms (warm: openpyxl imported, form loaded).  Run:
`.venv/bin/python benchmarks/bench_excel.py [RUNS]`.  Prints a table, then one JSON line of figures.
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

from govreport_gui.core.exporters.excel import export_xlsx  # noqa: E402
from govreport_gui.core.importers.xlsx import import_xlsx  # noqa: E402
from govreport_gui.core.storage import read_report  # noqa: E402

SEED = ROOT / "tests" / "data" / "linping-2023.govreport"  # every input cell filled, full prose




def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    report = read_report(SEED)
    folder = Path(tempfile.mkdtemp(prefix="govreport-bench-xlsx-"))
    try:
        book = folder / "seed.xlsx"
        export = timed(lambda: export_xlsx(report, book), runs)
        assert import_xlsx(book).report.same_content(report)
        back = timed(lambda: import_xlsx(book), runs)
        figures = {
            "xlsx export, full report, warm": figure(export, 100.0),
            "xlsx import, full report, warm": figure(back, 150.0),
        }
    finally:
        shutil.rmtree(folder)
    print(f"{'figure':40} {'median':>9} {'worst':>9} {'target':>7}  unit")
    for name, f in figures.items():
        print(f"{name:40} {f['median']:>9} {f['worst']:>9} {f['target']:>7}  {f['unit']}")
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
