"""The entry point: Qt's Chinese translation, a CJK font, FILE opened or a new report for last year."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from common import SEED
from PySide6.QtWidgets import QApplication

from govreport_gui.ui import app as app_module

pytestmark = pytest.mark.gui


def test_translation_and_font(qapp: QApplication) -> None:
    app_module.create_application(["test"])
    assert app_module.install_translation(qapp) is not None  # qtbase_zh_CN from PySide6's translations
    assert QApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert "WenQuanYi Micro Hei" in QApplication.font().families()
    assert not QApplication.windowIcon().isNull()  # the icon ships with the package resources


def test_create_window_with_file_and_without(qtbot, errors: list[str]) -> None:  # type: ignore[no-untyped-def]
    app_module.create_application(["test"])
    w = app_module.create_window(str(SEED))
    qtbot.addWidget(w)
    assert w.current_report().agency == "杭州市临平区行政审批服务管理办公室"
    assert w.windowTitle() == "linping-2023.govreport[*] — 政府信息公开工作年度报告"
    fresh = app_module.create_window(None)
    qtbot.addWidget(fresh)
    assert fresh.current_report().year == dt.date.today().year - 1
    assert errors == []


def test_create_window_with_bad_file(qtbot, tmp_path: Path, errors: list[str]) -> None:  # type: ignore[no-untyped-def]
    app_module.create_application(["test"])
    bad = tmp_path / "x.govreport"
    bad.write_bytes(b"\x00\x01")
    w = app_module.create_window(str(bad))
    qtbot.addWidget(w)
    assert errors and "x.govreport" in errors[0]
    assert w.current_report().values == {}


def test_bundled_fonts_are_registered_only_when_the_system_has_no_chinese_font(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from govreport_gui.core.fonts.discovery import candidate_faces

    face = next(Path(f.path) for f in candidate_faces() if Path(f.path).name == "wqy-microhei.ttc")
    shutil.copyfile(face, tmp_path / face.name)
    (tmp_path / "notes.txt").write_text("not a font")
    # a system with Chinese fonts: nothing is loaded
    assert app_module.register_bundled_fonts(tmp_path, system_cjk=["Noto Sans CJK SC"]) == []
    # a system without: the folder's fonts become families the window can use, last in the CJK fallback list
    families = app_module.register_bundled_fonts(tmp_path, system_cjk=[])
    assert len(families) == 2  # the collection's two faces, named as Qt names them (English or 文泉驛…)
    from PySide6.QtGui import QFontDatabase

    assert QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(families[0])
    from govreport_gui.ui.base.style import CJK_FAMILIES

    n = len(CJK_FAMILIES)
    assert app_module.cjk_font(families).families()[n:n + len(families)] == families
    # no folder (the source tree ships no fonts): nothing
    assert app_module.register_bundled_fonts(tmp_path / "missing", system_cjk=[]) == []
