"""govreport: fill in, check, save, export and print the 政府信息公开工作年度报告.

``govreport_gui.version()`` (and ``__version__``) is the program's version, read from ``pyproject.toml``'s
``version`` through the package metadata (:mod:`govreport_gui.package_version`).
"""

from __future__ import annotations

from typing import Any


def version() -> str:
    """The program's version (``"0.1.0"``); the one source for the command line, the window and the packages."""
    from .package_version import version as _version

    return _version()


def __getattr__(name: str) -> Any:  # ``__version__`` on demand: importing the package stays cheap
    if name == "__version__":
        return version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
