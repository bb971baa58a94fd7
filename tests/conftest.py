"""Shared fixtures: the form, the seed report, paths to the shared samples."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never touch the user's own data folder (recovery copies) or settings from a test run.
os.environ.setdefault("GOVREPORT_DATA_DIR", tempfile.mkdtemp(prefix="govreport-test-data-"))
os.environ.setdefault("GOVREPORT_CACHE_DIR", tempfile.mkdtemp(prefix="govreport-test-cache-"))
# Exported PDFs carry this moment instead of the time of export, so that two renders are byte-identical.
os.environ.setdefault("SOURCE_DATE_EPOCH", "1735689600")
os.environ.setdefault("GOVREPORT_SETTINGS_DIR", tempfile.mkdtemp(prefix="govreport-test-settings-"))

from common import DATA, SEED, SHARED  # noqa: F401  (re-exported for fixtures)

from govreport_gui.core.form import Form, load_form
from govreport_gui.core.report import Report
from govreport_gui.core.storage import read_report


@pytest.fixture(scope="session")
def form() -> Form:
    return load_form()


@pytest.fixture
def seed() -> Report:
    return read_report(SEED)


@pytest.fixture
def seed_path() -> Path:
    return SEED
