"""Review speed and memory: 1,000 mixed files (mostly .govreport and text copies) reviewed on two worker processes.

The folder is generated: 450 ``.govreport`` units, 400 published texts (the three complete shared samples, each
copy under its own agency name), 50 Markdown, 40 of our workbooks, 30 HTML pages, 20 Word documents (when
python-docx is installed) and 10 broken files; a last-year folder of 100 reports for the cross-year checks.
Measured: the review itself (``iter_review``, both passes), writing the workbook and the HTML page, and the peak
resident memory of the parent and of the largest worker.  Target: review ≤ 60 s on the 2-core build machine.

Run: ``python benchmarks/bench_review.py [--files 1000] [--workers 2]``.  Prints a table, then one JSON line
``{"name": {"median": …, "worst": …, "target": …, "unit": …}}``.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govreport_gui.core.report import Report  # noqa: E402
from govreport_gui.core.storage import read_report, write_report  # noqa: E402

SAMPLES = ROOT.parent / "shared" / "samples"
SEED = ROOT / "tests" / "data" / "linping-2023.govreport"
TEXTS = ("linping-2023-published.txt", "huaian-2024-pdftotext.txt", "pingtan-2022-web-glued.txt")
TARGET_S = 60.0


def unit(seed: Report, agency: str, year: int, k: int) -> Report:
    r = Report.new(agency=agency, year=year)
    r.values = dict(seed.values)
    r.texts = {key: text.replace(seed.agency, agency) for key, text in seed.texts.items()}
    cells = [c for c in r.form.inputs if r.form.cells[c].kind == "count"]
    r.values[cells[k % len(cells)]] = k % 7
    r.invalidate()
    return r


def build(base: Path, n: int) -> tuple[Path, Path]:
    from govreport_gui.core.exporters.excel import export_xlsx

    seed = read_report(SEED)
    this, last = base / "本年", base / "上年"
    this.mkdir()
    last.mkdir()
    texts = [(name, (SAMPLES / name).read_text(encoding="utf-8")) for name in TEXTS if (SAMPLES / name).exists()]
    md = (SAMPLES / "shuyang-2025-markdown.txt").read_text(encoding="utf-8")
    docx_bytes = None
    try:
        sys.path.insert(0, str(ROOT / "tests"))
        from test_import_formats import report_docx, report_html

        docx_bytes = report_docx(unit(seed, "样本局", 2023, 0))
    except ImportError:
        from test_import_formats import report_html  # type: ignore[no-redef]
    plan = [("govreport", 0.45), ("txt", 0.40), ("md", 0.05), ("xlsx", 0.04), ("html", 0.03), ("docx", 0.02),
            ("broken", 0.01)]
    i = 0
    for kind, share in plan:
        for _ in range(round(n * share)):
            i += 1
            agency = f"第{i}号单位"
            if kind == "govreport":
                write_report(unit(seed, agency, 2023, i), this / f"{i:04d}.govreport")
                if i <= 100:
                    write_report(unit(seed, agency, 2022, i + 1), last / f"{i:04d}-2022.govreport")
            elif kind == "txt" and texts:
                name, text = texts[i % len(texts)]
                original = read_report(SEED).agency if name.startswith("linping") else None
                text = text.replace(original, agency) if original else text.replace("人民政府", f"{agency}人民政府", 2)
                (this / f"{i:04d}.txt").write_text(text, encoding="utf-8")
            elif kind == "md":
                (this / f"{i:04d}.md").write_text(md.replace("沐阳县", f"{agency}县"), encoding="utf-8")
            elif kind == "xlsx":
                export_xlsx(unit(seed, agency, 2023, i), this / f"{i:04d}.xlsx")
            elif kind == "html":
                (this / f"{i:04d}.html").write_text(report_html(unit(seed, agency, 2023, i)), encoding="utf-8")
            elif kind == "docx" and docx_bytes is not None:
                (this / f"{i:04d}.docx").write_bytes(docx_bytes)
            else:
                (this / f"{i:04d}.xlsx").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    return this, last


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    from govreport_gui.core.review import collect_files, iter_review
    from govreport_gui.core.review.page import review_html
    from govreport_gui.core.review.workbook import review_workbook_bytes

    base = Path(tempfile.mkdtemp(prefix="govreport-bench-review-"))
    try:
        this, last = build(base, args.files)
        files, last_files = collect_files([str(this)]), collect_files([str(last)])
        t0 = time.perf_counter()
        result = None
        for p in iter_review(files, last_files, workers=args.workers):
            result = p.result or result
        review_s = time.perf_counter() - t0
        assert result is not None
        t1 = time.perf_counter()
        xlsx = review_workbook_bytes(result)
        xlsx_s = time.perf_counter() - t1
        t2 = time.perf_counter()
        page = review_html(result)
        html_s = time.perf_counter() - t2
        parent_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        unreadable = sum(not r.readable for r in result.rows)
        compared = sum(bool(r.last_source) for r in result.rows)
        print(f"{len(files)} files ({unreadable} unreadable, {compared} compared with last year), "
              f"{args.workers} workers; workbook {len(xlsx) / 1e6:.1f} MB, page {len(page.encode()) / 1e6:.1f} MB")
        figures = {
            f"review {len(files)} mixed files ({args.workers} workers)": (review_s, TARGET_S, "s"),
            f"review workbook for {len(files)} files": (xlsx_s, None, "s"),
            f"review HTML page for {len(files)} files": (html_s, None, "s"),
            "review peak RSS, parent (incl. outputs)": (parent_mb, None, "MB"),
            "review peak RSS, largest worker": (child_mb, None, "MB"),
        }
    finally:
        shutil.rmtree(base, ignore_errors=True)
    out = {}
    for name, (v, target, unit_name) in figures.items():
        print(f"{name:<48} {v:>10.2f} {unit_name}" + (f"  (target {target:.0f})" if target else ""))
        out[name] = {"median": round(v, 2), "worst": round(v, 2), "target": target, "unit": unit_name}
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
