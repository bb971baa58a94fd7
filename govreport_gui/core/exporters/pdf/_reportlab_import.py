"""Import reportlab's platypus without compiling a regular expression it never uses for us (~60 ms a process).

``reportlab.platypus.paragraph`` compiles, at import, ``uri_pat``: a case-insensitive pattern over the whole range
``\\xa1-\\uffff``, which Python's ``re`` takes about 60 ms to compile on the reference machine — a tenth of the
budget of ``govreport export --pdf``.  The pattern is only matched when reportlab's ``uriWasteReduce`` option is on
(off by default, never set here).  :func:`import_platypus` imports the module with that one pattern compiled on
first use instead; every other pattern, and the pattern itself once used, is exactly reportlab's.  If reportlab is
already imported, or its pattern changes, nothing is different from a plain import.
"""

from __future__ import annotations

import re
import sys
import threading
from typing import Any

_URI_PATTERN_START = "(^(?:[a-z0-9\\.\\-\\+]*)://)"
_lock = threading.Lock()


class LazyPattern:
    """A compiled pattern made on first use; attribute access goes to the real ``re.Pattern``."""

    def __init__(self, pattern: str, flags: int, compile_fn: Any) -> None:
        self._args = (pattern, flags)
        self._compile = compile_fn
        self._compiled: re.Pattern[str] | None = None

    def _real(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = self._compile(*self._args)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real(), name)


def import_platypus() -> None:
    """Import ``reportlab.platypus`` (and so its paragraph module), deferring the compile of ``uri_pat``."""
    if "reportlab.platypus.paragraph" in sys.modules:
        return
    with _lock:
        real_compile = re.compile

        def compile_deferring_uri(pattern: Any, flags: int = 0) -> Any:
            if isinstance(pattern, str) and pattern.startswith(_URI_PATTERN_START):
                return LazyPattern(pattern, flags, real_compile)
            return real_compile(pattern, flags)

        re.compile = compile_deferring_uri  # type: ignore[assignment]
        try:
            import reportlab.platypus  # noqa: F401
        finally:
            re.compile = real_compile  # type: ignore[assignment]
