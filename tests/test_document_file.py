"""DocumentFile (the open report's file and save state) without Qt: names, suggested paths, changes underneath."""

from __future__ import annotations

import os
from pathlib import Path

from govreport_gui.core.document_file import DocumentFile, with_report_suffix


def test_untitled_document() -> None:
    doc = DocumentFile()
    assert doc.display_name() == "未命名" and doc.path is None
    assert not doc.is_modified(stack_clean=True) and doc.is_modified(stack_clean=False)
    home = Path("/home/clerk")
    assert doc.folder([], home) == home
    assert doc.folder(["/data/a/x.govreport"], home) == Path("/data/a")
    assert doc.save_as_path("", home) == home / "报告.govreport"
    assert doc.save_as_path("某局2025年报告", home) == home / "某局2025年报告.govreport"
    assert doc.export_path("标题", ".pdf", home) == home / "标题.pdf"


def test_loaded_and_saved(tmp_path: Path) -> None:
    f = tmp_path / "a.govreport"
    f.write_text("x")
    doc = DocumentFile()
    doc.loaded(str(f), modified=True)
    assert doc.is_modified(stack_clean=True) and doc.display_name() == "a.govreport"
    assert doc.folder(["/elsewhere/b.govreport"], Path("/")) == tmp_path
    assert doc.export_path("标题", ".xlsx", Path("/")) == tmp_path / "a.xlsx"
    doc.saved(str(f))
    assert not doc.is_modified(stack_clean=True)
    doc.loaded(None, modified=False)
    assert doc.path is None and doc.content_hash is None


def test_changed_underneath(tmp_path: Path) -> None:
    f = tmp_path / "a.govreport"
    f.write_text("x")
    doc = DocumentFile(str(f))
    assert not doc.changed_underneath(str(f))
    assert not doc.changed_underneath(str(tmp_path / "other.govreport"))  # saving elsewhere is never "changed"
    f.write_text("changed by someone else")
    os.utime(f, ns=(1, 1))
    assert doc.changed_underneath(str(f))
    f.unlink()
    assert doc.changed_underneath(str(f))  # deleted counts too
    doc.saved(str(f))  # after we write it again it is ours
    assert doc.content_hash is None and not doc.changed_underneath(str(f))


def test_report_suffix() -> None:
    assert with_report_suffix("/a/报告") == "/a/报告.govreport"
    assert with_report_suffix("/a/报告.govreport") == "/a/报告.govreport"
    assert with_report_suffix("/a/报告.bak") == "/a/报告.bak"
