"""Every table cell of two years side by side: last year's figure, this year's, and the change.

The change is said as the drafted paragraphs say it (:func:`..prose.change_against`: exact ``Decimal`` arithmetic,
the percentage of last year's figure to one decimal, rounded half up): 增加15件，增长18.8%; 减少0.5万元，下降20.0%;
持平.  Where last year's figure is 0 the percentage is left out (增加3件); where either figure is blank the change is
not computed and the cell counts as changed only if the other one is filled (blank is not 0).  Totals are compared
too (computed from each year's inputs), in the grid order of each table.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..prose import change_against
from ..report import Report
from ..values import Value, format_value


@dataclass(frozen=True)
class CellRow:
    """One cell of one table in both years."""

    cell: str
    table: str
    row_label: str
    column_label: str
    unit: str
    derived: bool
    last: Value
    this: Value

    @property
    def changed(self) -> bool:
        return self.last != self.this or (self.last is None) != (self.this is None)

    @property
    def diff(self) -> Value:
        """This year's figure less last year's (``None`` when either is blank)."""
        if self.last is None or self.this is None:
            return None
        return self.this - self.last

    @property
    def percent(self) -> str:
        """The change in per cent of last year's figure ("18.8%", "-20.0%"); "" where it is not computed."""
        change = change_against(self.this, self.last)
        if change is None:
            return ""
        sign, _diff, pct = change
        return f"{'-' if sign < 0 else ''}{format(pct, 'f')}%"

    @property
    def change_text(self) -> str:
        """The change in words: 增加15件，增长18.8% · 减少2件 · 持平 · 上年空白 · 本年空白."""
        if self.last is None and self.this is None:
            return ""
        if self.last is None:
            return "上年空白"
        if self.this is None:
            return "本年空白"
        diff = self.this - self.last
        if diff == 0:
            return "持平"
        word, pct_word = ("增加", "增长") if diff > 0 else ("减少", "下降")
        text = f"{word}{format_value(abs(diff))}{self.unit}"
        change = change_against(self.this, self.last)
        return f"{text}，{pct_word}{format(change[2], 'f')}%" if change is not None else text


def cell_rows(last: Report, this: Report) -> list[CellRow]:
    """Every value cell of every table, both years, in table and grid order."""
    form = this.form
    out = []
    for table in form.tables.values():
        for cid in table.cells:
            spec = form.cells[cid]
            out.append(CellRow(
                cid, table.id, table.row_labels.get(spec.row, spec.row), table.column_labels.get(spec.column, ""),
                spec.unit, spec.derived, last.get(cid), this.get(cid),
            ))
    return out
