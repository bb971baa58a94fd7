"""The basic-information fields declared once: the same year range and date forms for storage, edits, the workbook
reader and the command line."""

from __future__ import annotations

import datetime as dt

import pytest

from govreport_gui.core.edits import Document, SetMeta
from govreport_gui.core.meta_fields import MAX_YEAR, MIN_YEAR, MetaRefused, check_meta, parse_date, parse_meta
from govreport_gui.core.report import Report
from govreport_gui.core.storage import ReportFileError, from_dict, to_dict
from govreport_gui.core.values import ValueRefused


def test_year_range_is_one_rule() -> None:
    assert check_meta("year", MIN_YEAR) == MIN_YEAR and check_meta("year", MAX_YEAR) == MAX_YEAR
    for bad in (MIN_YEAR - 1, MAX_YEAR + 1, True, "2024", 2024.0):
        with pytest.raises(MetaRefused, match="年度"):
            check_meta("year", bad)
    assert parse_meta("year", " 2024 ") == 2024 and parse_meta("year", 2024.0) == 2024
    assert parse_meta("year", "") is None
    with pytest.raises(MetaRefused):
        parse_meta("year", "二〇二四")


def test_dates() -> None:
    assert parse_date("2024/1/31") == "2024-01-31" == parse_date("２０２４年１月３１日") == parse_date("20240131")
    assert parse_date("  ") is None
    with pytest.raises(MetaRefused, match="发布日期"):
        parse_date("2024-02-30")
    assert parse_meta("published", dt.datetime(2024, 1, 31, 0, 0)) == "2024-01-31"
    assert check_meta("published", "2024-01-31") == "2024-01-31"
    with pytest.raises(MetaRefused):
        check_meta("published", "2024/1/31")  # stored dates are ISO


def test_every_boundary_uses_it() -> None:
    with pytest.raises(MetaRefused, match="基本信息项"):
        check_meta("colour", "red")
    doc = Document(Report.new(year=2024))
    with pytest.raises(ValueRefused, match="年度"):
        doc.apply(SetMeta("year", MAX_YEAR + 1))
    data = to_dict(Report.new(year=2024))
    data["meta"]["year"] = MIN_YEAR - 1
    with pytest.raises(ReportFileError, match="年度"):
        from_dict(data, "a.govreport")
