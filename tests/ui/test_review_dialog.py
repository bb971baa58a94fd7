"""文件 › 审查一批报告…: a folder made here (the seed, a copy a year earlier, a duplicate, a workbook, a broken file) is
read on a thread with a progress bar; the rows appear, sort by clicking a header, filter, cancel, save the workbook
and the page, and any row opens its report in a window of its own (imported formats as unsaved imports)."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import openpyxl
import pytest
from common import SEED
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog

from govreport_gui.core.exporters.excel import export_xlsx
from govreport_gui.core.review import FileReview, Progress
from govreport_gui.core.review.run import finish
from govreport_gui.core.storage import read_report, write_report
from govreport_gui.ui.main_window import MainWindow
from govreport_gui.ui.review import dialog as review_dialog
from govreport_gui.ui.review.dialog import ReviewDialog
from govreport_gui.ui.review.opening import OPEN_WINDOWS

pytestmark = pytest.mark.gui


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The seed; a copy of it a year earlier; the seed again (a duplicate); the seed as a workbook; a broken file."""
    root = tmp_path / "各单位报告"
    root.mkdir()
    shutil.copy(SEED, root / "临平-2023.govreport")
    shutil.copy(SEED, root / "临平-副本.govreport")
    earlier = read_report(SEED)
    earlier.meta["year"] = 2022
    earlier.meta["agency"] = "某县人民政府"
    write_report(earlier, root / "某县-2022.govreport")
    workbook = read_report(SEED)
    workbook.meta["agency"] = "某区人民政府"
    export_xlsx(workbook, root / "某区.xlsx")
    (root / "损坏.govreport").write_bytes(b"\x00\x01 not a report")
    return root


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(review_dialog, "show_message", lambda parent, text: shown.append(text))
    return shown


def column(dialog: ReviewDialog, name: str) -> list[str]:
    """The texts of a column in the order the (sorted, filtered) table shows them."""
    c = dialog.model.header.index(name)
    return [dialog.proxy.index(r, c).data() for r in range(dialog.proxy.rowCount())]


def finished(qtbot, dialog: ReviewDialog, timeout: int = 60_000) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=timeout)
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=timeout)


def click_header(qtbot, dialog: ReviewDialog, name: str) -> None:  # type: ignore[no-untyped-def]
    header = dialog.view.horizontalHeader()
    c = dialog.model.header.index(name)
    dialog.view.scrollTo(dialog.proxy.index(0, c))
    x = header.sectionViewportPosition(c) + header.sectionSize(c) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def test_rows_sort_filter_and_save(qtbot, window: MainWindow, folder: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                   monkeypatch: pytest.MonkeyPatch, messages: list[str]) -> None:
    dialog = ReviewDialog(str(folder), window, workers=0)
    qtbot.addWidget(dialog)
    dialog.show()
    finished(qtbot, dialog)
    assert messages == []
    assert dialog.model.rowCount() == 5
    assert column(dialog, "序号") == ["1", "2", "3", "4", "5"]
    files = column(dialog, "源文件")
    assert files[0] == "损坏.govreport"  # worst first: the unreadable file
    assert column(dialog, "说明")[0].startswith("无法读取")
    dup = dict(zip(files, column(dialog, "重复"), strict=True))
    assert dup["临平-2023.govreport"] == dup["临平-副本.govreport"] == "重复" and dup["某区.xlsx"] == ""
    notes = dict(zip(files, column(dialog, "说明"), strict=True))
    assert "2022年" in notes["某县-2022.govreport"]
    assert "共5个文件" in dialog.counts.text() and "无法读取1个" in dialog.counts.text()
    assert not dialog.bar.isVisible() and not dialog.cancel_button.isEnabled()
    assert dialog.xlsx_button.isEnabled() and dialog.html_button.isEnabled()

    click_header(qtbot, dialog, "年度")  # ascending: the blank year of the broken file, then 2022, then 2023s
    years = column(dialog, "年度")
    assert years[:2] == ["", "2022"] and set(years[2:]) == {"2023"}
    click_header(qtbot, dialog, "年度")
    assert column(dialog, "年度")[0] == "2023" and column(dialog, "年度")[-1] == ""
    click_header(qtbot, dialog, "源文件")
    assert column(dialog, "源文件") == sorted(files)

    dialog.filter.setText("某区")
    assert column(dialog, "源文件") == ["某区.xlsx"]
    dialog.filter.clear()
    assert dialog.proxy.rowCount() == 5

    dialog.view.setCurrentIndex(dialog.proxy.index(column(dialog, "源文件").index("某区.xlsx"), 0))
    details = dialog.details.toPlainText()
    assert "某区人民政府" in details and "检查结果" in details

    out = tmp_path / "审查结果.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    dialog.xlsx_button.click()
    ws = openpyxl.load_workbook(out)["汇总"]
    names = {c.value for row in ws.iter_rows() for c in row}
    assert {"损坏.govreport", "某区.xlsx", "临平-2023.govreport"} <= names
    page = tmp_path / "审查结果.html"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(page), ""))
    dialog.html_button.click()
    assert "某区人民政府" in page.read_text(encoding="utf-8")
    assert messages == []


def slow_review(seconds: float = 0.05) -> Callable[..., Iterator[Progress]]:
    """A stand-in for iter_review: 200 made-up files, one every ``seconds``, polling ``cancel`` as the real one."""

    def review(files: Sequence[Path], last: Sequence[Path], *, workers: int,
               cancel: Callable[[], bool]) -> Iterator[Progress]:
        rows: list[FileReview] = []
        total = 200
        for i in range(total):
            if cancel():
                break
            time.sleep(seconds)
            row = FileReview(path=f"单位{i}.govreport", name=f"单位{i}.govreport", kind="本程序文件", readable=True,
                             agency=f"单位{i}", year=2023)
            rows.append(row)
            yield Progress(i + 1, total, "本年报告", row=row)
        yield Progress(len(rows), total, "本年报告", result=finish(rows, [], 0, cancelled=cancel()))

    return review


def test_cancel_stops_with_the_rows_read(qtbot, window: MainWindow, folder: Path,  # type: ignore[no-untyped-def]
                                         messages: list[str]) -> None:
    dialog = ReviewDialog(str(folder), window, review=slow_review())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() >= 3, timeout=10_000)
    assert dialog.bar.isVisible() and dialog.bar.maximum() == 200 and dialog.bar.value() >= 1
    assert "正在读取" in dialog.stage.text()
    assert not dialog.xlsx_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    finished(qtbot, dialog, timeout=5_000)
    assert dialog.result is not None and dialog.result.cancelled
    assert 3 <= dialog.model.rowCount() < 200
    assert dialog.stage.text() == "审查已取消" and "已取消" in dialog.counts.text()
    assert dialog.xlsx_button.isEnabled()  # what was read can still be saved
    assert messages == []


def test_closing_while_running_stops_the_thread(qtbot, window: MainWindow, folder: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = ReviewDialog(str(folder), window, review=slow_review())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() >= 1, timeout=10_000)
    run = dialog.run
    dialog.close()
    assert run is not None and run.isFinished()


def test_empty_folder_is_refused(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                 messages: list[str]) -> None:
    (tmp_path / "空").mkdir()
    (tmp_path / "空" / "照片.jpg").write_bytes(b"\xff\xd8")
    dialog = ReviewDialog(str(tmp_path / "空"), window, workers=0)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert messages == ["“空”中没有可审查的报告文件（.govreport、.xlsx/.xls、.docx/.doc、.pdf、.txt、.md、.html）。"]
    assert not dialog.bar.isVisible() and not dialog.xlsx_button.isEnabled()


def test_menu_review_with_worker_processes_then_open_rows(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, folder: Path, monkeypatch: pytest.MonkeyPatch, messages: list[str]) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    assert window.act_review.text() == "审查一批报告…"
    window.act_review.trigger()
    dialogs = window.findChildren(ReviewDialog)
    assert len(dialogs) == 1
    dialog = dialogs[0]
    finished(qtbot, dialog)  # the real review: two spawned worker processes, driven from the dialog's thread
    assert dialog.model.rowCount() == 5 and messages == []
    files = column(dialog, "源文件")

    # a .govreport file opens as itself, with the review's verdict above the tabs
    dialog.view.setCurrentIndex(dialog.proxy.index(files.index("某县-2022.govreport"), 0))
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    opened = OPEN_WINDOWS[-1]
    assert isinstance(opened, MainWindow) and opened is not window
    assert opened.path == str(folder / "某县-2022.govreport") and not opened.is_modified()
    assert opened.current_report().year == 2022 and opened.current_report().agency == "某县人民政府"
    assert opened.findings_dock.isVisible()
    assert "审查：“某县-2022.govreport”" in opened.notice_bar.notes_label.text()
    dialog.view.setFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Return)  # Enter on the same row: the window already open, not a second
    assert OPEN_WINDOWS.count(opened) == 1 and len(OPEN_WINDOWS) == 1

    # an imported format opens as an unsaved import whose values are marked; the source is never the save target
    row = dialog.model.rows[[r.name for r in dialog.model.rows].index("某区.xlsx")]
    imported = dialog.open_row(row)
    assert isinstance(imported, MainWindow) and imported.path is None and imported.is_modified()
    assert imported.current_report().agency == "某区人民政府"
    seed = read_report(SEED)
    assert all(imported.current_report().get(c) == seed.get(c) for c in seed.form.inputs)
    assert imported.controller.marks
    assert "以导入方式打开" in imported.notice_bar.notes_label.text()
    assert window.current_report().agency != "某区人民政府"  # the window the review was started from is untouched

    # the broken file cannot be opened: a message, no window
    before = len(OPEN_WINDOWS)
    assert dialog.open_row(dialog.model.rows[0]) is None
    assert len(OPEN_WINDOWS) == before and messages and messages[0].startswith("无法打开")
    for w in (opened, imported):
        w.close()
    qtbot.waitUntil(lambda: opened not in OPEN_WINDOWS and imported not in OPEN_WINDOWS, timeout=5_000)
    dialog.close()


def test_a_name_like_markup_is_shown_as_typed(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                              messages: list[str]) -> None:
    name = "<b>粗体<img src=x>.govreport"
    (tmp_path / "<i>文件夹").mkdir()
    shutil.copy(SEED, tmp_path / "<i>文件夹" / name)
    dialog = ReviewDialog(str(tmp_path / "<i>文件夹"), window, workers=0, open_window=MainWindow)
    qtbot.addWidget(dialog)
    finished(qtbot, dialog)
    assert column(dialog, "源文件") == [name]
    assert dialog.folder_label.textFormat() == Qt.TextFormat.PlainText and "<i>文件夹" in dialog.folder_label.text()
    c = dialog.model.header.index("源文件")
    assert "&lt;b&gt;粗体" in dialog.proxy.index(0, c).data(Qt.ItemDataRole.ToolTipRole)
    dialog.view.setCurrentIndex(dialog.proxy.index(0, 0))
    assert name in dialog.details.toPlainText()
    opened = dialog.open_row(dialog.model.rows[0])
    assert isinstance(opened, MainWindow) and messages == []
    label = opened.notice_bar.notes_label
    assert label.textFormat() == Qt.TextFormat.PlainText and name in label.text()
    opened.close()
    dialog.close()


def test_a_run_that_outlives_the_wait_is_kept_until_it_ends(qtbot, folder: Path) -> None:  # type: ignore[no-untyped-def]
    from govreport_gui.ui.review import worker as review_worker

    run = review_worker.ReviewRun([str(folder)], review=slow_review(seconds=0.6))  # one file ignores cancel 0.6 s
    with qtbot.waitSignal(run.progressed, timeout=5_000):  # the first file is read; the second is being read
        run.start()
    assert review_worker.stop(run, wait_ms=50) is False
    assert run in review_worker._DETACHED and run.is_cancelled()
    qtbot.waitUntil(lambda: run not in review_worker._DETACHED, timeout=10_000)
    assert run.isFinished()


def test_last_year_folder_the_same_as_this_years_is_refused(qtbot, window: MainWindow, folder: Path,  # type: ignore[no-untyped-def]
                                                            messages: list[str]) -> None:
    dialog = ReviewDialog(str(folder), window, last_folder=str(folder), workers=0)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert messages == ["本年报告文件夹中的文件都在所选的上年报告文件夹中，请另选上年报告文件夹。"]


def test_choosing_last_years_folder_runs_again_with_cross_year_checks(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        messages: list[str]) -> None:
    last = tmp_path / "上年"
    last.mkdir()
    prev = read_report(SEED)
    prev.meta["year"] = 2022
    write_report(prev, last / "临平-2022.govreport")
    dialog = ReviewDialog(str(folder), window, workers=0)
    qtbot.addWidget(dialog)
    finished(qtbot, dialog)
    assert set(column(dialog, "上年报告")) == {""}
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(last))
    qtbot.mouseClick(dialog.last_button, Qt.MouseButton.LeftButton)
    assert dialog.result is None and "上年" in dialog.last_label.text()
    finished(qtbot, dialog)
    compared = dict(zip(column(dialog, "源文件"), column(dialog, "上年报告"), strict=True))
    assert compared["临平-2023.govreport"] == "临平-2022.govreport"
    assert "与上年报告比对" in dialog.counts.text() and messages == []


def test_deleting_the_parent_window_while_running_ends_the_run_cleanly(qtbot, folder: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWidget

    from govreport_gui.ui.review import worker as review_worker

    parent = QWidget()
    dialog = ReviewDialog(str(folder), parent, review=slow_review())
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() >= 1, timeout=10_000)
    run = dialog.run
    assert run is not None and run.isRunning()
    parent.deleteLater()  # the dialog goes with it, without a close event
    qtbot.waitUntil(lambda: run in review_worker._DETACHED or run.isFinished(), timeout=5_000)
    assert run.is_cancelled()
    qtbot.waitUntil(lambda: run.isFinished() and run not in review_worker._DETACHED, timeout=10_000)
