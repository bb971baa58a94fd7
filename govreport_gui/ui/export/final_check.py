"""The final check before 导出PDF, 导出Excel, 打印 and 打印预览: one short summary when anything is unresolved.

:func:`core.checks.readiness.unresolved` says what stands between the report and paper — errors, warnings not confirmed
for their current values, text left over from last year, imported or carried values the clerk has not confirmed.
When the report is clean nothing is shown and the output carries no mark.  Otherwise :class:`FinalCheckDialog`
offers 返回修改 (the default button: Enter or Esc go back to the report) and 仍然导出（草稿） (仍然打印（草稿） when
printing): a draft goes out with "草稿" on every page and in every sheet's page header.

The window calls :func:`export_arguments` or :func:`print_options` once at each entry; they return what the exporter
or the printing takes, or ``None`` when the clerk went back.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core.checks.readiness import Readiness, unresolved
from ...core.exporters.pdf import PdfOptions
from ...core.report import Report
from ..document.controller import DocumentController

EXPORT, PRINT = "导出", "打印"


def pending_marks(controller: DocumentController) -> dict[str, str]:
    """The imported or carried values still to confirm (cell id → where read): the controller's marks."""
    return dict(controller.marks)


def readiness_of(controller: DocumentController) -> Readiness:
    return unresolved(controller.report, pending_marks(controller), controller.findings)


class FinalCheckDialog(QDialog):
    """What is unresolved, with 返回修改 (default) and 仍然导出（草稿）."""

    def __init__(self, parent: QWidget | None, report: Report, readiness: Readiness, verb: str = EXPORT) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{verb}前检查")
        self.setObjectName("final-check")
        layout = QVBoxLayout(self)
        headline = QLabel(readiness.headline(), self)
        font = QFont(headline.font())
        font.setBold(True)
        headline.setFont(font)
        headline.setWordWrap(True)
        layout.addWidget(headline)
        self.details = QLabel("\n".join(line.strip() for line in readiness.lines(report)[1:]), self)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.details)
        note = QLabel(f"建议返回修改：检查结果面板列出全部问题，警告核实无误的可“确认警告并说明”。"
                      f"如仍要{verb}，文件的每一页将标有“草稿”。", self)
        note.setWordWrap(True)
        note.setStyleSheet("color: #555555;")
        layout.addWidget(note)
        buttons = QDialogButtonBox(self)
        self.back_button = QPushButton("返回修改", self)
        self.draft_button = QPushButton(f"仍然{verb}（草稿）", self)
        buttons.addButton(self.draft_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.draft_button.setAutoDefault(False)
        self.back_button.setDefault(True)
        self.back_button.setFocus()
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)


def check_before(parent: QWidget | None, controller: DocumentController, verb: str = EXPORT) -> bool | None:
    """``False``: clean, go ahead unmarked; ``True``: unresolved and the clerk chose the draft; ``None``: go back."""
    readiness = readiness_of(controller)
    if readiness.clean:
        return False
    dialog = FinalCheckDialog(parent, controller.report, readiness, verb)
    try:
        return True if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def checked_options(parent: QWidget | None, controller: DocumentController, verb: str = EXPORT) -> PdfOptions | None:
    """The PDF与打印设置 choices for an export or a print (Word and the workbook take ``draft`` from them too),
    marked as a draft when the clerk chose to go on with something unresolved; ``None``: back to the report."""
    from .pdf_settings import pdf_options

    draft = check_before(parent, controller, verb)
    return None if draft is None else replace(pdf_options(), draft=draft)
