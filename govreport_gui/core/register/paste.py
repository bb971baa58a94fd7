"""A block pasted from Excel (tab-separated text) into register lines: which lines change and which are added.

The block's columns land on the grid's columns from the one pasted into (``fields``: the line field of each, or
``None`` for a computed column such as 序号, skipped); its rows land on the given existing lines, and rows past them
become new lines, which need a 收到日期.  Every value is read as typing it would be
(:func:`~govreport_gui.core.register.fields.with_field`); one bad value refuses the whole paste with its place
named, so a paste is all or nothing.  A first row that repeats the register's headers (copied with the data) is
skipped.  Pure data: the window turns the plan into one undo step.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..form import Form
from ..tsv import split_block
from ..values import ValueRefused
from .fields import with_field
from .model import FIELD_LABELS, RegisterLine

MAX_PASTE_LINES = 30_000  # like the Excel import's row limit


@dataclass
class RegisterPaste:
    """Lines replaced (index → new line) and lines to append after the last existing one."""

    changed: dict[int, RegisterLine]
    added: list[RegisterLine]


def plan_register_paste(form: Form, lines: list[RegisterLine], targets: list[int], fields: list[str | None],
                        text: str) -> RegisterPaste:
    """Plan pasting ``text`` whose rows go to the lines ``targets`` (in order), then to new lines.

    ``fields`` names the field under each pasted column (extra pasted columns past it are refused).  Raises
    :class:`ValueRefused` (Chinese, naming the row and column of the block) when any value cannot be read.
    """
    block = [row for row in split_block(text) if any(c.strip() for c in row)]
    if block and _is_header(block[0]):
        block = block[1:]
    if not block:
        raise ValueRefused("剪贴板中没有可粘贴的内容。")
    if len(block) > MAX_PASTE_LINES:
        raise ValueRefused(f"一次最多粘贴{MAX_PASTE_LINES}行，剪贴板中有{len(block)}行。")
    width = max(len(r) for r in block)
    if width > len(fields):
        raise ValueRefused(f"粘贴的内容有{width}列，超出了台账的范围（从所选列起只有{len(fields)}列）。")
    changed: dict[int, RegisterLine] = {}
    added: list[RegisterLine] = []
    for k, row in enumerate(block):
        pairs = [(f, row[c]) for c, f in enumerate(fields[:len(row)]) if f is not None]
        pairs.sort(key=lambda p: p[0] != "received")  # the receipt date first: the others are checked against it
        if k < len(targets):
            line = lines[targets[k]]
        else:
            received = next((t for f, t in pairs if f == "received" and t.strip()), "")
            if not received:
                raise ValueRefused(f"粘贴的第{k + 1}行将成为新的台账行，但缺少{FIELD_LABELS['received']}。")
            line = RegisterLine(date(2000, 1, 1))
        for f, t in pairs:
            try:
                line = with_field(form, line, f, t)
            except ValueRefused as exc:
                raise ValueRefused(f"粘贴的第{k + 1}行“{FIELD_LABELS[f]}”：{exc}") from None
        if k < len(targets):
            if line != lines[targets[k]]:
                changed[targets[k]] = line
        else:
            added.append(line)
    return RegisterPaste(changed, added)


def _is_header(row: list[str]) -> bool:
    labels = set(FIELD_LABELS.values()) | {"序号"}
    return sum(1 for c in row if c.strip() in labels) >= max(1, len([c for c in row if c.strip()]) // 2)
