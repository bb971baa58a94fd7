"""Load a form definition (``resources/forms/<id>.toml``) into immutable specs.

A :class:`Form` knows its sections, tables, every value cell (input or derived) with its canonical id and grid
position, the totals that derive cells from others, and the raw rule definitions that :mod:`.rules` evaluates.
Nothing else in the code names a row of the form.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from typing import Any, Literal

from .paths import form_file

CellKind = Literal["count", "decimal"]


@dataclass(frozen=True)
class LabelCell:
    """A printed label of the grid (header or row label), with its span."""

    r: int
    c: int
    rs: int
    cs: int
    text: str
    head: bool
    wrap: str  # the text with the line breaks the official form uses in narrow headers


@dataclass(frozen=True)
class CellSpec:
    """One value cell of a table: an input the clerk fills, or a derived total."""

    id: str
    table: str
    row: str
    column: str
    r: int
    c: int
    cs: int
    kind: CellKind
    unit: str
    derived: bool
    label: str  # "<row label> / <column label>", for messages


@dataclass(frozen=True)
class Total:
    """A derived cell and the cells it sums; ``rule`` checks a printed value of it against its parts."""

    cell: str
    parts: tuple[str, ...]
    rule: str


@dataclass(frozen=True, eq=False)
class TableSpec:
    """A table: its grid size, labels, value rows and columns."""

    id: str
    title: str
    rows: int
    cols: int
    col_widths: tuple[int, ...]
    header_rows: int
    labels: tuple[LabelCell, ...]
    row_ids: tuple[str, ...]
    row_labels: dict[str, str]
    column_ids: tuple[str, ...]
    column_labels: dict[str, str]
    cells: tuple[str, ...]  # ids of every value cell, in grid order
    short: str = ""  # how messages name the table ("表三")
    sheet: str = ""  # the workbook's sheet name
    column_roles: dict[str, str] = field(default_factory=dict)  # role ("stock", "pending" …) → column id
    import_reader: str = "rows"  # how the importer reads a published table: "rows" (by row label) or "flat"
    import_report_unread: bool = True  # whether words in the table the importer did not understand are logged
    result_rows: tuple[str, ...] = ()  # value rows flagged ``result`` (Table 三's 办理结果 rows)

    def cell_id(self, row: str, column: str) -> str:
        return f"{self.id}.{row}.{column}"

    def row_title(self, row: str) -> str:
        """The row as messages name it: 表二“规章”."""
        return f"{self.short}“{self.row_labels[row]}”"

    def role_cell(self, row: str, role: str) -> str | None:
        """The id of ``row``'s cell in the column with ``role``, or ``None`` when the table has no such cell."""
        column = self.column_roles.get(role)
        return self.cell_id(row, column) if column is not None else None


@dataclass(frozen=True)
class Section:
    number: int
    heading: str
    kind: Literal["text", "table"]
    key: str  # text key or table id
    template: str
    short: str = ""  # the tab label (the heading unless the form gives a shorter one)


@dataclass(frozen=True, eq=False)
class Form:
    """The whole form definition (compared and hashed by identity: one instance per form id)."""

    id: str
    name: str
    title_pattern: str
    opening: str
    sections: tuple[Section, ...]
    text_keys: dict[str, str]
    tables: dict[str, TableSpec]
    cells: dict[str, CellSpec]
    totals: dict[str, Total]  # by derived cell id, in evaluation order
    rules: tuple[dict[str, Any], ...]
    inputs: tuple[str, ...] = field(default=())
    derived: tuple[str, ...] = field(default=())
    dependents: dict[str, tuple[str, ...]] = field(default_factory=dict)
    review: dict[str, Any] = field(default_factory=dict)  # the ``[review]`` block: key figures, sum tables
    preface_key: str = ""  # the text before section 一
    carry_pairs: tuple[tuple[str, str], ...] = ()  # (this year's cell, last year's cell it is carried from)
    register: dict[str, Any] = field(default_factory=dict)  # the ``[register]`` data: which table it counts, …
    assessment: dict[str, Any] = field(default_factory=dict)  # the ``[assessment]`` block: deadlines, points

    def table_of(self, cell_id: str) -> TableSpec:
        return self.tables[self.cells[cell_id].table]

    def cell_title(self, cell_id: str) -> str:
        """The cell as messages name it: 表三“一、本年新收政府信息公开申请数量 / 自然人”."""
        spec = self.cells[cell_id]
        return f"{self.tables[spec.table].short}“{spec.label}”"

    def rules_of_kind(self, kind: str) -> tuple[dict[str, Any], ...]:
        return tuple(r for r in self.rules if r["kind"] == kind)

    def rule_ids_of_kind(self, kind: str) -> frozenset[str]:
        return frozenset(r["id"] for r in self.rules_of_kind(kind))

    def rule(self, rule_id: str) -> dict[str, Any]:
        for r in self.rules:
            if r["id"] == rule_id:
                return r
        raise KeyError(rule_id)

    def title_for(self, agency: str, year: int | None) -> str:
        return self.title_pattern.format(agency=agency, year=year if year is not None else "")


def _labels(raw: list[dict[str, Any]]) -> tuple[LabelCell, ...]:
    return tuple(
        LabelCell(
            r=x["r"], c=x["c"], rs=x.get("rs", 1), cs=x.get("cs", 1), text=x["text"],
            head=x.get("head", False), wrap=x.get("wrap", x["text"]),
        )
        for x in raw
    )


def _table(raw: dict[str, Any]) -> tuple[TableSpec, list[CellSpec], list[Total]]:
    tid = raw["id"]
    columns = {c["id"]: c for c in raw["columns"]}
    cells: list[CellSpec] = []
    row_labels: dict[str, str] = {}
    derived_cols: set[str] = set()
    derived_rows: set[str] = set()
    for t in raw.get("totals", []):
        if t["kind"] == "row":
            derived_cols.add(t["column"])
        else:
            derived_rows.add(t["row"])
    for vr in raw["value_rows"]:
        row_labels[vr["id"]] = vr["label"]
        c = vr["c"]
        for col_id in vr.get("cols", list(columns)):
            col = columns[col_id]
            cs = col.get("cs", 1)
            cells.append(
                CellSpec(
                    id=f"{tid}.{vr['id']}.{col_id}", table=tid, row=vr["id"], column=col_id, r=vr["r"], c=c, cs=cs,
                    kind=col.get("kind", "count"), unit=col.get("unit", "件"),
                    derived=col_id in derived_cols or vr["id"] in derived_rows,
                    label=f"{vr['label']} / {col['label']}" if len(vr.get("cols", columns)) > 1 else vr["label"],
                )
            )
            c += cs
    by_id = {c.id: c for c in cells}
    totals: list[Total] = []
    result_rows = [vr["id"] for vr in raw["value_rows"] if vr.get("result")]
    for t in raw.get("totals", []):
        if t["kind"] == "row":
            for vr in raw["value_rows"]:
                target = f"{tid}.{vr['id']}.{t['column']}"
                if target in by_id:
                    parts = tuple(f"{tid}.{vr['id']}.{p}" for p in t["of"])
                    totals.append(Total(target, parts, t["rule"]))
        else:
            done = {x.cell for x in totals}
            for col_id in columns:
                target = f"{tid}.{t['row']}.{col_id}"
                if target in by_id and target not in done:
                    parts = tuple(f"{tid}.{r}.{col_id}" for r in result_rows)
                    totals.append(Total(target, parts, t["rule"]))
    # evaluation order: a total whose parts include another total comes after it
    derived_ids = {y.cell for y in totals}
    totals.sort(key=lambda x: any(p in derived_ids for p in x.parts))
    spec = TableSpec(
        id=tid, title=raw["title"], rows=raw["rows"], cols=raw["cols"], col_widths=tuple(raw["col_widths"]),
        header_rows=raw.get("header_rows", 0), labels=_labels(raw["labels"]),
        row_ids=tuple(vr["id"] for vr in raw["value_rows"]), row_labels=row_labels,
        column_ids=tuple(columns), column_labels={k: v["label"] for k, v in columns.items()},
        cells=tuple(c.id for c in sorted(cells, key=lambda x: (x.r, x.c))), result_rows=tuple(result_rows),
        short=raw.get("short", tid), sheet=raw.get("sheet", ""),
        column_roles={v["role"]: k for k, v in columns.items() if "role" in v},
        import_reader=raw.get("import_reader", "rows"), import_report_unread=raw.get("import_report_unread", True),
    )
    return spec, cells, totals


def parse_form(raw: dict[str, Any]) -> Form:
    """Build a :class:`Form` from the parsed TOML document."""
    tables: dict[str, TableSpec] = {}
    cells: dict[str, CellSpec] = {}
    totals: dict[str, Total] = {}
    for traw in raw["tables"]:
        spec, tcells, ttotals = _table(traw)
        tables[spec.id] = spec
        for c in sorted(tcells, key=lambda x: (x.r, x.c)):
            cells[c.id] = c
        for t in ttotals:
            totals[t.cell] = t
    sections = tuple(
        Section(
            number=s["number"], heading=s["heading"], kind=s["kind"],
            key=s.get("text") or s.get("table", ""), template=s.get("template", ""),
            short=s.get("short", s["heading"]),
        )
        for s in raw["sections"]
    )
    dependents: dict[str, list[str]] = {}
    for t in totals.values():
        for p in t.parts:
            dependents.setdefault(p, []).append(t.cell)
    # close transitively so an input lists every derived cell it reaches, in evaluation order
    order = list(totals)
    closed: dict[str, tuple[str, ...]] = {}
    for cid in cells:
        reach: set[str] = set()
        stack = list(dependents.get(cid, ()))
        while stack:
            d = stack.pop()
            if d not in reach:
                reach.add(d)
                stack.extend(dependents.get(d, ()))
        if reach:
            closed[cid] = tuple(d for d in order if d in reach)
    f = raw["form"]
    return Form(
        id=f["id"], name=f["name"], title_pattern=f["title_pattern"], opening=f["opening"], sections=sections,
        text_keys=dict(raw["texts"]), tables=tables, cells=cells, totals=totals, rules=tuple(raw["rules"]),
        inputs=tuple(c for c in cells if not cells[c].derived),
        derived=tuple(c for c in cells if cells[c].derived),
        dependents=closed, review=dict(raw.get("review", {})),
        preface_key=f.get("preface_text", ""),
        carry_pairs=_carry_pairs(raw.get("carry_over"), tables),
        register=dict(raw.get("register", {})), assessment=dict(raw.get("assessment", {})),
    )


def _carry_pairs(raw: dict[str, Any] | None, tables: dict[str, TableSpec]) -> tuple[tuple[str, str], ...]:
    """``[carry_over]``: every column's (to_row cell, from_row cell) of its table."""
    if not raw:
        return ()
    table = tables[raw["table"]]
    return tuple((table.cell_id(raw["to_row"], c), table.cell_id(raw["from_row"], c)) for c in table.column_ids)


def load_form(form_id: str = "2021") -> Form:
    """The form definition shipped with the package (one cached instance per form id: it is immutable)."""
    return _load_form(form_id)


@functools.cache
def _load_form(form_id: str) -> Form:
    if not form_id.isalnum():
        raise KeyError(form_id)
    ref = form_file(form_id)
    try:
        raw = tomllib.loads(ref.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KeyError(form_id) from None
    return parse_form(raw)
