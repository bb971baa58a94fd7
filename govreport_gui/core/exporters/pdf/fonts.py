"""Choose CJK TrueType fonts for the PDF by role and register them with reportlab (where the faces are found:
:mod:`core.fonts.discovery`).

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

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ...fonts import coverage
from ...fonts.discovery import (
    REQUIRED_TEXT,
    ROLE_NAMES,
    ROLE_STYLES,
    ROLES,
    STYLE_NAMES,
    FontFace,
    candidate_faces,
    classify,
    overrides_from_env,
    rank,
)


class FontUnavailable(RuntimeError):
    """No usable CJK TrueType font (or an unusable override); ``str(exc)`` is the Chinese message."""


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
    for f in sorted(pool, key=rank):
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
    """Forget the faces found and which were unusable (registered reportlab fonts stay registered)."""
    coverage.clear_cache()  # and discovery's
    _unusable.clear()
