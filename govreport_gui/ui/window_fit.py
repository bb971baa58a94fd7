"""Keep the window on the screen: the first window fits the screen's available area, a remembered one is clamped.

The window used to open at 1400×900 whatever the screen: on a 1366×768 laptop, and at 1920×1080 with 150 % scaling
(1280×720 logical pixels), the findings text was cut and the status bar and the dock's buttons were off-screen.  The
first window now takes the comfortable size where there is room and the available area (less the window frame)
where there is not; a geometry remembered from a larger screen or another monitor is shrunk and moved onto this one.
The frame's size is only known once the window manager has framed the window, so :func:`clamp_to_screen` runs again
just after the first show.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

COMFORTABLE = QSize(1400, 900)  # logical pixels, where the screen has room for it
_FRAME_GUESS = QMargins(4, 30, 4, 4)  # a typical title bar and border, before the window manager has said


def _screen_of(window: QWidget) -> QScreen | None:
    centre = window.frameGeometry().center()
    return QGuiApplication.screenAt(centre) or window.screen() or QGuiApplication.primaryScreen()


def _frame_margins(window: QWidget) -> QMargins:
    frame, inner = window.frameGeometry(), window.geometry()
    if window.isVisible() and frame != inner:
        return QMargins(inner.left() - frame.left(), inner.top() - frame.top(),
                        frame.right() - inner.right(), frame.bottom() - inner.bottom())
    return _FRAME_GUESS


def fitted_rect(current: QRect, available: QRect, frame: QMargins, wanted: QSize | None = None) -> QRect:
    """The window's client rectangle: ``wanted`` (or the current size) shrunk so that the frame fits ``available``,
    moved inside it (kept where it is when it already fits; centred when ``wanted`` is given)."""
    room = QSize(available.width() - frame.left() - frame.right(), available.height() - frame.top() - frame.bottom())
    size = (wanted or current.size()).boundedTo(room)
    if wanted is not None:
        left = available.left() + frame.left() + (room.width() - size.width()) // 2
        top = available.top() + frame.top() + (room.height() - size.height()) // 2
        return QRect(QPoint(left, top), size)
    left = min(max(current.left(), available.left() + frame.left()),
               available.right() - frame.right() - size.width() + 1)
    top = min(max(current.top(), available.top() + frame.top()),
              available.bottom() - frame.bottom() - size.height() + 1)
    return QRect(QPoint(left, top), size)


def fit_first_window(window: QWidget) -> None:
    """Size a window shown for the first time: the comfortable size, or the screen's available area when smaller."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(COMFORTABLE)
        return
    rect = fitted_rect(window.geometry(), screen.availableGeometry(), _frame_margins(window), COMFORTABLE)
    window.setGeometry(rect)


def clamp_to_screen(window: QWidget) -> None:
    """Shrink and move the window so that its frame lies within its screen's available area (not when maximised
    or full-screen: the window manager places those)."""
    if window.isMaximized() or window.isFullScreen():
        return
    screen = _screen_of(window)
    if screen is None:
        return
    rect = fitted_rect(window.geometry(), screen.availableGeometry(), _frame_margins(window))
    if rect != window.geometry():
        window.setGeometry(rect)
