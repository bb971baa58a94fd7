"""Paths every test uses, defined once: the test data folder, the seed report, the shared real samples.

``conftest.py`` imports them for its fixtures; test modules import them from here (like ``fuzzing``).
"""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
SEED = DATA / "linping-2023.govreport"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
