"""A reviewed file seen closer: its facts, findings and import log for the review dialog, and opening it in a window.

A ``.govreport`` file opens as itself.  Any other format is imported as 文件 › 导入 would import it
(:func:`~govreport_gui.core.importers.dispatch.import_file`, the reading the review itself did through
:func:`~govreport_gui.core.review.reading.read_any`, kept whole here for the import marks): the window gets an unsaved
document whose 保存 asks for a new name, so the source file is never overwritten, and the imported values are marked
for checking.  The window's notice bar carries the review's verdict on the file — the counts, the duplicate, the
cross-year findings against last year's report (which the window alone cannot know: it compares with the baseline
the file carries).  The findings panel is shown.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ...core.review import FileReview
from ...core.review.shown import LEVELS, SEVERITY, facts, notes

NOTE_FINDINGS = 5  # cross-year findings repeated in an opened window's notice bar
SOURCE = "reviewSource"  # the window property naming the reviewed file it was opened from
OPEN_WINDOWS: list[QWidget] = []  # windows opened from a review (kept alive until closed)


def details_html(row: FileReview) -> str:
    """One file's facts, findings and import log, as the workbook's sheet for the file has them."""
    e = html.escape
    out = ["<table cellspacing='0' cellpadding='2'>"]
    out += [f"<tr><td><b>{e(k)}</b></td><td>{e(v)}</td></tr>" for k, v in facts(row)]
    out.append("</table>")
    if row.readable:
        n = len(row.findings)
        out.append(f"<h4>检查结果（{n}条）</h4>" if n else "<h4>检查结果</h4><p>没有发现问题。</p>")
        for item in row.findings:
            colour = "#b00020" if item.severity == "error" else "#8a5a00"
            explained = "（已说明）" if item.explained else ""
            out.append(f"<p style='margin:2px 0'><span style='color:{colour}'><b>{e(SEVERITY.get(item.severity, ''))}"
                       f"</b> {e(item.rule)}</span> {e(item.message)}{e(explained)}</p>")
        if row.log:
            out.append(f"<h4>导入记录（{len(row.log)}条）</h4>")
            out += [f"<p style='margin:2px 0'>[{e(LEVELS.get(line.level, line.level))}] {e(line.text)}</p>"
                    for line in row.log]
    return "".join(out)


def review_notes(row: FileReview, imported: bool) -> list[str]:
    """What the review found, for the notice bar of the window the file is opened in."""
    head = f"审查：“{row.shown or row.name}”（{row.kind}）——错误{row.errors}条、警告{row.warnings}条"
    if row.import_problems:
        head += f"、导入问题{row.import_problems}处"
    lines = [head + "。"]
    if imported:
        lines.append("此文件以导入方式打开，尚未保存；保存时请另选文件名（原文件不会被改动）。")
    if notes(row):
        lines.append(notes(row) + "。")
    cross = [i.message for i in row.findings if row.last_source and row.last_source in i.message]
    lines += cross[:NOTE_FINDINGS]
    return lines


# Makes a main window: ``(report, path)`` for a file, ``()`` for a new report.  The shell passes its window class
# (文件 › 审查一批报告… in ui/menus.py), so the review never imports the shell, which imports the review.
NewWindow = Callable[..., Any]


def open_report_window(row: FileReview, new_window: NewWindow) -> Any:
    """A new main window made by ``new_window`` with ``row``'s file (raises with the reason when the file cannot be
    read now).

    A file already open from a review is not read twice: its window is returned (the clerk may have edited it).
    """
    path = row.path
    for open_window in OPEN_WINDOWS:
        if open_window.property(SOURCE) == path:
            return open_window
    if Path(path).suffix.lower() == ".govreport":
        from ...core.storage import read_report

        window = new_window(read_report(path), path)
        imported = False
    else:
        from ...core.importers.dispatch import import_file

        result = import_file(path)
        window = new_window()
        window.show_imported(result, row.name)
        imported = True
    window.notice_bar.set_notes(review_notes(row, imported))
    window.findings_dock.show()
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.setProperty(SOURCE, path)
    OPEN_WINDOWS.append(window)
    window.destroyed.connect(lambda *_: OPEN_WINDOWS.remove(window) if window in OPEN_WINDOWS else None)
    return window
