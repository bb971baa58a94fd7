"""Persistent settings (window geometry, recent files) through ``QSettings``.

The organisation is "govreport".  ``GOVREPORT_SETTINGS_DIR`` points the settings at an INI file in another folder;
tests and benchmarks set it so that they never touch the user's real settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from ...core.paths import settings_dir

ORGANISATION = "govreport"
APPLICATION = "govreport-gui"
MAX_RECENT = 8
_RECENT_KEY = "recent_files"


def app_settings() -> QSettings:
    """The application's settings store (an INI file under ``GOVREPORT_SETTINGS_DIR`` when that is set)."""
    folder = settings_dir()
    if folder is not None:
        return QSettings(str(folder / f"{APPLICATION}.ini"), QSettings.Format.IniFormat)
    return QSettings(ORGANISATION, APPLICATION)


def recent_files() -> list[str]:
    """Recently opened or saved files, most recent first."""
    raw = app_settings().value(_RECENT_KEY, [])
    if isinstance(raw, str):  # QSettings returns a lone string for a one-item list in INI files
        raw = [raw]
    return [str(p) for p in (raw or []) if p][:MAX_RECENT]


def add_recent_file(path: str) -> list[str]:
    """Put ``path`` at the top of the recent files; return the new list."""
    full = str(Path(path).resolve())
    files = [full] + [p for p in recent_files() if p != full]
    app_settings().setValue(_RECENT_KEY, files[:MAX_RECENT])
    return files[:MAX_RECENT]


def remove_recent_file(path: str) -> list[str]:
    files = [p for p in recent_files() if p != path]
    app_settings().setValue(_RECENT_KEY, files)
    return files
