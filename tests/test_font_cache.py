"""The per-user cache of parsed font data: same font as a fresh parse, same PDF, safe when damaged or stale."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from common import SEED

from govreport_gui.core.exporters.pdf import font_cache, render_pdf
from govreport_gui.core.storage import read_report

_CANDIDATES = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/arphic/ukai.ttc")
FONT = next((Path(p) for p in _CANDIDATES if Path(p).is_file()), None)
needs_font = pytest.mark.skipif(FONT is None, reason="no CJK TrueType collection installed")


@pytest.fixture
def font(tmp_path: Path) -> str:
    assert FONT is not None
    copy = tmp_path / "fonts" / FONT.name
    copy.parent.mkdir()
    shutil.copyfile(FONT, copy)
    return str(copy)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("GOVREPORT_FONT_CACHE", str(folder))
    return folder


def _same(a: object, b: object) -> bool:
    """Equal values of equal types, all the way down (1 and 1.0 differ: widths must keep their type)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, bytes) and hasattr(a, "ustr"):
        return a == b and a.ustr == b.ustr
    return bool(a == b)


def _face_state(ttfont: object, names: object = None) -> dict[str, object]:
    """The face's data attributes (read through ``getattr``, so tables kept packed are unpacked)."""
    face = ttfont.face  # type: ignore[attr-defined]
    keys = [k for k in (names or vars(face)) if k not in ("_pdfScale", "_lazy_tables")]
    return {k: getattr(face, k) for k in keys}


@needs_font
def test_cached_font_equals_a_fresh_parse(font: str, cache: Path) -> None:
    from reportlab.pdfbase.ttfonts import TTFont

    parsed = TTFont("A", font, subfontIndex=0)
    first = font_cache.load_ttfont("B", font, 0)  # parses and writes the entry
    assert len(list(cache.glob("*.bin"))) == 1
    second = font_cache.load_ttfont("C", font, 0)  # from the entry
    for loaded in (first, second):
        assert vars(loaded).keys() == vars(parsed).keys()
        assert isinstance(loaded.face, type(parsed.face))
        theirs = _face_state(parsed)
        mine = _face_state(loaded, list(theirs))
        assert [k for k in theirs if not _same(mine[k], theirs[k])] == []
        if hasattr(parsed.face, "_pdfScale"):  # reportlab ≥ 4.1 scales through it; 4.0 computes it inline
            assert loaded.face._pdfScale(1234) == parsed.face._pdfScale(1234)
        assert loaded.face.name.ustr == parsed.face.name.ustr
        assert loaded.shapable == parsed.shapable and loaded._asciiReadable == parsed._asciiReadable
        assert loaded.stringWidth("政府信息公开123", 12) == parsed.stringWidth("政府信息公开123", 12)
    assert second.face.makeSubset(list(map(ord, " 政府信息公开年度报告0123"))) == parsed.face.makeSubset(
        list(map(ord, " 政府信息公开年度报告0123"))
    )


@needs_font
@pytest.mark.parametrize("damage", [b"", b"not a cache", font_cache.MAGIC + b"\x00\x01garbage", None])
def test_damaged_entry_is_ignored_and_replaced(font: str, cache: Path, damage: bytes | None) -> None:
    from reportlab.pdfbase.ttfonts import TTFont

    font_cache.load_ttfont("A", font, 0)
    (entry,) = cache.glob("*.bin")
    good = entry.read_bytes()
    if damage is None:  # the right shape, wrong contents: a marshal of another key's data
        import marshal

        stored = marshal.loads(good[len(font_cache.MAGIC):])
        stored["state"]["charToGlyph"] = ("dict-int", b"\x01\x02", b"")
        entry.write_bytes(font_cache.MAGIC + marshal.dumps(stored))
    else:
        entry.write_bytes(damage)
    loaded = font_cache.load_ttfont("B", font, 0)
    assert _same(_face_state(loaded), _face_state(TTFont("C", font, subfontIndex=0)))
    assert entry.read_bytes() == good  # written again from the parse


@needs_font
def test_changed_font_file_is_parsed_again(font: str, cache: Path) -> None:
    font_cache.load_ttfont("A", font, 0)
    st = os.stat(font)
    os.utime(font, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))  # a new version of the font
    font_cache.load_ttfont("B", font, 0)
    assert len(list(cache.glob("*.bin"))) == 2  # the old entry is no longer used


@needs_font
def test_cache_off_or_unwritable_still_loads(font: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVREPORT_FONT_CACHE", "")
    assert font_cache.font_cache_dir() is None
    assert font_cache.load_ttfont("A", font, 0).face.charToGlyph
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("GOVREPORT_FONT_CACHE", str(blocker / "cache"))  # cannot be created
    assert font_cache.load_ttfont("B", font, 0).face.charToGlyph


def test_default_cache_folder_is_the_users_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import sys

    for name in ("GOVREPORT_FONT_CACHE", "GOVREPORT_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(sys, "platform", "linux")
    assert font_cache.font_cache_dir() == tmp_path / ".cache" / "govreport" / "fonts"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert font_cache.font_cache_dir() == tmp_path / "xdg" / "govreport" / "fonts"
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    assert font_cache.font_cache_dir() == tmp_path / "Local" / "govreport" / "cache" / "fonts"


def test_cache_is_bounded_least_recently_used_first(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    n = font_cache.MAX_ENTRIES + 3
    for i in range(n):
        entry = folder / f"{i:040x}.bin"
        entry.write_bytes(b"x" * 10)
        os.utime(entry, (1_000_000 + i, 1_000_000 + i))  # entry i used at time i
    os.utime(folder / f"{0:040x}.bin")  # the oldest is read again: now the most recent
    stale_tmp = folder / ".abc.bin.x.tmp"
    stale_tmp.write_bytes(b"half")
    os.utime(stale_tmp, (1_000_000, 1_000_000))
    font_cache.prune(folder, keep=folder / f"{1:040x}.bin")  # just written, though its time is old
    left = sorted(int(p.stem, 16) for p in folder.glob("*.bin"))
    assert len(left) == font_cache.MAX_ENTRIES and 0 in left and 1 in left
    assert left[2:] == list(range(n - font_cache.MAX_ENTRIES + 2, n))
    assert not stale_tmp.exists()


def test_cache_is_bounded_in_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(font_cache, "MAX_BYTES", 25)
    for i in range(3):
        entry = tmp_path / f"{i}.bin"
        entry.write_bytes(b"x" * 10)
        os.utime(entry, (1_000_000 + i, 1_000_000 + i))
    font_cache.prune(tmp_path)
    assert sorted(p.name for p in tmp_path.glob("*.bin")) == ["1.bin", "2.bin"]


@needs_font
def test_writing_removes_the_old_cache_folder(font: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from govreport_gui.core.paths import old_font_cache_dir

    monkeypatch.delenv("GOVREPORT_FONT_CACHE", raising=False)
    monkeypatch.setenv("GOVREPORT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("GOVREPORT_CACHE_DIR", str(tmp_path / "cache"))
    old = old_font_cache_dir()
    old.mkdir(parents=True)
    (old / "stale.bin").write_bytes(b"old")
    font_cache.load_ttfont("F", font)
    assert not old.exists() and len(list((tmp_path / "cache" / "fonts").glob("*.bin"))) == 1


def test_pdf_is_the_same_with_and_without_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh process is simulated by forgetting the registered fonts between renders."""
    from govreport_gui.core.exporters.pdf import fonts

    report = read_report(SEED)
    outputs = []
    for setting in ("", str(tmp_path / "c"), str(tmp_path / "c")):  # off, cold cache (writes), warm cache (reads)
        monkeypatch.setenv("GOVREPORT_FONT_CACHE", setting)
        monkeypatch.setattr(fonts, "_registered", {})
        monkeypatch.setattr(fonts, "_unusable", {})
        outputs.append(render_pdf(report))
    assert any((tmp_path / "c").glob("*.bin"))
    assert outputs[0] == outputs[1] == outputs[2]


def test_deferred_uri_pattern_matches_like_reportlab_compiles_it() -> None:
    import re

    from govreport_gui.core.exporters.pdf._reportlab_import import import_platypus

    import_platypus()
    from reportlab.platypus import paragraph

    pattern = paragraph.uri_pat
    source = getattr(pattern, "_args", (pattern.pattern, pattern.flags))
    real = re.compile(*source)
    for text in ("https://www.gov.cn/zhengce/", "http://192.168.0.1:8080/x", "政府信息公开", "ftp://例子.中国/a"):
        a, b = pattern.match(text), real.match(text)
        assert (a and a.groups()) == (b and b.groups())
