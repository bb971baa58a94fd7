"""The built folder on an older Linux: it asks no newer glibc than UOS 20 / Kylin V10 have, and runs in a plain
Debian 11 (glibc 2.31) that has nothing but a minimal system and the OpenGL/EGL libraries.

Runs when ``GOVREPORT_OLD_ROOT`` names such a root (``packaging/compat/test-root.sh`` makes one; ``make
package-compat-test`` does both) and we are root (chroot).  ``GOVREPORT_MAX_GLIBC`` is the newest glibc the folder
may ask for (2.31 unless set).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIST = (ROOT / os.environ.get("GOVREPORT_DIST", "dist/govreport")).resolve()
SEED = ROOT / "tests" / "data" / "linping-2023.govreport"
OLD = Path(os.environ.get("GOVREPORT_OLD_ROOT", "")).resolve() if os.environ.get("GOVREPORT_OLD_ROOT") else None
MAX_GLIBC = tuple(int(x) for x in os.environ.get("GOVREPORT_MAX_GLIBC", "2.31").split("."))

pytestmark = [
    pytest.mark.skipif(OLD is None, reason="GOVREPORT_OLD_ROOT names no old system to run in"),
    pytest.mark.skipif(sys.platform != "linux" or os.geteuid() != 0, reason="needs Linux and root (chroot)"),
]

sys.path.insert(0, str(ROOT / "packaging" / "compat"))
import glibc_needed  # noqa: E402
from xdisplay import start_xvfb, window_titles  # noqa: E402


def test_folder_asks_no_newer_glibc_than_the_oldest_office_system():
    newest = glibc_needed.scan(DIST)
    version, asker = newest["GLIBC"]
    assert version <= MAX_GLIBC, f"{asker} needs glibc {'.'.join(map(str, version))}"
    # the C++ runtime travels with the folder when the system's may be older than Qt's
    cxx = newest.get("GLIBCXX")
    assert cxx is None or cxx[0] <= (3, 4, 28), f"{cxx[1]} needs GLIBCXX {cxx[0]} of the system"


def test_every_library_the_folder_links_to_is_inside_it_or_one_every_desktop_has():
    assert glibc_needed.unresolved(DIST) == {}


def in_old(*argv: str, **env: str) -> list[str]:
    """The command line that runs ARGV inside the old root with a bare environment and a fresh home."""
    assert OLD is not None
    base = {"HOME": "/tmp/home", "XDG_RUNTIME_DIR": "/tmp/home/run", "QT_QPA_PLATFORM": "offscreen"}
    pairs = [f"{k}={v}" for k, v in (base | env).items()]
    return ["bash", "-c", 'cd "$0" && source packaging/compat/common.sh && in_root "$@"', str(ROOT), str(OLD),
            *pairs, *argv]


@pytest.fixture(scope="module")
def installed() -> Iterator[Path]:
    """The folder copied into the old root as /opt/govreport, with the seed in /tmp/work."""
    assert OLD is not None
    app = OLD / "opt" / "govreport"
    work = OLD / "tmp" / "work"
    for p in (app, work, OLD / "tmp" / "home"):
        shutil.rmtree(p, ignore_errors=True)
    shutil.copytree(DIST, app, symlinks=True)
    work.mkdir(parents=True)
    (OLD / "tmp" / "home" / "run").mkdir(parents=True, mode=0o700)
    shutil.copyfile(SEED, work / SEED.name)
    yield work
    shutil.rmtree(app, ignore_errors=True)


def run_old(*argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(in_old(*argv, **env), capture_output=True, text=True, timeout=300, check=False)


def test_the_old_root_really_has_an_old_glibc(installed):
    res = run_old("ldd", "--version")
    assert res.returncode == 0 and "2.31" in res.stdout.splitlines()[0], res.stdout + res.stderr
    assert not (OLD / "usr" / "lib" / "python3.11").exists(), "the old root must have no Python 3.11"


def test_command_line_validates_and_exports_in_the_old_system(installed):
    seed = f"/tmp/work/{SEED.name}"
    res = run_old("/opt/govreport/govreport", "validate", seed)
    assert res.returncode == 0 and "2个警告" in res.stdout, res.stdout + res.stderr
    res = run_old("/opt/govreport/govreport", "export", seed, "--pdf", "/tmp/work/old.pdf", "--xlsx",
                  "/tmp/work/old.xlsx")
    assert res.returncode == 0 and "已导出PDF" in res.stdout, res.stdout + res.stderr
    pdf = installed / "old.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert "政府信息公开工作报告" in text.replace(" ", "").replace("\n", "")
    # the workbook reads back as the same report
    from govreport_gui.core import storage
    from govreport_gui.core.importers.dispatch import import_file

    again = import_file(installed / "old.xlsx").report
    assert again.values == storage.read_report(SEED).values


def _stop(proc: subprocess.Popen[str]) -> None:
    """End the wrapper shells and the program alike (their process group), if they have not ended already."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass


def test_window_starts_in_the_old_system_and_stays_up(installed):
    proc = subprocess.Popen(in_old("/opt/govreport/govreport-gui", f"/tmp/work/{SEED.name}"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        time.sleep(5)
        assert proc.poll() is None, proc.communicate()[1]
    finally:
        _stop(proc)
        _out, err = proc.communicate(timeout=30)
    assert "Traceback" not in err and "Could not load the Qt platform plugin" not in err, err
    assert "GLIBC" not in err, err


@pytest.mark.skipif(not (shutil.which("Xvfb") and shutil.which("xwininfo")), reason="Xvfb or xwininfo missing")
def test_window_appears_on_an_x_display_in_the_old_system(installed):
    """The xcb platform (what a clerk's desktop uses) loads with the old system's libraries: the window shows."""
    xvfb, display = start_xvfb()
    proc = None
    try:
        proc = subprocess.Popen(
            in_old("/opt/govreport/govreport-gui", f"/tmp/work/{SEED.name}", DISPLAY=display, QT_QPA_PLATFORM="xcb"),
            env=dict(os.environ, IN_ROOT_BINDS="/tmp/.X11-unix"), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, start_new_session=True)
        deadline = time.monotonic() + 90  # arm64 runs through qemu
        titles = ""
        while time.monotonic() < deadline and proc.poll() is None:
            titles = window_titles(display)
            if f"{SEED.name} — " in titles:
                break
            time.sleep(0.5)
        assert proc.poll() is None, proc.communicate()[1]
        assert f"{SEED.name} — " in titles
    finally:
        if proc is not None:
            _stop(proc)
            proc.communicate(timeout=30)
        xvfb.terminate()
        xvfb.wait(timeout=10)
