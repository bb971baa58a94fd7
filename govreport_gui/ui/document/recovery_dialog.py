"""At start-up, offer the recovery copies left by a crash: 恢复 or 丢弃, each shown with its time and file name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.recovery import RecoveryEntry, RecoveryStore
from ...core.storage import ReportFileError


class RecoveryDialog(QDialog):
    """Lists recovery copies; 恢复 restores the selected one, 丢弃 deletes it, 以后再说 keeps them all."""

    def __init__(self, entries: list[RecoveryEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("恢复未保存的工作")
        self.entries = list(entries)
        self.chosen: RecoveryEntry | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("程序上次没有正常关闭。以下报告有未保存的修改，可以恢复："))
        self.list = QListWidget(self)
        for e in self.entries:
            item = QListWidgetItem(f"{e.when}    {e.display_name}")
            item.setToolTip(e.source or "尚未保存过的新报告")
            item.setData(Qt.ItemDataRole.UserRole, e)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(self)
        self.restore_button = QPushButton("恢复")
        self.discard_button = QPushButton("丢弃")
        self.later_button = QPushButton("以后再说")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(self.restore_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        self.later_button.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 300)

    def selected(self) -> RecoveryEntry | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def restore_selected(self) -> None:
        self.chosen = self.selected()
        if self.chosen is not None:
            self.accept()

    def discard_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        answer = QMessageBox.question(
            self, "丢弃恢复副本", f"确定丢弃“{entry.display_name}”（{entry.when}）的未保存修改吗？此操作不能撤销。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        RecoveryStore.discard(entry)
        self.list.takeItem(self.list.currentRow())
        self.entries.remove(entry)
        if not self.entries:
            self.reject()


def offer_recovery(window, store: RecoveryStore | None = None) -> bool:  # type: ignore[no-untyped-def]
    """Show the dialog if a crash left recovery copies; load the chosen one into ``window`` (modified).

    Returns True when a report was restored.  The restored copy stays on disk until the clerk saves or the window's
    own autosave replaces it, so a second crash still loses nothing.
    """
    store = store or RecoveryStore()
    entries = store.orphans()
    if not entries:
        return False
    dialog = RecoveryDialog(entries, window)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
        return False
    entry = dialog.chosen
    try:
        report = entry.load()
    except ReportFileError as exc:
        QMessageBox.warning(window, "无法恢复", str(exc))
        return False
    window.load_report(report, entry.source, True)
    autosaver = getattr(window, "autosaver", None)
    if autosaver is not None:
        autosaver.write_now()  # our own copy now holds the restored work
    RecoveryStore.discard(entry)
    window.statusBar().showMessage(f"已恢复“{entry.display_name}”（{entry.when}）的未保存修改，请及时保存。", 15000)
    return True
