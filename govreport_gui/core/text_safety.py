"""Lone surrogates (``"A\\ud800B"``): text that Python holds but UTF-8 cannot store.

A JSON escape such as ``\\ud800`` without its pair decodes to such a character; the report then read fine but every
save, the carry-over and the recovery copy failed with ``UnicodeEncodeError``.  Such text is stopped where it
enters: a ``.govreport`` file holding one is refused as damaged, an imported document has them replaced by U+FFFD
(and the import log says so), an edit carrying one is refused.  Outputs that quote other files' names (the review's
and the comparison's pages) go through :func:`html_text`, which shows a lone surrogate as U+FFFD.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

REPLACEMENT = "\ufffd"
_LONE = re.compile("[\ud800-\udfff]")  # a str never holds a valid pair as two code points
_NOT_IN_PAGES = "[^\t\n\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"  # controls, what XML forbids


MAX_TEXT_CHARS = 1_000_000  # one prose section; a long report is 50,000 characters.  Files with more are refused


def has_lone_surrogate(text: str) -> bool:
    return _LONE.search(text) is not None


def replace_lone_surrogates(text: str) -> tuple[str, int]:
    """``text`` with every lone surrogate replaced by U+FFFD, and how many there were."""
    return _LONE.subn(REPLACEMENT, text)


def html_text(text: object) -> str:
    """``text`` escaped for an HTML page, quotes too: a lone surrogate (a file name in a foreign encoding) shown as
    U+FFFD, control characters and what XML forbids dropped, so that the page is UTF-8 whatever a name held."""
    import html  # here, not at the top: html.entities costs every `govreport validate` a few milliseconds

    return html.escape(re.sub(_NOT_IN_PAGES, "", replace_lone_surrogates(str(text))[0]), quote=True)


def strings_in(obj: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """Every (place, string) in a decoded JSON document, keys included; ``place`` is a dotted path."""
    stack: list[tuple[str, Any]] = [(where, obj)]
    while stack:
        place, o = stack.pop()
        if isinstance(o, str):
            yield place, o
        elif isinstance(o, dict):
            for k, v in o.items():
                yield place, k
                stack.append((f"{place}.{k}" if place else str(k), v))
        elif isinstance(o, list):
            stack.extend((place, v) for v in o)


def first_lone_surrogate(obj: Any) -> str | None:
    """The place of the first string holding a lone surrogate in a JSON document, or ``None``."""
    for place, s in strings_in(obj):
        if has_lone_surrogate(s):
            return replace_lone_surrogates(place)[0] or "（顶层）"
    return None
