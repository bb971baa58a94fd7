"""Locate CJK TrueType fonts for the PDF and register them with reportlab.

The report needs four typefaces, by *role*: ``title`` (小标宋/宋体 style), ``body`` (仿宋 style), ``heading`` (黑体
style), ``subheading`` (楷体 style, level-2 headings) and ``table`` (宋体 style).  Fonts are looked for, in order:

1. an override per role — a ``settings`` mapping or the environment variable ``GOVREPORT_FONT_<ROLE>`` — naming a
   font file, optionally ``path#N`` for face N of a ``.ttc`` collection;
2. fonts shipped under ``govreport_gui/resources/fonts/`` (none are shipped yet; the folder is searched if present);
3. the system: Windows' 仿宋 ``simfang.ttf``, 宋体 ``simsun.ttc``, 黑体 ``simhei.ttf``, 楷体 ``simkai.ttf`` in the
   fonts folder; on Linux every CJK font fontconfig lists (``fc-list``), plus known paths such as Debian's
   ``fonts-arphic-uming``/``-ukai`` and ``fonts-wqy-microhei``.

Only TrueType outlines can be embedded by reportlab: CFF-based fonts (Noto CJK, Source Han) are rejected.  A role
with no font of its style falls back to another usable CJK font; when there is none at all :class:`FontUnavailable`
is raised with a Chinese message — the PDF is never drawn with empty boxes.  ``GOVREPORT_FONT_DIRS`` (folders
separated by ``os.pathsep``) replaces the system search, for tests and locked-down machines.

Faces of style ``extra`` (花园明朝A/B, Symbola; 宋体-ExtB, Segoe UI Symbol on Windows) serve no role: they end the
per-character fallback chain of :mod:`.fallback_fonts` (registered with :func:`register_any`, which does not ask
for the report's own characters).

reportlab is imported only when fonts are registered.  Parsed font data is cached per user
(:mod:`core.exporters.pdf.font_cache`), so a fresh process does not parse large collections again.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ...paths import package_font_dir

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


class FontUnavailable(RuntimeError):
    """No usable CJK TrueType font (or an unusable override); ``str(exc)`` is the Chinese message."""


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


@dataclass(frozen=True)
class FontSet:
    """The reportlab font name registered for each role, and the face behind it."""

    names: dict[str, str]
    faces: dict[str, FontFace]

    def __getitem__(self, role: str) -> str:
        return self.names[role]

    def describe(self) -> str:
        """One line per role, in Chinese, for settings and messages."""
        return "\n".join(
            f"{ROLE_NAMES[r]}：{self.faces[r].family}（{STYLE_NAMES[self.faces[r].style]}，{self.faces[r].path}）"
            for r in ROLES
        )


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


def _rank(face: FontFace) -> int:
    """Within a style: mainland (CN/SC/GB) faces before TW/HK ones."""
    fam = face.family.upper()
    if re.search(r"\b(CN|SC|GB)\b", fam) or not re.search(r"\b(TW|HK|TC|MBE|JP|KR)\b", fam):
        return 0
    return 1


def candidate_faces() -> list[FontFace]:
    """Every face that might serve, best sources first (package, then system), duplicates removed."""
    faces: list[FontFace] = _scan_dir(package_font_dir(), "package", deep=True)
    dirs_env = os.environ.get("GOVREPORT_FONT_DIRS")
    if dirs_env is not None:
        for d in dirs_env.split(os.pathsep):
            if d:
                faces += _scan_dir(Path(d), "system", deep=True)
    else:
        folders = _windows_dirs() if sys.platform == "win32" else _unix_dirs()
        for d in folders:
            faces += _scan_dir(d, "system", deep=False)
        if sys.platform != "win32":
            faces += list(_fontconfig_faces())
    seen: set[tuple[str, int]] = set()
    out: list[FontFace] = []
    for f in faces:
        if f.key not in seen:
            seen.add(f.key)
            out.append(f)
    return out


# --- checking and registering ----------------------------------------------------------------------------------
_registered: dict[tuple[str, int], str] = {}
_unusable: dict[tuple[str, int], str] = {}


def _reason(face: FontFace) -> str | None:
    """Register ``face`` with reportlab unless it was tried before; the reason it is unusable, or None."""
    if face.key in _registered:
        return None
    if face.key in _unusable:
        return _unusable[face.key]
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError

    from .font_cache import load_ttfont

    name = f"GR-{len(_registered) + len(_unusable) + 1}-{re.sub(r'[^A-Za-z0-9]', '', Path(face.path).stem)[:24]}"
    reason: str | None = None
    try:
        font = load_ttfont(name, face.path, face.index)  # parsed once per font file, then cached
        cmap = font.face.charToGlyph
        missing = [ch for ch in REQUIRED_TEXT if ord(ch) not in cmap]
        if missing:
            reason = f"缺少汉字或标点（如“{''.join(missing[:5])}”）"
        else:
            pdfmetrics.registerFont(font)
    except TTFError as exc:
        text = str(exc).lower()
        reason = "是PostScript（CFF）轮廓字体，无法嵌入PDF" if "postscript" in text or "cff" in text else "无法读取"
    except (OSError, ValueError, IndexError, KeyError, AssertionError):
        reason = "无法读取"
    if reason:
        _unusable[face.key] = reason
        return reason
    _registered[face.key] = name
    return None


def register_any(face: FontFace) -> str | None:
    """Register ``face`` with reportlab for the fallback chain (no check of the report's own characters: an
    Extension B face has none of them); its reportlab name, or None when it cannot be used."""
    if face.key in _registered:
        return _registered[face.key]
    if face.key in _fallback_unusable:
        return None
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError

    from .font_cache import load_ttfont

    name = f"GR-{len(_registered) + len(_unusable) + 1}-{re.sub(r'[^A-Za-z0-9]', '', Path(face.path).stem)[:24]}"
    try:
        pdfmetrics.registerFont(load_ttfont(name, face.path, face.index))
    except (TTFError, OSError, ValueError, IndexError, KeyError, AssertionError):
        _fallback_unusable.add(face.key)
        return None
    _registered[face.key] = name
    return name


_fallback_unusable: set[tuple[str, int]] = set()


def _override_face(role: str, value: str) -> FontFace:
    path, _, idx = value.partition("#")
    try:
        index = int(idx) if idx else 0
    except ValueError:
        raise FontUnavailable(f"{ROLE_NAMES[role]}字体设置“{value}”无效：“#”后应为字体序号。") from None
    if not Path(path).is_file():
        raise FontUnavailable(f"{ROLE_NAMES[role]}字体设置的文件“{path}”不存在，请在设置中重新选择字体。")
    return FontFace(path, index, Path(path).stem, classify(Path(path).stem, path), "override")


def overrides_from_env(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    env = os.environ if environ is None else environ
    return {r: env[f"GOVREPORT_FONT_{r.upper()}"] for r in ROLES if env.get(f"GOVREPORT_FONT_{r.upper()}")}


def resolve_fonts(settings: Mapping[str, str] | None = None, candidates: Iterable[FontFace] | None = None) -> FontSet:
    """Choose and register a font for every role.  Raises :class:`FontUnavailable`.

    ``settings`` maps a role to a font file (``path`` or ``path#N``) and wins over ``GOVREPORT_FONT_<ROLE>``.
    """
    chosen = overrides_from_env() | {k: v for k, v in (settings or {}).items() if v}
    unknown = [k for k in chosen if k not in ROLES]
    if unknown:
        raise FontUnavailable(f"未知的字体用途“{unknown[0]}”（可用：{'、'.join(ROLES)}）。")
    names: dict[str, str] = {}
    faces: dict[str, FontFace] = {}
    for role, value in chosen.items():
        face = _override_face(role, value)
        why = _reason(face)
        if why:
            raise FontUnavailable(f"{ROLE_NAMES[role]}字体“{face.path}”{why}，请在设置中另选一种中文TrueType字体。")
        names[role], faces[role] = _registered[face.key], face
    pool = list(candidate_faces() if candidates is None else candidates)
    by_style: dict[str, list[FontFace]] = {}
    for f in sorted(pool, key=_rank):
        by_style.setdefault(f.style, []).append(f)
    for role in ROLES:
        if role in names:
            continue
        for style in ROLE_STYLES[role]:
            face = next((f for f in by_style.get(style, []) if _reason(f) is None), None)
            if face is not None:
                names[role], faces[role] = _registered[face.key], face
                break
        else:
            # the last resort: any face that works, whatever its style
            face = next((f for f in pool if _reason(f) is None), None)
            if face is None:
                tried = "；".join(f"{f.path}：{_unusable.get(f.key, '')}" for f in pool[:4])
                raise FontUnavailable(
                    "找不到可嵌入PDF的中文TrueType字体，无法生成PDF。"
                    "请安装仿宋、宋体或黑体（Windows自带simfang.ttf、simsun.ttc、simhei.ttf；"
                    "Linux可安装fonts-arphic-uming或fonts-wqy-microhei），或在设置中指定字体文件。"
                    + (f"（已检查：{tried}）" if tried else "")
                )
            names[role], faces[role] = _registered[face.key], face
    return FontSet(names, faces)


def clear_cache() -> None:
    """Forget fontconfig's answer (registered reportlab fonts stay registered)."""
    _fontconfig_faces.cache_clear()
    _unusable.clear()
