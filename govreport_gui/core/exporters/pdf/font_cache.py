"""A per-user cache of reportlab's parsed TrueType data, so a fresh process does not parse 20 MB fonts again.

reportlab reads a font's tables (cmap, hmtx, loca) in pure Python: about 0.1–0.2 s for each large CJK collection
(``uming.ttc``, ``ukai.ttc``, ``wqy-microhei.ttc``) in every process that makes a PDF.  :func:`load_ttfont` keeps
what that parse produced — the face's attributes, the big tables packed as arrays — in one file per face under
:func:`font_cache_dir`, keyed by the font's real path, face index, modification time, size and the reportlab
version.  The font file itself is still read (its glyphs are subset into the PDF), so the PDF is byte for byte the
one a fresh parse gives.

The cache is only an accelerator: a missing, stale, corrupt or unreadable entry is ignored and the font parsed as
before; an entry is written only if it reads back equal to the parse; a cache folder that cannot be written is
left alone.  ``GOVREPORT_FONT_CACHE`` names another folder, or turns the cache off when empty.  Entries are
``marshal`` data (plain values, never code run on load).

Is it worth it?  Measured (one PDF of the sample report in a fresh process, 12 runs each, 2-core machine shared
with other work): render 0.44 s median without the cache, 0.24 s with it — about 0.2 s saved on each export, more on
the slower ARM office PCs, for about 7 MB on disk (three faces).  Kept, but as a cache: in the user's cache folder
(:func:`~govreport_gui.core.paths.user_cache_dir`: ``~/.cache/govreport/fonts`` on Linux, under ``LOCALAPPDATA`` on
Windows), bounded to :data:`MAX_ENTRIES` files and :data:`MAX_BYTES`, the least recently used removed first
(:func:`prune`, after each write; a read marks its entry used).  The folder older versions used in the data folder is
removed on the first write.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import time
from array import array
from itertools import accumulate
from pathlib import Path
from typing import Any

from ...atomic import atomic_write_bytes
from ...paths import font_cache_dir, old_font_cache_dir

FORMAT = 2
MAGIC = b"govreport-font-cache\n"
MAX_ENTRIES = 8  # faces: the PDF uses up to three; a changed font's stale entry goes within a few writes
MAX_BYTES = 48 * 1024 * 1024  # a large CJK face's entry is 2–3 MB


def _key(path: str, index: int) -> str | None:
    import reportlab

    real = os.path.realpath(path)
    try:
        st = os.stat(real)
    except OSError:
        return None
    return f"{FORMAT}|{reportlab.Version}|{real}|{index}|{st.st_mtime_ns}|{st.st_size}"


def _entry(folder: Path, key: str) -> Path:
    return folder / (hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest() + ".bin")


# --- packing a face's attributes into plain values ---------------------------------------------------------------
def _ints(values: list[int]) -> bytes | None:
    try:
        return array("q", values).tobytes()
    except (OverflowError, TypeError):
        return None


def _numbers(values: list[Any]) -> tuple[bytes, bytes, bytes] | None:
    """Ints and floats, each coming back as its own type: the ints (0 where a float stands), the floats' places,
    the floats."""
    places = [i for i, v in enumerate(values) if type(v) is float]
    if len(places) + sum(type(v) is int for v in values) != len(values):
        return None
    ints = _ints([0 if type(v) is float else v for v in values])
    if ints is None:
        return None
    return ints, array("q", places).tobytes(), array("d", [values[i] for i in places]).tobytes()


def _from_numbers(packed: tuple[bytes, bytes, bytes]) -> list[Any]:
    values: list[Any] = array("q", packed[0]).tolist()
    for i, v in zip(array("q", packed[1]), array("d", packed[2]), strict=True):
        values[i] = v
    return values


def _pack_value(value: Any) -> Any:
    """A plain (marshal-able) form of one attribute; ``None`` when it has no such form."""
    from reportlab.pdfbase.ttfonts import TTFNameBytes

    if isinstance(value, TTFNameBytes):
        return ("name", bytes(value), value.ustr)
    if type(value) is dict and value and all(type(k) is int for k in value):
        keys = _ints(list(value))
        vals = list(value.values())
        if keys is None:
            return None
        if all(type(v) is int for v in vals):
            packed = _ints(vals)
            return None if packed is None else ("dict-int", keys, packed)
        if all(type(v) is float for v in vals):
            return ("dict-float", keys, array("d", vals).tobytes())
        if all(type(v) is list and all(type(x) is int for x in v) for v in vals):
            flat = _ints([x for v in vals for x in v])
            counts = _ints([len(v) for v in vals])
            return None if flat is None or counts is None else ("dict-list", keys, counts, flat)
    if type(value) is list and len(value) > 64:
        if all(type(v) is int for v in value):
            packed = _ints(value)
            return None if packed is None else ("list-int", packed)
        if all(type(v) is tuple and len(v) == 2 for v in value):  # hmtx: (advance, left side bearing)
            firsts, seconds = _numbers([v[0] for v in value]), _numbers([v[1] for v in value])
            return None if firsts is None or seconds is None else ("list-pair", firsts, seconds)
    try:
        marshal.dumps(value)
    except ValueError:
        return None
    return ("plain", value)


def _unpack_value(packed: Any) -> Any:
    from reportlab.pdfbase.ttfonts import TTFNameBytes

    kind = packed[0]
    if kind == "plain":
        return packed[1]
    if kind == "name":
        name = TTFNameBytes(packed[1])
        name.ustr = packed[2]
        return name
    if kind in ("dict-int", "dict-float"):
        return dict(zip(array("q", packed[1]), array("q" if kind == "dict-int" else "d", packed[2]), strict=True))
    if kind == "dict-list":
        keys, flat = array("q", packed[1]).tolist(), array("q", packed[3]).tolist()
        ends = list(accumulate(array("q", packed[2])))
        if len(ends) != len(keys) or (ends and ends[-1] != len(flat)):
            raise ValueError("inconsistent packed lists")
        if len(flat) == len(keys):  # one character per glyph, the usual case
            return {k: [v] for k, v in zip(keys, flat, strict=True)}
        return {k: flat[e - n:e] for k, n, e in zip(keys, array("q", packed[2]), ends, strict=True)}
    if kind == "list-int":
        return array("q", packed[1]).tolist()
    if kind == "list-pair":
        return list(zip(_from_numbers(packed[1]), _from_numbers(packed[2]), strict=True))
    raise ValueError(f"unknown packed kind {kind!r}")


# attributes that are not data: the file's bytes (read again), the scale function (rebuilt from unitsPerEm)
_SKIPPED = ("_ttf_data", "_pdfScale")


def _pack_face(face: Any) -> dict[str, Any] | None:
    state: dict[str, Any] = {}
    for name, value in vars(face).items():
        if name in _SKIPPED:
            continue
        packed = _pack_value(value)
        if packed is None:
            return None
        state[name] = packed
    return state


def _scale(units_per_em: int):  # type: ignore[no-untyped-def]
    """reportlab's own scale from font units to 1/1000 em (``TTFontFile.extractInfo``)."""
    if units_per_em == 1000:
        return lambda x: x
    mult = 1000 / units_per_em
    return lambda x: x * mult


# tables only needed when a subset is made (or a word shaped): unpacked on first use
_LAZY = ("glyphToChar", "hmetrics", "glyphPos")


@functools.cache
def _cached_face_class() -> type:
    from reportlab.pdfbase.ttfonts import TTFontFace

    class CachedTTFontFace(TTFontFace):
        """A reportlab face restored from the cache; the tables in ``_LAZY`` are unpacked when first read."""

        def __getattr__(self, name: str) -> Any:  # only reached for attributes not (yet) set
            lazy = self.__dict__.get("_lazy_tables")
            if lazy is None or name not in lazy:
                raise AttributeError(name)
            value = _unpack_value(lazy.pop(name))
            setattr(self, name, value)
            return value

    return CachedTTFontFace


def _face_from_state(path: str, state: dict[str, Any]) -> Any:
    face = _cached_face_class().__new__(_cached_face_class())
    attrs: dict[str, Any] = {name: _unpack_value(packed) for name, packed in state.items() if name not in _LAZY}
    attrs["_lazy_tables"] = {name: state[name] for name in _LAZY if name in state}
    with open(path, "rb") as f:  # the glyphs are subset from the file's bytes, as in a fresh parse
        attrs["_ttf_data"] = f.read()
    attrs["filename"] = path
    attrs["_pdfScale"] = _scale(attrs["unitsPerEm"])
    vars(face).update(attrs)
    return face


def _ttfont_with_face(name: str, face: Any) -> Any:
    """A ``TTFont`` around an already parsed face: what ``TTFont.__init__`` does after parsing."""
    from fnmatch import fnmatch
    from weakref import WeakKeyDictionary

    from reportlab import rl_config
    from reportlab.pdfbase import ttfonts

    font = ttfonts.TTFont.__new__(ttfonts.TTFont)
    font.fontName = name
    font.face = face
    font.encoding = ttfonts.TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, g) for g in ttfonts.unShapedFontGlob)
    return font


def _read_entry(entry: Path, key: str) -> dict[str, Any] | None:
    try:
        data = entry.read_bytes()
    except OSError:
        return None
    if not data.startswith(MAGIC):
        return None
    try:
        stored = marshal.loads(data[len(MAGIC):])
    except (ValueError, EOFError, TypeError):
        return None
    if not isinstance(stored, dict) or stored.get("key") != key or not isinstance(stored.get("state"), dict):
        return None
    return stored["state"]


def _write_entry(folder: Path, entry: Path, key: str, state: dict[str, Any]) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(entry, MAGIC + marshal.dumps({"key": key, "state": state}), keep_backup=False)
    except OSError:
        return  # a read-only or full disk: no cache, same PDF
    prune(folder, keep=entry)
    if os.environ.get("GOVREPORT_FONT_CACHE") is None:
        import shutil

        shutil.rmtree(old_font_cache_dir(), ignore_errors=True)


def prune(folder: Path, keep: Path | None = None) -> list[Path]:
    """Remove the least recently used entries beyond :data:`MAX_ENTRIES` files or :data:`MAX_BYTES` (never ``keep``,
    the entry just written) and leftover temporary files; the entries removed."""
    entries: list[tuple[float, int, Path]] = []
    for path in folder.glob("*"):
        try:
            st = path.stat()
        except OSError:
            continue
        if path.suffix == ".bin":
            entries.append((st.st_mtime, st.st_size, path))
        elif path.suffix == ".tmp" and st.st_mtime < time.time() - 3600:  # a write interrupted an hour ago or more
            try:
                path.unlink()
            except OSError:
                pass
    entries.sort(key=lambda e: (e[2] == keep, e[0]), reverse=True)  # ``keep`` first, then the most recent
    removed: list[Path] = []
    total = 0
    for n, (_, size, path) in enumerate(entries):
        total += size
        if path != keep and (n >= MAX_ENTRIES or total > MAX_BYTES):
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                pass
    return removed


def _mark_used(entry: Path) -> None:
    try:
        os.utime(entry)
    except OSError:
        pass


def load_ttfont(name: str, path: str, index: int = 0) -> Any:
    """``reportlab.pdfbase.ttfonts.TTFont(name, path, subfontIndex=index)``, from the cache when it holds this face.

    Raises what ``TTFont`` raises for a bad font (``TTFError``, ``OSError``, …): a font that failed to parse is never
    cached.
    """
    from reportlab.pdfbase.ttfonts import TTFont

    folder = font_cache_dir()
    key = _key(path, index) if folder is not None else None
    if folder is None or key is None:
        return TTFont(name, path, subfontIndex=index)
    entry = _entry(folder, key)
    state = _read_entry(entry, key)
    if state is not None:
        _mark_used(entry)
        try:
            return _ttfont_with_face(name, _face_from_state(path, state))
        except Exception:  # a damaged entry of the right shape: parse as if there were none
            pass
    font = TTFont(name, path, subfontIndex=index)
    state = _pack_face(font.face)
    if state is not None:
        try:
            back = {n: _unpack_value(p) for n, p in state.items()}
            # packing kept each value's type (ints stay ints, floats floats), so plain equality is the check
            ok = all(back[n] == v for n, v in vars(font.face).items() if n not in _SKIPPED)
        except Exception:  # a value this packing does not round-trip: leave it uncached
            ok = False
        if ok:
            _write_entry(folder, entry, key, state)
    return font
