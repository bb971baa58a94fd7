"""Recovery copies of modified reports, so that a crash never costs the clerk their work.

A copy is written atomically, readable only by the user, into the per-user data folder (``recovery/``).  Each copy
names the process that wrote it; copies of processes that are no longer running are offered at the next start
(恢复 / 丢弃).  A clean save or close removes the copy.
"""

from __future__ import annotations

import json
import os
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .atomic import SaveRefused, atomic_write_bytes
from .paths import recovery_dir
from .report import Report
from .storage import ReportFileError, from_dict, to_dict, unique_keys
from .text_safety import first_lone_surrogate

SUFFIX = ".govreport-recovery"
MAX_RECOVERY_BYTES = 50 * 1024 * 1024


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass(frozen=True)
class RecoveryEntry:
    """A recovery copy found on disk."""

    path: Path
    saved_at: float
    source: str | None  # the file the report belongs to, or None for a never-saved report
    pid: int

    @property
    def when(self) -> str:
        return datetime.fromtimestamp(self.saved_at).strftime("%Y-%m-%d %H:%M:%S")

    @property
    def display_name(self) -> str:
        return Path(self.source).name if self.source else "（未保存的新报告）"

    def load(self) -> Report:
        """The report in the copy.  Raises :class:`ReportFileError` if the copy is damaged."""
        return _read(self.path)[1]


def _read(path: Path) -> tuple[dict[str, Any], Report]:
    try:
        if path.stat().st_size > MAX_RECOVERY_BYTES:
            raise ReportFileError("恢复副本过大，已忽略。")
        doc = json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=unique_keys)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError, ValueError):
        raise ReportFileError(f"恢复副本“{path.name}”已损坏。") from None
    if not isinstance(doc, dict) or doc.get("format") != "govreport-recovery":
        raise ReportFileError(f"“{path.name}”不是恢复副本。")
    return doc, from_dict(doc.get("report"), path.name)


class RecoveryStore:
    """Recovery copies of this process's open reports, in ``folder`` (default: per-user data folder)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or recovery_dir()
        self.session = uuid.uuid4().hex[:12]

    def _file(self, doc_key: str) -> Path:
        return self.folder / f"{self.session}-{doc_key}{SUFFIX}"

    def write(self, doc_key: str, report: Report, source: str | None) -> Path:
        """Write (atomically, mode 0600) the recovery copy of one open report."""
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        doc = {"format": "govreport-recovery", "saved_at": time.time(), "source": source, "pid": os.getpid(),
               "report": to_dict(report)}
        target = self._file(doc_key)
        try:
            data = json.dumps(doc, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            place = first_lone_surrogate(doc["report"]) or "正文"
            raise SaveRefused(f"恢复副本未能写入：报告中“{place}”含有无法保存的字符（不成对的代理字符）。") from None
        atomic_write_bytes(target, data, keep_backup=False, private=True)
        try:
            os.chmod(target, 0o600)
        except OSError:  # pragma: no cover - e.g. a filesystem without modes
            pass
        return target

    def remove(self, doc_key: str) -> None:
        """Forget the copy of one report (after a clean save or close)."""
        try:
            self._file(doc_key).unlink()
        except FileNotFoundError:
            pass

    def orphans(self) -> list[RecoveryEntry]:
        """Copies left by processes that are no longer running, newest first; damaged copies are skipped."""
        out: list[RecoveryEntry] = []
        if not self.folder.is_dir():
            return out
        for p in self.folder.glob(f"*{SUFFIX}"):
            try:
                doc, _ = _read(p)
            except ReportFileError:
                continue
            pid = doc.get("pid")
            pid = pid if isinstance(pid, int) and not isinstance(pid, bool) else -1
            if p.name.startswith(self.session) or _alive(pid):
                continue
            saved = doc.get("saved_at")
            source = doc.get("source")
            out.append(RecoveryEntry(p, float(saved) if isinstance(saved, int | float) else p.stat().st_mtime,
                                     source if isinstance(source, str) else None, pid))
        out.sort(key=lambda e: e.saved_at, reverse=True)
        return out

    @staticmethod
    def discard(entry: RecoveryEntry) -> None:
        try:
            entry.path.unlink()
        except FileNotFoundError:
            pass
