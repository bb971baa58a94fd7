"""Numbers in a table's text that are never counts: years, dates, page numbers and item numbers.

A PDF→text conversion leaves running heads, dates and page numbers between the rows of a table ("2024年",
"2025-12-31", "第 3 页", "- 4 -", "5/12").  Read as tokens they shift every number after them into the wrong cell, so
they are blanked out (replaced by spaces of the same length, so every offset still points into the source) before a
table's numbers are read, and the import log names each one.  What is masked: a year 19xx/20xx followed by 年 (also
across a cell or line break), a date (年月日 or with - / . between), 第N页 / 共N页, and a cell that is only "- N -"
or "N/M".  A count next to 年 cannot be told from a year only for 1900–2099, which no row of these tables reaches
next to 年.  An item number ("2.", "2、") opening a cell is the next label's, split from it by a conversion that
printed the label column apart (a Markdown paste read "2、" as a count of （二）部分公开): it is masked too.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .base import ImportResult

_SEP = r"[ \t\n\ue000|]*"
# an item number ("2.", "2、", "2 .") opening a cell, alone or before words: the next label's, split from it
ITEM = r"(?:(?<=[\t\n])|^)[ ]*\d{1,2}[ ]*[.、](?=[ ]*(?:[\t\n]|$|[^\d\s\ue000.,、/|-]))"
_ITEM_RE = re.compile(ITEM)
NOT_COUNT_RE = re.compile(
    r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"  # a date
    r"|(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月"  # a month
    rf"|(?:19|20)\d{{2}}{_SEP}年"  # a year
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|共\s*\d{1,4}\s*页"  # a page
    r"|(?:(?<=[\t\n])|^)[ ]*(?:[-—–]\s*\d{1,4}\s*[-—–]|\d{1,4}\s*/\s*\d{1,4})[ ]*(?=[\t\n]|$)"  # a page, a cell alone
    rf"|{ITEM}",
    re.MULTILINE,
)


def mask_not_counts(text: str, start: int, end: int) -> tuple[str, list[tuple[int, str]]]:
    """``text`` with the years, dates, page and item numbers of ``[start, end)`` blanked; what was blanked (offset,
    text)."""
    found: list[tuple[int, str]] = []
    parts: list[str] = [text[:start]]
    pos = start
    for m in NOT_COUNT_RE.finditer(text, start, end):
        parts.append(text[pos:m.start()])
        parts.append(re.sub(r"[^\t\n]", " ", m.group(0)))  # the cell and line breaks stay where they were
        found.append((m.start(), re.sub(r"\s+", " ", m.group(0)).strip()))
        pos = m.end()
    parts.append(text[pos:])
    return "".join(parts), found


def log_not_counts(found: list[tuple[int, str]], where: Callable[[int], str], res: ImportResult) -> None:
    """Say in the import log which numbers were left out as a year, date or page number (at most 20 lines)."""
    for off, text in found[:20]:
        what = "序号" if _ITEM_RE.fullmatch(text) else "年份、日期或页码"
        res.add("info", f"表格中的“{text[:30]}”是{what}，不作为件数读取。", "", where(off))
    if len(found) > 20:
        res.add("info", f"另有{len(found) - 20}处年份、日期或页码不作为件数读取。")
