"""Mutated .govreport files: every one loads or is refused with a clear message; never another exception."""

from __future__ import annotations

import json

from common import SEED as SEED_PATH
from fuzzing import fuzz_settings, mutated, one_line_message
from hypothesis import given
from hypothesis import strategies as st

from govreport_gui.core.checks.run import check
from govreport_gui.core.storage import ReportFileError, dumps, loads

SEED = SEED_PATH.read_bytes()
SEED_DOC = json.loads(SEED)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**30, 10**30) | st.text(max_size=20)
    | st.sampled_from(["NaN", "1e9", "-1", "0.5", "２", "3件", "t3.new.natural", "2021", ""]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=10,
)


def _try(data: bytes | str) -> None:
    try:
        report = loads(data, "x.govreport")
    except ReportFileError as exc:
        assert one_line_message(str(exc)), str(exc)
        return
    check(report)  # a file that loads is checkable
    assert loads(dumps(report)).same_content(report)  # and saves back exactly


@fuzz_settings(normal=150, long=4000)
@given(mutated(SEED))
def test_byte_mutations(data: bytes) -> None:
    _try(data)


@st.composite
def structural(draw: st.DrawFn) -> str:
    doc = json.loads(json.dumps(SEED_DOC))
    for _ in range(draw(st.integers(1, 4))):
        section = draw(st.sampled_from(["meta", "cells", "texts", "explanations", "previous", "printed_totals", None]))
        value = draw(json_values)
        if section is None:
            doc[draw(st.sampled_from(["format", "format_version", "form", "extra"]))] = value
            continue
        target = doc.setdefault(section, {})
        if isinstance(target, dict) and target and draw(st.booleans()):
            key = draw(st.sampled_from(sorted(target)))
        else:
            key = draw(st.sampled_from(["t3.new.natural", "t2.fees.amount", "t3.new.total", "agency", "year",
                                        "overview", "W2", "cells", "zz"]))
        if isinstance(target, dict):
            target[key] = value
        else:
            doc[section] = value
    return json.dumps(doc, ensure_ascii=draw(st.booleans()))


@fuzz_settings(normal=150, long=4000)
@given(structural())
def test_structural_mutations(text: str) -> None:
    _try(text)
