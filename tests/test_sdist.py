"""The source distribution holds what a packager needs: the package and its resources, the licence, the tests and
their data, the documents; and the suite runs from it unpacked (a part of it here, for time)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SKIP = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
                              ".ruff_cache", ".hypothesis", "out", "node_modules")


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (ROOT / "pyproject.toml").is_file():
        pytest.skip("not a source tree")
    pytest.importorskip("setuptools")
    base = tmp_path_factory.mktemp("sdist")
    tree = base / "tree"
    shutil.copytree(ROOT, tree, ignore=SKIP)  # build from a copy: the build writes govreport.egg-info beside it
    out = base / "out"
    code = "import sys; from setuptools import build_meta as b; print(b.build_sdist(sys.argv[1]))"
    p = subprocess.run([sys.executable, "-c", code, str(out)], cwd=tree, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-2000:]
    return out / p.stdout.strip().splitlines()[-1]


def test_sdist_holds_tests_data_docs_and_licence(sdist: Path) -> None:
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    tracked = subprocess.run(["git", "ls-files", "tests", "docs"], cwd=ROOT, capture_output=True, text=True)
    expected = set(tracked.stdout.split()) if tracked.returncode == 0 and tracked.stdout else set()
    expected |= {"LICENSE", "README.md", "pyproject.toml", "MANIFEST.in", "requirements.lock", "Makefile",
                 "tests/conftest.py", "tests/common.py", "docs/file-format.md", "docs/govreport.schema.json",
                 "govreport_gui/resources/forms/2021.toml"}
    expected |= {str(p.relative_to(ROOT)) for p in (ROOT / "tests" / "data").iterdir() if p.is_file()}
    assert sorted(expected - names) == []
    assert not any("__pycache__" in n or n.endswith(".pyc") for n in names)
    with tarfile.open(sdist) as tar:
        pkg_info = tar.extractfile(next(m for m in tar.getmembers() if m.name.endswith("/PKG-INFO")))
        assert pkg_info is not None
        meta = pkg_info.read().decode("utf-8")
    assert "License :: OSI Approved :: MIT License" in meta and "License-File: LICENSE" in meta


def test_suite_runs_from_the_unpacked_sdist(sdist: Path, tmp_path: Path) -> None:
    with tarfile.open(sdist) as tar:
        tar.extractall(tmp_path, filter="data")
    tree = next(tmp_path.iterdir())
    env = {**os.environ, "PYTHONPATH": str(tree), "QT_QPA_PLATFORM": "offscreen"}
    tests = ["tests/test_values.py", "tests/test_storage.py", "tests/test_cli.py", "tests/test_file_format_schema.py"]
    p = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests], cwd=tree, env=env,
                       capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stdout[-3000:]
    assert " passed" in p.stdout and "error" not in p.stdout.splitlines()[-1]
