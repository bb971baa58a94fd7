"""Where the CJK TrueType faces are: overrides, the package's folder, the system's folders and fontconfig.

The faces are looked for once per process: :func:`candidate_faces` is cached by what decides its answer (the
package's font folder and ``GOVREPORT_FONT_DIRS``) and :func:`clear_cache` forgets it (the font settings changed, a
font was installed).  No reportlab here: the rules (which characters no font draws) and the PDF exporter (which
registers the faces) both build on it.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..paths import package_font_dir

ROLES = ("title", "body", "heading", "subheading", "table")
ROLE_NAMES = {"title": "标题", "body": "正文", "heading": "一级标题", "subheading": "二级标题", "table": "表格"}
STYLE_NAMES = {"xbs": "小标宋", "song": "宋体", "fangsong": "仿宋", "hei": "黑体", "kai": "楷体", "other": "其他",
               "extra": "补充字库"}  # extra: faces for the characters the others lack, never a role's first choice

# Preferred styles per role, best first; any usable CJK font is the last resort.
ROLE_STYLES: dict[str, tuple[str, ...]] = {
    "title": ("xbs", "song", "fangsong", "kai", "hei", "other"),
    "body": ("fangsong", "song", "kai", "hei", "other"),
    "heading": ("hei", "song", "fangsong", "kai", "other"),
    "subheading": ("kai", "fangsong", "song", "hei", "other"),
    "table": ("song", "fangsong", "hei", "kai", "other"),
}

# Characters every face must draw: the report's own punctuation, digits and a sample of its words.
REQUIRED_TEXT = "政府信息公开工作年度报告一二三四五六（）：“”、。，—0123456789申请人情况总计商业企业盖章签字"

# Known font files by name: (style, face index in a collection, display name).
KNOWN_FILES: dict[str, tuple[str, int, str]] = {
    "simfang.ttf": ("fangsong", 0, "仿宋"),
    "simsun.ttc": ("song", 0, "宋体"),
    "simhei.ttf": ("hei", 0, "黑体"),
    "simkai.ttf": ("kai", 0, "楷体"),
    "fzxbsjw.ttf": ("xbs", 0, "方正小标宋简体"),
    "stfangso.ttf": ("fangsong", 0, "华文仿宋"),
    "stsong.ttf": ("song", 0, "华文宋体"),
    "stkaiti.ttf": ("kai", 0, "华文楷体"),
    "uming.ttc": ("song", 0, "AR PL UMing CN"),
    "ukai.ttc": ("kai", 0, "AR PL UKai CN"),
    "gbsn00lp.ttf": ("song", 0, "AR PL SungtiL GB"),
    "gkai00mp.ttf": ("kai", 0, "AR PL KaitiM GB"),
    "wqy-microhei.ttc": ("hei", 0, "文泉驿微米黑"),
    "wqy-zenhei.ttc": ("hei", 0, "文泉驿正黑"),
    # the fallback chain (fallback_fonts.py): CJK Extension A/B, rare characters, symbols and emoji outlines
    "hanamina.ttf": ("extra", 0, "花园明朝A"),
    "hanaminb.ttf": ("extra", 0, "花园明朝B"),
    "symbola_hint.ttf": ("extra", 0, "Symbola"),
    "symbola.ttf": ("extra", 0, "Symbola"),
    "simsunb.ttf": ("extra", 0, "宋体-ExtB"),
    "mingliub.ttc": ("extra", 0, "细明体-ExtB"),
    "seguisym.ttf": ("extra", 0, "Segoe UI Symbol"),
}

_STYLE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("xbs", re.compile(r"小标宋|XBS|xiaobiaosong", re.I)),
    ("fangsong", re.compile(r"仿宋|fangsong|fang ?song|simfang", re.I)),
    ("kai", re.compile(r"楷|kai", re.I)),
    ("hei", re.compile(r"黑|hei|gothic|sans", re.I)),
    ("song", re.compile(r"宋|明|song|sung|ming|serif", re.I)),
)
_REJECTED_FAMILIES = re.compile(r"Noto (Sans|Serif) CJK|Source Han|思源", re.I)


@dataclass(frozen=True)
class FontFace:
    """A font file (and face index in a collection) that may serve a role."""

    path: str
    index: int
    family: str
    style: str  # one of STYLE_NAMES
    source: str  # "override", "package", "system"

    @property
    def key(self) -> tuple[str, int]:
        return (os.path.realpath(self.path), self.index)


# --- where fonts are -------------------------------------------------------------------------------------------
def classify(family: str, filename: str = "") -> str:
    """The style of a font from its family name or file name."""
    known = KNOWN_FILES.get(Path(filename).name.lower())
    if known:
        return known[0]
    for style, pat in _STYLE_PATTERNS:
        if pat.search(family) or pat.search(Path(filename).stem):
            return style
    return "other"


def _windows_dirs() -> list[Path]:
    dirs = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    local = os.environ.get("LOCALAPPDATA")
    if local:
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return dirs


def _unix_dirs() -> list[Path]:
    home = Path.home()
    return [
        Path("/usr/share/fonts/truetype/arphic"), Path("/usr/share/fonts/truetype/wqy"),
        Path("/usr/share/fonts/truetype/hanazono"), Path("/usr/share/fonts/truetype/ancient-scripts"),
        Path("/usr/share/fonts/truetype"), Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
        home / ".local/share/fonts", home / ".fonts", Path("/Library/Fonts"), home / "Library/Fonts",
    ]


def _scan_dir(folder: Path, source: str, deep: bool) -> list[FontFace]:
    """Font files in ``folder``: known names always, any .ttf/.ttc when ``deep`` (shipped or chosen folders)."""
    out: list[FontFace] = []
    try:
        entries = sorted(folder.iterdir()) if folder.is_dir() else []
    except OSError:
        return out
    for p in entries:
        name = p.name.lower()
        if name in KNOWN_FILES:
            style, index, family = KNOWN_FILES[name]
            out.append(FontFace(str(p), index, family, style, source))
        elif deep and name.endswith((".ttf", ".ttc")):
            out.append(FontFace(str(p), 0, p.stem, classify(p.stem, p.name), source))
    return out


@functools.cache
def _fontconfig_faces() -> tuple[FontFace, ...]:
    """CJK TrueType faces that fontconfig knows (empty where there is no ``fc-list``)."""
    import shutil  # only here: a command that never looks for fonts does not pay for these imports
    import subprocess

    exe = shutil.which("fc-list")
    if not exe:
        return ()
    try:
        res = subprocess.run(
            [exe, ":lang=zh", "-f", "%{file}|%{index}|%{family}|%{fontformat}\\n"],
            capture_output=True, text=True, timeout=10, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ()
    faces: list[FontFace] = []
    for line in res.stdout.splitlines():
        parts = line.split("|")
        if len(parts) != 4:
            continue
        path, index, family, fmt = parts
        if (fmt and fmt != "TrueType") or not path.lower().endswith((".ttf", ".ttc")):
            continue  # CFF (Noto CJK, Source Han) cannot be embedded by reportlab
        if _REJECTED_FAMILIES.search(family):
            continue
        try:
            idx = int(index or 0)
        except ValueError:
            idx = 0
        first = family.split(",")[0]
        known = KNOWN_FILES.get(Path(path).name.lower())
        style = known[0] if known else classify(family, path)
        faces.append(FontFace(path, idx, first, style, "system"))
    return tuple(faces)


def rank(face: FontFace) -> int:
    """Within a style: mainland (CN/SC/GB) faces before TW/HK ones."""
    fam = face.family.upper()
    if re.search(r"\b(CN|SC|GB)\b", fam) or not re.search(r"\b(TW|HK|TC|MBE|JP|KR)\b", fam):
        return 0
    return 1


def candidate_faces(fontconfig: bool = True) -> list[FontFace]:
    """Every face that might serve, best sources first (package, then system), duplicates removed.

    Looked for once per process and font setting (``GOVREPORT_FONT_DIRS``): :func:`clear_cache` forgets, e.g. after
    a font was installed.  A check runs this several times per report, so it must cost nothing the second time.
    ``fontconfig=False`` leaves out what only fontconfig knows (it costs a process): the list is then a beginning
    of the whole one."""
    return list(_candidate_faces(os.environ.get("GOVREPORT_FONT_DIRS"), fontconfig))


@functools.lru_cache(maxsize=8)
def _candidate_faces(dirs_env: str | None, fontconfig: bool) -> tuple[FontFace, ...]:
    """The faces of the package's folder and of the chosen folders (``dirs_env``: every TrueType file there) or the
    system's (known names, plus fontconfig's answer off Windows)."""
    if dirs_env is not None:
        folders, chosen = [Path(d) for d in dirs_env.split(os.pathsep) if d], True
    else:
        folders, chosen = (_windows_dirs() if sys.platform == "win32" else _unix_dirs()), False
    faces: list[FontFace] = _scan_dir(package_font_dir(), "package", deep=True)
    for d in folders:
        faces += _scan_dir(d, "system", deep=chosen)
    if fontconfig and not chosen and sys.platform != "win32":
        faces += list(_fontconfig_faces())
    seen: set[tuple[str, int]] = set()
    out: list[FontFace] = []
    for f in faces:
        if f.key not in seen:
            seen.add(f.key)
            out.append(f)
    return tuple(out)


def overrides_from_env(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    env = os.environ if environ is None else environ
    return {r: env[f"GOVREPORT_FONT_{r.upper()}"] for r in ROLES if env.get(f"GOVREPORT_FONT_{r.upper()}")}




def clear_cache() -> None:
    """Forget the faces found (and fontconfig's answer): the next call looks again."""
    _fontconfig_faces.cache_clear()
    _candidate_faces.cache_clear()
