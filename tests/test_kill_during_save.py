"""SIGKILL in the middle of saving at random moments: the file is always the complete old or new report.

20 kills in the ordinary suite (about 2 s); 200 under the ``slow`` marker (``make test-long``).  ``GOVREPORT_KILLS``
sets the long run's count.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from govreport_gui.core.storage import read_report

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

WRITER = """
import sys
from govreport_gui.core.report import Report
from govreport_gui.core.storage import write_report
path = sys.argv[1]
reports = []
for mark in ("A", "B"):
    r = Report.new("某局", 2024)
    r.texts["overview"] = mark * 150_000
    r.values["t3.new.natural"] = ord(mark)
    reports.append(r)
i = 0
while True:
    write_report(reports[i % 2], path)
    if i == 0:
        print("ready", flush=True)
    i += 1
"""

KILLS = 20
LONG_KILLS = int(os.environ.get("GOVREPORT_KILLS", "200"))


def test_sigkill_during_save_never_leaves_a_partial_file(tmp_path: Path) -> None:
    kill_while_saving(tmp_path, KILLS)


@pytest.mark.slow
def test_sigkill_during_save_many_times(tmp_path: Path) -> None:
    kill_while_saving(tmp_path, LONG_KILLS)


def kill_while_saving(tmp_path: Path, kills: int) -> None:
    target = tmp_path / "r.govreport"
    rng = random.Random(20261126)
    seen = {"A": 0, "B": 0}
    for _ in range(kills):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0, 0.03))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        report = read_report(target)  # complete and valid, or this raises
        mark = report.texts["overview"][0]
        assert report.texts["overview"] == mark * 150_000 and report.values == {"t3.new.natural": ord(mark)}
        seen[mark] += 1
    assert seen["A"] and seen["B"], seen  # the kills landed at different moments
