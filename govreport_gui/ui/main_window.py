"""The main window: a tab per section, the findings dock, the menus and undo/redo.

Other parts of the application call :meth:`MainWindow.load_report` and :meth:`MainWindow.current_report`.  The
window is the shell over the rooms of ``ui/``: the tabs (``section_tabs``), the menu table (``menus``), the file work
(``document.file_actions``), export and print (``export.actions``), import and carry-over (``imports.actions``);
which file the report belongs to is the Qt-free :class:`~govreport_gui.core.document_file.DocumentFile`.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QMainWindow, QVBoxLayout, QWidget

from ..core.document_file import DocumentFile
from ..core.edits import ChangeSet
from ..core.report import Report
from .base import settings
from .base.dialogs import APP_TITLE, ask_save_changes, show_error
from .compare.link import LastYearLink
from .document.autosave import Autosaver
from .document.controller import DocumentController
from .document.file_actions import FILE_FILTER, FileActions
from .document.file_guard import FileGuard, read_only_label
from .export.actions import ExportActions
from .findings import help_dialogs
from .findings.dock import FindingsDock
from .imports.actions import IMPORT_FILTER, ImportActions
from .menus import build_menus
from .message_bar import MESSAGE_SECONDS, MessageBar
from .notice_bar import NoticeBar
from .register.actions import RegisterActions
from .section_tabs import HINT, SectionTabs, TableTab
from .window_fit import clamp_to_screen, fit_first_window

__all__ = ["APP_TITLE", "FILE_FILTER", "HINT", "IMPORT_FILTER", "MainWindow", "TableTab", "ask_save_changes",
           "last_year", "show_error"]


def last_year() -> int:
    return dt.date.today().year - 1


class MainWindow(FileActions, ExportActions, ImportActions, RegisterActions, QMainWindow):
    """The application's one window."""

    def __init__(self, report: Report | None = None, path: str | None = None,
                 content_hash: str | None = None) -> None:
        super().__init__()
        self.document_file = DocumentFile(path, content_hash)
        self.controller = DocumentController(report or Report.new(year=last_year()), self)
        self.stack = self.controller.stack
        self._build_central()
        self.findings_dock = FindingsDock(self.controller, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.findings_dock)
        self.findings_dock.go_to.connect(self.go_to_cell)
        self.findings_dock.go_to_text.connect(self.tabs.go_to_text)
        self.findings_dock.explain.connect(self.show_rules)
        self.findings_dock.go_to_rule.connect(self.tabs.go_to_rule)
        build_menus(self)
        self.act_confirm.setEnabled(bool(self.controller.marks))  # a report opened with its 待核对 marks
        self.controller.marks_changed.connect(lambda *_: self.act_confirm.setEnabled(bool(self.controller.marks)))
        self.controller.marks_edited.connect(self._marks_edited)  # confirmed marks are saved: the report changed
        self.statusBar().showMessage("就绪", 3000)
        self.controller.changed.connect(self._on_changed)
        self.controller.replaced.connect(self._refresh_tab_titles)
        self.controller.refused.connect(self.show_refusal)
        self.controller.changed.connect(lambda *_: self.message_bar.clear())
        self.controller.refusal_withdrawn.connect(self.message_bar.clear)
        self.tabs.explain.connect(self.show_rules)
        self.stack.cleanChanged.connect(self._update_title)
        self.autosaver = Autosaver(self, self.controller)
        self.last_year_link = LastYearLink(self)  # last year's prose for the copied-text rule (查看 › 与上年对比…)
        self.read_only_label = read_only_label(self.statusBar())
        self.guard = FileGuard(self, self.document_file)  # owner lock and content hash of the file
        self.guard.attach(path)
        self._show_guard_notice()
        self._update_title()
        self._refresh_tab_titles()
        self._shown_once = False
        self._restore_geometry()

    def _build_central(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        self.message_bar = MessageBar(self.statusBar())  # a reserved line: refusals never move the layout
        self.notice_bar = NoticeBar(self.controller, central)  # imported values to confirm, carry-over notes
        self.tabs = SectionTabs(self.controller, central)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.notice_bar)  # below the page: as it grows or shrinks, the tabs and the grid never move
        self.setCentralWidget(central)
        self.meta_tab = self.tabs.meta_tab
        self.table_tabs = self.tabs.table_tabs
        self.table_scrolls = self.tabs.table_scrolls
        self.prose_tabs = self.tabs.prose_tabs

    # --- document state -----------------------------------------------------------------------------------------
    @property
    def path(self) -> str | None:
        return self.document_file.path

    @path.setter
    def path(self, value: str | None) -> None:
        self.document_file.path = str(value) if value else None

    def current_report(self) -> Report:
        return self.controller.report

    def default_year(self) -> int:
        return last_year()

    def is_modified(self) -> bool:
        return self.document_file.is_modified(self.stack.isClean())

    def display_name(self) -> str:
        return self.document_file.display_name()

    def _update_title(self, *_: object) -> None:
        self.setWindowTitle(f"{self.display_name()}[*] — {APP_TITLE}")
        self.setWindowModified(self.is_modified())

    def load_report(self, report: Report, path: str | None, modified: bool, content_hash: str | None = None) -> None:
        """Replace the open document (no questions asked: callers prompt first with :meth:`maybe_save`)."""
        self.controller.replace(report)
        self.document_file.loaded(path, modified, content_hash)
        self.guard.attach(self.document_file.path)
        self._show_guard_notice()
        self.stack.setClean()
        self.autosaver.discard()
        if modified:
            self.autosaver.write_now()
        self._update_title()
        self._refresh_tab_titles()

    def _marks_edited(self) -> None:
        self.document_file.forced_modified = True
        self._update_title()

    def _on_changed(self, cs: ChangeSet) -> None:
        if cs.appeared or cs.gone:
            self._refresh_tab_titles()
        self._update_title()

    def _refresh_tab_titles(self) -> None:
        table_of = {c: spec.table for c, spec in self.controller.report.form.cells.items()}
        self.tabs.show_error_counts(self.controller.findings, table_of)

    # --- messages -----------------------------------------------------------------------------------------------
    def error_box(self, text: str) -> None:
        show_error(self, text)  # looked up here, so tests can replace main_window.show_error

    def ask_save(self, name: str) -> str:
        return ask_save_changes(self, name)

    def show_refusal(self, message: str) -> None:
        """Show why an edit was refused, in the status bar (non-blocking; nothing on the page moves)."""
        self.message_bar.show_for(message, MESSAGE_SECONDS)

    # --- help ---------------------------------------------------------------------------------------------------
    def show_guide(self) -> None:
        help_dialogs.show_guide(self)

    def show_rules(self, rule_ids: list[str] | None = None) -> None:
        help_dialogs.show_rules(self, self.controller.report.form, rule_ids or None)

    def show_about(self) -> None:
        help_dialogs.show_about(self, self.controller.report.form)

    def go_to_cell(self, cell_id: str) -> bool:
        spec = self.controller.report.form.cells.get(cell_id)
        return spec is not None and self.tabs.go_to(spec.table, cell_id)

    # --- window -------------------------------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        s = settings.app_settings()
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray | bytes) and self.restoreGeometry(QByteArray(geometry)):
            state = s.value("window/state")
            if isinstance(state, QByteArray | bytes):
                self.restoreState(QByteArray(state))
        else:
            fit_first_window(self)
        clamp_to_screen(self)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:  # the frame's real size is known once the window manager has framed the window
            self._shown_once = True
            for delay in (0, 250):  # the window manager frames the window a moment after it is shown
                QTimer.singleShot(delay, self, self.clamp_to_screen)  # cancelled if the window goes first

    def clamp_to_screen(self) -> None:
        clamp_to_screen(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        s = settings.app_settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        self.autosaver.discard()
        self.guard.release()
        event.accept()

