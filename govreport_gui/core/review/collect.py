"""Which files a review reads: the files named, and every report-like file inside the folders named.

A supervisor points at the folder the departments' reports were collected in; it also holds covering letters,
scans and backups.  Only the formats ``govreport import`` reads are taken (by extension, case-insensitive); the
folder is walked recursively, hidden entries and our own ``.bak`` backups are skipped, and each file is taken once
even when named twice.  The walk is bounded (:data:`MAX_FILES`), so a folder of a million files is refused rather
than read for an hour.
"""

from __future__ import annotations

import os
from pathlib import Path

KINDS = {
    ".govreport": "本程序文件", ".xlsx": "Excel工作簿", ".docx": "Word文档", ".pdf": "PDF", ".txt": "文本",
    ".md": "Markdown", ".html": "网页", ".htm": "网页", ".doc": "Word文档", ".wps": "Word文档", ".xls": "Excel工作簿",
    ".et": "Excel工作簿",
}
MAX_FILES = 20_000


class CollectRefused(Exception):
    """The paths cannot be reviewed at all; ``str(exc)`` is a one-line Chinese message."""


def file_kind(path: str | os.PathLike[str]) -> str:
    """The format a file is reviewed as, named for the summary (by its extension)."""
    return KINDS.get(Path(path).suffix.lower(), "其他")


def collect_files(paths: list[str] | tuple[str, ...]) -> list[Path]:
    """The report files named by ``paths`` (files as given, folders walked), in a stable order.

    A file named directly is taken whatever its extension (it becomes a row, readable or not); a missing path is
    refused with :class:`CollectRefused`.
    """
    out: list[Path] = []
    seen: set[str] = set()

    def add(p: Path) -> None:
        key = os.path.normcase(os.path.abspath(p))
        if key not in seen:
            seen.add(key)
            out.append(p)
            if len(out) > MAX_FILES:
                raise CollectRefused(f"所选文件夹中的文件超过{MAX_FILES}个，请分批审查。")

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in _walk(p):
                add(f)
        elif p.exists() or p.is_symlink():
            add(p)
        else:
            raise CollectRefused(f"找不到“{raw}”。")
    return out


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, onerror=None, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name.startswith("~$"):
                continue
            if Path(name).suffix.lower() in KINDS:
                found.append(Path(root) / name)
            if len(found) > MAX_FILES:
                raise CollectRefused(f"“{folder.name}”中的报告文件超过{MAX_FILES}个，请分批审查。")
    return found
