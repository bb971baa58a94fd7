"""Qt's own dialogs in Chinese: Qt's ``qtbase_zh_CN`` translations, the few strings they lack, and Chinese dates.

PySide6 ships ``qtbase_zh_CN.qm``, loaded from ``QLibraryInfo.path(TranslationsPath)`` before any dialog is built.  It
still leaves the file dialog's "Look in:" and "Files of type:" and the type "Folder" in English (measured with
PySide6 6.x), so :class:`SupplementTranslator` answers those few.  The file dialog's dates and sizes follow the system
locale, not ``QLocale.setDefault``: on a machine whose locale is not Chinese they read "29 11 2026 07:23" and
"0 bytes"; :func:`prepare_environment` asks for Chinese dates and wording (``LC_TIME``, ``LC_MESSAGES``) before the
application starts, and they read "2026/11/29 07:23" and "0 字节".
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

# English source text → Chinese, for strings qtbase_zh_CN leaves untranslated (any context).
SUPPLEMENT = {
    "&Look in:": "查找范围(&L)：",
    "Look in:": "查找范围：",
    "Files of &type:": "文件类型(&T)：",
    "Files of type:": "文件类型：",
    "Folder": "文件夹",
    "File Folder": "文件夹",
    "Drive": "驱动器",
    "%1 bytes": "%1 字节",
}


class SupplementTranslator(QTranslator):
    """Answers the strings of :data:`SUPPLEMENT`; everything else falls through to the other translators."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        return SUPPLEMENT.get(source)  # None is a null string: "not mine", the next translator is asked

    def isEmpty(self) -> bool:
        return False


def prepare_environment() -> None:
    """Chinese dates and sizes in Qt's dialogs: set ``LC_TIME`` and ``LC_MESSAGES`` for this process where the
    locale says another language (call before the QApplication exists; Qt reads the locale once).  An explicit
    ``LC_ALL`` is left alone."""
    if os.environ.get("LC_ALL"):
        return
    for category in ("LC_TIME", "LC_MESSAGES"):
        current = os.environ.get(category) or os.environ.get("LANG") or ""
        if not current.lower().startswith("zh"):
            os.environ[category] = "zh_CN.UTF-8"


def install_chinese(app: QCoreApplication) -> list[QTranslator]:
    """Install ``qtbase_zh_CN`` (when PySide6 has it) and the supplement; the translators installed (once per
    application: a second call returns the first call's)."""
    earlier = app.findChildren(SupplementTranslator)
    if earlier:
        return [t for t in app.findChildren(QTranslator) if t.objectName() == "qtbase"] + earlier[:1]
    installed: list[QTranslator] = []
    qtbase = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qtbase.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", folder):
        qtbase.setObjectName("qtbase")
        app.installTranslator(qtbase)
        installed.append(qtbase)
    supplement = SupplementTranslator(app)
    app.installTranslator(supplement)  # searched first: it only answers what qtbase lacks
    installed.append(supplement)
    return installed
