"""Font lookup: roles, Windows file names, fontconfig answers, overrides, CFF rejection and the no-font refusal."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from govreport_gui.core.exporters.pdf import fonts
from govreport_gui.core.exporters.pdf.fonts import FontUnavailable, resolve_fonts
from govreport_gui.core.fonts import discovery
from govreport_gui.core.fonts.discovery import FontFace, candidate_faces, classify


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for role in fonts.ROLES:
        monkeypatch.delenv(f"GOVREPORT_FONT_{role.upper()}", raising=False)
    monkeypatch.delenv("GOVREPORT_FONT_DIRS", raising=False)
    fonts.clear_cache()
    yield
    fonts.clear_cache()


def system_face(style: str) -> FontFace:
    """A usable system face of ``style`` (skips the test where the machine has none)."""
    for f in candidate_faces():
        if f.style == style and fonts._reason(f) is None:
            return f
    pytest.skip(f"no {style} CJK TrueType font on this machine")


def only_dir(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    monkeypatch.setenv("GOVREPORT_FONT_DIRS", str(folder))
    monkeypatch.setattr(discovery, "package_font_dir", lambda: folder / "no-package-fonts")


def test_every_role_gets_a_registered_cjk_font():
    from reportlab.pdfbase import pdfmetrics

    fs = resolve_fonts()
    assert set(fs.names) == set(fonts.ROLES)
    for role in fonts.ROLES:
        font = pdfmetrics.getFont(fs[role])
        assert all(ord(ch) in font.face.charToGlyph for ch in "政府信息公开（）“”")
    assert "正文" in fs.describe()


def test_roles_prefer_their_styles():
    song, hei = system_face("song"), system_face("hei")
    fs = resolve_fonts(candidates=[hei, song])
    assert fs.faces["title"] == song and fs.faces["table"] == song
    assert fs.faces["heading"] == hei
    assert fs.faces["body"] == song  # no 仿宋 offered: the body falls back to 宋体, not to 黑体


def test_windows_font_names_are_found_in_the_windows_fonts_folder(tmp_path, monkeypatch):
    song, hei, kai = system_face("song"), system_face("hei"), system_face("kai")
    folder = tmp_path / "Windows" / "Fonts"
    folder.mkdir(parents=True)
    # stand-ins with the Windows file names (the look-up goes by name; the files are real, distinct CJK TrueType
    # fonts — the same file under two names would count once)
    for name, face in (("simfang.ttf", kai), ("simsun.ttc", song), ("simhei.ttf", hei)):
        (folder / name).symlink_to(face.path)
    monkeypatch.setattr(discovery.sys, "platform", "win32")
    monkeypatch.setenv("WINDIR", str(tmp_path / "Windows"))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    monkeypatch.setattr(discovery, "package_font_dir", lambda: tmp_path / "none")
    fonts.clear_cache()  # the fonts are looked for once per process: the folders changed
    fs = resolve_fonts()
    assert Path(fs.faces["body"].path).name == "simfang.ttf" and fs.faces["body"].family == "仿宋"
    assert Path(fs.faces["heading"].path).name == "simhei.ttf"
    assert Path(fs.faces["title"].path).name == "simsun.ttc"
    # no 楷体 (simkai.ttf): level-2 headings fall back to 仿宋
    assert Path(fs.faces["subheading"].path).name == "simfang.ttf"


def test_fontconfig_answer_is_parsed_and_cff_fonts_are_rejected(monkeypatch):
    song = system_face("song")
    out = (
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc|0|Noto Serif CJK SC,Noto Serif CJK SC Regular|CFF\n"
        "/usr/share/fonts/truetype/x/NotoSansCJK.ttc|0|Noto Sans CJK SC|TrueType\n"
        f"{song.path}|{song.index}|Some Song CN,宋体|TrueType\n"
        "garbage line\n"
    )
    monkeypatch.setattr(shutil, "which", lambda name: "/usr/bin/fc-list")
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(a, 0, stdout=out, stderr=""))
    fonts.clear_cache()
    faces = discovery._fontconfig_faces()
    assert [(f.path, f.family, f.style) for f in faces] == [(song.path, "Some Song CN", "song")]


def test_fontconfig_is_asked_once(monkeypatch):
    calls = []
    real = subprocess.run
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: calls.append(a) or real(*a, **k))
    fonts.clear_cache()
    discovery._fontconfig_faces()
    discovery._fontconfig_faces()
    assert len(calls) <= 1


def test_classify_by_family_and_file_name():
    assert classify("FangSong") == "fangsong"
    assert classify("方正小标宋简体") == "xbs"
    assert classify("AR PL UKai CN") == "kai"
    assert classify("WenQuanYi Micro Hei") == "hei"
    assert classify("AR PL UMing CN") == "song"
    assert classify("", "C:/Windows/Fonts/SIMHEI.TTF") == "hei"
    assert classify("Mystery") == "other"


def test_override_from_settings_and_environment(monkeypatch):
    song, hei = system_face("song"), system_face("hei")
    monkeypatch.setenv("GOVREPORT_FONT_BODY", hei.path + f"#{hei.index}")
    fs = resolve_fonts()
    assert fs.faces["body"].source == "override" and fs.faces["body"].key == hei.key
    # settings win over the environment
    fs = resolve_fonts({"body": f"{song.path}#{song.index}"})
    assert fs.faces["body"].key == song.key


def test_bad_overrides_are_clear_errors(tmp_path):
    with pytest.raises(FontUnavailable, match="不存在"):
        resolve_fonts({"body": str(tmp_path / "missing.ttf")})
    junk = tmp_path / "junk.ttf"
    junk.write_bytes(b"not a font at all" * 10)
    with pytest.raises(FontUnavailable, match=r"正文字体.*无法读取"):
        resolve_fonts({"body": str(junk)})
    with pytest.raises(FontUnavailable, match="未知的字体用途"):
        resolve_fonts({"footer": str(junk)})


def test_a_font_without_chinese_is_not_used(tmp_path, monkeypatch):
    latin = next((p for p in Path("/usr/share/fonts").rglob("DejaVuSans.ttf")), None)
    if latin is None:
        pytest.skip("no DejaVuSans.ttf")
    folder = tmp_path / "fonts"
    folder.mkdir()
    (folder / "DejaVuSans.ttf").symlink_to(latin)
    only_dir(monkeypatch, folder)
    with pytest.raises(FontUnavailable, match=r"找不到可嵌入PDF的中文TrueType字体.*缺少汉字"):
        resolve_fonts()


def test_a_cff_font_is_rejected(tmp_path, monkeypatch):
    """An OpenType/CFF file (as Noto CJK is) is refused with the reason, never embedded."""
    fake = tmp_path / "fonts" / "NotoSerifCJK-Regular.ttf"
    fake.parent.mkdir()
    # an sfnt header announcing CFF outlines ('OTTO'), with a CFF table and no glyf table
    import struct

    tables = [(b"CFF ", b"\0" * 16), (b"cmap", b"\0" * 16), (b"head", b"\0" * 54)]
    header = struct.pack(">4sHHHH", b"OTTO", len(tables), 32, 1, 16)
    offset = 12 + 16 * len(tables)
    directory, body = b"", b""
    for tag, data in tables:
        directory += struct.pack(">4sLLL", tag, 0, offset + len(body), len(data))
        body += data
    fake.write_bytes(header + directory + body)
    only_dir(monkeypatch, fake.parent)
    with pytest.raises(FontUnavailable) as exc:
        resolve_fonts()
    assert "NotoSerifCJK" in str(exc.value)
    with pytest.raises(FontUnavailable, match=r"CFF|无法读取"):
        resolve_fonts({"title": str(fake)})


def test_no_font_at_all(tmp_path, monkeypatch):
    only_dir(monkeypatch, tmp_path)
    with pytest.raises(FontUnavailable, match="请安装仿宋、宋体或黑体"):
        resolve_fonts()
