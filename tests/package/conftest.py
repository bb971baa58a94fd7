"""The built application's smoke test runs only when ``GOVREPORT_DIST`` names the built folder (``make package-test``).

Plain ``pytest`` and ``make test`` collect nothing here: the desktop build takes minutes and is not part of the
ordinary suite.
"""

from __future__ import annotations

import os

if not os.environ.get("GOVREPORT_DIST"):
    collect_ignore_glob = ["test_*.py"]
