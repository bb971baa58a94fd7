"""The first window fits the screens clerks have: under Xvfb at 1366×768, 1280×720 and 1920×1080 (at 100 % and at
150 % scaling) the window's frame lies within the screen and every tab (基本信息, the six sections and 台账) shows
without scroll arrows.

The application runs in a subprocess on its own Xvfb display (``tests/package/xdisplay.py``); the child reports Qt's
view of the geometry and saves a screenshot, and ``xwininfo`` reads the window's geometry from the X server.  Xvfb is
installed by ``make test``: where it is missing the test is skipped, except under CI (``CI=true``), where it fails.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "package"))
from xdisplay import start_xvfb

ROOT = Path(__file__).resolve().parents[2]
CHILD = r"""
import json, subprocess, sys
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from govreport_gui.ui.app import create_application, create_window
app = create_application(["govreport-gui"])
w = create_window(None)
w.show()
def report():
    screen = w.screen()
    bar = w.tabs.tabBar()
    last = bar.tabRect(bar.count() - 1)
    status, button = w.statusBar(), w.findings_dock.confirm_button
    out = {"frame": w.frameGeometry().getRect(), "available": screen.availableGeometry().getRect(),
           "screen": screen.geometry().getRect(), "ratio": screen.devicePixelRatio(),
           "tabs_fit": last.right() <= bar.width(),
           "status": status.mapTo(w, status.rect().bottomRight()).toTuple(),
           "dock_button": button.mapTo(w, button.rect().bottomRight()).toTuple(), "size": w.size().toTuple()}
    out["xwininfo"] = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True).stdout
    screen.grabWindow(0).save(sys.argv[1])
    print("GEOMETRY " + json.dumps(out), flush=True)
    app.quit()
QTimer.singleShot(1500, report)
app.exec()
"""

CASES = [("1366x768x24", "1"), ("1280x720x24", "1"), ("1920x1080x24", "1"), ("1920x1080x24", "1.5")]


def _need_xvfb() -> None:
    if shutil.which("Xvfb") and shutil.which("xwininfo"):
        return
    if os.environ.get("CI") == "true":
        pytest.fail("Xvfb and xwininfo are needed (make test installs them)")
    pytest.skip("Xvfb or xwininfo is not installed (make test installs them)")


@pytest.mark.parametrize(("screen", "scale"), CASES)
def test_first_window_lies_within_the_screen(screen: str, scale: str, tmp_path: Path) -> None:
    _need_xvfb()
    xvfb, display = start_xvfb(screen)
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", QT_SCALE_FACTOR=scale, PYTHONPATH=str(ROOT),
                   GOVREPORT_SETTINGS_DIR=str(tmp_path / "settings"), GOVREPORT_DATA_DIR=str(tmp_path / "data"))
        shot = tmp_path / f"window-{screen}-{scale}.png"
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(shot)], env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
        try:
            out, err = child.communicate(timeout=60)
        finally:
            if child.poll() is None:
                child.kill()
        line = next((x for x in out.splitlines() if x.startswith("GEOMETRY ")), None)
        assert line is not None, err[-2000:]
        g = json.loads(line.split(" ", 1)[1])
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=30)
    ax, ay, aw, ah = g["available"]
    fx, fy, fw, fh = g["frame"]
    assert ax <= fx and ay <= fy and fx + fw <= ax + aw and fy + fh <= ay + ah, g
    assert g["status"][1] <= g["size"][1] and g["dock_button"][0] <= g["size"][0], g  # visible inside the window
    assert g["tabs_fit"], g  # the last tab (六) is shown, not behind scroll arrows
    assert shot.is_file() and shot.stat().st_size > 0
    width, height = (int(v) for v in screen.split("x")[:2])
    seen = re.findall(r'\("govreport-gui" "govreport-gui"\)\s+(\d+)x(\d+)\+(-?\d+)\+(-?\d+)', g["xwininfo"])
    assert seen, g["xwininfo"]
    for w, h, x, y in ((int(v) for v in m) for m in seen):  # as the X server has it, in device pixels
        assert x >= 0 and y >= 0 and x + w <= width and y + h <= height, (w, h, x, y)
