"""帮助: the built-in guide (F1), every rule's explanation, one rule's explanation from a finding, and 关于.

The texts come from :mod:`...core.checks.help` (the rules' explanations are data in the form file).  The help windows
are modeless (the clerk reads while filling in) and kept on the main window, one of each, so F1 twice raises the one
already open instead of stacking copies.
"""

from __future__ import annotations

from importlib import metadata

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ...core.checks.help import rules_guide_html, user_guide_html
from ...core.form import Form
from ...core.storage import FORMAT_VERSION
from ..base.dialogs import APP_TITLE

DISTRIBUTION = "govreport"


class HelpWindow(QDialog):
    """A modeless window showing one HTML help text."""

    def __init__(self, title: str, html: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(html)
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(720, screen.width() * 9 // 10), min(640, screen.height() * 8 // 10))

    def set_content(self, title: str, html: str) -> None:
        self.setWindowTitle(title)
        self.browser.setHtml(html)


def _show(window: QWidget, slot: str, title: str, html: str) -> HelpWindow:
    dialog = getattr(window, slot, None)
    if isinstance(dialog, HelpWindow):
        dialog.set_content(title, html)
    else:
        dialog = HelpWindow(title, html, window)
        setattr(window, slot, dialog)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def show_guide(window: QWidget) -> HelpWindow:
    """帮助 → 使用说明 (F1)."""
    return _show(window, "guide_window", "使用说明", user_guide_html())


def show_rules(window: QWidget, form: Form, rule_ids: list[str] | None = None) -> HelpWindow:
    """帮助 → 规则说明 (every rule), or 查看规则说明 for the rules in ``rule_ids``."""
    return _show(window, "rules_window", "规则说明", rules_guide_html(form, rule_ids))


def package_version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "未知"


def package_licence() -> str:
    """The licence the package metadata declares, or where the bundled components' licences are."""
    try:
        meta = metadata.metadata(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        meta = None
    declared = (meta.get("License-Expression") or meta.get("License")) if meta is not None else None
    if declared:
        return str(declared)
    return ("本程序未另行声明许可证；所用的 Qt/PySide6（LGPL）、reportlab、openpyxl 等组件的许可证"
            "见桌面安装版程序目录中的 licenses 文件夹。")


def about_html(form: Form) -> str:
    return (f"<h3>{APP_TITLE}</h3>"
            f"<p>版本：{package_version()}</p>"
            f"<p>报告文件格式版本：{FORMAT_VERSION}（.govreport）</p>"
            f"<p>报告格式：{form.name}</p>"
            f"<p>许可：{package_licence()}</p>")


def show_about(window: QWidget, form: Form) -> HelpWindow:
    """帮助 → 关于 (a small window: a few lines)."""
    dialog = _show(window, "about_window", "关于", about_html(form))
    dialog.resize(min(dialog.width(), 560), min(dialog.height(), 320))
    return dialog
