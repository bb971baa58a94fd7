"""The window's 文件 menu work on .govreport files: new, open, recent files, save, save as, and asking first.

A mixin of :class:`~govreport_gui.ui.main_window.MainWindow`; which file the report belongs to and whether it
changed on disk is :class:`~govreport_gui.core.document_file.DocumentFile` (no Qt).  A bad file shows its one-line
message and changes nothing; a failed save says why and keeps the document modified.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu

from ...core.document_file import with_report_suffix
from ...core.report import Report
from ...core.storage import ReportFileError, describe_save_error, read_report_with_hash, write_report
from ..base import settings

FILE_FILTER = "报告文件 (*.govreport);;所有文件 (*)"


class FileActions:
    """New, open, save and save-as; mixed into the window, whose document state and messages it uses."""

    recent_menu: QMenu
    document_file: Any
    guard: Any
    read_only_label: Any
    autosaver: Any
    stack: Any

    def maybe_save(self) -> bool:
        """True when it is fine to drop the open document (saved, discarded, or unchanged)."""
        if not self.is_modified():
            return True
        answer = self.ask_save(self.display_name())
        if answer == "save":
            return self.save()
        return answer == "discard"

    def new_report(self) -> None:
        if self.maybe_save():
            self.load_report(Report.new(year=self.default_year()), None, False)

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(self, "打开报告", self.dialog_folder(), FILE_FILTER)
        if path:
            self.open_file(path, ask=False)

    def open_file(self, path: str, ask: bool = True) -> bool:
        """Open ``path``; a bad file shows its message and changes nothing."""
        if ask and not self.maybe_save():
            return False
        try:
            report, content_hash = read_report_with_hash(path)
        except ReportFileError as exc:
            self.open_refused(path, str(exc))  # a published report: offered to 导入 instead
            return False
        self.load_report(report, path, False, content_hash)
        settings.add_recent_file(path)
        self.statusBar().showMessage(f"已打开“{Path(path).name}”", 5000)
        return True

    def save(self) -> bool:
        if not self.path or self.guard.read_only:
            return self.save_as()
        return self.save_to(self.path)

    def save_as(self) -> bool:
        title = self.current_report().title
        suggested = self.document_file.save_as_path(title, Path(self.dialog_folder()))
        path, _ = QFileDialog.getSaveFileName(self, "另存为", str(suggested), FILE_FILTER)
        if not path:
            return False
        return self.save_to(with_report_suffix(path))

    def save_to(self, path: str) -> bool:
        """Write atomically; on failure say why in Chinese and keep the document modified.

        First the file guard asks what must be asked: the file held by another window (read-only), its lock taken
        over, its content changed since it was read, a read-only file."""
        try:
            if not self.guard.may_save(path):
                return False
            notes = self.guard.notes(path)
            content_hash = write_report(self.current_report(), path, self.guard.overwrite_readonly)
        except Exception as exc:  # every failure is told in Chinese; the document stays modified
            failed = f"保存“{Path(path).name}”失败（{exc}）。原文件未被改动，您的修改仍在程序中。"
            self.error_box(describe_save_error(exc, path) if isinstance(exc, OSError) else failed)
            self.statusBar().showMessage("保存失败，修改仍未保存。", 10000)
            return False
        self.document_file.saved(path, content_hash)
        self.last_year_link.saved(path)  # last year's file, if known, is remembered with the report
        self.guard.saved(path)
        self._show_guard_notice()
        for note in notes:
            self.show_refusal(note)
        self.autosaver.discard()
        self.stack.setClean()
        self._update_title()
        settings.add_recent_file(path)
        self.statusBar().showMessage(f"已保存到“{Path(path).name}”", 5000)
        return True

    def _show_guard_notice(self) -> None:
        """The permanent 只读 notice in the status bar while another window holds the file."""
        notice = self.guard.notice()
        self.read_only_label.setText(notice)
        self.read_only_label.setVisible(bool(notice))

    def dialog_folder(self) -> str:
        return str(self.document_file.folder(settings.recent_files(), Path.home()))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = settings.recent_files()
        if not files:
            empty = self.recent_menu.addAction("（无）")
            empty.setEnabled(False)
            return
        for i, path in enumerate(files, 1):
            action = self.recent_menu.addAction(f"&{i} {Path(path).name}")
            action.setToolTip(path)
            action.setData(path)
            action.triggered.connect(lambda checked=False, p=path: self.open_recent(p))

    def open_recent(self, path: str) -> bool:
        if not Path(path).exists():
            self.error_box(f"找不到文件“{Path(path).name}”，已从最近打开的文件中移除。")
            settings.remove_recent_file(path)
            return False
        return self.open_file(path)


def recent_menu(window: QMainWindow) -> QMenu:
    """最近打开的文件, filled each time it opens."""
    menu = QMenu("最近打开的文件", window)
    menu.aboutToShow.connect(window._fill_recent_menu)  # type: ignore[attr-defined]
    return menu
