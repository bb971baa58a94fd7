"""The Report's totals cache can not go stale: every write to ``values`` (or a new mapping) clears it."""

from __future__ import annotations

import copy
import pickle

from govreport_gui.core.report import Report


def test_every_write_refreshes_the_totals() -> None:
    r = Report.new(year=2024)
    assert r.get("t3.new.total") is None
    r.values["t3.new.natural"] = 5
    assert r.get("t3.new.total") == 5
    r.values.update({"t3.new.business": 2})
    assert r.get("t3.new.total") == 7
    r.values.pop("t3.new.natural")
    assert r.get("t3.new.total") == 2
    del r.values["t3.new.business"]
    assert r.get("t3.new.total") is None
    r.values = {"t3.new.legal": 4}
    assert r.get("t3.new.total") == 4
    r.values.setdefault("t3.new.natural", 1)
    assert r.get("t3.new.total") == 5
    r.values.clear()
    assert r.get("t3.new.total") is None


def test_set_values_updates_in_place_and_says_what_changed() -> None:
    r = Report.new(year=2024)
    r.values["t3.new.natural"] = 1
    assert r.set_values({"t3.new.business": 2}) >= {"t3.new.total"}
    assert r.get("t3.new.total") == 3 and r.get("t3.total.total") is None
    assert r.set_values({"t3.new.business": 2}) == set()  # nothing changed


def test_copies_keep_the_behaviour() -> None:
    r = Report.new(year=2024)
    r.values["t3.new.natural"] = 1
    for other in (copy.deepcopy(r), pickle.loads(pickle.dumps(r))):
        assert other.get("t3.new.total") == 1
        other.values["t3.new.business"] = 2
        assert other.get("t3.new.total") == 3 and r.get("t3.new.total") == 1
