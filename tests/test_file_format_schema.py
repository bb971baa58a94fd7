"""docs/govreport.schema.json is generated from the form and matches what the program writes and reads: the committed
file equals the generated one; every test file, every imported sample and every saved report validate; what the
reader refuses the schema refuses too."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from common import DATA, SHARED

from govreport_gui.core.schema import govreport_schema, schema_text
from govreport_gui.core.storage import ReportFileError, from_dict, to_dict

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "docs" / "govreport.schema.json"
SAMPLES = SHARED / "samples"


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def errors(validator: Any, doc: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]


def test_committed_schema_is_the_generated_one() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "regenerate: python -m govreport_gui.core.schema > docs/govreport.schema.json"
    )


def test_every_report_file_validates(validator: Any) -> None:
    files = sorted(DATA.rglob("*.govreport")) + (sorted(SAMPLES.rglob("*.govreport")) if SAMPLES.is_dir() else [])
    assert files
    for f in files:
        assert errors(validator, json.loads(f.read_text(encoding="utf-8"))) == [], f.name


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="shared samples not found")
def test_every_imported_sample_validates(validator: Any) -> None:
    from govreport_gui.core.importers.dispatch import import_file

    samples = sorted(p for p in SAMPLES.rglob("*") if p.suffix in (".txt", ".html", ".docx", ".pdf", ".xlsx"))
    checked = 0
    for path in samples:
        try:
            report = import_file(path).report
        except Exception:  # a fragment the importer refuses: nothing to check
            continue
        assert errors(validator, to_dict(report)) == [], path.name
        checked += 1
    assert checked >= len(samples) // 2


def test_a_full_report_validates(validator: Any, seed: Any) -> None:
    form = seed.form
    total = next(iter(form.totals))
    seed.printed_totals[total] = 5
    seed.explanations[form.rules[0]["id"]] = "说明"
    from govreport_gui.core.report import Baseline

    seed.previous = Baseline(year=2022, cells={c: 1 for c in list(form.cells)[:5]})
    seed.meta["published"] = "2024-01-31"
    doc = to_dict(seed)
    assert {"printed_totals", "explanations", "previous"} <= set(doc)
    assert errors(validator, doc) == []


def _refused_by_both(validator: Any, doc: dict[str, Any]) -> None:
    assert errors(validator, doc), doc
    with pytest.raises(ReportFileError):
        from_dict(doc)


def test_what_the_reader_refuses_the_schema_refuses(validator: Any, seed: Any) -> None:
    form = seed.form
    base = to_dict(seed)
    input_cell = next(c for c, s in form.cells.items() if not s.derived and s.kind == "count")
    amount_cell = next(c for c, s in form.cells.items() if s.kind == "decimal")
    changes = [
        lambda d: d.__setitem__("surprise", 1),
        lambda d: d.__setitem__("format_version", 99),
        lambda d: d.__setitem__("form", "1999"),
        lambda d: d.pop("format"),
        lambda d: d["cells"].__setitem__(next(iter(form.totals)), 3),  # a total is never stored
        lambda d: d["cells"].__setitem__("t9.nowhere.x", 3),
        lambda d: d["cells"].__setitem__(input_cell, -1),
        lambda d: d["cells"].__setitem__(input_cell, "3"),
        lambda d: d["cells"].__setitem__(amount_cell, "1.1234567"),  # seven places
        lambda d: d["meta"].__setitem__("year", 1800),
        lambda d: d["meta"].__setitem__("published", "31/01/2024"),
        lambda d: d["meta"].__setitem__("colour", "red"),
        lambda d: d["texts"].__setitem__("nowhere", "x"),
        lambda d: d.__setitem__("printed_totals", {input_cell: 1}),
    ]
    for change in changes:
        doc = copy.deepcopy(base)
        change(doc)
        _refused_by_both(validator, doc)


def test_later_format_versions_extend_the_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    """A branch adding format_version 2 adds one function; version 1 files stay valid."""
    from govreport_gui.core import schema, storage

    def register(form: Any, s: dict[str, Any]) -> None:
        s["properties"]["applications"] = {"type": "array"}

    monkeypatch.setattr(storage, "FORMAT_VERSION", 2)
    monkeypatch.setattr(schema, "FORMAT_VERSION", 2)
    monkeypatch.setitem(schema.VERSION_ADDITIONS, 2, register)
    extended = govreport_schema()
    assert extended["properties"]["format_version"]["maximum"] == 2 and "applications" in extended["properties"]
