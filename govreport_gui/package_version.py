"""The program's version, from one source: ``version`` in ``pyproject.toml``.

An installed package (wheel, editable install) reads it from its metadata with :mod:`importlib.metadata`; a source
tree that was never installed reads ``pyproject.toml`` beside the package; the desktop build carries the package's
metadata (``packaging/govreport.spec`` copies it), so the same call answers there.  The command line's
``--version``, the window's 关于 and the .deb's ``Version`` all come from here.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

DISTRIBUTION = "govreport"
UNKNOWN = "0+unknown"


@cache
def version() -> str:
    """The version string, e.g. ``"0.1.0"`` (``"0+unknown"`` only if neither metadata nor pyproject is found)."""
    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    try:  # a source checkout: its pyproject is the truth even when an older install's metadata is on the path
        project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
        if project.get("name") == DISTRIBUTION and project.get("version"):
            return str(project["version"])
    except (OSError, ValueError):
        pass
    from importlib import metadata  # only here: importing it costs a command 12 ms at every start

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return UNKNOWN
