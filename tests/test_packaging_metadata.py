"""Packaging hygiene that needs no network: a licence and its metadata, and a lock file that pins and hashes every
dependency the desktop build installs."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not (ROOT / "pyproject.toml").is_file(), reason="not a source tree")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_licence_and_metadata() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert project["license"] == {"text": "MIT"}
    assert "License :: OSI Approved :: MIT License" in project["classifiers"]
    assert any(c.startswith("Programming Language :: Python :: 3.11") for c in project["classifiers"])


def test_lock_pins_and_hashes_every_dependency_of_the_build() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    entries = re.findall(r"^([A-Za-z0-9_.-]+)==(\S+) \\\n((?:\s+--hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)", text, re.M)
    pinned = {canonical(name): version for name, version, _ in entries}
    requirement_lines = [line for line in text.splitlines() if line and not line.startswith(("#", " "))]
    assert len(entries) == len(requirement_lines)  # every requirement has its hashes
    wanted = project["dependencies"] + project["optional-dependencies"]["package"]
    for req in wanted:
        name = canonical(re.split(r"[<>=!~; \[]", req, maxsplit=1)[0])
        assert name in pinned, name
    build = (ROOT / "packaging" / "compat" / "build.sh").read_text(encoding="utf-8")
    pyside = re.search(r"amd64\) PYSIDE_VERSION=\$\{PYSIDE_VERSION:-([0-9.]+)\}", build)
    assert pyside and pinned["pyside6"] == pyside.group(1)  # the Qt the x86-64 build uses
    inside = (ROOT / "packaging" / "compat" / "inside.sh").read_text(encoding="utf-8")
    assert "--require-hashes" in inside and "requirements.lock" in inside
