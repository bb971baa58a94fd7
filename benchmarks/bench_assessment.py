"""The assessment and the comparison at a region's scale: 1,000 units with last year's files, on two worker processes.

The folders are generated from the seed report: 1,000 units on the units list; 985 sent a 2023 report — a third the
published text (the shared sample ``linping-2023-published.txt`` under the unit's name, read by the importer), the
others a ``.govreport`` (every tenth with its 五、存在的主要问题及改进情况 copied from last year's, every seventh
published late) — 5 sent a damaged file, 10 sent nothing; last year's folder holds each unit's 2022 report
(``.govreport``, its prose four times the seed's, rewritten in 2023 but for the copies).  Measured:

* ``assessment: review + --last + --units, 1,000 units (2 workers)`` — reading and checking both years (the
  cross-year rules and the copied-text rule against last year's prose), the assessment, the workbook and the HTML
  page, as ``govreport review 本年 --last 上年 --units 单位名单.xlsx --xlsx … --html …`` does.  Target ≤ 60 s on the
  2-core build machine (issue 29).
* ``compare: one pair, all three outputs, warm`` — ``compare_files`` of the seed and a changed copy, then the HTML
  page, the Word document and the workbook.  Target ≤ 1,000 ms.

Run: ``python benchmarks/bench_assessment.py [--units 1000] [--workers 2]``.  Prints a table, then one JSON line.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import figure, timed  # noqa: E402

from govreport_gui.core.report import Report  # noqa: E402
from govreport_gui.core.storage import read_report, write_report  # noqa: E402

SEED = ROOT / "tests" / "data" / "linping-2023.govreport"
PUBLISHED = ROOT.parent / "shared" / "samples" / "linping-2023-published.txt"  # the seed's agency, as published
TARGET_S = 60.0
COMPARE_TARGET_MS = 1000.0


def unit(seed: Report, agency: str, year: int, k: int, published: str) -> Report:
    """A unit's report: the seed's tables (one cell varied) and prose four times as long as the seed's, for 2023
    rewritten throughout (every sixth character changed: about 80 % alike, under the copied-text threshold)."""
    r = Report.new(agency=agency, year=year)
    r.values = dict(seed.values)
    r.texts = {key: text.replace(seed.agency, agency).replace("2023", str(year)) for key, text in seed.texts.items()}
    for key in ("overview", "problems"):
        text = "\n".join(f"{n}. {r.texts[key]}" for n in range(1, 5))  # ≈ 2,300 and 1,100 characters
        if year == 2023:
            text = "".join("新" if i % 6 == 5 and ch not in "。\n" else ch for i, ch in enumerate(text))
        r.texts[key] = text
    cells = [c for c in r.form.inputs if r.form.cells[c].kind == "count"]
    r.values[cells[k % len(cells)]] = (k + year) % 7
    r.meta["published"] = published
    return r


def build(base: Path, n: int) -> tuple[Path, Path, Path]:
    import xlsxwriter

    seed = read_report(SEED)
    published = PUBLISHED.read_text(encoding="utf-8") if PUBLISHED.exists() else None
    this, last = base / "本年", base / "上年"
    this.mkdir()
    last.mkdir()
    units = base / "单位名单.xlsx"
    wb = xlsxwriter.Workbook(str(units))
    ws = wb.add_worksheet()
    for c, h in enumerate(("单位名称", "类别", "上级")):
        ws.write_string(0, c, h)
    for i in range(1, n + 1):
        agency = f"第{i}号单位"
        ws.write_string(i, 0, agency)
        ws.write_string(i, 1, "政府" if i % 20 == 0 else "部门")
        ws.write_string(i, 2, f"第{i % 12 + 1}片区")
        if i % 100 == 1:  # sent nothing
            continue
        if i % 200 == 2:  # a damaged file
            (this / f"{agency}.docx").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
            continue
        before = unit(seed, agency, 2022, i, "2023-01-20")
        now = unit(seed, agency, 2023, i, "2024-02-20" if i % 7 == 0 else "2024-01-25")
        if i % 10 == 0:
            now.texts["problems"] = before.texts["problems"]
        if i % 3 == 0 and published is not None:  # a third sent the published text (imported, no 发布日期)
            (this / f"{i:04d}.txt").write_text(published.replace(seed.agency, agency), encoding="utf-8")
        else:
            write_report(now, this / f"{i:04d}.govreport")
        write_report(before, last / f"{i:04d}-2022.govreport")
    wb.close()
    return this, last, units


def bench_assessment(base: Path, n: int, workers: int) -> tuple[float, str]:
    from govreport_gui.core.form import load_form
    from govreport_gui.core.review import collect_files, iter_review
    from govreport_gui.core.review.assessment import assess
    from govreport_gui.core.review.assessment_shown import headline
    from govreport_gui.core.review.page import review_html
    from govreport_gui.core.review.units import read_units
    from govreport_gui.core.review.workbook import review_workbook_bytes

    this, last, units_path = build(base, n)
    start = time.perf_counter()
    form = load_form()
    units = read_units(units_path, form)
    result = None
    for p in iter_review(collect_files([str(this)]), collect_files([str(last)]), workers=workers):
        result = p.result or result
    assert result is not None
    a = assess(result, units, form)
    review_workbook_bytes(result, a)
    review_html(result, a)
    return time.perf_counter() - start, headline(a)


def bench_compare(base: Path) -> dict[str, float | str | None]:
    from govreport_gui.core.compare import compare_files
    from govreport_gui.core.compare.page import comparison_html
    from govreport_gui.core.compare.word import render_comparison_docx
    from govreport_gui.core.compare.workbook import comparison_workbook_bytes

    seed = read_report(SEED)
    changed = unit(seed, seed.agency, 2024, 3, "2025-01-20")
    last, this = base / "上年.govreport", base / "本年.govreport"
    write_report(seed, last)
    write_report(changed, this)

    def once() -> None:
        c = compare_files(last, this)
        comparison_html(c)
        render_comparison_docx(c)
        comparison_workbook_bytes(c)

    return figure(timed(once, 10), COMPARE_TARGET_MS)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    base = Path(tempfile.mkdtemp(prefix="govreport-bench-assessment-"))
    try:
        seconds, line = bench_assessment(base, args.units, args.workers)
        pair = bench_compare(base)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    name = f"assessment: review + --last + --units, {args.units:,} units ({args.workers} workers)"
    out = {
        name: {"median": round(seconds, 2), "worst": round(seconds, 2), "target": TARGET_S, "unit": "s"},
        "compare: one pair, all three outputs, warm": pair,
    }
    print(line)
    for k, f in out.items():
        print(f"{k:<66} {f['median']:>9} {f['unit']}  (target {f['target']})")
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
