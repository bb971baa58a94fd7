"""文件→导入台账…: read an office's register (.xlsx/.csv), show the clerk what could not be placed, apply on 导入.

:func:`read_register_file` runs the core :func:`~govreport_gui.core.importers.register_sheet.read_register` under a busy
cursor (a refusal is one Chinese line); :class:`RegisterImportDialog` then shows how many applications were read,
the columns whose header was not recognised (their values are not imported) and every value that could not be
matched (its field is left empty — never guessed), whether the import replaces the register the report already has
or is appended to it, with the lines that look the same (:mod:`.import_mode`), and a choice to let the
register fill Table 三.  Nothing changes until 导入; the window then applies one
:class:`~govreport_gui.core.register.edits.SetRegister` (one undo step).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.form import Form
from ...core.importers.base import ImportRefused
from ...core.importers.register_sheet import RegisterImport, read_register
from ...core.register.model import Register
from .import_mode import ImportMode

MAX_SHOWN = 2000  # unmatched values listed; the count says how many more


def read_register_file(path: str | os.PathLike[str], form: Form) -> RegisterImport | str:
    """The register read from ``path``, or the Chinese reason it cannot be read."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return read_register(path, form)
    except ImportRefused as exc:
        return str(exc)
    except OSError as exc:
        return f"无法读取“{Path(path).name}”：{exc.strerror or exc}"
    finally:
        QApplication.restoreOverrideCursor()


class RegisterImportDialog(QDialog):
    """What an import read, what it could not place, and 导入 / 取消."""

    def __init__(self, result: RegisterImport, source_name: str, existing: int, fills_table: bool,
                 parent: QWidget | None = None, current: Register | None = None) -> None:
        super().__init__(parent)
        self.register_import = result
        self.setWindowTitle(f"导入台账：{source_name}")
        self.resize(760, 520)
        layout = QVBoxLayout(self)
        n = len(result.lines)
        where = f"（{result.where}）" if result.where else ""
        text = f"从“{source_name}”{where}读到{n}件申请。"
        if existing:
            text += f"当前台账有{existing}件申请，请选择替换还是追加（可撤销）："
        self.summary = QLabel(text, self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.mode = ImportMode(current if current is not None and current.lines else None, result.lines, self)
        layout.addWidget(self.mode)
        self.unplaced = QLabel(self)
        self.unplaced.setWordWrap(True)
        if result.unplaced:
            names = "、".join(f"“{h}”" for h in result.unplaced)
            self.unplaced.setText(f"以下各列的表头未能识别，这些列不导入：{names}")
            self.unplaced.setStyleSheet("color: #8a5a00;")
        else:
            self.unplaced.hide()
        layout.addWidget(self.unplaced)
        self.unmatched = QListWidget(self)
        self.unmatched.setWordWrap(True)
        shown = result.unmatched[:MAX_SHOWN]
        self.unmatched.addItems([str(u) for u in shown])
        if len(result.unmatched) > len(shown):
            self.unmatched.addItem(f"……另有{len(result.unmatched) - len(shown)}个未能识别的值")
        head = QLabel(f"有{len(result.unmatched)}个值未能识别，导入后这些栏目留空，请在台账中补填："
                      if result.unmatched else "所有的值都已识别。", self)
        head.setWordWrap(True)
        layout.addWidget(head)
        layout.addWidget(self.unmatched, 1)
        if not result.unmatched:
            self.unmatched.hide()
            layout.addStretch(1)  # the rest keeps its height, the list of lines that look the same included
        self.fills = QCheckBox("用台账计算表三（表三的数字由台账统计得出）", self)
        self.fills.setChecked(fills_table)
        layout.addWidget(self.fills)
        buttons = QDialogButtonBox(self)
        self.import_button = buttons.addButton("导入" if not result.unmatched else "仍然导入（未识别的值留空）",
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.setEnabled(n > 0)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen_register(self) -> Register:
        """The register the clerk accepted."""
        return self.mode.register(self.fills.isChecked())
