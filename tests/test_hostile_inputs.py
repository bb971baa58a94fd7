"""Hostile files imported (or opened) in a fresh process: refused or read in bounded time (≤ 5 s) and memory (≤ 500 MB).

Each case runs ``import_file`` (or ``read_report``) in its own Python process; the test measures the wall time of the
whole process (interpreter start included) and its peak resident memory (``VmHWM`` at the end, which starts afresh at
``exec``; ``ru_maxrss`` would count the pytest process it was forked from).  The outcome must be a refusal with a
one-line Chinese message, or a report that saves, reloads and can be checked.  The cases: zip bombs (an honest 2 GB
member; a member whose header lies about its size; 65,000 entries) in .xlsx and .docx, entity expansion ("billion
laughs") in .xlsx, .docx and XHTML, HTML nested 100,000 levels deep, tables with huge spans, a 1 MB HTML page of
empty cells, 40,000 blank lines, 100 MB of text, absurd numbers in text and HTML tables, a 100 MB file named
.govreport or .xlsx, and Word/Excel parts with a million paragraphs or rows.

The figures of each case are printed (``pytest -s``) and kept in ``FIGURES`` for the record.
"""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from functools import cache
from pathlib import Path

import pytest
from fuzzing import one_line_message
from test_fuzz_imports import docx_seed, html_seed, text_seeds, xlsx_seed

MAX_SECONDS = 5.0
MAX_MB = 500
ROOT = Path(__file__).resolve().parents[1]
FIGURES: dict[str, tuple[int, float, int, str]] = {}  # case → (input bytes, seconds, peak MB, outcome)

CHILD = r"""
import json, sys, time
start = time.perf_counter()
mode, path = sys.argv[1], sys.argv[2]
try:
    if mode == "import":
        from govreport_gui.core.importers.dispatch import import_file
        from govreport_gui.core.checks.run import check
        from govreport_gui.core.storage import dumps, loads
        result = import_file(path)
        check(result.report)
        again = loads(dumps(result.report))
        out = {"outcome": "imported", "values": {k: str(v) for k, v in again.values.items()},
               "printed": {k: str(v) for k, v in again.printed_totals.items()},
               "unread": [e.cell for e in result.log if e.level == "unread"]}
    else:
        from govreport_gui.core.storage import read_report
        read_report(path)
        out = {"outcome": "opened"}
except Exception as exc:
    refused = type(exc).__name__ in ("ImportRefused", "ReportFileError")
    out = {"outcome": "refused" if refused else "error", "type": type(exc).__name__, "message": str(exc)}
out["seconds"] = time.perf_counter() - start
with open("/proc/self/status") as fh:
    out["peak_kb"] = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
print(json.dumps(out, ensure_ascii=False))
"""


def run_child(mode: str, path: Path) -> dict:
    """Run one import/open in a fresh process; the child's answer plus the measured wall time and peak memory."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", CHILD, mode, str(path)], capture_output=True, text=True,
                          timeout=120, env=env, cwd=str(ROOT))
    wall = time.perf_counter() - start
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    out["wall"] = wall
    out["peak_mb"] = out["peak_kb"] // 1024
    return out


def bounded(case: str, path: Path, mode: str = "import") -> dict:
    """Run the case and assert the bounds and a clean outcome (a clear refusal or a checkable report)."""
    out = run_child(mode, path)
    FIGURES[case] = (path.stat().st_size, round(out["wall"], 2), out["peak_mb"], out["outcome"])
    print(f"\n{case}: {path.stat().st_size:,} bytes, {out['wall']:.2f} s, {out['peak_mb']} MB, {out['outcome']}"
          f" {out.get('message', '')}")
    assert out["outcome"] != "error", out
    if out["outcome"] == "refused":
        assert one_line_message(out["message"]), out["message"]
    assert out["wall"] <= MAX_SECONDS, out
    assert out["peak_mb"] <= MAX_MB, out
    return out


# --- building hostile zips ----------------------------------------------------------------------------------------
@cache
def zero_stream(size: int = 2 << 30, chunk: int = 16 << 20) -> tuple[bytes, int, int]:
    """A raw deflate stream of ``size`` zero bytes (about 2 MB for 2 GB), its size and CRC."""
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = deflater.compress(b"\0" * chunk) + deflater.flush(zlib.Z_FULL_FLUSH)  # byte-aligned, history reset
    end = deflater.flush(zlib.Z_FINISH)
    crc, zeros = 0, b"\0" * chunk
    for _ in range(size // chunk):
        crc = zlib.crc32(zeros, crc)
    return block * (size // chunk) + end, size, crc


def raw_zip(entries: list[tuple[str, int, int, bytes, int]]) -> bytes:
    """A zip with exactly these headers: (name, method, crc, payload, declared size) — sizes may lie."""
    out = io.BytesIO()
    central = []
    for name, method, crc, payload, size in entries:
        n = name.encode()
        offset = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, len(payload), size, len(n), 0))
        out.write(n + payload)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, crc, len(payload),
                                   size, len(n), 0, 0, 0, 0, 0, offset) + n)
    body = b"".join(central)
    start = out.tell()
    out.write(body)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(body), start, 0))
    return out.getvalue()


def members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [(i.filename, zf.read(i)) for i in zf.infolist()]


def with_bomb(seed: bytes, part: str, lie: bool) -> bytes:
    """``seed`` with ``part`` replaced by 2 GB of zeros (declared honestly, or declared as 1,000 bytes)."""
    stream, size, crc = zero_stream()
    entries = []
    for name, body in members(seed):
        if name == part:
            entries.append((name, 8, zlib.crc32(b"x") if lie else crc, stream, 1000 if lie else size))
        else:
            entries.append((name, 0, zlib.crc32(body), body, len(body)))
    return raw_zip(entries)


def rezip(seed: bytes, replace: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in members(seed):
            zf.writestr(name, replace.get(name, body))
    return out.getvalue()


def insert_after(body: bytes, marker: bytes, extra: bytes) -> bytes:
    i = body.index(marker) + len(marker)
    return body[:i] + extra + body[i:]


def with_dtd(body: bytes) -> bytes:
    """``body`` with the entity declarations after its XML declaration (or at the start)."""
    if body.startswith(b"<?xml"):
        return body.replace(b"?>", b"?>" + LOL_DTD.encode(), 1)
    return LOL_DTD.encode() + body


LOL_DTD = ('<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
    f'<!ENTITY lol{i} "{("&lol;" if i == 1 else f"&lol{i - 1};") * 10}">' for i in range(1, 10)) + "]>")


# --- zip bombs ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["xlsx", "docx"])
@pytest.mark.parametrize("lie", [False, True], ids=["honest", "lying"])
def test_zip_bomb(kind: str, lie: bool, tmp_path: Path) -> None:
    seed, part = (xlsx_seed(), "xl/worksheets/sheet1.xml") if kind == "xlsx" else (docx_seed(), "word/document.xml")
    path = tmp_path / f"bomb.{kind}"
    path.write_bytes(with_bomb(seed, part, lie))
    out = bounded(f"zip bomb, {'lying' if lie else 'honest'} 2 GB member ({kind})", path)
    assert out["outcome"] == "refused"


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_zip_with_65000_entries(kind: str, tmp_path: Path) -> None:
    main = "xl/workbook.xml" if kind == "xlsx" else "word/document.xml"
    path = tmp_path / f"many.{kind}"
    path.write_bytes(raw_zip([(main, 0, 0, b"", 0)] + [(f"x/{i}.xml", 0, 0, b"", 0) for i in range(65_000)]))
    assert bounded(f"zip with 65,000 entries ({kind})", path)["outcome"] == "refused"


# --- entity expansion ---------------------------------------------------------------------------------------------
def test_billion_laughs_xlsx(tmp_path: Path) -> None:
    sheet = dict(members(xlsx_seed()))["xl/worksheets/sheet3.xml"]
    evil = with_dtd(sheet).replace(b"<v>", b"<v>&lol9;", 1)
    path = tmp_path / "laughs.xlsx"
    path.write_bytes(rezip(xlsx_seed(), {"xl/worksheets/sheet3.xml": evil}))
    out = bounded("billion laughs (xlsx)", path)
    assert out["outcome"] == "refused" and "不安全" in out["message"]


def test_billion_laughs_docx(tmp_path: Path) -> None:
    doc = dict(members(docx_seed()))["word/document.xml"]
    evil = with_dtd(doc)
    evil = insert_after(evil, b"<w:body>", b"<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>")
    path = tmp_path / "laughs.docx"
    path.write_bytes(rezip(docx_seed(), {"word/document.xml": evil}))
    out = bounded("billion laughs (docx)", path)
    assert "lol" * 1000 not in json.dumps(out)  # never expanded


def test_billion_laughs_xhtml(tmp_path: Path) -> None:
    page = html_seed().replace("<!DOCTYPE html>", '<?xml version="1.0"?>' + LOL_DTD, 1)
    page = page.replace("<td><p>7<o:p></o:p></p></td>", "<td>&lol9;</td>", 1)
    path = tmp_path / "laughs.xhtml"
    path.write_text(page, encoding="utf-8")
    out = bounded("billion laughs (xhtml)", path)
    assert out["outcome"] == "imported" and "t3.new.natural" not in out["values"]


# --- HTML and text ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("shape", ["div", "table"])
def test_html_nested_100000_levels(shape: str, tmp_path: Path) -> None:
    opening = "<div>" if shape == "div" else "<table><tr><td>"
    path = tmp_path / f"deep-{shape}.html"
    path.write_text("<html><body>" + opening * 100_000 + "一、总体情况", encoding="utf-8")
    assert bounded(f"HTML nested 100,000 levels ({shape})", path)["outcome"] == "refused"


def test_html_table_with_huge_spans(tmp_path: Path) -> None:
    """3,000 cells of rowspan=colspan=100 would lay 30 million grid positions (it took 52 s and 3.8 GB)."""
    path = tmp_path / "spans.html"
    path.write_text("<html><body><table><tr>" + "<td rowspan=100 colspan=100>1</td>" * 3000 + "</tr></table>",
                    encoding="utf-8")
    assert bounded("HTML table, 3,000 cells spanning 100×100", path)["outcome"] == "refused"


def test_html_page_of_empty_cells_just_under_the_limit(tmp_path: Path) -> None:
    from govreport_gui.core.importers.dispatch import MAX_HTML_BYTES

    path = tmp_path / "cells.html"
    path.write_text("<html><body><table><tr>" + "<td></td>" * ((MAX_HTML_BYTES - 100) // 9) + "</tr></table>",
                    encoding="utf-8")
    assert bounded("HTML page of empty cells (1 MB)", path)["outcome"] == "refused"


def test_html_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    path.write_text("<html><body><table><tr>" + "<td>1</td>" * 2_000_000 + "</tr></table>", encoding="utf-8")
    out = bounded("HTML page of 20 MB", path)
    assert out["outcome"] == "refused" and "过大" in out["message"]


def test_forty_thousand_blank_lines(tmp_path: Path) -> None:
    """A label pattern starting with an optional "(" and blanks made every blank position a failed match (28 s)."""
    path = tmp_path / "blank.txt"
    path.write_text("x\n" + "\n" * 40_000 + "一、总体情况\n", encoding="utf-8")
    out = bounded("40,000 blank lines", path)
    assert out["outcome"] == "refused" and out["wall"] < 2


def test_text_just_under_the_length_limit(tmp_path: Path) -> None:
    from govreport_gui.core.importers.published import MAX_TEXT_CHARS

    path = tmp_path / "digits.txt"
    path.write_text("1\n" * (MAX_TEXT_CHARS // 2 - 10), encoding="utf-8")
    bounded("text of 300,000 characters (1 per line)", path)


def test_hundred_megabytes_of_text(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    line = ("一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3\n" * 1000).encode()
    with open(path, "wb") as fh:
        while fh.tell() < 100 * 1024 * 1024:
            fh.write(line)
    out = bounded("100 MB of text", path)
    assert out["outcome"] == "refused" and "过大" in out["message"]
    assert out["peak_mb"] < 150  # refused by its size, never read


@pytest.mark.parametrize("suffix", [".govreport", ".xlsx"])
@pytest.mark.parametrize("mode", ["import", "open"])
def test_hundred_megabyte_file_renamed(suffix: str, mode: str, tmp_path: Path) -> None:
    path = tmp_path / f"huge{suffix}"
    with open(path, "wb") as fh:
        chunk = os.urandom(1 << 20)
        for _ in range(100):
            fh.write(chunk)
    if mode == "open" and suffix != ".govreport":
        pytest.skip("only .govreport files are opened")
    out = bounded(f"100 MB of random bytes named {suffix} ({mode})", path, mode)
    assert out["outcome"] == "refused" and out["peak_mb"] < 150


# --- absurd numbers ----------------------------------------------------------------------------------------------
ABSURD = ["99999999999999999999", "-5", "NaN", "1e9", "12345678901234567890123"]


@pytest.mark.parametrize("number", ABSURD)
def test_absurd_numbers_in_an_html_table(number: str, tmp_path: Path) -> None:
    page = html_seed().replace("<td><p>7<o:p></o:p></p></td>", f"<td><p>{number}<o:p></o:p></p></td>", 1)
    path = tmp_path / "absurd.html"
    path.write_text(page, encoding="utf-8")
    out = bounded(f"HTML table cell “{number}”", path)
    assert out["outcome"] == "imported"
    assert "t3.new.natural" not in out["values"] and "t3.new.natural" in out["unread"]  # reported, not guessed
    assert out["values"]["t3.new.business"] == "3"  # the cells after it keep their places


@pytest.mark.parametrize("number", ABSURD)
def test_absurd_numbers_in_a_text_table(number: str, tmp_path: Path) -> None:
    name, text = next(t for t in text_seeds() if t[0].startswith("linping"))
    lines = text.split("\n")
    at = lines.index("\t一、本年新收政府信息公开申请数量")
    lines[at + 2] = f"\t{number}"  # 法人或其他组织 / 商业企业, 3 in the original
    path = tmp_path / name
    path.write_text("\n".join(lines), encoding="utf-8")
    out = bounded(f"text table cell “{number}”", path)
    assert out["outcome"] == "imported"
    assert "t3.new.business" not in out["values"] and "t3.new.business" in out["unread"]
    assert out["values"]["t3.new.research"] == "0" and out["printed"]["t3.new.total"] == "3"


# --- Word and Excel parts that are valid but enormous -----------------------------------------------------------
def test_docx_with_150000_paragraphs(tmp_path: Path) -> None:
    doc = dict(members(docx_seed()))["word/document.xml"]
    path = tmp_path / "paragraphs.docx"
    path.write_bytes(rezip(docx_seed(), {"word/document.xml": insert_after(doc, b"<w:body>", b"<w:p/>" * 1_000_000)}))
    out = bounded("docx with a million empty paragraphs", path)
    assert out["outcome"] == "refused"


def test_docx_paragraph_of_35000_runs(tmp_path: Path) -> None:
    doc = dict(members(docx_seed()))["word/document.xml"]
    runs = b"<w:p>" + b"<w:r><w:t>1</w:t></w:r>" * 35_000 + b"</w:p>"
    path = tmp_path / "runs.docx"
    path.write_bytes(rezip(docx_seed(), {"word/document.xml": insert_after(doc, b"<w:body>", runs)}))
    bounded("docx paragraph of 35,000 runs", path)


def test_xlsx_text_sheet_of_700000_rows(tmp_path: Path) -> None:
    sheet = dict(members(xlsx_seed()))["xl/worksheets/sheet1.xml"]
    rows = b"".join(b'<row r="%d"><c r="A%d" t="n"><v>1</v></c></row>' % (k, k) for k in range(100, 700_100))
    path = tmp_path / "rows.xlsx"
    big = sheet.replace(b"</sheetData>", rows + b"</sheetData>")
    path.write_bytes(rezip(xlsx_seed(), {"xl/worksheets/sheet1.xml": big}))
    out = bounded("xlsx text sheet with 700,000 rows", path)
    assert out["outcome"] == "imported" and out["values"]["t3.new.natural"] == "7"
