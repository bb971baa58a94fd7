"""Atomic saving that survives odd targets: long names, links, read-only files, parallel savers, killed saves.

The file is always the complete old or the complete new content: a temporary file in the same folder is written,
fsynced and renamed over the target; the previous version is kept as ``<name>.bak``.  What this module adds to that:

- temporary names are short and random (``.~gr-<12 hex>.tmp``, 21 bytes), so they fit beside a target whose name
  uses the whole 255 bytes a folder entry allows (the old ``.<name>.XXXXXXXX.tmp`` overflowed from 242 bytes on);
- the ``.bak`` is made by copying into a temporary of its own and renaming it: it is never briefly empty or cut
  short, and two savers never share a temporary (a fixed ``.bak.tmp`` made parallel saves fail);
- a symbolic link is followed: the link's target is replaced and the link stays a link, ``.bak`` beside the target;
- a read-only target is refused (:class:`ReadOnlyTarget`) unless the caller says it asked the clerk;
- a target with other hard links: a rename would cut it from the other names, so :func:`link_note` says so;
- our own temporaries older than :data:`STALE_AFTER` seconds, left in the folder by a killed save or export, are
  removed at the next save (only regular files of ours, by name pattern; never anything else).
Every refusal is a :class:`SaveRefused` (an ``OSError``) whose ``str()`` is one Chinese sentence.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import sys
import time
from pathlib import Path

from .os_errors import os_error_text

TEMP_PREFIX = ".~gr-"
TEMP_SUFFIX = ".tmp"
_TEMP_RE = re.compile(r"\.~gr-[0-9a-f]{12}\.tmp")
STALE_AFTER = 600.0  # seconds: a save or export takes well under a second; ten minutes is surely abandoned
BAK_SUFFIX = ".bak"
DEFAULT_NAME_MAX = 255  # bytes per folder entry on ext4, NTFS (UTF-16 units), FAT/exFAT, APFS


class SaveRefused(OSError):
    """A save that cannot or may not be done; ``str(exc)`` is one Chinese sentence for the clerk."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ReadOnlyTarget(SaveRefused):
    """The target file is read-only; saving over it needs the clerk's consent (``overwrite_readonly=True``)."""


def resolve_target(path: str | os.PathLike[str]) -> Path:
    """The file a save to ``path`` must replace: the final target of a symbolic link (chain), else ``path``."""
    p = Path(path)
    if not os.path.islink(p):  # False also for a name too long to look up (Path.is_symlink raises then)
        return p
    try:
        return Path(os.path.realpath(p, strict=False))
    except OSError:  # a link loop: let the save fail on it with the system's reason
        return p


def name_max(folder: Path) -> int:
    """The longest file name (in bytes) the folder's file system accepts."""
    if hasattr(os, "pathconf"):
        try:
            return int(os.pathconf(folder, "PC_NAME_MAX"))
        except (OSError, ValueError):
            pass
    return DEFAULT_NAME_MAX


def name_bytes(name: str) -> int:
    """The length of a file name as the file system counts it."""
    if sys.platform == "win32":  # pragma: no cover - NTFS counts UTF-16 code units
        return len(name.encode("utf-16-le")) // 2
    return len(os.fsencode(name))


def _folder(p: Path) -> Path:
    return p.parent if str(p.parent) else Path(".")


def check_name(path: str | os.PathLike[str]) -> None:
    """Raise :class:`SaveRefused` when the name of ``path`` is too long for its folder's file system."""
    p = Path(path)
    folder = _folder(p)
    limit = name_max(folder) if folder.is_dir() else DEFAULT_NAME_MAX
    size = name_bytes(p.name)
    if size > limit:
        shown = p.name if len(p.name) <= 24 else p.name[:20] + "…"
        raise SaveRefused(f"文件名“{shown}”过长（{size}字节，最多{limit}字节），无法保存；请换一个较短的文件名。")


def backup_fits(path: str | os.PathLike[str]) -> bool:
    """Whether ``<name>.bak`` is a possible name beside ``path`` (not for names of the last 4 allowed bytes)."""
    p = resolve_target(path)
    folder = _folder(p)
    limit = name_max(folder) if folder.is_dir() else DEFAULT_NAME_MAX
    return name_bytes(p.name + BAK_SUFFIX) <= limit


def backup_note(path: str | os.PathLike[str]) -> str | None:
    """A Chinese note when an existing file's previous version cannot be kept as ``.bak`` (name too long)."""
    p = resolve_target(path)
    if os.path.exists(p) and not backup_fits(p):
        return f"文件名过长，无法在旁边保留上一版本的备份（{p.name[:10]}….bak）；如需备份请换一个较短的文件名。"
    return None


def target_exists(path: str | os.PathLike[str]) -> bool:
    """Whether a save target already exists; a name or path the system cannot take raises :class:`SaveRefused`."""
    check_name(path)
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise SaveRefused(f"路径“{Path(path).name[:20]}…”过长，无法保存；请换一个较短的名称或位置。") from None
        raise
    return True


def failure_text(exc: OSError) -> str:
    """The reason of a failed save for a one-line message: our own sentence, or the system's reason."""
    return str(exc) if isinstance(exc, SaveRefused) else f"{os_error_text(exc)}。"


def link_note(path: str | os.PathLike[str]) -> str | None:
    """A Chinese note when saving will detach ``path`` from its other hard links, else ``None``."""
    p = resolve_target(path)
    try:
        st = p.stat()
    except OSError:
        return None
    if stat.S_ISREG(st.st_mode) and st.st_nlink > 1:
        return (f"“{p.name}”还有{st.st_nlink - 1}个硬链接（同一文件的其他名称）。为保证保存过程中断时文件完好，"
                "保存会写入新文件，其他名称仍是保存前的内容。")
    return None


def is_read_only(path: str | os.PathLike[str]) -> bool:
    """True when the (resolved) target exists and its permissions forbid writing it."""
    p = resolve_target(path)
    try:
        st = p.stat()
    except OSError:
        return False
    if sys.platform == "win32":  # pragma: no cover
        return not st.st_mode & stat.S_IWRITE
    if st.st_uid == os.getuid():  # the owner's write bit (root too: it could write, but the clerk said no)
        return not st.st_mode & stat.S_IWUSR
    return not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def new_temp(folder: Path, mode: int = 0o600) -> tuple[int, Path]:
    """A new temporary of ours in ``folder`` (``.~gr-<12 hex>.tmp``), created exclusively: (descriptor, path)."""
    for _ in range(100):
        tmp = folder / f"{TEMP_PREFIX}{os.urandom(6).hex()}{TEMP_SUFFIX}"
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode), tmp
        except FileExistsError:  # pragma: no cover - 2**48 names
            continue
    raise FileExistsError(f"无法在“{folder}”中创建临时文件。")  # pragma: no cover


def _legacy_temp(name: str, target_name: str) -> bool:
    """Temporaries of earlier versions for this target: ``.<name>.XXXXXXXX.tmp`` and ``.<name>.bak.tmp``."""
    head = f".{target_name}."
    if not (name.startswith(head) and name.endswith(TEMP_SUFFIX)):
        return False
    middle = name[len(head):-len(TEMP_SUFFIX)]
    return middle == "bak" or re.fullmatch(r"[a-z0-9_]{8}", middle) is not None


def clean_stale_temps(folder: Path, target_name: str = "", older_than: float = STALE_AFTER) -> int:
    """Remove our own temporaries older than ``older_than`` seconds from ``folder``; returns how many."""
    removed = 0
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    uid = os.getuid() if hasattr(os, "getuid") else None
    for entry in entries:
        if not (_TEMP_RE.fullmatch(entry.name) or (target_name and _legacy_temp(entry.name, target_name))):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(st.st_mode) or now - st.st_mtime < older_than:
                continue
            if uid is not None and st.st_uid != uid:
                continue
            os.unlink(entry.path)
            removed += 1
        except OSError:
            continue
    return removed


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def unlink_quietly(p: Path) -> None:
    """Remove ``p`` if possible; a failure is of no consequence (a temporary cleaned at the next save)."""
    try:
        os.unlink(p)
    except OSError:
        pass


def _backup(target: Path, folder: Path) -> None:
    """Copy ``target`` to a temporary of its own, then rename it to ``<name>.bak``: never empty or partial."""
    bak = target.with_name(target.name + BAK_SUFFIX)
    fd, tmp = new_temp(folder)
    try:
        with os.fdopen(fd, "wb") as out, open(target, "rb") as src:
            shutil.copyfileobj(src, out, 1024 * 1024)
            out.flush()
            os.fsync(out.fileno())
        try:
            shutil.copystat(target, tmp)
        except OSError:
            pass
        os.replace(tmp, bak)
    except BaseException:
        unlink_quietly(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0o077)  # the only portable way to read it is to set it; put back at once
    os.umask(mask)
    return mask


def _mode_for(st: os.stat_result | None, private: bool) -> int:
    """The permission bits the saved file gets: an existing file keeps its own; a new one gets what the user's umask
    allows (as any program's ``open()`` would); ``private`` (personal data) keeps it to the owner either way."""
    mode = stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask()
    return mode & 0o700 if private else mode


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, keep_backup: bool = True,
                       overwrite_readonly: bool = False, private: bool = False) -> Path:
    """Write ``data`` so that the target is always the complete old or new content; returns the file written.

    ``path`` may be a symbolic link (its target is written).  The previous version is kept as ``.bak`` when
    ``keep_backup`` and that name fits (:func:`backup_note`).  A read-only target raises :class:`ReadOnlyTarget`
    unless ``overwrite_readonly``.  Overwriting keeps the file's permission bits; a new file gets what the user's
    umask allows; ``private`` (a file holding personal data) keeps it to the owner either way.  On failure the
    temporary is removed and the target is untouched.
    """
    target = resolve_target(path)
    folder = _folder(target)
    check_name(target)
    try:
        st: os.stat_result | None = target.stat()
    except FileNotFoundError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):  # a device, pipe or folder is never replaced by a file
        raise SaveRefused(f"“{target.name}”不是普通文件（是文件夹或设备），不能保存到这里；请换一个文件名。")
    if st is not None and not overwrite_readonly and is_read_only(target):
        raise ReadOnlyTarget(f"“{target.name}”是只读文件，未覆盖；如确要覆盖请确认，或用“另存为”保存到其他位置。")
    clean_stale_temps(folder, target.name)
    fd, tmp = new_temp(folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if sys.platform != "win32":  # the temporary is 0600 (on Windows only the read-only flag exists)
            try:
                os.chmod(tmp, _mode_for(st, private))
            except OSError:
                pass
        if keep_backup and st is not None and backup_fits(target):  # else: backup_note() tells the clerk
            _backup(target, folder)
        os.replace(tmp, target)
    except BaseException:
        unlink_quietly(tmp)
        raise
    _fsync_dir(folder)
    return target
