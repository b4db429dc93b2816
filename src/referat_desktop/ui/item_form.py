"""The editor pane for an item row: title, case number and the closed flag.

Like the meeting form, a field is committed when the user leaves it, as one
UpdateItemCommand; the closed flag is committed when it is ticked.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from referat_desktop.ui.item_tree import Row

CLOSED_HINT = (
    "Et lukket punkt kommer med i referatet, men i den offentlige udgave står kun "
    "nummer og titel."
)


class ItemForm(QWidget):
    field_edited = Signal(int, str, object, object)  # item_id, field, old value, new value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item_id = 0
        self._committed: dict[str, object] = {}
        self.title = QLineEdit()
        self.case_number = QLineEdit()
        self.case_number.setPlaceholderText("fx 19/18529")
        self.closed = QCheckBox("&Lukket punkt")
        hint = QLabel(CLOSED_HINT)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5f6368;")

        form = QFormLayout()
        title_label = QLabel("Ti&tel")
        title_label.setBuddy(self.title)
        case_label = QLabel("Sags&nummer")
        case_label.setBuddy(self.case_number)
        form.addRow(title_label, self.title)
        form.addRow(case_label, self.case_number)
        form.addRow("", self.closed)
        form.addRow("", hint)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(12)
        layout.addLayout(form)
        layout.addStretch(1)

        self.title.editingFinished.connect(lambda: self._commit("title"))
        self.case_number.editingFinished.connect(lambda: self._commit("case_number"))
        self.closed.toggled.connect(lambda _checked: self._commit("closed"))

    def show_item(self, row: Row | None) -> None:
        self.commit()
        self.item_id = row.id if row else 0
        if row is None:
            self._committed = {}
            return
        self.refresh(row)

    def refresh(self, row: Row) -> None:
        """Show the item's current facts (also after an undo changed them)."""
        self._committed = {"title": row.title, "case_number": row.case_number, "closed": row.closed}
        for edit, text in ((self.title, row.title), (self.case_number, row.case_number)):
            if edit.text() != text:
                edit.setText(text)
                edit.setCursorPosition(0)  # show the start of a long title
        self.closed.blockSignals(True)
        self.closed.setChecked(row.closed)
        self.closed.blockSignals(False)

    def set_read_only(self, read_only: bool) -> None:
        self.title.setReadOnly(read_only)
        self.case_number.setReadOnly(read_only)
        self.closed.setEnabled(not read_only)
        self.closed.setFocusPolicy(Qt.FocusPolicy.NoFocus if read_only else Qt.FocusPolicy.StrongFocus)

    def commit(self) -> None:
        for field in ("title", "case_number"):
            self._commit(field)

    def _commit(self, field: str) -> None:
        if not self.item_id or field not in self._committed or self.title.isReadOnly():
            return
        if field == "closed":
            value: object = self.closed.isChecked()
        else:
            value = getattr(self, field).text().strip()
        if field == "title" and not value:
            self.title.setText(str(self._committed["title"]))  # an item always has a title
            return
        old = self._committed[field]
        if value != old:
            self._committed[field] = value
            self.field_edited.emit(self.item_id, field, old, value)
