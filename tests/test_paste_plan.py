"""Paste planning without Qt: a block from Excel/WPS onto a table, refused whole on the first bad cell."""

from __future__ import annotations

import pytest

from govreport_gui.core.grid import table_grid
from govreport_gui.core.paste_plan import MAX_PASTE_CELLS, plan_paste
from govreport_gui.core.report import Report
from govreport_gui.core.tsv import join_block, split_block
from govreport_gui.core.values import ValueRefused


def _at(report: Report, cell: str) -> tuple[int, int]:
    spec = report.form.cells[cell]
    return spec.r, spec.c


def test_blocks_round_trip() -> None:
    assert split_block("1\t2\r\n3\t4\r\n") == [["1", "2"], ["3", "4"]]
    assert join_block([["1", "2"], ["3", "4"]]) == "1\t2\n3\t4\n"


def test_block_lands_on_inputs() -> None:
    report = Report.new(year=2024)
    grid = table_grid(report.form, "t3")
    r, c = _at(report, "t3.new.natural")
    planned = plan_paste(report, grid, r, c, "１\t2,000\n3\t\n")
    assert planned == {"t3.new.natural": 1, "t3.new.business": 2000, "t3.carried_in.natural": 3,
                       "t3.carried_in.business": None}
    assert report.values == {}  # planning changes nothing


def test_bad_cell_refuses_the_block() -> None:
    report = Report.new(year=2024)
    grid = table_grid(report.form, "t3")
    r, c = _at(report, "t3.new.natural")
    with pytest.raises(ValueRefused, match="第2行第2列"):
        plan_paste(report, grid, r, c, "1\t2\n3\tx4\n")
    with pytest.raises(ValueRefused, match="过多"):
        plan_paste(report, grid, r, c, "1\t" * (MAX_PASTE_CELLS + 1))


def test_total_must_match_its_parts() -> None:
    report = Report.new(year=2024)
    grid = table_grid(report.form, "t4")
    r, c = _at(report, "t4.review.upheld")
    assert plan_paste(report, grid, r, c, "1\t2\t3\t4\t10") == {
        "t4.review.upheld": 1, "t4.review.corrected": 2, "t4.review.other": 3, "t4.review.pending": 4}
    with pytest.raises(ValueRefused, match="自动计算的合计"):
        plan_paste(report, grid, r, c, "1\t2\t3\t4\t11")
