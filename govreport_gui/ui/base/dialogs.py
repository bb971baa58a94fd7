"""The window's two standard questions: "save changes?" and an error box, in Chinese.

They are module functions (not methods) so that tests replace them with recorders instead of clicking a modal box.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

APP_TITLE = "政府信息公开工作年度报告"


def ask_save_changes(parent: QWidget, name: str) -> str:
    """Ask what to do with unsaved changes: "save", "discard" or "cancel"."""
    box = QMessageBox(QMessageBox.Icon.Warning, APP_TITLE, f"“{name}”已修改，是否保存更改？", parent=parent)
    box.setStandardButtons(
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
    )
    box.button(QMessageBox.StandardButton.Save).setText("保存")
    box.button(QMessageBox.StandardButton.Discard).setText("不保存")
    box.button(QMessageBox.StandardButton.Cancel).setText("取消")
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = QMessageBox.StandardButton(box.exec())
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    if answer == QMessageBox.StandardButton.Discard:
        return "discard"
    return "cancel"


def show_error(parent: QWidget, text: str) -> None:
    """A Chinese error message box."""
    QMessageBox.critical(parent, APP_TITLE, text)
