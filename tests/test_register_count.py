"""Table 三 counted from the register: the exact hand-computed figures, provenance, H1 by construction, the report
following its register through edits (with undo), and carry-over of the open applications."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from register_lines import EXPECTED_2025, year_boundary_register

from govreport_gui.core.checks.run import check
from govreport_gui.core.edits import Document, SetCells, SetMeta
from govreport_gui.core.intake.carryover import carry_over, carry_over_notes
from govreport_gui.core.register.count import count_table, register_cells, sync_report
from govreport_gui.core.register.edits import InsertLines, RemoveLines, SetFillsTable, SetLines, SetRegister
from govreport_gui.core.register.model import Register, RegisterLine, register_spec
from govreport_gui.core.report import Report
from govreport_gui.core.values import ValueRefused


def test_spec_comes_from_the_form(form) -> None:
    spec = register_spec(form)
    t3 = form.tables[spec.table.id]
    assert spec.types == tuple(c for c in t3.column_ids if not form.cells[t3.cell_id("new", c)].derived)
    assert len(spec.types) == 6 and len(spec.results) == 21
    assert spec.result_labels[spec.results[0]] == t3.row_labels[spec.results[0]]


def test_table_three_by_hand(form) -> None:
    got = count_table(year_boundary_register(), form, 2025)
    assert got.problems == []
    for cid in register_spec(form).input_cells(form):
        n, lines = EXPECTED_2025.get(cid, (0, []))
        assert got.values[cid] == n, cid
        assert got.sources[cid] == lines, cid
    assert got.lines_for(form, "t3.total.natural") == [1, 5, 12]
    assert got.lines_for(form, "t3.new.total") == [5, 6, 7, 8, 9, 11, 12]


def test_report_filled_from_register_holds_h1(form) -> None:
    r = Report.new("某局", 2025)
    r.register = year_boundary_register()
    sync_report(r)
    assert r.get("t3.new.total") == 7 and r.get("t3.carried_in.total") == 3
    assert r.get("t3.total.total") == 7 and r.get("t3.carried_out.total") == 3
    assert r.get("t3.total.natural") == 3 and r.get("t3.granted.total") == 2
    assert not [f for f in check(r) if f.rule in ("H1", "H2", "H3")]
    assert r.get("t3.partial.natural") == 0  # every cell counted: zeros, not blanks


def test_lines_that_cannot_be_counted_are_listed(form) -> None:
    reg = Register([
        RegisterLine(date(2025, 3, 1)),  # no applicant type
        RegisterLine(date(2025, 3, 1), "natural", answered=date(2025, 3, 5)),  # answered, no result
        RegisterLine(date(2025, 3, 1), "natural", result="granted", answered=date(2025, 2, 5)),  # before receipt
    ])
    got = count_table(reg, form, 2025)
    assert [no for no, _ in got.problems] == [1, 2, 3]
    assert all("未计入" in msg for _, msg in got.problems)
    assert sum(got.values.values()) == 0


def _doc() -> Document:
    r = Report.new("某局", 2025)
    r.values["t3.new.natural"] = 9  # typed figures before the register takes over
    r.invalidate()
    return Document(r)


def test_register_edits_undo_and_refuse_typing(form) -> None:
    doc = _doc()
    cs = doc.apply(SetRegister(year_boundary_register()))
    assert cs.register and "t3.new.natural" in cs.cells and "t3.new.total" in cs.totals
    assert doc.report.get("t3.new.natural") == 3
    with pytest.raises(ValueRefused, match="台账"):
        doc.apply(SetCells({"t3.new.natural": 5}))
    # a line answered: moves from 结转下年度 to 予以公开
    line9 = doc.report.register.lines[8]
    cs2 = doc.apply(SetLines({8: replace(line9, result="granted", answered=date(2025, 12, 31))}))
    assert doc.report.get("t3.carried_out.other_org") == 0 and doc.report.get("t3.granted.other_org") == 1
    assert {"t3.carried_out.other_org", "t3.granted.other_org"} <= cs2.cells
    doc.apply(cs2.inverse)
    assert doc.report.get("t3.carried_out.other_org") == 1 and doc.report.get("t3.granted.other_org") == 0
    # insert and remove
    cs3 = doc.apply(InsertLines(0, (RegisterLine(date(2025, 2, 2), "legal"),)))
    assert doc.report.get("t3.new.legal") == 1 and len(doc.report.register) == 13
    doc.apply(cs3.inverse)
    assert doc.report.get("t3.new.legal") == 0 and len(doc.report.register) == 12
    cs4 = doc.apply(RemoveLines(0, 2))
    assert len(doc.report.register) == 10 and doc.report.get("t3.carried_in.natural") == 1
    doc.apply(cs4.inverse)
    assert doc.report.register.lines == year_boundary_register().lines
    # the year decides what is counted
    doc.apply(SetMeta("year", 2026))
    assert doc.report.get("t3.carried_in.total") == 3  # 4, 8 and 9 open at the end of 2025
    assert doc.report.get("t3.new.business") == 1
    # undo the whole register: the typed figure comes back in one step
    doc.apply(SetMeta("year", 2025))
    doc.apply(cs.inverse)
    assert doc.report.register is None and doc.report.get("t3.new.natural") == 9


def test_switch_to_typed_figures_is_one_undo_step(form) -> None:
    doc = _doc()
    doc.apply(SetRegister(year_boundary_register()))
    off = doc.apply(SetFillsTable(False))
    assert not register_cells(doc.report)
    assert doc.report.get("t3.new.natural") == 3  # the counted figures stay as typed ones
    doc.apply(SetCells({"t3.new.natural": 4}))
    assert doc.report.get("t3.new.natural") == 4
    on = doc.apply(SetFillsTable(True))
    assert doc.report.get("t3.new.natural") == 3
    assert isinstance(on.inverse, SetFillsTable) and on.inverse.typed is not None
    doc.apply(on.inverse)
    assert doc.report.get("t3.new.natural") == 4 and not doc.report.register.fills_table
    doc.apply(off.inverse)
    assert doc.report.register.fills_table and doc.report.get("t3.new.natural") == 3


def test_bad_register_edits_are_refused(form) -> None:
    doc = _doc()
    with pytest.raises(ValueRefused):
        doc.apply(SetLines({0: RegisterLine(date(2025, 1, 1))}))
    doc.apply(SetRegister(year_boundary_register()))
    for bad in (
        SetLines({99: RegisterLine(date(2025, 1, 1))}),
        SetLines({0: RegisterLine(date(2025, 1, 1), "nobody")}),
        SetLines({0: RegisterLine(date(2025, 1, 1), "natural", result="t3.new")}),
        SetLines({0: RegisterLine(date(2025, 1, 9), "natural", answered=date(2025, 1, 1))}),
        InsertLines(50, ()),
        RemoveLines(10, 5),
    ):
        with pytest.raises(ValueRefused):
            doc.apply(bad)
    assert doc.report.register.lines == year_boundary_register().lines


def test_carry_over_moves_open_applications(form) -> None:
    last = Report.new("某局", 2025)
    last.register = year_boundary_register()
    sync_report(last)
    new = carry_over(last)
    assert new.year == 2026
    kept = [last.register.lines[i - 1] for i in (4, 8, 9, 10)]  # open at the end of 2025, or received in 2026
    assert new.register is not None and new.register.lines == kept
    assert new.get("t3.carried_in.natural") == 2 and new.get("t3.carried_in.other_org") == 1
    assert new.get("t3.carried_in.total") == last.get("t3.carried_out.total") == 3
    assert new.get("t3.new.business") == 1
    assert any("转入本年台账" in n for n in carry_over_notes(last))
    assert len(last.register) == 12  # last year's report is not modified
