"""Tables printed after the prose: a workbook printed to PDF, whose first sheet says "见工作表…" under each heading.

Our workbook (and reports laid out like it) prints the six headings with the prose first, a pointer under each table
heading, and the tables on later pages under their headings again.  Read from the first headings, each table's
region is the pointer line, and nothing was imported (0 of 166 cells from our workbook printed by LibreOffice).
When a table's region holds fewer than two of its labels or no digit at all, its heading is looked for again after
the last heading found, and the table is read there (200 of 200 numbers from that PDF).
"""

from __future__ import annotations

from ..form import Form
from .labels import table_regex
from .sections import Heading, find_headings

MIN_LABELS = 2  # a table region with fewer of its row labels is a pointer, not the table


def _labels_in(form: Form, table_id: str, norm: str, start: int, end: int) -> int:
    seen = set()
    for i, m in enumerate(table_regex(form, table_id).finditer(norm, start, end)):
        if i > 200:
            break
        if (m.lastgroup or "").startswith("L"):
            seen.add(m.lastgroup)
    return len(seen)


def tables_printed_later(form: Form, norm: str, headings: dict[int, Heading],
                         regions: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    """New regions for the tables whose region under the first headings holds no table (see the module)."""
    empty = [key for key, (a, b) in regions.items()
             if _labels_in(form, key, norm, a, b) < MIN_LABELS or not any(ch.isdigit() for ch in norm[a:b])]
    if not empty or not headings:
        return {}
    tail = max(h.end for h in headings.values())
    later = sorted((h for h in find_headings(form, norm[tail:])), key=lambda h: h.start)
    out: dict[str, tuple[int, int]] = {}
    by_number = {sec.number: sec.key for sec in form.sections if sec.kind == "table"}
    for i, h in enumerate(later):
        key = by_number.get(h.number)
        if key not in empty:
            continue
        start = tail + h.end
        end = tail + later[i + 1].start if i + 1 < len(later) else len(norm)
        if _labels_in(form, key, norm, start, end) >= MIN_LABELS and any(ch.isdigit() for ch in norm[start:end]):
            out[key] = (start, end)
    return out
