"""Window sizes that fit the screen the window opens on.

Office laptops give 1280×720 to 1536×864 logical pixels; a window sized for a desktop monitor
(or restored from one) would open with its right-hand panels off screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget


def fit_to_screen(window: QWidget) -> None:
    """Shrink and move `window` so its frame lies inside the available area of its screen."""
    screen = window.screen()
    if screen is None:
        return
    available = screen.availableGeometry()
    # The frame (title bar, borders) is only known once shown; allow a typical one until then.
    frame = window.frameGeometry()
    extra_w = max(frame.width() - window.width(), 0) if window.isVisible() else 0
    extra_h = max(frame.height() - window.height(), 0) if window.isVisible() else 32
    width = min(window.width(), available.width() - extra_w)
    height = min(window.height(), available.height() - extra_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    placed = QRect(window.pos(), window.frameGeometry().size())
    if not available.contains(placed):
        x = min(max(placed.x(), available.x()), available.right() - placed.width() + 1)
        y = min(max(placed.y(), available.y()), available.bottom() - placed.height() + 1)
        window.move(max(x, available.x()), max(y, available.y()))


def initial_size(window: QWidget, width: int, height: int) -> None:
    """Resize to `width`×`height`, or less where the screen's available area is smaller."""
    screen = window.screen()
    if screen is None:
        window.resize(width, height)
        return
    available = screen.availableGeometry()
    margin = 48  # a title bar and a little room around the dialog
    window.resize(min(width, available.width() - margin), min(height, available.height() - margin))
