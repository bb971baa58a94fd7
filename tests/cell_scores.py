"""Score an import against the true values of its source: how many cells are right, blank and wrong.

A cell is right when the import holds the true value, blank when it holds nothing (the clerk is asked to look), and
wrong when it holds another number — the one outcome an import must never have.  Both the inputs and the printed
totals are scored; the expected files are those of the shared samples (``inputs`` and ``printed_totals``).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from common import SEED

from govreport_gui.core.importers.base import ImportResult
from govreport_gui.core.report import Report
from govreport_gui.core.storage import read_report


@dataclass
class Score:
    right: int = 0
    blank: int = 0
    wrong: dict[str, tuple[object, object]] = field(default_factory=dict)  # cell → (expected, imported)

    def __str__(self) -> str:
        return f"right {self.right}, blank {self.blank}, wrong {len(self.wrong)}"


def _value(v: object) -> object:
    return Decimal(v) if isinstance(v, str) else v


def load_expected(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def score(report: Report, expected: dict) -> Score:
    """Right, blank and wrong cells of ``report`` against the ``expected`` values (inputs and printed totals)."""
    out = Score()
    for got_from, want in ((report.values, expected["inputs"]), (report.printed_totals, expected["printed_totals"])):
        for cid, v in want.items():
            got = got_from.get(cid)
            if got is None:
                out.blank += 1
            elif got == _value(v):
                out.right += 1
            else:
                out.wrong[cid] = (v, got)
    # a number the source does not hold is invented: wrong as well (inputs only where the expected list is complete:
    # the samples' lists leave out cells their authors could not settle)
    pairs = [(report.printed_totals, expected["printed_totals"])]
    if expected.get("complete"):
        pairs.append((report.values, expected["inputs"]))
    for got_from, want in pairs:
        for cid, got in got_from.items():
            if cid not in want and got is not None:
                out.wrong[cid] = (None, got)
    return out


def expected_of(report: Report) -> dict:
    """The true values of a report we exported ourselves: its inputs, and its totals as printed (computed)."""
    inputs = {k: (str(v) if isinstance(v, Decimal) else v) for k, v in report.values.items() if v is not None}
    totals = {k: (str(v) if isinstance(v, Decimal) else v) for k, v in report.totals().items() if v is not None}
    return {"inputs": inputs, "printed_totals": totals, "complete": True}


def blanks_without_reason(result: ImportResult, expected: dict) -> list[str]:
    """The cells left blank that no line of the import log names (by the cell or by its row)."""
    named = [e.cell for e in result.log if e.cell and e.level in ("missing", "warning", "unread")]
    out = []
    for got_from, want in ((result.report.values, expected["inputs"]), (result.report.printed_totals,
                                                                         expected["printed_totals"])):
        for cid in want:
            if got_from.get(cid) is None and not any(cid == n or cid.startswith(n + ".") for n in named):
                out.append(cid)
    return out


def distinct_report(rng_seed: int, low: int, high: int) -> Report:
    """The seed report with every input its own figure (counts drawn from ``low``–``high``), so that a number read
    into the wrong cell, or a total not summed, cannot pass as right."""
    rng = random.Random(rng_seed)
    r = read_report(SEED)
    for cid in r.form.inputs:
        r.values[cid] = Decimal("24252.311082") if r.form.cells[cid].kind == "decimal" else rng.randint(low, high)
    r.invalidate()
    return r
