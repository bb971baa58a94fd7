"""设置 → PDF 与打印: blank cells as 0, the signature block, the rules appendix, and the font of each role.

The choices are kept in the application's settings and used by 导出 PDF, 打印预览 and 打印 alike, so the paper and the
published PDF stay the same pages; 导出 Word takes the three options too (its fonts are the document's styles).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.exporters.pdf import PdfOptions
from ...core.exporters.pdf.fonts import ROLE_NAMES, ROLES, FontUnavailable, resolve_fonts
from ..base import settings

_FLAGS = {
    "blank_as_zero": "空白单元格打印为0（公开的报告中应填写0）",
    "signature_block": "附加签字盖章栏（单位负责人签字、盖章、日期）",
    "rules_appendix": "附加勾稽关系检查结果及说明",
}


def _flag(name: str) -> bool:
    value = settings.app_settings().value(f"pdf/{name}", False)
    return value in (True, "true", "1", 1)


def pdf_options() -> PdfOptions:
    """The PDF and print choices saved in the settings (all off and system fonts by default)."""
    s = settings.app_settings()
    fonts = {r: str(s.value(f"fonts/{r}", "") or "") for r in ROLES}
    return PdfOptions(**{k: _flag(k) for k in _FLAGS}, fonts={r: v for r, v in fonts.items() if v})


def save_pdf_options(options: PdfOptions) -> None:
    s = settings.app_settings()
    for k in _FLAGS:
        s.setValue(f"pdf/{k}", bool(getattr(options, k)))
    for r in ROLES:
        s.setValue(f"fonts/{r}", options.fonts.get(r, ""))


class PdfSettingsDialog(QDialog):
    """Edit :func:`pdf_options`; a font file that cannot be used is refused with the reason, nothing saved."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("PDF与打印设置")
        current = pdf_options()
        layout = QVBoxLayout(self)
        scope = "以下选项用于导出PDF、打印预览和打印；前三项也用于导出Word（Word文档的字体由其样式决定）。"
        layout.addWidget(QLabel(scope, self))
        self.checks: dict[str, QCheckBox] = {}
        for name, text in _FLAGS.items():
            box = QCheckBox(text, self)
            box.setChecked(bool(getattr(current, name)))
            self.checks[name] = box
            layout.addWidget(box)
        group = QGroupBox("字体（留空则自动选用系统中的字体；可填 .ttf/.ttc 文件，集合文件可加 #序号）", self)
        form = QFormLayout(group)
        self.fonts: dict[str, QLineEdit] = {}
        for role in ROLES:
            edit = QLineEdit(current.fonts.get(role, ""), group)
            edit.setPlaceholderText("自动")
            browse = QPushButton("浏览…", group)
            browse.clicked.connect(lambda _=False, e=edit: self._browse(e))
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            row.addWidget(browse)
            form.addRow(f"{ROLE_NAMES[role]}：", row)
            self.fonts[role] = edit
        layout.addWidget(group)
        self.in_use = QLabel(self)
        self.in_use.setWordWrap(True)
        self.in_use.setStyleSheet("color: #555;")
        layout.addWidget(self.in_use)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._show_fonts(current)
        self.resize(680, 420)

    def _browse(self, edit: QLineEdit) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择字体文件", edit.text(), "TrueType 字体 (*.ttf *.ttc)")
        if path:
            edit.setText(path)

    def options(self) -> PdfOptions:
        fonts = {r: e.text().strip() for r, e in self.fonts.items() if e.text().strip()}
        return PdfOptions(**{k: b.isChecked() for k, b in self.checks.items()}, fonts=fonts)

    def _show_fonts(self, options: PdfOptions) -> bool:
        try:
            chosen = resolve_fonts(options.fonts)
        except FontUnavailable as exc:
            self.in_use.setText(f"字体不可用：{exc}")
            return False
        self.in_use.setText("当前使用：\n" + chosen.describe())
        return True

    def accept(self) -> None:
        options = self.options()
        if not self._show_fonts(options):
            QMessageBox.warning(self, "字体不可用", self.in_use.text())
            return
        save_pdf_options(options)
        super().accept()
