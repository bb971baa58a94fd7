"""Write ``requirements.lock``: every package the desktop build installs, pinned, with its sha256 (``make lock``).

The x86-64 desktop build (``make package``) installs from it with ``pip install --require-hashes``, so the folder
clerks get is made of exactly the files hashed here, whatever the index serves later.  Pins: the versions of the
tested environment (this virtual environment's ``pip freeze`` as constraints) for everything but Qt, whose version is
the build's (``PYSIDE_VERSION``, the last PySide6 with wheels for glibc 2.28).  The files are those for the build:
CPython 3.11 on manylinux x86-64, wheels only.  The arm64 build keeps installing by constraints (no lock).

    python packaging/lock.py [--pyside 6.9.3] > requirements.lock
"""

from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLATFORMS = ("manylinux_2_28_x86_64", "manylinux_2_27_x86_64", "manylinux_2_26_x86_64", "manylinux_2_17_x86_64",
             "manylinux2014_x86_64", "manylinux_2_5_x86_64", "manylinux1_x86_64", "linux_x86_64")
QT = re.compile(r"^(pyside6|shiboken6)", re.I)


def requirements(pyside: str) -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = [r for r in project["dependencies"] + project["optional-dependencies"]["package"] if not QT.match(r)]
    return [f"PySide6=={pyside}", *reqs]


def tested_versions() -> list[str]:
    freeze = subprocess.run([sys.executable, "-m", "pip", "freeze", "--exclude-editable"], capture_output=True,
                            text=True, check=True).stdout.split()
    return [line for line in freeze if "==" in line and not QT.match(line)]


def wheel_name(filename: str) -> tuple[str, str]:
    name, version = filename.split("-")[:2]
    return re.sub(r"[-_.]+", "-", name).lower(), version


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pyside", default="6.9.3")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "constraints.txt").write_text("\n".join(tested_versions()) + "\n", encoding="utf-8")
        (folder / "requirements.txt").write_text("\n".join(requirements(args.pyside)) + "\n", encoding="utf-8")
        platforms = [a for p in PLATFORMS for a in ("--platform", p)]
        subprocess.run([
            sys.executable, "-m", "pip", "download", "-q", "--only-binary=:all:", "--python-version", "3.11",
            "--implementation", "cp", "--abi", "cp311", "--abi", "abi3", "--abi", "none", *platforms,
            "-c", str(folder / "constraints.txt"), "-r", str(folder / "requirements.txt"), "-d", str(folder / "w"),
        ], check=True)
        lines = []
        for wheel in sorted((folder / "w").glob("*.whl"), key=lambda p: wheel_name(p.name)):
            name, version = wheel_name(wheel.name)
            digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
            lines.append(f"{name}=={version} \\\n    --hash=sha256:{digest}")
    print("# The desktop build's packages, pinned and hashed (CPython 3.11, Linux x86-64); make package installs")
    print("# them with pip install --require-hashes.  Regenerate with: make lock")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
