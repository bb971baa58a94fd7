"""What the Windows build is made of, checked here: its version resource and its icon.

The Windows folder itself is built on Windows (packaging/README.md); these are the parts of it that the spec takes
from the repository, and they can be read on any system.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


@pytest.mark.parametrize("exe", ["govreport-gui", "govreport"])
def test_version_resource_parses_and_names_the_product_and_version(exe: str, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pefile")
    import PyInstaller.compat

    # the module imports pywin32 for writing into an .exe, which only Windows has; reading and encoding need none
    monkeypatch.setattr(PyInstaller.compat, "win32api", None, raising=False)
    from PyInstaller.utils.win32.versioninfo import load_version_info_from_text_file

    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    parts = [int(x) for x in re.findall(r"\d+", version)[:4]]
    parts += [0] * (4 - len(parts))
    text = (PACKAGING / "windows" / "version_info.template.txt").read_text(encoding="utf-8").format(
        version=version, version_tuple=tuple(parts), description="政府信息公开工作年度报告", exe=exe)
    path = tmp_path / "version.txt"
    path.write_text(text, encoding="utf-8")
    info = load_version_info_from_text_file(str(path))
    strings = {s.name: s.val for s in info.kids[0].kids[0].kids}
    assert strings["ProductName"] == "政府信息公开工作年度报告"
    assert strings["FileVersion"] == version and strings["OriginalFilename"] == f"{exe}.exe"
    assert info.ffi.fileVersionMS >> 16 == parts[0] and info.ffi.fileVersionLS & 0xFFFF == parts[3]
    raw = info.toRaw()  # what PyInstaller writes into the .exe
    assert "政府信息公开工作年度报告".encode("utf-16-le") in raw


def test_icon_holds_every_size_windows_asks_for() -> None:
    from PIL import Image

    with Image.open(PACKAGING / "icons" / "govreport.ico") as ico:
        sizes = {s[0] for s in ico.info["sizes"]}
    assert {16, 24, 32, 48, 256} <= sizes


def test_windows_scripts_register_the_file_type_per_user() -> None:
    register = (PACKAGING / "windows" / "register-filetype.cmd").read_text(encoding="utf-8")
    assert "HKCU\\Software\\Classes\\.govreport" in register
    assert "govreport-gui.exe" in register and "HKLM" not in register
