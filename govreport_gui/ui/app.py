"""The desktop application's entry point: ``govreport-gui [FILE]`` and ``python -m govreport_gui [FILE]``.

Loads Qt's own Chinese translation (``qtbase_zh_CN`` from PySide6's translations folder, and the few strings it
lacks: ``base/qt_chinese``) before any dialog is built so that Qt's dialogs speak Chinese, sets an application font with
CJK glyphs (registering the folder's own CJK fonts when the system has none), and opens FILE or, without one, a new
report for last year.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from .base.qt_chinese import SupplementTranslator, install_chinese, prepare_environment
from .base.settings import APPLICATION, ORGANISATION


def install_translation(app: QApplication) -> QTranslator | None:
    """Load ``qtbase_zh_CN`` from PySide6's translations and the strings it lacks (:mod:`.base.qt_chinese`); the qtbase
    translator, ``None`` if it is not there."""
    return next((t for t in install_chinese(app) if not isinstance(t, SupplementTranslator)), None)


def register_bundled_fonts(folder: Path | None = None, system_cjk: Iterable[str] | None = None) -> list[str]:
    """Make the fonts shipped in FOLDER (the desktop build's CJK fonts) usable on screen, when the system has no font
    for Simplified Chinese; the families registered, none when the system has its own (nothing is loaded then).
    """
    from ..core.paths import package_font_dir

    if system_cjk is None:
        system_cjk = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    if list(system_cjk):
        return []
    folder = package_font_dir() if folder is None else folder
    families: list[str] = []
    for path in sorted(folder.glob("*.tt[cf]")) if folder.is_dir() else []:
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += [f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in families]
    return families


def cjk_font(extra: Sequence[str] = ()) -> QFont:
    """The default font with a list of CJK-capable families to fall back along (EXTRA last among them)."""
    from .base.style import CJK_FAMILIES

    font = QFont(QApplication.font())
    font.setFamilies([*CJK_FAMILIES, *extra, *QApplication.font().families()])
    return font


def create_application(argv: Sequence[str]) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        prepare_environment()  # Chinese dates in Qt's file dialog: the locale is read when the application starts
        app = QApplication(list(argv))
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("政府信息公开工作年度报告")
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    install_translation(app)
    app.setFont(cjk_font(register_bundled_fonts()))
    app.setWindowIcon(application_icon())
    return app


def application_icon() -> QIcon:
    """The application's icon (drawn by packaging/make_icon.py), shipped with the package resources."""
    from ..core.paths import icon_file

    icon = QIcon()
    ref = icon_file("govreport.png")
    if ref.is_file():
        icon.addFile(str(ref))
    return icon


def create_window(file: str | None = None):  # type: ignore[no-untyped-def]
    """The main window with FILE open (a bad file is reported and a new report opened instead)."""
    from ..core.storage import ReportFileError, read_report_with_hash
    from .base import settings
    from .main_window import MainWindow

    if file:
        try:
            report, content_hash = read_report_with_hash(file)  # read first: the window is built once, for it
        except ReportFileError as exc:
            window = MainWindow()
            window.show()
            window.open_refused(file, str(exc))  # says why, or offers 导入 for a published report
            return window
        settings.add_recent_file(file)
        return MainWindow(report, file, content_hash)
    return MainWindow()


def main(argv: Sequence[str] | None = None) -> int:
    from ..console import ChineseHelpFormatter, add_version, prepare

    prepare()
    args_in = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(
        prog="govreport-gui", description="政府信息公开工作年度报告", formatter_class=ChineseHelpFormatter
    )
    add_version(parser)
    parser.add_argument("file", nargs="?", metavar="FILE", help="要打开的报告文件（.govreport）")
    args, qt_args = parser.parse_known_args(args_in)
    app = create_application([sys.argv[0] if sys.argv else "govreport-gui", *qt_args])
    window = create_window(args.file)
    window.show()
    from PySide6.QtCore import QTimer

    from .document.recovery_dialog import offer_recovery

    QTimer.singleShot(0, lambda: offer_recovery(window))  # after the window is on screen
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
