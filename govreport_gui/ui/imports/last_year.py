"""文件 › 从上年报告新建…: this year's draft from last year's report, whatever file it is in, in one step.

Our own ``.govreport`` file is read as it is (its 待核对 marks and import log come along); a published report (PDF,
Word, HTML, text) or our workbook is imported first and shown in the import dialog (导入 / 取消), as 文件 › 导入…
shows it.  Then :func:`~govreport_gui.core.intake.last_year.draft_from_last_year` carries it over: the carried
values are marked 待核对, last year's import log is kept in the draft (查看 › 导入记录…), and the notice bar lists
what came along.  A file nothing can read is refused with its one Chinese line; the open report stays as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from ...core.importers.base import ImportRefused
from ...core.intake.last_year import LastYear, draft_from_last_year, read_last_year

LAST_YEAR_FILTER = ("上年的报告（报告文件或已发布的报告） "
                    "(*.govreport *.pdf *.docx *.doc *.wps *.xlsx *.xls *.et *.html *.htm *.xhtml *.txt *.md);;"
                    "报告文件 (*.govreport);;PDF文件 (*.pdf);;Word文档 (*.docx *.doc *.wps);;"
                    "Excel工作簿 (*.xlsx *.xls *.et);;网页 (*.html *.htm *.xhtml);;文本或Markdown (*.txt *.md);;"
                    "所有文件 (*)")


def read_with_busy_cursor(path: str) -> LastYear:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return read_last_year(path)
    finally:
        QApplication.restoreOverrideCursor()


def new_from_last_year(window: Any, path: str | None = None) -> bool:
    """Choose last year's report (or take ``path``), review an import, and open this year's draft, unsaved."""
    from ...core.intake.review_marks import CARRIED
    from .dialog import ImportDialog, show_refusal

    if not window.maybe_save():
        return False
    if path is None:
        path, _ = QFileDialog.getOpenFileName(window, "选择上年的报告", window.dialog_folder(), LAST_YEAR_FILTER)
    if not path:
        return False
    name = Path(path).name
    try:
        last = read_with_busy_cursor(path)
    except ImportRefused as exc:
        show_refusal(window, str(exc))
        return False
    except (RecursionError, MemoryError):
        show_refusal(window, f"“{name}”过于复杂，无法读取。")
        return False
    if last.imported and last.result is not None:
        dialog = ImportDialog(last.result, name, window)
        dialog.setWindowTitle(f"导入上年报告：{name}")
        dialog.import_button.setText("导入并新建本年报告")
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
        finally:
            dialog.deleteLater()
    draft = draft_from_last_year(last)
    report = draft.report
    window.load_report(report, None, True)
    link = getattr(window, "last_year_link", None)  # last year's prose, for the copied-text rule and 与上年对比
    if link is not None:
        link.carried_from(path)
    window.controller.set_marks(dict(report.unchecked), CARRIED)
    window.notice_bar.set_notes(draft.notes)
    window.statusBar().showMessage(f"已从“{name}”新建{report.year or ''}年度报告，请核对转入的数值。")
    return True
