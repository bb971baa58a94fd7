"""Edits as data: each returns its inverse and a change set (cells, totals, findings appeared and gone)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govreport_gui.core.edits import Batch, Document, SetCells, SetExplanation, SetMeta, SetText, set_cell
from govreport_gui.core.report import Report
from govreport_gui.core.storage import dumps
from govreport_gui.core.values import ValueRefused


def test_edit_changeset_and_undo() -> None:
    doc = Document(Report.new("某局", 2024))
    empty = dumps(doc.report)
    cs = doc.apply(set_cell("t3.new.business", 3))
    assert cs.cells == {"t3.new.business"}
    assert cs.totals == {"t3.new.total"}
    assert doc.report.get("t3.new.total") == 3
    assert {f.rule for f in cs.appeared} >= {"H1"}
    assert {f.cells[0] for f in cs.appeared if f.rule == "H1"} == {"t3.new.business", "t3.new.total"}

    cs2 = doc.apply(set_cell("t3.unavailable.not_held.business", 3))
    assert cs2.totals == {"t3.unavailable.not_held.total", "t3.total.business", "t3.total.total"}
    assert doc.report.get("t3.total.business") == 3
    assert [f.rule for f in cs2.gone].count("H1") == 2
    assert not [f for f in doc.findings if f.rule == "H1"]

    back = doc.apply(cs2.inverse)
    assert {f.rule for f in back.appeared} >= {"H1"}
    doc.apply(cs.inverse)
    assert dumps(doc.report) == empty
    assert doc.report.get("t3.new.total") is None


def test_refused_edit_changes_nothing() -> None:
    doc = Document(Report.new("某局", 2024))
    doc.apply(set_cell("t3.new.natural", 1))
    before = dumps(doc.report)
    for bad in (SetCells({"t3.new.natural": 5, "t3.new.legal": -1}), set_cell("t3.new.total", 4),
                set_cell("t9.x.y", 1), SetText("nope", "x"), SetMeta("year", "二〇二四"), SetMeta("colour", 1),
                Batch((set_cell("t3.new.natural", 2), set_cell("t2.fees.amount", Decimal("-1"))))):
        with pytest.raises(ValueRefused):
            doc.apply(bad)
        assert dumps(doc.report) == before


def test_text_meta_explanation_batch_round_trip() -> None:
    doc = Document(Report.new("某局", 2024))
    start = dumps(doc.report)
    edits = [SetText("overview", "（一）主动公开"), SetMeta("agency", "某市某局"), SetExplanation("W8", "确为空白"),
             Batch((set_cell("t4.review.upheld", 1), set_cell("t4.review.pending", 2)))]
    inverses = []
    for e in edits:
        cs = doc.apply(e)
        assert not cs.empty
        inverses.append(cs.inverse)
    assert doc.report.get("t4.review.total") == 3
    assert doc.report.explanations == {"W8": "确为空白"}
    for inv in reversed(inverses):
        doc.apply(inv)
    assert dumps(doc.report) == start


def test_clear_cell_makes_total_blank() -> None:
    doc = Document(Report.new("某局", 2024))
    doc.apply(set_cell("t4.review.upheld", 1))
    cs = doc.apply(set_cell("t4.review.upheld", None))
    assert cs.totals == {"t4.review.total"} and doc.report.get("t4.review.total") is None
