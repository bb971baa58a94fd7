"""Derived totals: computed in full once, then only the totals an edited cell reaches.

A total of cells that are all blank is blank; otherwise blanks count as 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .form import Form
from .values import Value


def sum_values(values: Iterable[Value]) -> Value:
    """Sum ignoring blanks; ``None`` when every part is blank."""
    total: Value = None
    for v in values:
        if v is None:
            continue
        total = v if total is None else total + v
    return total


def compute_all(form: Form, values: Mapping[str, Value]) -> dict[str, Value]:
    """Every derived cell of the form from the input ``values``."""
    out: dict[str, Value] = {}
    known = dict(values)  # the inputs, and each total once computed (ids of totals and inputs never meet)
    get = known.get
    for cell, total in form.totals.items():  # evaluation order; this runs after every edit, so it is kept tight
        parts = list(map(get, total.parts))
        if None in parts:  # some part blank: the others summed, or blank when all are
            parts = [v for v in parts if v is not None]
        acc: Value = sum(parts) if parts else None  # sum of ints, or Decimal(0) + … keeping the amounts' digits
        out[cell] = acc
        if acc is not None:
            known[cell] = acc
    return out


def recompute(form: Form, values: Mapping[str, Value], totals: dict[str, Value], edited: Iterable[str]) -> set[str]:
    """Update ``totals`` in place for the ``edited`` input cells; return the ids of totals whose value changed."""
    reached: set[str] = set()
    for cid in edited:
        reached.update(form.dependents.get(cid, ()))
    changed: set[str] = set()
    for cell in form.totals:  # evaluation order
        if cell not in reached:
            continue
        new = sum_values(totals[p] if p in form.totals else values.get(p) for p in form.totals[cell].parts)
        if new != totals.get(cell) or type(new) is not type(totals.get(cell)):
            changed.add(cell)
        totals[cell] = new
    return changed
