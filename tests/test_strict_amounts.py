"""Amounts are read in plain decimal notation only, at every entry point (issue: ``"1E+20"`` passed the size
limit, ``"1E999999"`` ended ``validate`` in a traceback from the rules)."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from govreport_gui.core.edits import Document, SetCells
from govreport_gui.core.form import load_form
from govreport_gui.core.importers.published import import_text
from govreport_gui.core.report import Report
from govreport_gui.core.storage import ReportFileError, dumps, loads
from govreport_gui.core.values import ValueRefused, check_value, parse_amount, parse_value

DATA = Path(__file__).parent / "data"
HOSTILE = ["1E+20", "1E999999", "1e-3", "1_000", "-0", "-0.0", "NaN", "Infinity", "+5", " 5", "5 ", "١٢",
           "1234567890123456789", "0.1234567", "", ".5", "5."]


def _amount_cell() -> str:
    form = load_form()
    return next(c for c, s in form.cells.items() if s.kind == "decimal" and not s.derived)


def _chinese_line(msg: str) -> bool:
    return "\n" not in msg and any("\u4e00" <= ch <= "\u9fff" for ch in msg)


@pytest.mark.parametrize("text", HOSTILE)
def test_parser_refuses_anything_but_plain_notation(text: str) -> None:
    with pytest.raises(ValueRefused) as exc:
        parse_amount(text)
    assert _chinese_line(str(exc.value))


@pytest.mark.parametrize(("text", "value"), [("0", "0"), ("12.5", "12.5"), ("1.50", "1.50"),
                                             ("123456789012345678.123456", "123456789012345678.123456"),
                                             ("0000000000000000000000001", "1")])
def test_parser_reads_plain_amounts_exactly(text: str, value: str) -> None:
    d = parse_amount(text)
    assert str(d) == value


@pytest.mark.parametrize("text", ["1E+20", "1E999999", "-0", "1_000"])
def test_file_refuses_exponent_and_friends(text: str, tmp_path: Path) -> None:
    doc = json.loads(dumps(Report.new("某局", 2025)))
    doc["cells"] = {_amount_cell(): text}
    with pytest.raises(ReportFileError) as exc:
        loads(json.dumps(doc).encode(), "x.govreport")
    assert _chinese_line(str(exc.value)) and "x.govreport" in str(exc.value)


def test_validate_exits_2_with_one_line_no_traceback(tmp_path: Path) -> None:
    doc = json.loads(dumps(Report.new("某局", 2025)))
    for i, text in enumerate(["1E+20", "1E999999"]):
        doc["cells"] = {_amount_cell(): text}
        p = tmp_path / f"bad{i}.govreport"
        p.write_text(json.dumps(doc), encoding="utf-8")
        r = subprocess.run([sys.executable, "-m", "govreport_gui.cli", "validate", str(p)],
                           capture_output=True, text=True, timeout=60)
        assert r.returncode == 2, r
        out = (r.stdout + r.stderr).strip()
        assert "Traceback" not in out and len(out.splitlines()) == 1 and _chinese_line(out), out


def test_cell_edit_and_paste_refuse_exponents() -> None:
    form = load_form()
    cid = _amount_cell()
    spec = form.cells[cid]
    for text in ["1E+20", "1e20", "1E999999", "１Ｅ２０", "-0"]:
        with pytest.raises(ValueRefused):
            parse_value(spec, text)  # what the table and the paste path call
    doc = Document(Report.new("某局", 2025))
    for d in [Decimal("1E+20"), Decimal("1E999999"), Decimal("-0"), Decimal("NaN")]:
        with pytest.raises(ValueRefused):
            doc.apply(SetCells({cid: d}))
        assert cid not in doc.report.values
    assert check_value(spec, Decimal("1E+2")) == Decimal(100)  # in range: stored in plain form
    assert str(check_value(spec, Decimal("1E+2"))) == "100"
    assert str(parse_value(spec, "1,234.5万元")) == "1234.5"


def test_importer_refuses_exponent_amount() -> None:
    lines = (DATA / "linping-2023-published.txt").read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip() == "行政事业性收费")
    assert lines[at + 1].strip() == "0"
    lines[at + 1] = "\t1e20"
    res = import_text("\n".join(lines), "x.txt")
    fees = next(c for c, s in res.report.form.cells.items() if s.kind == "decimal" and not s.derived)
    assert fees not in res.report.values
    assert any(e.level == "unread" and e.cell == fees for e in res.log), [e for e in res.log if e.cell == fees]
