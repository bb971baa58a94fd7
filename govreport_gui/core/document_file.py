"""Which file the open report belongs to, and whether it still matches what is on disk — no Qt.

The window used to keep this as loose attributes (a path, a stamp, a "modified although the undo stack is clean"
flag) spread over its file methods; here it is one small class that tests can drive without a window.  The undo
stack's own clean state stays in Qt; :meth:`DocumentFile.is_modified` combines the two.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .storage import file_hash

SUFFIX = ".govreport"
UNTITLED = "未命名"


class DocumentFile:
    """The open document's path, the hash of the file's content when we last read or wrote it, and the
    forced-modified flag.  The hash is taken from the very bytes read or written (never a (time, size) stamp: on a
    file system with 1-second timestamps a second window's save went unnoticed 20 times out of 20).

    "Forced modified" marks a document that never came from its file (imported, carried over, recovered): it counts
    as changed even before the first edit.
    """

    def __init__(self, path: str | None = None, content_hash: str | None = None) -> None:
        self.path: str | None = str(path) if path else None
        self.content_hash: str | None = content_hash or (file_hash(self.path) if self.path else None)
        self.forced_modified = False

    def is_modified(self, stack_clean: bool) -> bool:
        return self.forced_modified or not stack_clean

    def display_name(self) -> str:
        return Path(self.path).name if self.path else UNTITLED

    def loaded(self, path: str | None, modified: bool, content_hash: str | None = None) -> None:
        """A new document replaced the open one: remember its file (or none), the hash of the bytes it was read
        from, and whether it counts as changed."""
        self.path = str(path) if path else None
        self.forced_modified = modified
        self.content_hash = content_hash or (file_hash(self.path) if self.path else None)

    def saved(self, path: str, content_hash: str | None = None) -> None:
        """The document was written to ``path`` (its bytes hashing to ``content_hash``): now its file, unchanged."""
        self.path = str(path)
        self.content_hash = content_hash or file_hash(path)
        self.forced_modified = False

    def changed_underneath(self, path: str) -> bool:
        """True when the file we opened or last saved was since replaced, changed or deleted by someone else."""
        if not self.path or str(path) != self.path or self.content_hash is None:
            return False
        return file_hash(path) != self.content_hash

    def folder(self, recent: Sequence[str], home: Path) -> Path:
        """Where file dialogs start: the document's folder, else the most recent file's, else ``home``."""
        if self.path:
            return Path(self.path).parent
        return Path(recent[0]).parent if recent else home

    def export_path(self, title: str, suffix: str, folder: Path) -> Path:
        """The suggested name for an export: the document's own name with ``suffix``, else the report's title."""
        return Path(self.path).with_suffix(suffix) if self.path else folder / f"{title}{suffix}"

    def save_as_path(self, title: str, folder: Path) -> Path:
        """The suggested name in 另存为: the current file, else the title (or 报告) in ``folder``."""
        return Path(self.path) if self.path else folder / f"{title or '报告'}{SUFFIX}"


def with_report_suffix(path: str) -> str:
    """Add ``.govreport`` when the clerk typed a bare name (a name with any suffix is taken as meant)."""
    if not path.endswith(SUFFIX) and "." not in Path(path).name:
        return path + SUFFIX
    return path
