"""Mutated .xlsx, .docx, .html and .txt files through ``import_file``: a checkable report or a clear refusal.

Every case is written to a file and imported the way the window does it.  Either an :class:`ImportResult` comes back
whose report saves and reloads (``storage.dumps``/``loads``) and can be checked (``rules.check``), or the import is
refused with a one-line Chinese message.  Nothing else may escape.  The seeds are valid documents made from the seed
report (workbook by our exporter, Word by python-docx, HTML by the format tests' generator) and the shared text
samples.  Zip files are mutated both as bytes and member by member (an XML part changed, then re-zipped).

``make fuzz`` (``GOVREPORT_FUZZ=long``) runs 2,560 cases here; ``make test`` runs 160.
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from functools import cache
from pathlib import Path

import pytest
from common import SEED as SEED_PATH
from fuzzing import fuzz_settings, mutated, one_line_message
from hypothesis import given
from hypothesis import strategies as st

from govreport_gui.core.checks.run import check
from govreport_gui.core.importers.base import ImportRefused, ImportResult
from govreport_gui.core.importers.dispatch import import_file
from govreport_gui.core.report import Report
from govreport_gui.core.storage import dumps, loads, read_report

HERE = Path(__file__).resolve().parent

SAMPLES = HERE.parents[1] / "shared" / "samples"
WORK = Path(tempfile.mkdtemp(prefix="govreport-fuzz-imports-"))

# normal / long example counts per test (eight tests: 8 × 20 = 160 normal, 8 × 320 = 2,560 long)
NORMAL, LONG = 20, 320


# --- seeds --------------------------------------------------------------------------------------------------------
def _seed() -> Report:
    report = read_report(SEED_PATH)
    report.values["t3.new.natural"] = 7  # some non-zero figures, so digits are there to mutate
    report.values["t3.granted.natural"] = 7
    report.values["t2.licensing.decisions"] = 2293
    return report


@cache
def xlsx_seed() -> bytes:
    from govreport_gui.core.exporters.excel import export_xlsx

    path = WORK / "seed.xlsx"
    export_xlsx(_seed(), path)
    return path.read_bytes()


@cache
def docx_seed() -> bytes:
    from test_import_formats import report_docx

    return report_docx(_seed())


@cache
def html_seed() -> str:
    from test_import_formats import report_html

    return report_html(_seed())


@cache
def text_seeds() -> tuple[tuple[str, str], ...]:
    found = [*sorted(SAMPLES.glob("*.txt")), HERE / "data" / "import-2019-format.txt"]
    if len(found) < 2:
        pytest.skip("the shared text samples are not there")
    return tuple((p.name, p.read_text(encoding="utf-8")) for p in found)


def _members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [(i.filename, zf.read(i)) for i in zf.infolist()]


def _rezip(members: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in members:
            zf.writestr(name, body)
    return out.getvalue()


# --- text-level mutations -----------------------------------------------------------------------------------------
ABSURD = ["99999999999999999999", "123456789012345678901234", "-5", "-0", "NaN", "nan", "inf", "-inf", "1e9", "1E400",
          "0.0000001", "1,000,000", "３２", "七", "", " ", "\x00", "\x07", "\x1b[2J", "\ufeff", "\u202e", "\ud7ff",
          "1.5", "0x1F", "—", "/", "1" * 200]
BROKEN_TAGS = ["<td", "</table>", "<table>", "<tr>", "</td></tr>", "<td rowspan=99999 colspan=99999>",
               "<td colspan=-3>", "<td rowspan='x'>", "<!--", "<![CDATA[", "<script>", "</p>", "&#0;", "&#x110000;",
               "&nbsp", "&amp;&lt;", "<br/>", "<tbody>", "<th>", "<td></td>" * 50]
_DIGITS = re.compile(r"\d+")


@st.composite
def text_mutated(draw: st.DrawFn, text: str, tags: bool) -> str:
    """``text`` after a few line- and token-level edits of the kinds a hand-edited or hostile file shows."""
    lines = text.split("\n")
    ops = ["delete", "dup", "swap", "number", "absurd", "control", "move", "split", "join"]
    ops += ["tag", "tag"] if tags else []
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(ops))
        i = draw(st.integers(0, max(len(lines) - 1, 0)))
        if not lines:
            lines = [""]
        line = lines[i]
        if op == "delete":
            del lines[i:i + draw(st.integers(1, 5))]
        elif op == "dup":
            lines[i:i] = lines[i:i + draw(st.integers(1, 20))] * draw(st.integers(1, 3))
        elif op == "move":
            j = draw(st.integers(0, max(len(lines) - 1, 0)))
            lines.insert(j, lines.pop(i))
        elif op in ("swap", "number"):
            found = list(_DIGITS.finditer(line))
            if not found:
                continue
            m = draw(st.sampled_from(found))
            if op == "swap":
                new = "".join(draw(st.permutations(m.group())))
            else:
                new = draw(st.sampled_from(ABSURD) | st.integers(-10**25, 10**25).map(str))
            lines[i] = line[:m.start()] + new + line[m.end():]
        elif op == "absurd":
            j = draw(st.integers(0, len(line)))
            lines[i] = line[:j] + draw(st.sampled_from(ABSURD)) + line[j:]
        elif op == "control":
            j = draw(st.integers(0, len(line)))
            lines[i] = line[:j] + draw(st.text(st.characters(max_codepoint=0x1f), min_size=1, max_size=4)) + line[j:]
        elif op == "split":
            j = draw(st.integers(0, len(line)))
            lines[i:i + 1] = [line[:j], line[j:]]
        elif op == "join" and i + 1 < len(lines):
            lines[i:i + 2] = [lines[i] + draw(st.sampled_from(["", "\t", "|", "  "])) + lines[i + 1]]
        elif op == "tag":
            j = draw(st.integers(0, len(line)))
            lines[i] = line[:j] + draw(st.sampled_from(BROKEN_TAGS)) + line[j:]
    return "\n".join(lines)


@st.composite
def zip_member_mutated(draw: st.DrawFn, data: bytes, prefix: str) -> bytes:
    """A zip whose XML parts (mostly under ``prefix``) were edited as text or as bytes, then zipped again."""
    members = _members(data)
    xml = [i for i, (n, _) in enumerate(members) if n.endswith((".xml", ".rels"))]
    main = [i for i in xml if members[i][0].startswith(prefix)] or xml
    for _ in range(draw(st.integers(1, 3))):
        k = draw(st.sampled_from(main) | st.sampled_from(xml))
        name, body = members[k]
        how = draw(st.sampled_from(["text", "text", "bytes", "drop", "empty"]))
        if how == "text":
            body = draw(text_mutated(body.decode("utf-8", "replace").replace("><", ">\n<"), tags=True)).encode()
        elif how == "bytes":
            body = draw(mutated(body))
        elif how == "empty":
            body = b""
        if how == "drop":
            members.pop(k)
            break
        members[k] = (name, body)
    return _rezip(members)


# --- the property -------------------------------------------------------------------------------------------------
def _import(data: bytes | str, name: str) -> None:
    path = WORK / name
    path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    try:
        result = import_file(path)
    except ImportRefused as exc:
        assert one_line_message(str(exc)), repr(str(exc))
        return
    assert isinstance(result, ImportResult)
    report = result.report
    check(report)
    again = loads(dumps(report))
    check(again)
    assert dumps(again) == dumps(report)  # saved, reopened and saved again: the same file
    assert all(isinstance(e.message, str) for e in result.log)


@fuzz_settings(normal=NORMAL, long=LONG)
@given(st.data())
def test_xlsx_bytes(data: st.DataObject) -> None:
    _import(data.draw(mutated(xlsx_seed())), "fuzz.xlsx")


@fuzz_settings(normal=NORMAL, long=LONG)
@given(st.data())
def test_xlsx_members(data: st.DataObject) -> None:
    _import(data.draw(zip_member_mutated(xlsx_seed(), "xl/worksheets/")), "fuzz.xlsx")


@fuzz_settings(normal=NORMAL, long=LONG)
@given(st.data())
def test_docx_bytes(data: st.DataObject) -> None:
    _import(data.draw(mutated(docx_seed())), "fuzz.docx")


@fuzz_settings(normal=NORMAL, long=LONG)
@given(st.data())
def test_docx_members(data: st.DataObject) -> None:
    _import(data.draw(zip_member_mutated(docx_seed(), "word/document.xml")), "fuzz.docx")


@fuzz_settings(normal=NORMAL, long=LONG)
@given(st.data())
def test_html_text(data: st.DataObject) -> None:
    _import(data.draw(text_mutated(html_seed(), tags=True)), "fuzz.html")


@fuzz_settings(normal=NORMAL, long=LONG)
@given(st.data())
def test_html_bytes(data: st.DataObject) -> None:
    _import(data.draw(mutated(html_seed().encode())), data.draw(st.sampled_from(["fuzz.html", "fuzz.htm", "fuzz"])))


@fuzz_settings(normal=NORMAL, long=LONG)
@given(st.data())
def test_txt_text(data: st.DataObject) -> None:
    name, text = data.draw(st.sampled_from(text_seeds()))
    _import(data.draw(text_mutated(text, tags=False)), name)


@fuzz_settings(normal=NORMAL, long=LONG)
@given(st.data())
def test_txt_bytes(data: st.DataObject) -> None:
    name, text = data.draw(st.sampled_from(text_seeds()))
    encoding = data.draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
    _import(data.draw(mutated(text.encode(encoding))), name)


def test_seeds_import_cleanly() -> None:
    """The seeds themselves are good documents: each imports, with the figures the mutations then disturb."""
    for data, name in ((xlsx_seed(), "seed.xlsx"), (docx_seed(), "seed.docx"), (html_seed().encode(), "seed.html")):
        path = WORK / name
        path.write_bytes(data)
        report = import_file(path).report
        assert report.values["t3.new.natural"] == 7, name
        assert report.values["t2.licensing.decisions"] == 2293, name
    for name, text in text_seeds():
        path = WORK / name
        path.write_text(text, encoding="utf-8")
        assert import_file(path).report.values, name


# --- what the fuzzing found -------------------------------------------------------------------------------------
def test_twenty_digit_count_in_a_table_is_logged_not_stored() -> None:
    """A 20-digit count used to reach the report, which then could not be saved (found by ``test_html_text``)."""
    html = html_seed().replace("<td><p>7<o:p></o:p></p></td>", "<td><p>99999999999999999999<o:p></o:p></p></td>", 1)
    assert html != html_seed()
    path = WORK / "huge.html"
    path.write_text(html, encoding="utf-8")
    result = import_file(path)
    assert "t3.new.natural" not in result.report.values
    assert any(e.cell == "t3.new.natural" and "过大" in e.message for e in result.entries("unread"))
    assert loads(dumps(result.report)).values == result.report.values


def test_huge_printed_total_in_text_is_logged_not_stored() -> None:
    """The same for a printed total (kept in ``printed_totals``) and a glued text row."""
    name, text = next(t for t in text_seeds() if t[0].startswith("linping"))
    lines = text.split("\n")
    at = lines.index("\t一、本年新收政府信息公开申请数量")
    lines[at + 7] = "\t3030835319"  # the row's 总计
    path = WORK / name
    path.write_text("\n".join(lines), encoding="utf-8")
    result = import_file(path)
    assert "t3.new.total" not in result.report.printed_totals
    assert any(e.cell == "t3.new.total" and "过大" in e.message for e in result.entries("unread"))
    check(loads(dumps(result.report)))


def test_huge_count_in_a_2019_format_table_is_logged_not_stored() -> None:
    text = (HERE / "data" / "import-2019-format.txt").read_text(encoding="utf-8")
    path = WORK / "2019-huge.txt"
    path.write_text(text.replace("\t1208", "\t99999999999999999999", 1), encoding="utf-8")
    result = import_file(path)
    assert "t2.licensing.decisions" not in result.report.values
    assert any(e.cell == "t2.licensing.decisions" and "过大" in e.message for e in result.entries("unread"))
    check(loads(dumps(result.report)))
