"""How much text a PDF would make pypdf extract, counted from the content streams before any extraction.

pypdf's text extraction costs about 0.15–0.35 ms for every string it is given to show, in pure Python: one page of
100,000 separately placed glyphs took 7–13 s and 190–290 MB, a page of 100,000 kerned glyphs in ``TJ`` arrays 33 s,
and 299 pages of 3,000 glyphs each 12–96 s before the old 300,000-character refusal came.  A real annual report shows
a few thousand glyphs in all (淮安市 2024: 3,100 over 7 pages).  So each page's content (and every form XObject it
draws, times the number of times it draws it) is decoded and its shown strings counted with one regular expression;
the file is refused as soon as the whole document is over :data:`MAX_SHOWN_STRINGS` or its decoded content over
:data:`MAX_CONTENT_BYTES`.  Counting a page costs about 1/100 of extracting it.
"""

from __future__ import annotations

import re
from typing import Any

from ..base import ImportRefused

MAX_SHOWN_STRINGS = 10_000  # strings handed to Tj/TJ/'/" (a TJ array counts each element): ≈ 3.5 s at worst
MAX_CONTENT_BYTES = 16 * 1024 * 1024  # decoded content streams of the whole document
MAX_XOBJECT_DEPTH = 4

# a literal string (escapes and one level of balanced parentheses) or a hex string
_STRING = re.compile(rb"\((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\)|<[0-9A-Fa-f\s]*>", re.S)
_DO = re.compile(rb"/([^\s/\[\]<>(){}%]+)\s+Do\b")


class Budget:
    """The running count over a document; :meth:`page` raises :class:`ImportRefused` once it is spent."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.strings = 0
        self.bytes = 0

    def page(self, page: Any) -> None:
        """Count ``page`` (a pypdf PageObject) into the budget."""
        contents = page.get_contents()
        data = contents.get_data() if contents is not None else b""
        self._count(data, page.get("/Resources"), 0)

    def _count(self, data: bytes, resources: Any, depth: int) -> None:
        self.bytes += len(data)
        if self.bytes > MAX_CONTENT_BYTES:
            raise ImportRefused(f"“{self.name}”的页面内容过大（超过{MAX_CONTENT_BYTES // (1024 * 1024)} MB），"
                                "不像一份年度报告，无法导入。")
        self.strings += sum(1 for _ in _STRING.finditer(data))
        self._check()
        uses = _DO.findall(data)
        if not uses or depth >= MAX_XOBJECT_DEPTH:
            return
        xobjects = _get(_get(resources, "/Resources") or resources, "/XObject")
        if xobjects is None:
            return
        for name in set(uses):
            xobj = _get(xobjects, "/" + name.decode("latin-1"))
            if xobj is None or _get(xobj, "/Subtype") != "/Form":
                continue
            before = self.strings
            self._count(xobj.get_data(), _get(xobj, "/Resources"), depth + 1)
            self.strings += (self.strings - before) * (uses.count(name) - 1)  # drawn again: extracted again
            self._check()

    def _check(self) -> None:
        if self.strings > MAX_SHOWN_STRINGS:
            raise ImportRefused(
                f"“{self.name}”的文字层过于密集或零碎（超过{MAX_SHOWN_STRINGS}段文字），不像一份年度报告，无法导入；"
                "请使用网页或Word版本。"
            )


def _get(obj: Any, key: str) -> Any:
    """``obj[key]`` resolved, or None (a missing key, a broken reference, not a dictionary)."""
    try:
        value = obj.get(key) if obj is not None else None
        return value.get_object() if value is not None else None
    except Exception:
        return None
