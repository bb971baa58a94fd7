"""Character-by-character font fallback for the PDF: a character the paragraph's face lacks is set in the first
available face that has it.

Each role has one face (fonts.py), and a character missing from it used to print as an empty box with no warning:
Extension B characters of place and personal names (𠀀 𪚥), rarer characters a face lacks (刏 is not in AR PL
UMing or UKai), emoji.  :class:`FallbackChain` goes through the other faces in order — the faces of the other roles,
then every other usable candidate, then the ``extra`` faces made for this (花园明朝A/B from Debian's fonts-hanazono,
Symbola; on Windows 宋体-ExtB, Segoe UI Symbol) — reading each face's cmap (core/fonts/coverage.py) and registering
with reportlab only the face that has a character, when the character first needs it; a report of common characters
pays nothing.  :meth:`FallbackChain.markup` escapes a text for a platypus
Paragraph and wraps each run of such characters in ``<font name=…>``.  What no face has stays as it is (a box) and is
kept in :attr:`FallbackChain.missing`; the rule of kind ``undrawable_chars`` tells the clerk before export
(core/fonts/coverage.py answers the same question without reportlab).
"""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics

from ...fonts.coverage import ALWAYS_DRAWN, codepoints_of
from .fonts import ROLES, FontFace, FontSet, candidate_faces, register_any


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def _cmap(name: str) -> dict[int, int]:
    return pdfmetrics.getFont(name).face.charToGlyph  # type: ignore[no-any-return]


class FallbackChain:
    """The faces to try, in order, for characters a paragraph's own face lacks."""

    def __init__(self, fonts: FontSet, candidates: list[FontFace] | None = None) -> None:
        pool = candidate_faces() if candidates is None else candidates
        ordered = [fonts.faces[r] for r in ROLES]
        ordered += [f for f in pool if f.style != "extra"] + [f for f in pool if f.style == "extra"]
        seen: set[tuple[str, int]] = set()
        self._faces: list[FontFace] = []
        for face in ordered:
            if face.key not in seen:
                seen.add(face.key)
                self._faces.append(face)
        self._unusable: set[tuple[str, int]] = set()
        self._chosen: dict[int, str | None] = {}
        self._cmaps: dict[str, dict[int, int]] = {}
        self.missing: dict[str, None] = {}  # characters no face has, in order of appearance

    def font_for(self, ch: str) -> str | None:
        """The reportlab name of the first face that draws ``ch``, or None.

        Whether a face has ``ch`` is read from its cmap (fonts.coverage, a few MB per face); only a face that has it
        is registered with reportlab, which keeps the whole font file in memory for subsetting (registering every
        face of uming.ttc and ukai.ttc on the way to 花园明朝 reached 340 MB)."""
        cp = ord(ch)
        if cp in self._chosen:
            return self._chosen[cp]
        found: str | None = None
        for face in self._faces:
            if face.key in self._unusable or cp not in codepoints_of(face.path, face.index):
                continue
            found = register_any(face)
            if found is not None:
                break
            self._unusable.add(face.key)
        self._chosen[cp] = found
        return found

    def markup(self, text: str, primary: str) -> str:
        """``text`` escaped for a Paragraph whose face is ``primary``, other faces wrapped around what it lacks."""
        cmap = self._cmaps.get(primary)
        if cmap is None:
            cmap = self._cmaps[primary] = _cmap(primary)
        if all(ch in ALWAYS_DRAWN or ord(ch) in cmap for ch in set(text)):
            return _escape(text)
        out: list[str] = []
        run_font: str | None = None
        run: list[str] = []
        for ch in text:
            font = None if ch in ALWAYS_DRAWN or ord(ch) in cmap else self.font_for(ch)
            if font is None and not (ch in ALWAYS_DRAWN or ord(ch) in cmap or ch.isspace()):
                self.missing[ch] = None
            if font != run_font and run:
                out.append(self._run(run, run_font))
                run = []
            run_font = font
            run.append(ch)
        if run:
            out.append(self._run(run, run_font))
        return "".join(out)

    @staticmethod
    def _run(chars: list[str], font: str | None) -> str:
        text = _escape("".join(chars))
        return text if font is None else f'<font name="{font}">{text}</font>'
