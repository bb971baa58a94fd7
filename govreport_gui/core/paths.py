"""Where things are: the user's folders (data, settings, caches) and the resources shipped with the package.

Every folder the program reads or writes is named here, so that tests, benchmarks and the desktop build can point
them elsewhere by the same environment variables: ``GOVREPORT_DATA_DIR`` (recovery copies), ``GOVREPORT_CACHE_DIR``
(what can be thrown away: the font cache below it), ``GOVREPORT_SETTINGS_DIR`` (the window's settings as an INI file
instead of the platform's own store) and ``GOVREPORT_FONT_CACHE`` (the font cache's folder; empty turns it off).
Package resources (form definitions, icons, bundled fonts) are found through :mod:`importlib.resources`, the same way
in a source tree, an installed wheel and the frozen build.
"""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

APP_FOLDER = "govreport"


def user_data_dir() -> Path:
    """The per-user data folder (``GOVREPORT_DATA_DIR`` overrides it, e.g. for tests)."""
    override = os.environ.get("GOVREPORT_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / APP_FOLDER
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_FOLDER
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / APP_FOLDER


def recovery_dir() -> Path:
    """The folder of recovery copies of modified reports."""
    return user_data_dir() / "recovery"


def user_cache_dir() -> Path:
    """The per-user cache folder: ``$XDG_CACHE_HOME/govreport`` (``~/.cache/govreport``) on Linux,
    ``%LOCALAPPDATA%\\govreport\\cache`` on Windows, ``~/Library/Caches/govreport`` on macOS
    (``GOVREPORT_CACHE_DIR`` overrides it)."""
    override = os.environ.get("GOVREPORT_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / APP_FOLDER / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / APP_FOLDER
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / APP_FOLDER


def font_cache_dir() -> Path | None:
    """The folder of cached font data, or ``None`` when the cache is off (``GOVREPORT_FONT_CACHE=""``)."""
    override = os.environ.get("GOVREPORT_FONT_CACHE")
    if override is not None:
        return Path(override) if override else None
    return user_cache_dir() / "fonts"


def old_font_cache_dir() -> Path:
    """Where versions up to 0.1 kept the font cache (in the data folder); removed when the cache is next written."""
    return user_data_dir() / "font-cache"


def settings_dir() -> Path | None:
    """The folder of the settings INI file when ``GOVREPORT_SETTINGS_DIR`` is set; ``None``: the platform's store."""
    folder = os.environ.get("GOVREPORT_SETTINGS_DIR")
    return Path(folder) if folder else None


def resource_dir() -> Path:
    """The package's ``resources`` folder (forms, icons, fonts)."""
    return Path(str(resources.files("govreport_gui"))) / "resources"


def form_file(form_id: str) -> Path:
    """The definition of form ``form_id`` (``resources/forms/<id>.toml``; it may not exist)."""
    return resource_dir() / "forms" / f"{form_id}.toml"


def icon_file(name: str) -> Path:
    """An icon shipped with the package (``resources/icons/<name>``; it may not exist)."""
    return resource_dir() / "icons" / name


def package_font_dir() -> Path:
    """The CJK fonts the desktop build ships (``resources/fonts``; none in a source tree)."""
    return resource_dir() / "fonts"
