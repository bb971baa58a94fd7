"""`govreport import 报告.html` reads our page back exactly — the seed and a report with every cell non-zero, as
exported, as the browser saves it (另存为网页: the page the browser holds, written out), and as a copy without its
head; a figure edited in the page comes in and a changed total is kept as printed.  And the command line's --html."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from browser import dump_dom
from common import SEED
from test_html_export import HOSTILE, hostile_report
from test_word_export import full_report

from govreport_gui.cli import main
from govreport_gui.core.exporters.html import clipboard_html, export_html, render_page
from govreport_gui.core.importers.dispatch import import_bytes, import_file
from govreport_gui.core.report import Report
from govreport_gui.core.storage import read_report, to_dict


def assert_same(a: Report, b: Report) -> None:
    da, db = to_dict(a), to_dict(b)
    assert da["cells"] == db["cells"]
    for cid in a.form.cells:  # totals too: every cell of the three tables
        assert a.get(cid) == b.get(cid), cid
    assert {k: v for k, v in da["meta"].items() if v not in (None, "")} == db["meta"]
    assert a.texts == b.texts
    assert b.printed_totals == {}


@pytest.mark.parametrize("make", [lambda: read_report(SEED), full_report], ids=["seed", "all-non-zero"])
@pytest.mark.parametrize("options", [{}, {"signature_block": True, "draft": True}], ids=["plain", "draft-signed"])
def test_round_trip(make, options: dict, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = make()
    if make is full_report:
        assert all(report.get(c) for c in report.form.cells)
    out = tmp_path / "报告.html"
    export_html(report, out, **options)
    res = import_file(out)
    assert_same(report, res.report)
    assert res.log[0].message.startswith("“报告.html”是本程序导出的网页")
    assert not res.entries("mismatch") and not res.entries("unread") and not res.entries("warning")


def saved_by_browser(page: Path) -> bytes:
    """What Chromium's 另存为网页（全部） writes: the mark of the web, then the DOM it holds, serialised."""
    dom = dump_dom(page)
    head = f"<!DOCTYPE html>\n<!-- saved from url=({len(page.as_uri()):04d}){page.as_uri()} -->\n"
    return (head + dom.replace("<head>", '<head><meta http-equiv="Content-Type" content="text/html; '
                                          'charset=UTF-8">', 1)).encode("utf-8")


def test_a_page_saved_from_the_browser_reads_the_same(tmp_path: Path) -> None:
    for i, report in enumerate((read_report(SEED), full_report())):
        page = tmp_path / f"报告{i}.html"
        export_html(report, page, signature_block=True)
        saved = tmp_path / f"另存为{i}.html"
        saved.write_bytes(saved_by_browser(page))
        assert saved.read_bytes() != page.read_bytes()
        assert_same(report, import_file(saved).report)


def test_untrusted_text_as_the_browser_holds_it(tmp_path: Path) -> None:
    """Each kind of hostile text, through a real browser: shown as typed (no element made of it), read back exact."""
    for kind in sorted(HOSTILE):
        report = hostile_report(kind)
        page = tmp_path / f"{kind}.html"
        export_html(report, page, signature_block=True)
        dom = dump_dom(page)
        assert "<script" not in dom and "<img" not in dom and "onerror=" not in dom.replace("onerror=alert", "")
        saved = tmp_path / f"{kind}-saved.html"
        saved.write_bytes(saved_by_browser(page))
        back = import_file(saved).report
        assert back.texts == report.texts, kind
        assert back.meta == report.meta, kind


def test_a_copy_without_its_head_is_recognised_by_its_tables_and_headings() -> None:
    report = full_report()
    fragment = clipboard_html(report).split("<!--StartFragment-->")[1].split("<!--EndFragment-->")[0]
    res = import_bytes(f"<html><body>{fragment}</body></html>".encode(), "粘贴.html")
    assert "本程序导出的网页" in res.log[0].message
    assert to_dict(res.report)["cells"] == to_dict(report)["cells"]
    assert res.report.texts == report.texts
    assert res.report.meta["title"] == report.title


def _set_cell(page: str, cid: str, text: str) -> str:
    """``page`` with the figure of ``cid`` replaced, and the cell's id attribute dropped (positions are read)."""
    at = page.index(f'data-cell="{cid}"')
    start, end = page.index(">", at) + 1, page.index("</td>", at)
    page = page[:start] + text + page[end:]
    return page.replace(f'data-cell="{cid}"', 'data-x=""', 1)


def test_an_edited_figure_comes_in_and_a_changed_total_is_kept_as_printed() -> None:
    report = read_report(SEED)
    form = report.form
    cid = next(c for c in form.inputs if form.cells[c].table == "t3")
    total = next(t for t in form.totals if cid in form.totals[t].parts)
    page = _set_cell(_set_cell(render_page(report), cid, "41"), total, "999")
    res = import_bytes(page.encode(), "改过.html")
    assert res.report.values[cid] == 41
    assert res.report.printed_totals == {total: 999}
    assert [e.cell for e in res.entries("mismatch")] == [total]
    bad = import_bytes(_set_cell(render_page(report), cid, "四十一").encode(), "改坏.html")
    assert cid not in bad.report.values and [e.cell for e in bad.entries("unread")] == [cid]


def test_other_pages_go_to_the_published_report_reader() -> None:
    text = (SEED.parent / "linping-2023-published.txt").read_text(encoding="utf-8")
    page = "<html><body>" + "".join(f"<p>{line}</p>" for line in text.splitlines()) + "</body></html>"
    res = import_bytes(page.encode(), "门户.html")
    assert "本程序导出的网页" not in res.log[0].message


# --- the command line --------------------------------------------------------------------------------------------
def test_cli_writes_the_page_and_prints_the_clipboard_html(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "报告.html"
    assert main(["export", str(SEED), "--html", str(out)]) == 0
    said = capsys.readouterr()
    assert "已导出网页（草稿）" in said.out and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    p = subprocess.run([sys.executable, "-m", "govreport_gui.cli", "export", str(SEED), "--html", "-",
                        "--docx", str(tmp_path / "报告.docx")], capture_output=True, timeout=120)
    assert p.returncode == 0
    html = p.stdout.decode("utf-8")
    assert html == clipboard_html(read_report(SEED), draft=True)
    assert "已导出Word文档" in p.stderr.decode("utf-8") and "已导出" not in html


def test_cli_final_refuses_and_writes_nothing(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "报告.html"
    assert main(["export", str(SEED), "--html", str(out), "--final"]) == 1
    assert not out.exists()
    assert main(["export", str(SEED), "--html", str(tmp_path / "没有" / "x.html")]) == 2
    assert "所在文件夹不存在" in capsys.readouterr().err
    assert main(["export", str(SEED), "--html", str(SEED)]) == 2
