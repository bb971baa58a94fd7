"""The old Office files offices still keep — Word 97–2003 .doc, WPS .wps, Excel 97–2003 .xls, WPS .et — read directly,
each exactly as its .docx/.xlsx twin; encrypted, older and damaged ones refused with one Chinese line.

The test files are real: LibreOffice saves our Word export, a Word document laid out like a published report, our
workbook, and the shared published text samples as .doc and .xls (and the same text as .docx, the twin).  Before,
every one of them was refused ("请另存为 .docx/.xlsx").  LibreOffice cannot write .wps or .et: WPS writes them in the
same binary formats, so the .doc and .xls bytes stand in for them under those names.  Encrypted files are made by
setting what an encrypted file carries (the FIB's fEncrypted bit, an Excel FILEPASS record, an ``EncryptedPackage``
stream) in files LibreOffice wrote, since its command line sets no password.
"""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import olefile
import pytest
from cell_scores import distinct_report, expected_of, load_expected, score
from common import SEED, SHARED
from office_pdfs import need_soffice, to_pdf

from govreport_gui.core.exporters.excel import export_xlsx
from govreport_gui.core.exporters.word import export_docx
from govreport_gui.core.importers.base import ImportRefused, ImportResult
from govreport_gui.core.importers.dispatch import import_file
from govreport_gui.core.importers.kind import kind_of
from govreport_gui.core.report import Report
from govreport_gui.core.storage import read_report

SAMPLES = SHARED / "samples"


def reports() -> dict[str, Report]:
    return {"seed": read_report(SEED), "distinct": distinct_report(4, 0, 999),
            "all-non-zero": distinct_report(7, 1, 999)}


def convert(files: list[Path], fmt: str, folder: Path) -> list[Path]:
    """Each file saved by LibreOffice in ``fmt`` (doc, xls, docx) into ``folder``."""
    import os
    import subprocess

    soffice = need_soffice()
    folder.mkdir(exist_ok=True)
    subprocess.run([soffice, f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}", "--headless",
                    "--convert-to", fmt, "--outdir", str(folder), *map(str, files)],
                   capture_output=True, text=True, timeout=300)
    out = [folder / f"{f.stem}.{fmt}" for f in files]
    for f in out:
        if not f.exists() and not os.environ.get("CI"):
            pytest.skip(f"LibreOffice could not write {f.name}")
        assert f.exists(), f
    return out


@pytest.fixture(scope="module")
def twins(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path, Report]]:
    """name → (old-format file, its .docx/.xlsx twin, the report they hold)."""
    from test_import_formats import report_docx

    folder = tmp_path_factory.mktemp("old-office")
    words, books, shown = [], [], {}
    for name, report in reports().items():
        export_docx(report, folder / f"{name}-our-word.docx")
        (folder / f"{name}-published-word.docx").write_bytes(report_docx(report))
        export_xlsx(report, folder / f"{name}-workbook.xlsx")
        words += [folder / f"{name}-our-word.docx", folder / f"{name}-published-word.docx"]
        books.append(folder / f"{name}-workbook.xlsx")
        shown.update({f"{name}-our-word": report, f"{name}-published-word": report, f"{name}-workbook": report})
    out = {}
    for old in convert(words, "doc", folder / "out") + convert(books, "xls", folder / "out"):
        twin = folder / (old.stem + (".docx" if old.suffix == ".doc" else ".xlsx"))
        out[old.stem] = (old, twin, shown[old.stem])
    return out


NAMES = [f"{r}-{k}" for r in ("seed", "distinct", "all-non-zero") for k in ("our-word", "published-word", "workbook")]


@pytest.mark.parametrize("name", NAMES)
def test_an_old_office_file_reads_exactly_as_its_twin(twins: dict[str, tuple[Path, Path, Report]], name: str) -> None:
    old, twin, report = twins[name]
    got, want = import_file(old), import_file(twin)
    assert got.report.values == want.report.values == report.values
    assert got.report.texts == want.report.texts and got.report.meta == want.report.meta
    s = score(got.report, expected_of(report))
    print(f"{old.name}: {s}")
    assert not s.wrong
    if old.suffix == ".xls":  # the same reader behind both: the same report and the same log
        assert got.report.same_content(want.report) and [str(e) for e in got.log] == [str(e) for e in want.log]
    else:  # read as a published document: every figure and every printed total, none blank
        assert s.blank == 0, str(s)
    if "published" in name:  # both through the published-report reader: line for line, the same log
        assert same_log(got, want)


def same_log(a: ImportResult, b: ImportResult) -> bool:
    """The same log but for the line naming the source's kind (Word 97-2003文档 / Word文档)."""
    return [str(e) for e in a.log if "来源" not in e.message] == [str(e) for e in b.log if "来源" not in e.message]


@pytest.mark.parametrize(("suffix", "kind"), [(".wps", "WPS文字文档"), (".et", "WPS表格")])
def test_wps_files_are_read_like_their_office_twins(twins: dict[str, tuple[Path, Path, Report]], tmp_path: Path,
                                                    suffix: str, kind: str) -> None:
    old, _, report = twins["distinct-our-word" if suffix == ".wps" else "distinct-workbook"]
    wps = tmp_path / f"报告{suffix}"
    shutil.copyfile(old, wps)
    res = import_file(wps)
    assert res.report.values == report.values
    if suffix == ".wps":
        assert any(kind in e.message for e in res.entries("info"))
    assert kind_of(wps.read_bytes()[:65536]) == ("Word文档" if suffix == ".wps" else "Excel工作簿")


@pytest.fixture(scope="module")
def sample_docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """The shared published text samples (provenance lines stripped) saved by LibreOffice as .doc and as .docx."""
    if not SAMPLES.is_dir():
        pytest.skip("the shared samples are not beside the repository")
    folder = tmp_path_factory.mktemp("samples")
    texts = []
    for path in sorted(SAMPLES.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        while lines and lines[0].startswith("# "):
            lines.pop(0)
        (folder / path.name).write_text("\n".join(lines), encoding="utf-8")
        texts.append(folder / path.name)
    docs = convert(texts, "doc", folder / "doc")
    docxs = convert(texts, "docx", folder / "docx")
    return {d.stem: (d, x) for d, x in zip(docs, docxs, strict=True)}


def test_published_samples_saved_as_doc_read_as_their_docx(sample_docs: dict[str, tuple[Path, Path]]) -> None:
    assert len(sample_docs) == 6
    for stem, (doc, docx) in sample_docs.items():
        got_res, want_res = import_file(doc), import_file(docx)
        got, want = got_res.report, want_res.report
        assert got.values == want.values and got.printed_totals == want.printed_totals, stem
        assert same_log(got_res, want_res), stem
        assert got.texts == want.texts and got.meta == want.meta, stem
        s = score(got, load_expected(SAMPLES / "expected" / f"{stem}.json"))
        print(f"{doc.name}: {s}")
        assert not s.wrong and s.right >= 194, (stem, str(s))


def test_an_old_workbook_changed_in_excel_keeps_what_was_changed(tmp_path: Path) -> None:
    import openpyxl

    report = read_report(SEED)
    export_xlsx(report, tmp_path / "book.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "book.xlsx")
    spec = report.form.cells["t3.new.natural"]
    total = report.form.cells["t3.new.total"]
    ws = wb[next(n for n in wb.sheetnames if "三" in n)]
    ws.cell(row=spec.r, column=spec.c).value = 41
    ws.cell(row=total.r, column=total.c).value = 7  # a total typed over the formula, disagreeing with its parts
    wb.save(tmp_path / "book.xlsx")
    (xls,) = convert([tmp_path / "book.xlsx"], "xls", tmp_path / "out")
    res = import_file(xls)
    assert res.report.values["t3.new.natural"] == 41
    assert res.report.printed_totals["t3.new.total"] == 7
    assert any(e.cell == "t3.new.total" for e in res.entries("mismatch"))


# --- refusals ---------------------------------------------------------------------------------------------------
def _patched_stream(path: Path, out: Path, stream: str, patch: object) -> Path:
    shutil.copyfile(path, out)
    with olefile.OleFileIO(str(out), write_mode=True) as ole:
        data = bytearray(ole.openstream(stream).read())
        patch(data)  # type: ignore[operator]
        ole.write_stream(stream, bytes(data))
    return out


def _renamed_stream(path: Path, out: Path, old: str, new: str) -> Path:
    """The directory entry ``old`` renamed ``new`` (as an encrypted .docx or a PowerPoint file names its stream)."""
    data = bytearray(path.read_bytes())
    at = data.find((old + "\0").encode("utf-16-le"))
    assert at > 0 and len(new) < 32
    name = (new + "\0").encode("utf-16-le")
    data[at:at + 64] = name.ljust(64, b"\0")
    data[at + 64:at + 66] = struct.pack("<H", len(name))
    out.write_bytes(bytes(data))
    return out


def _fib_flag(flag: int, nfib: int | None = None):  # type: ignore[no-untyped-def]
    def patch(wd: bytearray) -> None:
        struct.pack_into("<H", wd, 10, struct.unpack_from("<H", wd, 10)[0] | flag)
        if nfib is not None:
            struct.pack_into("<H", wd, 2, nfib)
    return patch


def _filepass(book: bytearray) -> None:
    pos = 0
    while pos + 4 <= len(book):
        kind, size = struct.unpack_from("<HH", book, pos)
        if kind == 0x005C:  # WRITEACCESS: the same place a FILEPASS record would stand
            struct.pack_into("<H", book, pos, 0x002F)
            return
        pos += 4 + size
    raise AssertionError("no WRITEACCESS record")


def test_encrypted_old_and_other_office_files_are_refused(twins: dict[str, tuple[Path, Path, Report]],
                                                          tmp_path: Path) -> None:
    doc, xls = twins["seed-our-word"][0], twins["seed-workbook"][0]
    cases = {
        "加密": [_patched_stream(doc, tmp_path / "enc.doc", "WordDocument", _fib_flag(0x0100)),
               _patched_stream(xls, tmp_path / "enc.xls", "Workbook", _filepass),
               _renamed_stream(xls, tmp_path / "enc.docx", "Workbook", "EncryptedPackage")],
        "Word 95": [_patched_stream(doc, tmp_path / "old.doc", "WordDocument", _fib_flag(0, 0x65))],
        "不是Word文档或Excel工作簿": [_renamed_stream(xls, tmp_path / "slides.ppt", "Workbook", "PowerPoint Document")],
        "损坏": [tmp_path / "half.doc", tmp_path / "half.xls", tmp_path / "junk.doc"],
    }
    (tmp_path / "half.doc").write_bytes(doc.read_bytes()[: doc.stat().st_size // 2])
    (tmp_path / "half.xls").write_bytes(xls.read_bytes()[: xls.stat().st_size // 3])
    (tmp_path / "junk.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 40)
    for words, files in cases.items():
        for f in files:
            with pytest.raises(ImportRefused) as info:
                import_file(f)
            message = str(info.value)
            assert words in message and "\n" not in message and f.name in message, message


def test_a_damaged_piece_table_is_refused_not_a_traceback(twins: dict[str, tuple[Path, Path, Report]],
                                                          tmp_path: Path) -> None:
    doc = twins["seed-our-word"][0]
    with olefile.OleFileIO(str(doc)) as ole:
        wd = ole.openstream("WordDocument").read()
    fc_clx = struct.unpack_from("<I", wd, 154 + 33 * 8)[0]
    table = "1Table" if struct.unpack_from("<H", wd, 10)[0] & 0x0200 else "0Table"

    def smash(t: bytearray) -> None:
        t[fc_clx] = 0x07

    bad = _patched_stream(doc, tmp_path / "bad.doc", table, smash)
    with pytest.raises(ImportRefused, match="损坏"):
        import_file(bad)


def test_libreoffice_pdf_of_the_doc_still_imports(twins: dict[str, tuple[Path, Path, Report]], tmp_path: Path) -> None:
    """The .doc LibreOffice wrote is a proper Word file: LibreOffice prints it, and the print reads back."""
    old, _, report = twins["distinct-our-word"]
    (pdf,) = to_pdf([old], tmp_path)
    assert not score(import_file(pdf).report, expected_of(report)).wrong
