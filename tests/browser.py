"""A page in the system's headless Chromium: its DOM as the browser holds it, and the reader's checks (axe-core,
widths, headings, screenshots, print) run by ``tests/js/check_page.js``.

Chromium (Debian ``chromium``) and Node.js (Debian ``nodejs``, ``npm``) come from ``make test``, which also installs
axe-core and chrome-remote-interface from the npm registry into ``tests/js/node_modules`` (``npm ci`` from the
committed lock file; no browser is downloaded).  Outside CI a test skips when Chromium or Node.js is missing; on CI
(``CI`` set) a missing piece fails it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

JS = Path(__file__).resolve().parent / "js"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def _missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing on CI: `make test` installs it", pytrace=False)
    pytest.skip(f"{what} is not installed (`make test` installs it)")


def chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        _missing("chromium (Debian package 'chromium')")
    assert exe is not None
    return exe


def node() -> str:
    exe = shutil.which("node") or shutil.which("nodejs")
    if exe is None:
        _missing("Node.js (Debian packages 'nodejs' and 'npm')")
    assert exe is not None
    modules = JS / "node_modules"
    if not (modules / "axe-core").is_dir() or not (modules / "chrome-remote-interface").is_dir():
        npm = shutil.which("npm")
        if npm is None:
            _missing("npm (Debian package 'npm')")
        p = subprocess.run([str(npm), "ci", "--no-audit", "--no-fund"], cwd=JS, capture_output=True, text=True,
                           timeout=600)
        if p.returncode != 0:
            _missing(f"axe-core in tests/js/node_modules (npm ci failed: {p.stderr[-500:]})")
    return exe


def dump_dom(page: Path) -> str:
    """The page's DOM serialised by the browser: what 另存为网页 (the page as the browser holds it) writes."""
    with tempfile.TemporaryDirectory(prefix="govreport-chromium-") as profile:
        p = subprocess.run([chromium(), *FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
                           capture_output=True, timeout=180)
    dom = p.stdout.decode("utf-8")
    assert p.returncode == 0 and "</html>" in dom, p.stderr.decode("utf-8", "replace")[-2000:]
    return dom


def check_page(page: Path, out: Path) -> dict[str, Any]:
    """axe-core and the reader's measurements at 1366 px, 390 px and 200 % zoom; screenshots and the printed PDF in
    ``out``."""
    exe = node()
    browser = chromium()
    p = subprocess.run([exe, str(JS / "check_page.js"), str(page), str(out), browser], capture_output=True,
                       text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-3000:]
    return json.loads(p.stdout.strip().splitlines()[-1])
