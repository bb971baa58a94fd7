"""What a built folder asks of the system it runs on: the newest glibc (and libstdc++) symbol versions, and the
libraries it links to without carrying them, which must all be ones every Linux desktop has.

    python3 packaging/compat/glibc_needed.py dist/govreport              -> "2.28"
    python3 packaging/compat/glibc_needed.py --detail dist/govreport     -> every family and the file that asks
    python3 packaging/compat/glibc_needed.py --unresolved dist/govreport -> libraries neither carried nor allowed

A library the folder carries itself (libstdc++, for example) is no need of the system; its versions are left out.
Reads ``objdump -p`` (binutils).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

# Left to the system: the C library, OpenGL/EGL, libxcb and Wayland's client libraries (PyInstaller leaves these
# out by rule: they must match the system's drivers and display server), and SYSTEM_LIBRARIES of govreport.spec.
SYSTEM_PROVIDED = {
    "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libutil.so.1", "libresolv.so.2",
    "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1", "libGL.so.1", "libEGL.so.1", "libxcb.so.1",
    "libwayland-client.so.0", "libwayland-cursor.so.0", "libwayland-egl.so.1", "libsystemd.so.0", "libpng16.so.16",
}
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


def _elf_files(folder: Path) -> list[Path]:
    return [p for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink() and _is_elf(p)]


def unresolved(folder: Path) -> dict[str, str]:
    """Libraries that files of the folder link to, that the folder does not carry and the system is not expected to
    have: name -> the first file that needs it.  Empty for a good build."""
    carried = {p.name for p in folder.rglob("*")}
    missing: dict[str, str] = {}
    for p in _elf_files(folder):
        out = subprocess.run(["objdump", "-p", str(p)], capture_output=True, text=True, check=False).stdout
        for name in re.findall(r"^\s+NEEDED\s+(\S+)$", out, re.M):
            if name not in carried and name not in SYSTEM_PROVIDED:
                missing.setdefault(name, str(p.relative_to(folder)))
    return missing


def scan(folder: Path) -> dict[str, tuple[tuple[int, ...], str]]:
    """Per family (GLIBC, GLIBCXX, CXXABI) the newest version asked of the system and the file that asks it."""
    files = _elf_files(folder)
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
    args = [a for a in argv if a not in ("--detail", "--unresolved")]
    if len(args) != 1 or not Path(args[0]).is_dir():
        print(__doc__.strip(), file=sys.stderr)
        return 2
    if "--unresolved" in argv:
        missing = unresolved(Path(args[0]))
        for name, needer in sorted(missing.items()):
            print(f"{name}  (needed by {needer})")
        return 1 if missing else 0
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
