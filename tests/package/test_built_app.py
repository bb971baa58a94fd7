"""Smoke test of the built folder (``make package-test``): the frozen programs, run as a clerk would run them.

Every program runs from the folder named by ``GOVREPORT_DIST`` with a bare environment (no Python on ``PATH``, no
virtual env, a fresh home), offscreen, and without network (in a network namespace of its own where ``unshare``
allows).  The command line must answer exactly as the source does; the exports are read back (pdftotext, pdffonts,
openpyxl) and compared with the source's; the window must come up with the seed report and stay up; and the folder
must be byte for byte the same after everything ran (settings, recovery copies and logs go to the user's folders).

Measured figures (start times, folder size, largest files) are written to ``build/package-measurements.json``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from xdisplay import reachable, start_xvfb, window_titles

from govreport_gui.core.form import load_form
from govreport_gui.core.grid import table_grid

ROOT = Path(__file__).resolve().parents[2]
DIST = (ROOT / os.environ.get("GOVREPORT_DIST", "dist/govreport")).resolve()
SEED = ROOT / "tests" / "data" / "linping-2023.govreport"
SAMPLES = ROOT.parent / "shared" / "samples"
EXE = ".exe" if sys.platform == "win32" else ""
GUI = DIST / f"govreport-gui{EXE}"
CLI = DIST / f"govreport{EXE}"
INTERNAL = DIST / "_internal"
FONTS = INTERNAL / "govreport_gui" / "resources" / "fonts"
MEASUREMENTS = ROOT / "build" / "package-measurements.json"
UNUSED_QT = re.compile(
    r"Qt6(WebEngine|WebView|WebChannel|WebSockets|Quick|Qml|3D|Multimedia|Charts|DataVisualization|Graphs|Bluetooth"
    r"|Positioning|Location|Sensors|SerialPort|SerialBus|Nfc|Designer|Help|Sql|Test|VirtualKeyboard|Svg|SpatialAudio"
    r"|TextToSpeech|RemoteObjects|Scxml|StateMachine|HttpServer|NetworkAuth)"
)

measured: dict[str, object] = {}


# --- running the built programs --------------------------------------------------------------------------------
def _no_network_prefix() -> list[str]:
    """``unshare --net`` (a network namespace with nothing in it) where we may create one; else nothing."""
    if sys.platform.startswith("linux") and shutil.which("unshare"):
        ok = subprocess.run(["unshare", "--net", "true"], capture_output=True, check=False).returncode == 0
        if ok:
            return ["unshare", "--net"]
    return []


NO_NET = _no_network_prefix()


@pytest.fixture(scope="session")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


def user_env(home: Path, **extra: str) -> dict[str, str]:
    """A bare environment: a fresh home and per-user folders, no Python, offscreen Qt."""
    runtime = home / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_RUNTIME_DIR": str(runtime),
        "GOVREPORT_DATA_DIR": str(home / "govreport-data"),
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }
    if sys.platform == "win32":  # pragma: no cover - the smoke test is run on Linux
        env = dict(os.environ) | {"LOCALAPPDATA": str(home / "AppData" / "Local")}
    return env | extra


def built(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The built ``govreport`` command."""
    return subprocess.run(
        [*NO_NET, str(CLI), *args], env=user_env(home, **env), cwd=home,
        capture_output=True, text=True, timeout=120, check=False,
    )


def source(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The same command from the source tree."""
    return subprocess.run(
        [sys.executable, "-m", "govreport_gui.cli", *args], env=user_env(home, **env) | {"PYTHONPATH": str(ROOT)},
        cwd=home, capture_output=True, text=True, timeout=120, check=False,
    )


def same(a: subprocess.CompletedProcess[str], b: subprocess.CompletedProcess[str], *replace: tuple[str, str]) -> None:
    def norm(s: str) -> str:
        for old, new in replace:
            s = s.replace(old, new)
        return s

    assert (a.returncode, norm(a.stdout), norm(a.stderr)) == (b.returncode, norm(b.stdout), norm(b.stderr))


# --- what must not change: the folder itself -------------------------------------------------------------------
def snapshot(folder: Path) -> dict[str, str]:
    """Every entry of the folder: files by content hash, links by target, folders by name."""
    out: dict[str, str] = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        if p.is_symlink():
            out[rel] = "-> " + os.readlink(p)
        elif p.is_dir():
            out[rel] = "dir"
        else:
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


@pytest.fixture(scope="session", autouse=True)
def dist_before() -> Iterator[dict[str, str]]:
    assert GUI.is_file() and CLI.is_file(), f"no build in {DIST}: run make package"
    before = snapshot(DIST)
    yield before
    MEASUREMENTS.parent.mkdir(parents=True, exist_ok=True)
    MEASUREMENTS.write_text(json.dumps(measured, ensure_ascii=False, indent=1), encoding="utf-8")


# --- the folder's contents -------------------------------------------------------------------------------------
def test_folder_holds_what_the_application_uses_and_nothing_else():
    qt = INTERNAL / "PySide6" / "Qt"
    plugins = {p.relative_to(qt / "plugins").as_posix() for p in (qt / "plugins").rglob("*") if p.is_file()}
    assert {"platforms/libqxcb.so", "platforms/libqoffscreen.so", "printsupport/libcupsprintersupport.so"} <= plugins
    assert not [p for p in plugins if p.split("/")[0] in ("egldeviceintegrations", "generic", "sqldrivers", "tls",
                                                          "multimedia", "position", "sensors", "qmltooling")]
    assert [p.name for p in INTERNAL.rglob("*.qm")] == ["qtbase_zh_CN.qm"]
    libs = sorted(p.name for p in INTERNAL.rglob("*Qt6*"))
    assert {"libQt6Pdf.so.6", "libQt6PrintSupport.so.6", "libQt6Widgets.so.6"} <= set(libs)
    assert not [n for n in libs if UNUSED_QT.search(n)], libs
    assert not [p for p in DIST.rglob("*") if p.is_symlink() and not p.exists()], "dangling links"
    assert (INTERNAL / "govreport_gui" / "resources" / "forms" / "2021.toml").is_file()
    # every bundled font travels with its licence
    fonts = sorted(FONTS.glob("*.tt[cf]"))
    assert fonts, "no CJK font bundled"
    for font in fonts:
        assert list(FONTS.glob(f"{font.stem}.*.txt")), f"{font.name} has no licence beside it"
    assert (DIST / "licenses").is_dir() and any((DIST / "licenses").iterdir())
    size = sum(p.stat().st_size for p in DIST.rglob("*") if p.is_file() and not p.is_symlink())
    largest = sorted((p for p in DIST.rglob("*") if p.is_file() and not p.is_symlink()),
                     key=lambda p: p.stat().st_size, reverse=True)[:15]
    measured["folder_mb"] = round(size / 2**20, 1)
    measured["files"] = sum(1 for p in DIST.rglob("*") if p.is_file())
    measured["largest"] = [f"{p.stat().st_size / 2**20:.1f} MB {p.relative_to(DIST).as_posix()}" for p in largest]
    assert size < 300 * 2**20


# --- the command line works the same -----------------------------------------------------------------------------
def test_validate_answers_exactly_as_the_source_does(home, tmp_path):
    t0 = time.monotonic()
    got = built(home, "validate", str(SEED))
    measured["cli_validate_s"] = round(time.monotonic() - t0, 2)
    assert got.returncode == 0 and "2个警告" in got.stdout
    same(got, source(home, "validate", str(SEED)))
    same(built(home, "validate", "--json", str(SEED)), source(home, "validate", "--json", str(SEED)))
    # a new, empty report; an unreadable file; a missing one; bad usage
    new = tmp_path / "new.govreport"
    made = built(home, "new", "--agency", "测试县人民政府办公室", "--year", "2025", "-o", str(new))
    assert made.returncode == 0 and new.is_file(), made.stderr
    same(built(home, "validate", str(new)), source(home, "validate", str(new)))
    bad = tmp_path / "bad.govreport"
    bad.write_bytes(b"\x00not json")
    for args in (["validate", str(bad)], ["validate", str(tmp_path / "missing.govreport")], ["validate"], []):
        got = built(home, *args)
        assert got.returncode == 2 and "Traceback" not in got.stderr
        same(got, source(home, *args))


def test_import_and_carry_over_answer_as_the_source_does(home, tmp_path):
    sample = SAMPLES / "linping-2023-published.txt"
    if not sample.is_file():
        pytest.skip("the shared samples are not beside the repository")
    outs = {}
    for name, run in (("built", built), ("source", source)):
        out = tmp_path / f"{name}.govreport"
        res = run(home, "import", str(sample), "-o", str(out))
        assert res.returncode == 0, res.stderr
        outs[name] = (res, out)
    same(outs["built"][0], outs["source"][0], (str(outs["built"][1]), "OUT"), (str(outs["source"][1]), "OUT"))
    assert outs["built"][1].read_bytes() == outs["source"][1].read_bytes()
    # a Word file (python-docx over lxml: both must be in the folder)
    import docx

    document = docx.Document()
    for line in sample.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    word = tmp_path / "published.docx"
    document.save(str(word))
    a, b = (run(home, "import", str(word), "-o", str(tmp_path / f"{n}-docx.govreport")) for n, run in
            (("built", built), ("source", source)))
    same(a, b, (str(tmp_path / "built-docx.govreport"), "OUT"), (str(tmp_path / "source-docx.govreport"), "OUT"))
    assert "Traceback" not in a.stderr and "No module named" not in a.stderr
    a, b = (run(home, "carry-over", str(SEED), "-o", str(tmp_path / f"{n}-next.govreport")) for n, run in
            (("built", built), ("source", source)))
    same(a, b, (str(tmp_path / "built-next.govreport"), "OUT"), (str(tmp_path / "source-next.govreport"), "OUT"))
    assert a.returncode == 0
    assert (tmp_path / "built-next.govreport").read_bytes() == (tmp_path / "source-next.govreport").read_bytes()


# --- exports ---------------------------------------------------------------------------------------------------
def squash(text: str) -> str:
    return re.sub(r"—\d+—", "", re.sub(r"\s+", "", text))


def label_tokens() -> list[list[str]]:
    """For each table of the form, its label texts in reading order."""
    form = load_form()
    return [[squash(g.wrap or g.text) for g in table_grid(form, t).cells if not g.is_value] for t in form.tables]


@pytest.fixture(scope="session")
def exports(home: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed exported by the built program (bundled fonts only) and by the source (the same font files)."""
    out = tmp_path_factory.mktemp("exports")
    no_fonts = out / "no-system-fonts"
    no_fonts.mkdir()
    res = built(home, "export", str(SEED), "--pdf", str(out / "built.pdf"), "--xlsx", str(out / "built.xlsx"),
                GOVREPORT_FONT_DIRS=str(no_fonts))
    assert res.returncode == 0, res.stderr
    assert "已导出PDF" in res.stdout and "已导出Excel工作簿" in res.stdout
    res = source(home, "export", str(SEED), "--pdf", str(out / "source.pdf"), "--xlsx", str(out / "source.xlsx"),
                 GOVREPORT_FONT_DIRS=str(FONTS))
    assert res.returncode == 0, res.stderr
    return {"dir": out}


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True, timeout=60).stdout


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_pdf_has_the_title_and_every_table_label_and_embeds_the_bundled_fonts(exports):
    pdf = exports["dir"] / "built.pdf"
    text = squash(_pdf_text(pdf))
    assert "杭州市临平区行政审批服务管理办公室2023年度政府信息公开工作报告" in text
    for tokens in label_tokens():
        pos = 0
        for tok in tokens:
            found = text.find(tok, pos)
            assert found >= 0, f"label {tok!r} missing"
            pos = found + len(tok)
    assert _pdf_text(pdf) == _pdf_text(exports["dir"] / "source.pdf")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts
    for line in fonts:
        cols = line.split()
        assert cols[-5] == "yes", f"font not embedded: {line}"
        assert re.search(r"UMing|WenQuanYi", cols[0]), f"not a bundled font: {line}"


def test_xlsx_reopens_with_every_label_and_the_same_cells_as_the_source_export(exports):
    from openpyxl import load_workbook

    def cells(path: Path) -> dict[tuple[str, str], object]:
        wb = load_workbook(path)
        return {(ws.title, c.coordinate): c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row
                if c.value is not None}

    got = cells(exports["dir"] / "built.xlsx")
    assert got == cells(exports["dir"] / "source.xlsx")
    texts = {squash(str(v)) for v in got.values()}
    for tokens in label_tokens():
        for tok in tokens:
            assert tok in texts, f"label {tok!r} missing from the workbook"


# --- the window ------------------------------------------------------------------------------------------------
def test_gui_starts_offscreen_with_the_seed_and_stays_up(home):
    proc = subprocess.Popen([*NO_NET, str(GUI), str(SEED)], env=user_env(home), cwd=home,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(3)
        assert proc.poll() is None, proc.communicate()[1]
    finally:
        proc.terminate()
        _out, err = proc.communicate(timeout=30)
    assert "Traceback" not in err and "Could not load the Qt platform plugin" not in err, err
    # the settings (recent files) went to the user's folder
    assert list((home / ".config").rglob("govreport-gui.*")), "no settings in the user's folder"


def _evict_from_page_cache(folder: Path) -> None:
    """Ask the kernel to forget the folder's files, so that the next start reads them from disk (a cold start)."""
    if not hasattr(os, "posix_fadvise"):
        return
    for f in folder.rglob("*"):
        if f.is_file() and not f.is_symlink():
            fd = os.open(f, os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def _time_to_window(home: Path, display: str, args: Sequence[str], prefix: Sequence[str]) -> float:
    t0 = time.monotonic()
    proc = subprocess.Popen([*prefix, str(GUI), *args], env=user_env(home, QT_QPA_PLATFORM="xcb", DISPLAY=display),
                            cwd=home, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        while "linping-2023.govreport" not in window_titles(display):
            assert proc.poll() is None, proc.communicate()[1]
            assert time.monotonic() - t0 < 60, "no window after 60 s"
            time.sleep(0.05)
        elapsed = time.monotonic() - t0
        time.sleep(1)
        assert proc.poll() is None
    finally:
        proc.terminate()
        proc.communicate(timeout=30)
    return elapsed


def _time_to_print_dialog(home: Path, display: str, prefix: Sequence[str]) -> float:
    """Ctrl+P in the window: the report is drawn (reportlab), loaded with QtPdf and Qt's print dialog opens."""
    env = user_env(home, QT_QPA_PLATFORM="xcb", DISPLAY=display)
    proc = subprocess.Popen([*prefix, str(GUI), str(SEED)], env=env, cwd=home, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    try:
        while "linping-2023.govreport" not in window_titles(display):
            assert proc.poll() is None, proc.communicate()[1]
            time.sleep(0.05)
        time.sleep(0.5)
        subprocess.run(["xdotool", "mousemove", "300", "300", "click", "1"], env=env, check=True, timeout=30)
        t0 = time.monotonic()
        subprocess.run(["xdotool", "key", "ctrl+p"], env=env, check=True, timeout=30)
        while '"打印 — ' not in window_titles(display):
            assert proc.poll() is None, proc.communicate()[1]
            assert time.monotonic() - t0 < 60, "no print dialog after 60 s"
            time.sleep(0.05)
        return time.monotonic() - t0
    finally:
        proc.terminate()
        _out, err = proc.communicate(timeout=30)
        assert "Traceback" not in err, err


@pytest.mark.skipif(not (shutil.which("Xvfb") and shutil.which("xwininfo")), reason="Xvfb or xwininfo missing")
def test_gui_window_appears_on_an_x_display_with_the_seed_open(home):
    xvfb, display = start_xvfb()
    try:
        # X reached through the socket file from a network namespace of its own; else (an odd sandbox) without it
        prefix = NO_NET if NO_NET and reachable(display, NO_NET) else []
        measured["gui_window_no_network"] = bool(prefix)
        _evict_from_page_cache(DIST)
        times = [_time_to_window(home, display, [str(SEED)], prefix) for _ in range(3)]  # the first one cold
        if shutil.which("xdotool"):
            measured["print_dialog_s"] = round(_time_to_print_dialog(home, display, prefix), 2)
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=30)
    measured["gui_window_cold_s"] = round(times[0], 2)
    measured["gui_window_warm_s"] = [round(t, 2) for t in times[1:]]
    assert max(times) < 30


# --- desktop integration ---------------------------------------------------------------------------------------
@pytest.mark.skipif(sys.platform != "linux", reason="Linux desktop integration")
def test_install_sh_registers_menu_entry_file_type_and_command_and_uninstall_removes_them(tmp_path):
    h = tmp_path / "user"
    h.mkdir()
    env = user_env(h)
    res = subprocess.run(["bash", str(DIST / "install.sh")], env=env, capture_output=True, text=True, check=False)
    assert res.returncode == 0, res.stderr
    share = h / ".local" / "share"
    desktop = share / "applications" / "govreport-gui.desktop"
    entry = desktop.read_text(encoding="utf-8")
    assert f'Exec="{GUI}" %f' in entry and "MimeType=application/x-govreport;" in entry
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True, check=False)
        assert check.returncode == 0 and not check.stdout.strip(), check.stdout
    assert (share / "mime" / "packages" / "govreport.xml").is_file()
    if shutil.which("update-mime-database"):
        assert "application/x-govreport:*.govreport" in (share / "mime" / "globs2").read_text()
    assert (share / "icons" / "hicolor" / "256x256" / "apps" / "govreport.png").is_file()
    assert (share / "icons" / "hicolor" / "48x48" / "mimetypes" / "application-x-govreport.png").is_file()
    # the command through its link in ~/.local/bin
    linked = subprocess.run([str(h / ".local" / "bin" / "govreport"), "validate", str(SEED)], env=env,
                            capture_output=True, text=True, check=False)
    assert linked.returncode == 0 and "2个警告" in linked.stdout
    res = subprocess.run(["bash", str(DIST / "uninstall.sh")], env=env, capture_output=True, text=True, check=False)
    assert res.returncode == 0, res.stderr
    assert not desktop.exists() and not (h / ".local" / "bin" / "govreport").exists()
    assert not list(share.rglob("govreport*.png")) and not (share / "mime" / "packages" / "govreport.xml").exists()


# --- last: nothing was written next to the programs ------------------------------------------------------------
def test_zz_nothing_was_written_into_the_folder(dist_before):
    after = snapshot(DIST)
    added = sorted(set(after) - set(dist_before))
    changed = sorted(k for k in dist_before if after.get(k) != dist_before[k])
    assert not added and not changed, f"added {added[:10]}, changed or removed {changed[:10]}"
