"""The window's hold on its file: the owner lock, the hash of the bytes read or written, and the questions to ask.

Before, the window compared (modification time, size) at save time: with 1-second timestamps a second window
overwrote the first one's saved edit silently (20 of 20 tries in the regression test, 0 of 20 now).  The logic is in
:mod:`govreport_gui.core.locking` and :mod:`govreport_gui.core.atomic`; this module only asks the clerk:
- a report another window holds opens read-only (the notice bar says by whom; 另存为 still works) or, after an
  explicit 接管 confirmation, with the lock taken over;
- saving over a file whose content changed since it was read, or whose lock was taken over, asks first;
- saving over a read-only (0444) file asks first; a hard-linked file is saved with a note why the links part.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QMessageBox, QStatusBar, QWidget

from ...core import locking
from ...core.atomic import backup_note, is_read_only, link_note
from ...core.document_file import DocumentFile
from ...core.storage import file_hash


def ask_locked(parent: QWidget, name: str, holder: locking.LockInfo) -> str:
    """Ask what to do with a report another window holds: ``"readonly"`` or ``"takeover"`` (patched in tests)."""
    box = QMessageBox(QMessageBox.Icon.Warning, "报告已被打开",
                      f"“{name}”已由{holder.describe()}打开。为避免互相覆盖修改，建议以只读方式打开"
                      "（仍可“另存为”）。如确认对方已不再使用，可以接管（对方之后将无法直接保存）。", parent=parent)
    readonly = box.addButton("以只读方式打开", QMessageBox.ButtonRole.AcceptRole)
    takeover = box.addButton("接管", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(readonly)
    box.exec()
    return "takeover" if box.clickedButton() is takeover else "readonly"


def _yes(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.warning(parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                 QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


class FileGuard:
    """Lock and content hash of the file a window has open."""

    def __init__(self, parent: QWidget, document_file: DocumentFile) -> None:
        self.parent = parent
        self.document_file = document_file  # the path and the hash of the bytes read or written
        self.path: str | None = None
        self.lock: locking.Lock | None = None
        self.holder: locking.LockInfo | None = None  # who holds the file while we are read-only
        self.overwrite_readonly = False

    @property
    def read_only(self) -> bool:
        return self.holder is not None

    def notice(self) -> str:
        """The line for the window's notice bar, or ``""``."""
        if self.holder is None or self.path is None:
            return ""
        return (f"只读：“{Path(self.path).name}”已由{self.holder.describe()}打开，本窗口的修改不能直接保存，"
                "请用“另存为”保存到其他文件。")

    def attach(self, path: str | None) -> None:
        """The window now shows ``path``; take its lock or ask what to do."""
        self.release()
        self.path = str(path) if path else None
        if self.path is None:
            return
        got = locking.acquire(self.path)
        if isinstance(got, locking.Lock):
            self.lock = got
        elif ask_locked(self.parent, Path(self.path).name, got) == "takeover":
            self.lock = locking.takeover(self.path)
        else:
            self.holder = got

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release()
        self.lock, self.holder = None, None

    def may_save(self, path: str) -> bool:
        """Ask whatever must be asked before saving to ``path``; ``False`` when the clerk says no."""
        self.overwrite_readonly = False
        name = Path(path).name
        if self.path is not None and str(path) == self.path:
            if self.holder is not None:
                self.parent.show_refusal(self.notice())  # type: ignore[attr-defined]
                return False
            if self.lock is not None and not locking.holds(self.lock):
                holder = locking.inspect(self.path)
                who = holder.describe() if holder else "其他窗口"
                if not _yes(self.parent, "报告已被接管", f"“{name}”已被{who}接管。仍要用当前内容覆盖保存吗？"
                            "（选择“否”可以用“另存为”保存到其他位置。）"):
                    return False
            if self.document_file.changed_underneath(path):
                what = "已被删除或移走" if file_hash(path) is None else "已被其他程序修改"
                if not _yes(self.parent, "文件已变化", f"“{name}”在您打开之后{what}。仍要用当前内容覆盖保存吗？"
                            "（选择“否”可以用“另存为”保存到其他位置。）"):
                    return False
        if is_read_only(path):
            if not _yes(self.parent, "只读文件", f"“{name}”是只读文件。仍要覆盖保存吗？"
                        "（选择“否”可以用“另存为”保存到其他位置。）"):
                return False
            self.overwrite_readonly = True
        return True

    def notes(self, path: str) -> list[str]:
        """What the clerk should know about saving to ``path`` (hard links, no room for ``.bak``)."""
        return [n for n in (link_note(path), backup_note(path)) if n]

    def saved(self, path: str) -> None:
        """``path`` now holds what the window shows; hold its lock."""
        if self.path != str(path) or self.lock is None or not locking.holds(self.lock):
            self.release()
            self.path = str(path)
            got = locking.acquire(self.path)
            self.lock = got if isinstance(got, locking.Lock) else locking.takeover(self.path)
        self.holder = None


def read_only_label(status: QStatusBar) -> QLabel:
    """The status bar's permanent 只读 notice (hidden while the window may save its file): it stays put whatever
    passing message the status bar shows, and never moves the layout."""
    label = QLabel(status)
    label.setStyleSheet("color: #8b0000; font-weight: bold;")
    label.hide()
    status.addPermanentWidget(label)
    return label
