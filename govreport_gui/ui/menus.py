"""The menu bar as a table: each row is one entry — the window attribute that holds it, its menu, its text, what it
calls and its shortcut — in the order the menus show them.

Adding an entry is adding a row.  The window's actions stay attributes (``act_save`` …) because tests, the notice
bar and the enable/disable wiring reach them by name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from .document.file_actions import recent_menu

K = QKeySequence
Shortcut = QKeySequence.StandardKey | str

FILE, EXPORT, EDIT, VIEW, HELP = "文件(&F)", "文件(&F)/导出", "编辑(&E)", "查看(&V)", "帮助(&H)"


@dataclass(frozen=True)
class Entry:
    """One menu entry.  ``call`` runs the window's method; ``make`` builds a ready-made action or sub-menu instead."""

    name: str
    menu: str
    text: str = ""
    call: Callable[[Any], object] | None = None
    shortcuts: tuple[Shortcut, ...] = ()
    make: Callable[[Any], QAction | QMenu] | None = None
    separator: bool = False  # a separator line before this entry


def _dock_toggle(window: Any) -> QAction:
    toggle = window.findings_dock.toggleViewAction()
    toggle.setText("检查结果面板")
    return toggle


def _import_log(window: Any) -> None:
    from .imports.log_dialog import show_import_log

    show_import_log(window)


def _compare(window: Any) -> None:
    from .compare.actions import open_comparison  # loaded on first use

    open_comparison(window)


def _review(window: Any) -> None:
    from .review.dialog import open_review  # the review's process pool loads on first use: 34 ms off the start

    open_review(window, open_window=type(window))  # the shell's window class: the review never imports it


ENTRIES: tuple[Entry, ...] = (
    Entry("act_new", FILE, "新建(&N)", lambda w: w.new_report(), (K.StandardKey.New,)),
    Entry("act_carry", FILE, "从上年报告新建…", lambda w: w.new_from_last_year()),
    Entry("act_open", FILE, "打开(&O)…", lambda w: w.open_dialog(), (K.StandardKey.Open,)),
    Entry("recent_menu", FILE, make=recent_menu),
    Entry("act_save", FILE, "保存(&S)", lambda w: w.save(), (K.StandardKey.Save,), separator=True),
    Entry("act_save_as", FILE, "另存为(&A)…", lambda w: w.save_as(), ("Ctrl+Shift+S",)),
    Entry("act_import", FILE, "导入(&I)…", lambda w: w.import_report(), separator=True),
    Entry("act_import_register", FILE, "导入台账…", lambda w: w.import_register()),
    Entry("act_export_register", FILE, "导出台账…", lambda w: w.export_register()),
    Entry("act_register_template", FILE, "台账模板…", lambda w: w.register_template()),
    Entry("act_review", FILE, "审查一批报告…", lambda w: _review(w)),
    Entry("act_xlsx", EXPORT, "Excel…", lambda w: w.export_xlsx()),
    Entry("act_pdf", EXPORT, "PDF…", lambda w: w.export_pdf()),
    Entry("act_docx", EXPORT, "Word…", lambda w: w.export_word()),
    Entry("act_html", EXPORT, "网页…", lambda w: w.export_html()),
    Entry("act_preview", FILE, "打印预览…", lambda w: w.print_preview(), separator=True),
    Entry("act_print", FILE, "打印(&P)…", lambda w: w.print_report(), (K.StandardKey.Print,)),
    Entry("act_pdf_settings", FILE, "PDF与打印设置…", lambda w: w.pdf_settings()),
    Entry("act_quit", FILE, "退出(&X)", lambda w: w.close(), ("Ctrl+Q",), separator=True),
    Entry("act_undo", EDIT, shortcuts=(K.StandardKey.Undo,), make=lambda w: w.stack.createUndoAction(w, "撤销")),
    Entry("act_redo", EDIT, shortcuts=("Ctrl+Y", "Ctrl+Shift+Z"), make=lambda w: w.stack.createRedoAction(w, "重做")),
    Entry("act_copy_html", EDIT, "复制为网页格式", lambda w: w.copy_as_web_page(), separator=True),
    Entry("act_confirm", EDIT, "确认导入的数值", lambda w: w.confirm_marks(), separator=True),
    Entry("act_findings", VIEW, make=_dock_toggle),
    Entry("act_compare", VIEW, "与上年对比…", lambda w: _compare(w)),
    Entry("act_import_log", VIEW, "导入记录…", lambda w: _import_log(w)),
    Entry("act_next_tab", VIEW, "下一个标签页", lambda w: w.tabs.step(1), ("Ctrl+Tab", "Ctrl+PgDown"), separator=True),
    Entry("act_prev_tab", VIEW, "上一个标签页", lambda w: w.tabs.step(-1), ("Ctrl+Shift+Tab", "Ctrl+PgUp")),
    Entry("act_guide", HELP, "使用说明(&G)", lambda w: w.show_guide(), (K.StandardKey.HelpContents, "F1")),
    Entry("act_rules", HELP, "规则说明(&R)", lambda w: w.show_rules()),
    Entry("act_about", HELP, "关于(&A)", lambda w: w.show_about(), separator=True),
)


def _action(window: QMainWindow, entry: Entry) -> QAction | QMenu:
    if entry.make is not None:
        item = entry.make(window)
    else:
        item = QAction(entry.text, window)
        call = entry.call
        assert call is not None
        item.triggered.connect(lambda checked=False: call(window))
    if entry.shortcuts and isinstance(item, QAction):
        keys: list[QKeySequence] = []
        for s in entry.shortcuts:  # a standard key and its spelled-out twin (F1) must not be set twice: ambiguous
            if K(s) not in keys and not K(s).isEmpty():
                keys.append(K(s))
        item.setShortcuts(keys)
    return item


def build_menus(window: QMainWindow, entries: tuple[Entry, ...] = ENTRIES) -> None:
    """Create every entry's action (set as the window attribute ``entry.name``) and put it in its menu."""
    menus: dict[str, QMenu] = {}
    for entry in entries:
        menu = menus.get(entry.menu)
        if menu is None:
            parent, _, child = entry.menu.rpartition("/")
            menu = menus[parent].addMenu(child) if parent else window.menuBar().addMenu(child)
            menus[entry.menu] = menu
        if entry.separator:
            menu.addSeparator()
        item = _action(window, entry)
        setattr(window, entry.name, item)
        if isinstance(item, QMenu):
            menu.addMenu(item)
        else:
            menu.addAction(item)
