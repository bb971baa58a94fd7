"""Bad files given to the window: opening (文件 › 打开) and importing (文件 › 导入) refuse with a Chinese message.

The open report stays exactly as it was (same content, same modified state, same file path) and the bad file is never
touched (same bytes, same modification time).  Opening asks first whether to discard the modified report (the fixture
answers 不保存): a refused file must still not cost the clerk the report on screen.
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path

import pytest
from common import SEED
from fuzzing import one_line_message

from govreport_gui.core.storage import dumps, read_report

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")


def _bad_files(folder: Path) -> dict[str, Path]:
    seed = SEED.read_bytes()
    doc = json.loads(seed)
    newer = dict(doc, format_version=99)
    from govreport_gui.core.exporters.excel import workbook_bytes

    files = {
        "truncated": seed[: len(seed) // 2],
        "corrupt": seed.replace(b'"cells"', b'"ce\x00ls"', 1).replace(b":", b";", 3),
        "empty": b"",
        "binary": zlib.compress(os.urandom(4096)) * 8,
        "newer-version": json.dumps(newer, ensure_ascii=False).encode(),
        "xlsx-renamed": workbook_bytes(read_report(SEED)),
        "png-renamed": PNG,
        "not-an-object": b"[1, 2, 3]",
        "deep-json": b"[" * 100_000 + b"]" * 100_000,
    }
    out = {}
    for name, data in files.items():
        path = folder / f"{name}.govreport"
        path.write_bytes(data)
        out[name] = path
    huge = folder / "huge.govreport"
    with open(huge, "wb") as fh:
        fh.write(b'{"format": "govreport", "x": "')
        fh.truncate(100 * 1024 * 1024)  # 100 MB (sparse)
    out["huge-100MB"] = huge
    return out


def _modified_window(window) -> str:  # type: ignore[no-untyped-def]
    """Load the seed as an unsaved, modified report; the saved form of what the window holds."""
    window.load_report(read_report(SEED), None, True)
    assert window.is_modified()
    return dumps(window.current_report())


@pytest.mark.parametrize("case", ["truncated", "corrupt", "empty", "binary", "newer-version", "xlsx-renamed",
                                  "png-renamed", "not-an-object", "deep-json", "huge-100MB"])
def test_open_bad_file_is_refused_and_changes_nothing(window, errors, tmp_path: Path, case: str,  # type: ignore[no-untyped-def]
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from govreport_gui.ui.imports import actions as import_actions

    # a workbook is something 导入 reads: 打开 offers it (declined here) instead of calling it damaged
    monkeypatch.setattr(import_actions, "ask_import_instead", lambda parent, question: errors.append(question) or False)
    path = _bad_files(tmp_path)[case]
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    os.utime(path, ns=(before[1] - 10**9, before[1] - 10**9))  # a past mtime, so a rewrite would show
    stamp = path.stat().st_mtime_ns
    saved = _modified_window(window)
    title = window.windowTitle()

    assert window.open_file(str(path)) is False

    assert len(errors) == 1 and one_line_message(errors[0]), errors
    assert path.name in errors[0]
    if case == "xlsx-renamed":
        assert "Excel工作簿" in errors[0] and "不是本程序的报告文件" in errors[0] and "导入" in errors[0], errors[0]
    if case == "newer-version":
        assert "较新版本" in errors[0] and "升级" in errors[0], errors[0]
    assert dumps(window.current_report()) == saved
    assert window.is_modified() and window.path is None and window.windowTitle() == title
    assert path.read_bytes() == before[0] and path.stat().st_mtime_ns == stamp


def test_open_good_file_after_refusals(window, errors, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The window still works after a refusal: the next good file opens."""
    bad = _bad_files(tmp_path)["truncated"]
    assert window.open_file(str(bad), ask=False) is False
    good = tmp_path / "good.govreport"
    good.write_bytes(SEED.read_bytes())
    assert window.open_file(str(good), ask=False) is True
    assert window.path == str(good) and not window.is_modified()
    assert len(errors) == 1


@pytest.mark.parametrize("case", ["blank-lines", "spans", "huge-text", "docx-bomb", "absurd"])
def test_refused_import_leaves_the_report_alone(window, errors, monkeypatch, tmp_path: Path, case: str) -> None:  # type: ignore[no-untyped-def]
    """文件 › 导入 with a hostile file: a refusal shown, the open report and its modified state untouched."""
    from PySide6.QtWidgets import QFileDialog

    from govreport_gui.ui.imports import dialog as import_dialog

    refusals: list[str] = []
    monkeypatch.setattr(import_dialog, "show_refusal", lambda parent, text: refusals.append(text))
    path = tmp_path / {"blank-lines": "a.txt", "spans": "a.html", "huge-text": "b.txt", "docx-bomb": "c.docx",
                       "absurd": "d.txt"}[case]
    if case == "blank-lines":
        path.write_text("x\n" + "\n" * 40_000, encoding="utf-8")
    elif case == "spans":
        path.write_text("<table><tr>" + "<td rowspan=100 colspan=100>1</td>" * 3000 + "</tr></table>",
                        encoding="utf-8")
    elif case == "huge-text":
        with open(path, "wb") as fh:
            fh.truncate(100 * 1024 * 1024)
    elif case == "docx-bomb":
        from test_fuzz_imports import docx_seed
        from test_hostile_inputs import with_bomb

        path.write_bytes(with_bomb(docx_seed(), "word/document.xml", lie=True))
    else:
        path.write_text("99999999999999999999\n-5\nNaN\n1e9\n" * 1000, encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    saved = _modified_window(window)
    before = path.stat().st_mtime_ns

    window.import_report()

    assert len(refusals) == 1 and one_line_message(refusals[0]), refusals
    assert dumps(window.current_report()) == saved and window.is_modified() and window.path is None
    assert path.stat().st_mtime_ns == before


def test_open_a_published_report_offers_import(window, errors, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """打开 pointed at a published report's text: not "damaged", but an offer to 导入 it, which then imports."""
    from PySide6.QtWidgets import QDialog

    from govreport_gui.ui.imports import actions as import_actions
    from govreport_gui.ui.imports.dialog import ImportDialog

    published = SEED.parent / "linping-2023-published.txt"
    asked: list[str] = []
    monkeypatch.setattr(import_actions, "ask_import_instead", lambda parent, q: asked.append(q) or True)
    monkeypatch.setattr(ImportDialog, "exec", lambda self: QDialog.DialogCode.Accepted.value)
    assert window.open_file(str(published), ask=False) is False
    assert errors == [] and len(asked) == 1
    assert "是文本，不是本程序的报告文件" in asked[0] and "损坏" not in asked[0]
    assert window.current_report().values  # imported, as a new unsaved report
    assert window.path is None and window.is_modified()
