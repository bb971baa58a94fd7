"""The register's data: one :class:`RegisterLine` per application, a :class:`Register` of them, and the
:class:`RegisterSpec` that ties it to the form.

A line is immutable (an edit replaces it), so that edits are data with exact inverses and a Qt table model can
address lines by index.  Applicant types are the input columns of the table the register counts and results are its
rows flagged ``result`` in the form file; a line stores their ids, never their labels.  序号 is a line's position + 1;
a line imported from an office's workbook also keeps the 序号 written there (``seq``) and every value that could not
be read (``unread``: field → the text as written), so that nothing read is lost and the findings can name it until
the clerk sets that field (:mod:`.problems`).
"""

from __future__ import annotations

import functools
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from ..form import Form, TableSpec
from ..values import Value

# The register's own columns (not the form's): field name and the header clerks know it by, in sheet order.
FIELDS: tuple[tuple[str, str], ...] = (
    ("received", "收到日期"),
    ("applicant_type", "申请人类型"),
    ("applicant", "申请人"),
    ("content", "申请内容"),
    ("result", "办理结果"),
    ("answered", "答复日期"),
    ("extended", "延期"),
    ("correction_asked", "补正告知日期"),
    ("correction_received", "补正收到日期"),
    ("consultation_days", "征求意见天数"),
    ("note", "备注"),
)
FIELD_LABELS = dict(FIELDS)
DATE_FIELDS = ("received", "answered", "correction_asked", "correction_received")
MAX_TEXT = 2000  # one line's text field; a register line is a sentence, not a document
MAX_CONSULTATION_DAYS = 366
MAX_SEQ = 40  # the 序号 as an office writes it ("2024-015", "依申请〔2024〕15号")


@dataclass(frozen=True)
class RegisterLine:
    """One application.  ``applicant_type`` is a column id, ``result`` a result row id (``None`` while open)."""

    received: date
    applicant_type: str | None = None
    applicant: str = ""
    content: str = ""
    result: str | None = None
    answered: date | None = None
    extended: bool = False
    correction_asked: date | None = None
    correction_received: date | None = None
    consultation_days: int = 0
    note: str = ""
    seq: str = ""  # the 序号 written in the office's register ("" when the line was not imported)
    unread: tuple[tuple[str, str], ...] = ()  # (field, text as written) for values the import could not read

    def unread_value(self, field_name: str) -> str | None:
        """The text written for ``field_name`` that could not be read, or ``None``."""
        return next((text for f, text in self.unread if f == field_name), None)

    def is_answered_by(self, day: date) -> bool:
        """True when the application was answered on or before ``day``."""
        return self.answered is not None and self.answered <= day


@dataclass
class Register:
    """The applications of one report; ``fills_table`` makes the counted table's input cells derived from it."""

    lines: list[RegisterLine] = field(default_factory=list)
    fills_table: bool = True

    def __len__(self) -> int:
        return len(self.lines)

    def has_names(self) -> bool:
        return any(line.applicant for line in self.lines)

    def without_names(self) -> Register:
        from dataclasses import replace

        return Register([replace(x, applicant="") if x.applicant else x for x in self.lines], self.fills_table)

    def copy(self) -> Register:
        return Register(list(self.lines), self.fills_table)


@dataclass(frozen=True, eq=False)
class RegisterSpec:
    """What the form says about the register: the counted table, its rows and columns, deadlines, short forms."""

    table: TableSpec
    new_row: str
    carried_in_row: str
    carried_out_row: str
    types: tuple[str, ...]  # applicant column ids (the table's input columns), in form order
    type_labels: dict[str, str]
    results: tuple[str, ...]  # result row ids, in form order
    result_labels: dict[str, str]
    answer_days: int
    extension_days: int
    due_soon_days: int
    result_aliases: dict[str, tuple[str, ...]]
    type_aliases: dict[str, tuple[str, ...]]

    def cell(self, row: str, column: str) -> str:
        return self.table.cell_id(row, column)

    def input_cells(self, form: Form) -> tuple[str, ...]:
        """The table's input cells: the ones the register fills."""
        return tuple(c for c in self.table.cells if not form.cells[c].derived)


def register_spec(form: Form) -> RegisterSpec:
    """The :class:`RegisterSpec` of ``form`` (cached per form); ``KeyError`` if the form has no register."""
    return _spec(form)


@functools.cache
def _spec(form: Form) -> RegisterSpec:
    raw: dict[str, Any] = form.register
    if not raw:
        raise KeyError("register")
    table = form.tables[raw["table"]]
    types = tuple(
        c for c in table.column_ids if not form.cells[table.cell_id(raw["new_row"], c)].derived
    )
    return RegisterSpec(
        table=table, new_row=raw["new_row"], carried_in_row=raw["carried_in_row"],
        carried_out_row=raw["carried_out_row"], types=types,
        type_labels={c: table.column_labels[c] for c in types}, results=table.result_rows,
        result_labels={r: table.row_labels[r] for r in table.result_rows},
        answer_days=int(raw["answer_working_days"]), extension_days=int(raw["extension_working_days"]),
        due_soon_days=int(raw["due_soon_working_days"]),
        result_aliases={k: tuple(v) for k, v in raw.get("result_aliases", {}).items()},
        type_aliases={k: tuple(v) for k, v in raw.get("type_aliases", {}).items()},
    )


class HoldsRegister(Protocol):
    """What the register's counting and edits need of a report (:class:`~govreport_gui.core.report.Report` is one):
    the register sits below the report, which names :class:`Register` for its field, so it never imports it."""

    form: Form
    values: MutableMapping[str, Value]
    register: Register | None

    @property
    def year(self) -> int | None: ...

    def invalidate(self) -> None: ...
