"""The JSON Schema of the ``.govreport`` file, generated from the form definition (``docs/govreport.schema.json``).

Other programs (a supervisor's scripts, a province's collection system) check files against it without reading the
form's TOML; ``docs/file-format.md`` explains it.  Regenerate after changing the form or the format::

    python -m govreport_gui.core.schema > docs/govreport.schema.json

(``tests/test_file_format_schema.py`` fails while the committed file differs, and checks every test file and
imported sample against it.)  The schema states what :mod:`.storage` writes and reads: only input cells in
``cells``, counts as integers, amounts in 万元 as decimal strings (or integers), no unknown key anywhere.

Each ``format_version`` after 1 adds what it adds in a function of :data:`VERSION_ADDITIONS` (e.g. version 2: the
applications register; version 3: explanations per finding; version 4: the values still to check, the import log,
a register line's own 序号 and unread values) that edits the schema built for the versions before;
``format_version`` then allows 1 … :data:`~.storage.FORMAT_VERSION`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from .form import CellSpec, Form, load_form
from .meta_fields import FIELDS, MAX_META_CHARS, MAX_YEAR, MIN_YEAR
from .storage import FORMAT, FORMAT_VERSION, MAX_TEXT_CHARS
from .values import MAX_COUNT, MAX_DECIMAL_DIGITS, MAX_DECIMAL_PLACES

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "https://govreport.invalid/schema/govreport.schema.json"  # a name, not a place to fetch from

Schema = dict[str, Any]
# format_version → what that version adds to the schema of the versions before it (none yet after version 1)
VERSION_ADDITIONS: dict[int, Callable[[Form, Schema], None]] = {}

DECIMAL_PATTERN = rf"^[0-9]{{1,{MAX_DECIMAL_DIGITS}}}(\.[0-9]{{1,{MAX_DECIMAL_PLACES}}})?$"


def _nullable(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


def value_definitions() -> Schema:
    """``$defs``: a count, or an amount in 万元 (a decimal string, or an integer); either may be null (blank)."""
    return {
        "count": _nullable({"type": "integer", "minimum": 0, "maximum": MAX_COUNT}),
        "amount": _nullable({"anyOf": [
            {"type": "string", "pattern": DECIMAL_PATTERN},
            {"type": "integer", "minimum": 0, "maximum": 10**MAX_DECIMAL_DIGITS - 1},
        ]}),
    }


def cell_value_schema(spec: CellSpec) -> Schema:
    """What a cell may hold in the file, titled with its label (and unit)."""
    unit = f"（{spec.unit}）" if spec.unit else ""
    kind = "count" if spec.kind == "count" else "amount"
    return {"title": f"{spec.label}{unit}", "$ref": f"#/$defs/{kind}"}


def _cells(form: Form, ids: list[str]) -> Schema:
    return {
        "type": "object",
        "properties": {cid: cell_value_schema(form.cells[cid]) for cid in ids},
        "additionalProperties": False,
    }


def _meta() -> Schema:
    text = _nullable({"type": "string", "maxLength": MAX_META_CHARS})
    kinds: dict[str, Schema] = {
        "agency": text,
        "title": text,
        "year": _nullable({"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR}),
        "published": _nullable({"type": "string", "anyOf": [{"const": ""}, {"format": "date",
                                                                          "pattern": r"^\d{4}-\d{2}-\d{2}$"}]}),
    }
    return {
        "type": "object",
        "properties": {key: {"title": field.label, **kinds[key]} for key, field in FIELDS.items()},
        "additionalProperties": False,
    }


def _strings(keys: dict[str, str]) -> Schema:
    return {
        "type": "object",
        "properties": {k: {"title": title, "type": "string", "maxLength": MAX_TEXT_CHARS} for k, title in keys.items()},
        "additionalProperties": False,
    }


def version_1(form: Form) -> Schema:
    """The schema of ``format_version`` 1 for ``form``."""
    all_cells = list(form.cells)
    inputs = [c for c in all_cells if not form.cells[c].derived]
    rules = {r["id"]: str(r.get("title", r["id"])) for r in form.rules}
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        "title": f"govreport 报告文件（.govreport）：{form.name}",
        "description": "UTF-8 JSON.  Only input cells are stored (totals are computed); a blank cell is absent; "
                       "amounts in 万元 are decimal strings.  See docs/file-format.md.",
        "type": "object",
        "required": ["format", "format_version", "form"],
        "properties": {
            "format": {"const": FORMAT},
            "format_version": {"type": "integer", "minimum": 1, "maximum": 1},
            "form": {"const": form.id, "title": form.name},
            "meta": {"title": "基本信息", **_meta()},
            "cells": {"title": "填报的单元格（不含合计）", **_cells(form, inputs)},
            "texts": {"title": "正文", **_strings(dict(form.text_keys))},
            "explanations": {"title": "对检查结果的说明（按规则）", **_strings(rules)},
            "previous": {
                "title": "上年数据（结转的核对依据）",
                "type": "object",
                "properties": {
                    "year": _nullable({"type": "integer"}),
                    "cells": _cells(form, all_cells),
                },
                "additionalProperties": False,
            },
            "printed_totals": {"title": "导入时原文印出的合计", **_cells(form, list(form.totals))},
        },
        "additionalProperties": False,
        "$defs": value_definitions(),
    }


def _version_2(form: Form, schema: Schema) -> None:
    """Version 2: the applications register (依申请公开台账), ``core.register.fileformat``."""
    from .register.fileformat import MAX_LINES
    from .register.model import MAX_CONSULTATION_DAYS, MAX_TEXT, register_spec

    spec = register_spec(form)
    date = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    text = {"type": "string", "maxLength": MAX_TEXT}
    line = {
        "type": "object",
        "required": ["received", "type"],
        "properties": {
            "received": {"title": "收到日期", **date},
            "type": {"title": "申请人类型", "enum": list(spec.types)},
            "applicant": {"title": "申请人（个人信息，可省略）", **text},
            "content": {"title": "申请内容", **text},
            "result": {"title": "办理结果（表三的一行）", "enum": list(spec.results)},
            "answered": {"title": "答复日期", **date},
            "extended": {"title": "延期", "type": "boolean"},
            "correction_asked": {"title": "补正告知日期", **date},
            "correction_received": {"title": "补正收到日期", **date},
            "consultation_days": {"title": "征求第三方意见天数", "type": "integer", "minimum": 0,
                                  "maximum": MAX_CONSULTATION_DAYS},
            "note": {"title": "备注", **text},
        },
        "additionalProperties": False,
    }
    schema["properties"]["register"] = {
        "title": "依申请公开台账（format_version 2 起）",
        "type": "object",
        "required": ["lines"],
        "properties": {
            "fills_table": {"title": "表三由台账统计", "type": "boolean"},
            "lines": {"type": "array", "maxItems": MAX_LINES, "items": line},
        },
        "additionalProperties": False,
    }


VERSION_ADDITIONS[2] = _version_2


def _version_3(form: Form, schema: Schema) -> None:
    """Version 3: explanations keyed by finding, ``rule|subject|left|right`` (``checks.confirmations``); a bare rule
    id is an explanation migrated from an older file that matched no warning."""
    rules = "|".join(re.escape(r["id"]) for r in form.rules)
    schema["properties"]["explanations"] = {
        "title": "对检查结果的说明（按检查结果：规则|所涉单元格或正文|两边的数值）",
        "type": "object",
        "propertyNames": {"pattern": f"^(?:{rules})(?:\\|.*)?$"},
        "additionalProperties": {"type": "string", "maxLength": MAX_TEXT_CHARS},
    }


VERSION_ADDITIONS[3] = _version_3


def _version_4(form: Form, schema: Schema) -> None:
    """Version 4: ``unchecked`` (待核对: input cell → where its value came from), ``import_log`` and, in a register
    line, ``seq`` (its 序号 in the office's workbook) and ``unread`` (by field, a value the import could not read)."""
    from .imported.record import LOG_LEVELS, MAX_LOG_ENTRIES
    from .register.fileformat import UNREAD_FIELDS
    from .register.model import MAX_SEQ, MAX_TEXT

    inputs = [c for c in form.cells if not form.cells[c].derived]
    where = {"type": "string", "maxLength": MAX_TEXT_CHARS}
    schema["properties"]["unchecked"] = {
        "title": "导入或从上年转入、尚未核对的数值（待核对）：填报格 → 来源",
        "type": "object",
        "properties": {c: {"title": form.cell_title(c), **where} for c in inputs},
        "additionalProperties": False,
    }
    schema["properties"]["import_log"] = {
        "title": "导入记录",
        "type": "array",
        "maxItems": MAX_LOG_ENTRIES,
        "items": {
            "type": "object",
            "required": ["level", "message"],
            "properties": {"level": {"enum": list(LOG_LEVELS)}, "message": where, "cell": where, "where": where},
            "additionalProperties": False,
        },
    }
    line = schema["properties"]["register"]["properties"]["lines"]["items"]["properties"]
    line["seq"] = {"title": "原台账中的序号", "type": "string", "maxLength": MAX_SEQ}
    line["unread"] = {
        "title": "导入时未能识别的值（按栏目，原文照录）",
        "type": "object",
        "properties": {f: {"type": "string", "maxLength": MAX_TEXT} for f in UNREAD_FIELDS},
        "additionalProperties": False,
    }


VERSION_ADDITIONS[4] = _version_4


def govreport_schema(form: Form | None = None) -> Schema:
    """The schema of every ``format_version`` this program reads (1 … FORMAT_VERSION) for ``form``."""
    form = form or load_form()
    schema = version_1(form)
    for version in range(2, FORMAT_VERSION + 1):
        VERSION_ADDITIONS[version](form, schema)
    schema["properties"]["format_version"]["maximum"] = FORMAT_VERSION
    return schema


def schema_text(form: Form | None = None) -> str:
    """The schema as the committed file holds it (stable key order, UTF-8, two-space indent)."""
    return json.dumps(govreport_schema(form), ensure_ascii=False, indent=2) + "\n"


def main() -> int:
    import sys

    sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    sys.stdout.write(schema_text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
