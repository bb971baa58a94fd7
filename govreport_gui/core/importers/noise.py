"""Text in a converted report that is not a finding: markup, header placeholders and page furniture.

A Markdown conversion of a published report (shuyang-2025-markdown, 166 log lines) listed 56 "未识别" entries, nearly
all "###", "(数据项目)", "类别" and "数据1"…"数据6": the converter's headings and the placeholder column names it
invents for a table without a header row.  Neither is text the clerk could act on.  :func:`is_noise` tells them (and
page numbers such as "第 3 页", "- 3 -", "3/12") from real words the reader did not recognise, which stay in the log.
"""

from __future__ import annotations

import re

_MARKUP = re.compile(r"^[\s#*|\-:>=_`~+.·…—–]*$")  # Markdown headings, rules, table pipes, emphasis, leaders
_PLACEHOLDER = re.compile(
    r"^[\s(（\[【]*(?:数据项目|数据|项目|类别|数量|列|栏|字段|column|col|field|unnamed:?)\s*_?\d*[\s)）\]】:：]*$",
    re.IGNORECASE,
)
_PAGE = re.compile(
    r"^[\s\-—–－]*(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页|\d+\s*/\s*\d+|page\s*\d+(?:\s*of\s*\d+)?|"
    r"\d+)[\s\-—–－]*$",
    re.IGNORECASE,
)


_LEADING_MARKUP = re.compile(r"^[\s#*>|]+")
_ENUMERATOR = re.compile(r"^[(（]?[一二三四五六七八九十\d]{1,3}[)）.．、]?$")  # "(六)" left of a Markdown heading


def is_noise(text: str) -> bool:
    """True for markup, a header placeholder or page furniture: nothing to report to the clerk."""
    t = text.strip()
    if not t or _MARKUP.match(t) or _PLACEHOLDER.match(t) or _PAGE.match(t):
        return True
    bare = _LEADING_MARKUP.sub("", t)
    return bare != t and (not bare or bool(_ENUMERATOR.match(bare) or _PLACEHOLDER.match(bare)))
