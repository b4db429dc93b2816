"""Small panels of the window: the empty-database welcome, the read-only notice and the
one error box at a time."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget


class EmptyState(QWidget):
    """Shown instead of the editor while the database holds no meetings."""

    new_meeting_clicked = Signal()
    sample_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("Der er ingen møder i databasen endnu")
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        text = QLabel(
            "Opret det første møde, eller tilføj eksempelmødet (Direktionen 16-12-2019) "
            "for at se, hvordan en dagsorden og et referat er bygget op."
        )
        text.setWordWrap(True)
        self.new_button = QPushButton("Nyt møde")
        self.sample_button = QPushButton("Tilføj eksempelmødet")
        self.new_button.setDefault(True)
        self.new_button.clicked.connect(self.new_meeting_clicked)
        self.sample_button.clicked.connect(self.sample_clicked)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.sample_button)
        buttons.addStretch(1)
        # A column of fixed width, centred: wrapped text needs a width to know its height.
        column = QWidget()
        column.setFixedWidth(520)
        column_layout = QVBoxLayout(column)
        for label in (title, text):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column_layout.addWidget(label)
        column_layout.addSpacing(12)
        column_layout.addLayout(buttons)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def set_read_only(self, read_only: bool) -> None:
        self.new_button.setEnabled(not read_only)
        self.sample_button.setEnabled(not read_only)


class ReadOnlyBar(QLabel):
    """The yellow bar that says why nothing can be edited."""

    def __init__(self, file_name: str, reason: str = "", parent: QWidget | None = None) -> None:
        # `reason` is the store's (e.g. "Filen ligger på et skrivebeskyttet drev.").
        reason = reason.strip() or "Filen er åbnet skrivebeskyttet."
        if reason == "Filen er åbnet skrivebeskyttet.":
            reason = f"{file_name} er åbnet skrivebeskyttet."
        super().__init__(
            f"{reason} Du kan læse, søge, eksportere og udskrive, men ikke ændre noget.", parent
        )
        self.setWordWrap(True)
        self.setStyleSheet(
            "QLabel { background: #fff3b0; color: #3d3400; border-bottom: 1px solid #e0c200;"
            " padding: 6px 10px; }"
        )
        self.setAccessibleName("Skrivebeskyttet")


class ErrorNotice:
    """One message box at a time: a save retried while the disk is full says so again in
    the box already open instead of stacking up new ones."""

    def __init__(self, parent: QWidget) -> None:
        self._parent = parent
        self.box: QMessageBox | None = None

    def show(self, message: str) -> None:
        if self.box is not None and self.box.isVisible():
            self.box.setText(message)
            return
        self.box = QMessageBox(QMessageBox.Icon.Warning, "Referat", message, parent=self._parent)
        self.box.setDefaultButton(self.box.addButton(QMessageBox.StandardButton.Ok))
        self.box.open()
