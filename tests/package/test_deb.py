"""The .deb (``make deb``): its layout, and installing, using and removing it in a plain Debian 11 (``make deb-test``).

Runs when ``GOVREPORT_DEB`` names the package (and, as for every test here, ``GOVREPORT_DIST`` the folder it was
built from).  With ``GOVREPORT_OLD_ROOT`` (``packaging/compat/test-root.sh``: a bare Debian 11 with only the
libraries the package depends on) the package is installed there with ``dpkg -i``, ``govreport --version`` and a PDF
export run with the installed command, the window starts (on Xvfb when there is one), and ``dpkg -r`` must leave
the root exactly as it was.  Without a root, ``dpkg --root`` installs it into an empty folder instead.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEB = Path(os.environ["GOVREPORT_DEB"]).resolve() if os.environ.get("GOVREPORT_DEB") else None
OLD = Path(os.environ["GOVREPORT_OLD_ROOT"]).resolve() if os.environ.get("GOVREPORT_OLD_ROOT") else None
SEED = ROOT / "tests" / "data" / "linping-2023.govreport"
# what the package may change outside its files: dpkg's own records, logs, caches, scratch space
VOLATILE = ("var/lib/dpkg", "var/log", "var/cache", "tmp", "root", "proc", "sys", "dev", "run", "var/tmp")

pytestmark = [
    pytest.mark.skipif(DEB is None, reason="GOVREPORT_DEB names no .deb"),
    pytest.mark.skipif(sys.platform != "linux" or os.geteuid() != 0, reason="needs Linux and root (dpkg)"),
]

sys.path.insert(0, str(ROOT / "tests" / "package"))
from xdisplay import start_xvfb, window_titles  # noqa: E402


def deb_field(name: str) -> str:
    assert DEB is not None
    return subprocess.run(["dpkg-deb", "-f", str(DEB), name], capture_output=True, text=True, check=True).stdout.strip()


def contents() -> list[str]:
    assert DEB is not None
    out = subprocess.run(["dpkg-deb", "-c", str(DEB)], capture_output=True, text=True, check=True).stdout
    return [line.split(None, 5)[5] for line in out.splitlines()]


def snapshot(root: Path) -> set[str]:
    """Every path under ROOT, except the volatile places."""
    out: set[str] = set()
    for folder, dirs, files in os.walk(root):
        rel = os.path.relpath(folder, root)
        dirs[:] = [d for d in dirs if os.path.normpath(os.path.join(rel, d)) not in VOLATILE]
        out.update(os.path.normpath(os.path.join(rel, n)) for n in dirs + files)
    return out


def test_layout_follows_the_uos_application_layout() -> None:
    app_id = deb_field("Package")
    names = contents()
    app = f"./opt/apps/{app_id}"
    for needed in (f"{app}/info", f"{app}/files/govreport", f"{app}/files/govreport-gui",
                   f"{app}/entries/applications/{app_id}.desktop", f"{app}/entries/mime/packages/{app_id}.xml",
                   f"{app}/entries/icons/hicolor/256x256/apps/{app_id}.png",
                   f"{app}/entries/icons/hicolor/scalable/apps/{app_id}.svg"):
        assert needed in names, needed
    links = [n for n in names if " -> " in n]
    for visible in (f"./usr/share/applications/{app_id}.desktop", f"./usr/share/mime/packages/{app_id}.xml",
                    f"./usr/share/icons/hicolor/256x256/apps/{app_id}.png", "./usr/bin/govreport"):
        assert any(n.startswith(visible + " -> /opt/apps/") for n in links), visible
    assert not any(n.startswith("./usr/local") or n.startswith("./home") for n in names)
    # no maintainer script at all: nothing runs at install time, nothing can reach the network
    control = subprocess.run(["dpkg-deb", "-I", str(DEB)], capture_output=True, text=True, check=True).stdout
    assert not any(s in control for s in ("preinst", "postinst", "prerm", "postrm"))
    depends = deb_field("Depends")
    assert "python" not in depends.lower() and "qt" not in depends.lower()


def test_info_and_version_come_from_the_program() -> None:
    assert DEB is not None
    with subprocess.Popen(["dpkg-deb", "--fsys-tarfile", str(DEB)], stdout=subprocess.PIPE) as p:
        import tarfile

        with tarfile.open(fileobj=p.stdout, mode="r|") as tar:
            for member in tar:
                if member.name.endswith("/info") and "/opt/apps/" in member.name:
                    f = tar.extractfile(member)
                    assert f is not None
                    info = json.loads(f.read().decode("utf-8"))
                    break
    dist = Path(os.environ["GOVREPORT_DIST"]).resolve()
    version = subprocess.run([str(dist / "govreport"), "--version"], capture_output=True, text=True).stdout.split()[1]
    assert info["appid"] == deb_field("Package") and info["version"] == deb_field("Version") == version
    assert info["arch"] == [deb_field("Architecture")]


def _in_old(*argv: str, **env: str) -> list[str]:
    base = {"HOME": "/tmp/home", "XDG_RUNTIME_DIR": "/tmp/home/run", "QT_QPA_PLATFORM": "offscreen"}
    pairs = [f"{k}={v}" for k, v in (base | env).items()]
    return ["bash", "-c", 'cd "$0" && source packaging/compat/common.sh && in_root "$@"', str(ROOT), str(OLD),
            *pairs, *argv]


def _run_old(*argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_in_old(*argv, **env), capture_output=True, text=True, timeout=300)


@pytest.mark.skipif(OLD is None, reason="GOVREPORT_OLD_ROOT names no Debian 11 root")
def test_install_use_and_remove_in_debian_11() -> None:
    assert OLD is not None and DEB is not None
    for p in ("tmp/home", "tmp/work", "tmp/pkg"):
        shutil.rmtree(OLD / p, ignore_errors=True)
    (OLD / "tmp" / "home" / "run").mkdir(parents=True, mode=0o700)
    (OLD / "tmp" / "work").mkdir(parents=True)
    (OLD / "tmp" / "pkg").mkdir(parents=True)
    shutil.copyfile(SEED, OLD / "tmp" / "work" / SEED.name)
    shutil.copyfile(DEB, OLD / "tmp" / "pkg" / DEB.name)
    before = snapshot(OLD)
    res = _run_old("dpkg", "-i", f"/tmp/pkg/{DEB.name}")
    assert res.returncode == 0, res.stdout + res.stderr
    try:
        app_id = deb_field("Package")
        desktop = OLD / "usr" / "share" / "applications" / f"{app_id}.desktop"
        assert desktop.is_symlink() and (OLD / os.readlink(desktop).lstrip("/")).is_file()
        if shutil.which("desktop-file-validate"):
            check = subprocess.run(["desktop-file-validate", str(OLD / os.readlink(desktop).lstrip("/"))],
                                   capture_output=True, text=True)
            assert check.returncode == 0, check.stdout + check.stderr
        v = _run_old("govreport", "--version")
        assert v.returncode == 0 and v.stdout == f"govreport {deb_field('Version')}\n", v.stdout + v.stderr
        e = _run_old("govreport", "export", f"/tmp/work/{SEED.name}", "--pdf", "/tmp/work/out.pdf")
        assert e.returncode == 0, e.stdout + e.stderr
        assert (OLD / "tmp" / "work" / "out.pdf").read_bytes().startswith(b"%PDF-")
        _window_comes_up()
    finally:
        rm = _run_old("dpkg", "-r", app_id)
    assert rm.returncode == 0, rm.stdout + rm.stderr
    after = snapshot(OLD)
    # fontconfig, run as root, marks each font folder with a .uuid: the programs' doing, not the package's
    left = sorted(p for p in after - before if os.path.basename(p) != ".uuid")
    assert left == []
    # dpkg may prune a folder that was there empty and is no package's (a minimal root's /opt)
    gone = before - after
    assert all((OLD / p).parent.exists() and p.count("/") == 0 for p in gone), sorted(gone)


def _window_comes_up() -> None:
    if not (shutil.which("Xvfb") and shutil.which("xwininfo")):
        proc = subprocess.Popen(_in_old("govreport-gui", f"/tmp/work/{SEED.name}"), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, start_new_session=True)
        try:
            time.sleep(5)
            assert proc.poll() is None, proc.communicate()[1]
        finally:
            _stop(proc)
        return
    xvfb, display = start_xvfb()
    proc = subprocess.Popen(
        _in_old("govreport-gui", f"/tmp/work/{SEED.name}", DISPLAY=display, QT_QPA_PLATFORM="xcb"),
        env=dict(os.environ, IN_ROOT_BINDS="/tmp/.X11-unix"), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, start_new_session=True)
    try:
        deadline, titles = time.monotonic() + 90, ""
        while time.monotonic() < deadline and proc.poll() is None:
            titles = window_titles(display)
            if f"{SEED.name} — " in titles:
                break
            time.sleep(0.5)
        assert proc.poll() is None, proc.communicate()[1]
        assert f"{SEED.name} — " in titles
    finally:
        _stop(proc)
        xvfb.terminate()
        xvfb.wait(timeout=10)


def _stop(proc: subprocess.Popen[str]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    proc.communicate(timeout=30)


def test_install_and_remove_into_an_empty_root(tmp_path: Path) -> None:
    """dpkg --root into an empty folder (dependencies not there: forced): the programs run, removal leaves nothing."""
    assert DEB is not None
    root = tmp_path / "root"
    admin = root / "var" / "lib" / "dpkg"
    for d in ("info", "updates", "triggers"):
        (admin / d).mkdir(parents=True)
    (admin / "status").write_text("", encoding="utf-8")
    (admin / "available").write_text("", encoding="utf-8")
    before = snapshot(root)
    dpkg = ["dpkg", f"--root={root}", "--log=/dev/null", "--force-depends", "--force-script-chrootless"]
    res = subprocess.run([*dpkg, "-i", str(DEB)], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
    app_id = deb_field("Package")
    program = root / "opt" / "apps" / app_id / "files" / "govreport"
    v = subprocess.run([str(program), "--version"], capture_output=True, text=True)
    assert v.stdout == f"govreport {deb_field('Version')}\n"
    assert (root / "usr" / "bin" / "govreport").is_symlink()
    res = subprocess.run([*dpkg, "-r", app_id], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
    assert sorted(snapshot(root) ^ before) == []
