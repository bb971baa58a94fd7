"""Who has a report open: an owner lock file beside the report, so that a second window does not overwrite the first.

Changes were noticed only by (modification time, size) at save time: on a file system with 1-second timestamps
(FAT/exFAT sticks, many network shares) a second window silently overwrote the first one's saved edit 20 times out
of 20.  Now the window that opens a report first holds ``.~lock.<name>#`` beside it (who: user@host, process id,
since when, a random token), written atomically (a complete temporary linked into place, so the lock appears whole
or not at all).  A second window is told who holds it and opens read-only or takes over after asking.  A lock is
stale when its process is gone on this host, or when it is older than :data:`MAX_LOCK_AGE` (another host cannot be
asked); a stale lock is replaced without asking.  At save time the file's content hash is compared with the hash of
the very bytes that were read (:func:`~.storage.read_report_with_hash`), which no timestamp granularity can fool.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import secrets
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .atomic import name_bytes, name_max, new_temp, resolve_target, unlink_quietly
from .recovery import _alive as process_alive

MAX_LOCK_AGE = 7 * 24 * 3600.0  # seconds; a window left open over a long holiday still counts
MAX_LOCK_BYTES = 4096


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment (a service): still lock
        return "?"


def _host() -> str:
    """This computer's name, without touching the network layer (socket.gethostname is audited as network use)."""
    if hasattr(os, "uname"):
        return os.uname().nodename or "?"
    return os.environ.get("COMPUTERNAME") or "?"  # pragma: no cover - Windows


@dataclass(frozen=True)
class LockInfo:
    """The content of an owner lock."""

    user: str
    host: str
    pid: int
    since: float
    token: str

    @property
    def who(self) -> str:
        return f"{self.user}@{self.host}"

    def describe(self) -> str:
        when = datetime.fromtimestamp(self.since).strftime("%Y-%m-%d %H:%M")
        return f"{self.who}（进程{self.pid}）自{when}起"

    def stale(self, now: float | None = None) -> bool:
        """True when the holder is surely gone: its process ended on this host, or the lock is too old."""
        now = time.time() if now is None else now
        if now - self.since > MAX_LOCK_AGE:
            return True
        return self.host == _host() and not process_alive(self.pid)


@dataclass(frozen=True)
class Lock:
    """A lock this program holds; ``release`` removes it only while it is still ours."""

    report: Path
    info: LockInfo

    def release(self) -> None:
        release(self)


def lock_path(report: str | os.PathLike[str]) -> Path:
    """The lock file of a report: ``.~lock.<name>#`` beside it (a shorter hashed name if that would not fit)."""
    target = resolve_target(report)
    folder = target.parent if str(target.parent) else Path(".")
    name = f".~lock.{target.name}#"
    limit = name_max(folder) if folder.is_dir() else 255
    if name_bytes(name) > limit:
        name = f".~lock.{hashlib.sha256(os.fsencode(target.name)).hexdigest()[:16]}#"
    return folder / name


def inspect(report: str | os.PathLike[str]) -> LockInfo | None:
    """The lock on ``report``, or ``None`` when there is none.  A damaged lock reads as a stale one."""
    p = lock_path(report)
    try:
        with open(p, "rb") as fh:
            raw = fh.read(MAX_LOCK_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError:
        return LockInfo("?", "?", -1, 0.0, "")
    try:
        d = json.loads(raw.decode("utf-8"))
        info = LockInfo(str(d["user"]), str(d["host"]), int(d["pid"]), float(d["since"]), str(d["token"]))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError):
        return LockInfo("?", "?", -1, 0.0, "")
    return info


def _write_lock(report: Path, replace: bool) -> Lock | None:
    info = LockInfo(_user(), _host(), os.getpid(), time.time(), secrets.token_hex(8))
    target = lock_path(report)
    data = json.dumps(info.__dict__, ensure_ascii=False).encode("utf-8")
    fd, tmp = new_temp(target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if replace:
            os.replace(tmp, target)
        else:
            try:
                os.link(tmp, target)  # fails if a lock exists: created whole or not at all
            except FileExistsError:
                return None
            except OSError:  # no hard links here (FAT, some shares): exclusive create, then the content
                try:
                    out = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
                except FileExistsError:
                    return None
                with os.fdopen(out, "wb") as fh:
                    fh.write(data)
    finally:
        unlink_quietly(tmp)
    return Lock(report, info)


def acquire(report: str | os.PathLike[str]) -> Lock | LockInfo:
    """Take the lock on ``report``: a :class:`Lock` when it is ours now, else the live holder's :class:`LockInfo`.

    A stale lock (crashed holder) is replaced.  Where no lock can be written (a read-only folder) the report is
    not shared with anyone who could write it either, so a :class:`Lock` that holds nothing is returned.
    """
    p = resolve_target(report)
    for _ in range(3):
        try:
            got = _write_lock(p, replace=False)
        except OSError:
            return Lock(p, LockInfo(_user(), _host(), os.getpid(), time.time(), ""))
        if got is not None:
            return got
        holder = inspect(p)
        if holder is None:
            continue  # released meanwhile
        if not holder.stale():
            return holder
        try:
            os.unlink(lock_path(p))
        except FileNotFoundError:
            pass
        except OSError:
            return holder
    holder = inspect(p)
    return holder if holder is not None else Lock(p, LockInfo(_user(), _host(), os.getpid(), time.time(), ""))


def takeover(report: str | os.PathLike[str]) -> Lock:
    """Take the lock from its holder (after the clerk confirmed 接管); the holder's next save is refused."""
    p = resolve_target(report)
    try:
        got = _write_lock(p, replace=True)
    except OSError:
        got = None
    return got or Lock(p, LockInfo(_user(), _host(), os.getpid(), time.time(), ""))


def holds(lock: Lock) -> bool:
    """True while ``lock`` is still the lock on its report (nobody took it over)."""
    if not lock.info.token:
        return inspect(lock.report) is None
    current = inspect(lock.report)
    return current is not None and current.token == lock.info.token


def release(lock: Lock) -> None:
    """Remove the lock if it is still ours (never someone else's who took over)."""
    if lock.info.token and holds(lock):
        try:
            os.unlink(lock_path(lock.report))
        except OSError:
            pass
