"""Last year's file of each report, remembered in the application's settings, keyed by the report's path.

The report file itself does not change (its format has no place for it): the settings hold one small JSON map,
report path → last year's file, the :data:`MAX_REMEMBERED` most recently set.  Paths are kept absolute and resolved,
so that a report opened through another path (a symbolic link, ``..``) finds its last year too.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..base.settings import app_settings

KEY = "compare/last_year_files"
MAX_REMEMBERED = 200


def normal(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):
        return str(Path(path).absolute())


def _load() -> dict[str, str]:
    raw = app_settings().value(KEY, "")
    try:
        data = json.loads(raw) if isinstance(raw, str) and raw else {}
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def last_year_file(report_path: str | None) -> str | None:
    """The last year's file remembered for the report at ``report_path`` (``None``: none, or unsaved report)."""
    if not report_path:
        return None
    return _load().get(normal(report_path))


def remember(report_path: str, last_path: str) -> None:
    """Remember ``last_path`` as the last year's file of the report at ``report_path`` (most recent last)."""
    data = _load()
    key = normal(report_path)
    data.pop(key, None)
    data[key] = normal(last_path)
    while len(data) > MAX_REMEMBERED:
        data.pop(next(iter(data)))
    app_settings().setValue(KEY, json.dumps(data, ensure_ascii=False))


def forget(report_path: str) -> None:
    data = _load()
    if data.pop(normal(report_path), None) is not None:
        app_settings().setValue(KEY, json.dumps(data, ensure_ascii=False))
