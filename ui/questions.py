"""Asking before something is lost or leaves: one shape for every such question.

The safe answer is the default and what Escape gives, so a stray key never overwrites a file,
throws away typing or sends a list that fails its checks.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton


def agreed(
    parent: QWidget,
    *,
    name: str,
    title: str,
    text: str,
    go: str,
    keep: str | None = None,
    go_button: Button = Button.Yes,
    icon: QMessageBox.Icon = QMessageBox.Icon.Warning,
    accessible_name: str | None = None,
) -> bool:
    """Ask `text`; True only when the user presses the button labelled `go`.

    `name` is the box's object name (tests and accessibility tools find it by that); `keep`
    relabels Cancel when the plain word would be unclear ("Keep editing").
    """
    box = QMessageBox(icon, title, text, go_button | Button.Cancel, parent)
    box.setObjectName(name)
    box.setAccessibleName(accessible_name or title)
    box.button(go_button).setText(go)
    if keep is not None:
        box.button(Button.Cancel).setText(keep)
    box.setDefaultButton(Button.Cancel)
    box.setEscapeButton(Button.Cancel)
    return box.exec() == go_button
