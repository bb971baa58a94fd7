"""The newest glibc (and libstdc++) symbol versions that a built folder asks of the system it runs on.

    python3 packaging/compat/glibc_needed.py dist/govreport          -> "2.28"
    python3 packaging/compat/glibc_needed.py --detail dist/govreport -> every library and its newest need

A library the folder carries itself (libstdc++, for example) is no need of the system; its versions are left out.
Reads ``objdump -p`` (binutils).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

_NEED = re.compile(r"^\s+required from (\S+):\s*$|^\s+0x[0-9a-f]+ 0x[0-9a-f]+ \d+ (\S+)\s*$")
_VERSION = re.compile(r"^(GLIBC|GLIBCXX|CXXABI)_(\d+(?:\.\d+)*)$")


def _is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False


def needs(path: Path) -> list[tuple[str, str, tuple[int, ...]]]:
    """(library asked of, family, version) for each versioned symbol need of one ELF file."""
    out = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True, check=False).stdout
    result: list[tuple[str, str, tuple[int, ...]]] = []
    library = ""
    for line in out.splitlines():
        m = _NEED.match(line)
        if not m:
            continue
        if m.group(1):
            library = m.group(1)
            continue
        v = _VERSION.match(m.group(2))
        if v:
            result.append((library, v.group(1), tuple(int(x) for x in v.group(2).split("."))))
    return result


def scan(folder: Path) -> dict[str, tuple[tuple[int, ...], str]]:
    """Per family (GLIBC, GLIBCXX, CXXABI) the newest version asked of the system and the file that asks it."""
    files = [p for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink() and _is_elf(p)]
    carried = {p.name for p in files}
    newest: dict[str, tuple[tuple[int, ...], str]] = {}
    for p in files:
        for library, family, version in needs(p):
            if library in carried:
                continue
            if family not in newest or version > newest[family][0]:
                newest[family] = (version, str(p.relative_to(folder)))
    return newest


def main(argv: list[str]) -> int:
    detail = "--detail" in argv
    args = [a for a in argv if a != "--detail"]
    if len(args) != 1 or not Path(args[0]).is_dir():
        print(__doc__.strip(), file=sys.stderr)
        return 2
    newest = scan(Path(args[0]))
    if not newest.get("GLIBC"):
        print("none")
        return 0
    if detail:
        for family, (version, path) in sorted(newest.items()):
            print(f"{family} {'.'.join(map(str, version))}  ({path})")
    else:
        print(".".join(map(str, newest["GLIBC"][0])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
