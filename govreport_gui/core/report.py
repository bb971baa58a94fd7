"""The report being filled: meta, input values, prose, explanations and last year's baseline.

A :class:`Report` holds only inputs; derived totals are computed by :mod:`.compute` and cached on the report.
When the report keeps its applications register and it fills Table 三, those input cells are kept equal to the
register's count (:func:`.register.count.sync_report`), so every reader of ``values`` sees the derived figures.
``printed_totals`` holds totals as printed in an imported document, so that a disagreement with the parts is a
finding (rules H2–H4) and never silently corrected.  ``unchecked`` holds the values an import or carry-over filled
that the clerk has not yet checked (待核对: cell id → where the value came from) and ``import_log`` what the import
said (format 4): both are saved, so that the final check, ``validate`` and the review still see them after reopening.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .compute import compute_all
from .form import Form, load_form
from .meta_fields import META_KEYS
from .register.model import Register
from .values import Value

META_FIELDS = META_KEYS  # the keys of ``Report.meta``, declared in :mod:`.meta_fields`


@dataclass(frozen=True)
class ImportNote:
    """One line of the import log kept in the report: its level (``info``, ``mismatch``, …), the message, the cell
    it is about and where in the source."""

    level: str
    message: str
    cell: str = ""
    where: str = ""


@dataclass
class Baseline:
    """Last year's figures that this year's checks refer to (W1–W3)."""

    year: int | None = None
    cells: dict[str, Value] = field(default_factory=dict)


class CellValues(dict[str, Value]):
    """The report's input values: a dict that tells its report on every write, so the cached totals are never stale
    (callers used to have to call ``invalidate()`` after writing; forgetting it showed old totals)."""

    __slots__ = ("_changed",)

    def __init__(self, data: Any = (), changed: Callable[[], None] | None = None) -> None:
        super().__init__(data)
        self._changed = changed

    def _touch(self) -> None:
        changed = getattr(self, "_changed", None)  # unset while a pickle is being loaded
        if changed is not None:
            changed()

    def __setitem__(self, key: str, value: Value) -> None:
        super().__setitem__(key, value)
        self._touch()

    def __delitem__(self, key: str) -> None:
        super().__delitem__(key)
        self._touch()

    def __ior__(self, other: Any) -> CellValues:  # type: ignore[override,misc]
        super().__ior__(other)
        self._touch()
        return self

    def pop(self, key: str, *default: Any) -> Any:  # type: ignore[override]
        out = super().pop(key, *default)
        self._touch()
        return out

    def popitem(self) -> tuple[str, Value]:
        out = super().popitem()
        self._touch()
        return out

    def clear(self) -> None:
        super().clear()
        self._touch()

    def update(self, *args: Any, **kwargs: Value) -> None:  # type: ignore[override]
        super().update(*args, **kwargs)
        self._touch()

    def setdefault(self, key: str, default: Value = None) -> Value:
        out = super().setdefault(key, default)
        self._touch()
        return out


@dataclass
class Report:
    """One annual report; ``values`` maps input cell ids to values (absent = blank).

    Every write to ``values`` (or assigning a new mapping to it) drops the cached totals.
    """

    form: Form = field(default_factory=load_form)
    meta: dict[str, Any] = field(default_factory=dict)
    values: dict[str, Value] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    explanations: dict[str, str] = field(default_factory=dict)
    previous: Baseline | None = None
    printed_totals: dict[str, Value] = field(default_factory=dict)
    register: Register | None = None  # the applications register; when it fills Table 三, those cells follow it
    unchecked: dict[str, str] = field(default_factory=dict)  # 待核对: input cell id → where its value came from
    import_log: list[ImportNote] = field(default_factory=list)  # what the import that made the report said
    # Last year's prose by text key, for the copied-text rule (checks.copied_text): set by carry-over, the window's
    # comparison, ``compare`` and ``review --last``; never saved, and no part of the report's content.
    last_texts: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    # Read from a file that kept one explanation per rule (format 1 or 2): the first check gives each to the findings
    # of its rule (checks.run.check); never saved.
    explanations_by_rule: bool = field(default=False, repr=False, compare=False)
    _totals: dict[str, Value] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def new(cls, agency: str = "", year: int | None = None, form: Form | None = None) -> Report:
        f = form or load_form()
        meta: dict[str, Any] = {"agency": agency, "year": year}
        return cls(form=f, meta=meta)

    # --- values -------------------------------------------------------------------------------------------------
    def get(self, cell_id: str) -> Value:
        """The value of any cell: an input as entered, or a derived total."""
        if cell_id in self.form.totals:
            return self.totals()[cell_id]
        return self.values.get(cell_id)

    def totals(self) -> dict[str, Value]:
        if self._totals is None:
            self._totals = compute_all(self.form, self.values)
        return self._totals

    def invalidate(self) -> None:
        object.__setattr__(self, "_totals", None)

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "values":
            value = CellValues(value, self.invalidate)
            object.__setattr__(self, "_totals", None)
        object.__setattr__(self, name, value)

    def set_values(self, changes: Mapping[str, Value]) -> set[str]:
        """Write input values (``None`` = blank) and update the cached totals in place, for just the totals the
        changed cells reach (an edit of one cell stays cheap); returns the ids of totals whose value changed."""
        from .compute import recompute

        totals = self.totals()
        for cid, v in changes.items():
            if v is None:
                self.values.pop(cid, None)
            else:
                self.values[cid] = v
        changed = recompute(self.form, self.values, totals, changes)
        object.__setattr__(self, "_totals", totals)
        return changed

    # --- meta ---------------------------------------------------------------------------------------------------
    @property
    def agency(self) -> str:
        return str(self.meta.get("agency") or "")

    @property
    def year(self) -> int | None:
        y = self.meta.get("year")
        return y if isinstance(y, int) else None

    @property
    def title(self) -> str:
        """The title as set, or the customary one built from agency and year."""
        t = self.meta.get("title")
        if t:
            return str(t)
        return self.form.title_for(self.agency, self.year)

    def same_content(self, other: Report) -> bool:
        """True when both reports would be saved identically."""
        return (
            self.form.id == other.form.id and self.meta == other.meta and self.values == other.values
            and self.texts == other.texts and self.explanations == other.explanations
            and self.previous == other.previous and self.printed_totals == other.printed_totals
            and self.register == other.register and self.unchecked == other.unchecked
            and self.import_log == other.import_log
        )
