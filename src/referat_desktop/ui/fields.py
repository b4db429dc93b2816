"""Small input widgets shared by the meeting and item forms."""

from __future__ import annotations

import re

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

_TIME = re.compile(r"^(\d{1,2})(?:[:.]?(\d{2}))?$")


def normalise_time(text: str) -> str | None:
    """`9`, `9.30`, `0930` or `09:30` as `09:30`; empty stays empty; None if it is no time."""
    text = text.strip()
    if not text:
        return ""
    match = _TIME.match(text)
    if not match:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2) or 0)
    if hours > 23 or minutes > 59:
        return None
    return f"{hours:02d}:{minutes:02d}"


def names_from_text(text: str) -> list[str]:
    """One name a line; blank lines and surrounding spaces do not count."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class NameListEdit(QPlainTextEdit):
    """A list of names, one a line. Tab moves on (it never types a tab into a name)."""

    editing_finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setPlaceholderText("Ét navn pr. linje")
        line = self.fontMetrics().lineSpacing()
        self.setFixedHeight(line * 4 + 12)

    def names(self) -> list[str]:
        return names_from_text(self.toPlainText())

    def set_names(self, names: list[str]) -> None:
        if self.names() != names:
            self.setPlainText("\n".join(names))

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt's name)
        super().focusOutEvent(event)
        self.editing_finished.emit()
