"""A virtual X display for the package tests: start Xvfb on a free display, and read the windows shown on it."""

from __future__ import annotations

import random
import subprocess
import time
from collections.abc import Sequence

import pytest


def reachable(display: str, prefix: Sequence[str], tries: int = 50) -> bool:
    """Whether an X client started with ``prefix`` reaches the display (tried for a few seconds)."""
    for _ in range(tries):
        res = subprocess.run([*prefix, "xwininfo", "-root", "-display", display], capture_output=True, check=False)
        if res.returncode == 0:
            return True
        time.sleep(0.1)
    return False


def window_titles(display: str) -> str:
    """The display's window tree as ``xwininfo`` prints it (titles included)."""
    return subprocess.run(["xwininfo", "-root", "-tree", "-display", display], capture_output=True, text=True,
                          check=False).stdout


def start_xvfb(screen: str = "1400x900x24") -> tuple[subprocess.Popen[bytes], str]:
    """An Xvfb on a free display that answers (a few displays tried: others may run Xvfb on this machine too), with
    one screen of ``screen`` (width x height x depth)."""
    for _ in range(5):
        display = f":{random.randint(200, 899)}"  # Xvfb exits at once where that display is taken
        xvfb = subprocess.Popen(["Xvfb", display, "-nolisten", "tcp", "-screen", "0", screen],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(50):
            if xvfb.poll() is not None:
                break
            if reachable(display, [], tries=1):
                return xvfb, display
            time.sleep(0.1)
        xvfb.terminate()
        xvfb.wait(timeout=30)
    pytest.fail("no Xvfb display could be started")
