"""The editor pane for an item row: title, case number and the closed flag.

Like the meeting form, a text field is committed while the user types (`typed`, then
the autosaver calls `commit_typed`) and when she leaves it, as UpdateItemCommands that
merge into one undo step per field; the closed flag is committed when it is ticked.
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
    typed = Signal(str)  # a field the user typed into (commit_typed saves it)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item_id = 0
        self._committed: dict[str, object] = {}
        self._in_flight: set[str] = set()  # fields whose commit is being done right now
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
        self.title.textEdited.connect(lambda _text: self.typed.emit("title"))
        self.case_number.textEdited.connect(lambda _text: self.typed.emit("case_number"))
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
            if edit.text().strip() != text:  # not while she types a trailing space
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
        """Commit what the text fields hold (a flush; she may still be typing)."""
        for field in ("title", "case_number"):
            self._commit(field, leaving=False)

    def commit_typed(self, field: str) -> bool:
        """Commit what has been typed so far (an emptied title waits); False if refused."""
        return self._commit(field, leaving=False)

    def forget_commit(self, field: str, old: object) -> None:
        """The store refused the last commit of `field`: it is still to be saved."""
        if field in self._committed:
            self._committed[field] = old

    def _commit(self, field: str, leaving: bool = True) -> bool:
        if field in self._in_flight:
            return False
        if not self.item_id or field not in self._committed or self.title.isReadOnly():
            return True
        if field == "closed":
            value: object = self.closed.isChecked()
        else:
            value = getattr(self, field).text().strip()
        if field == "title" and not value:
            if leaving:
                self.title.setText(str(self._committed["title"]))  # an item always has a title
            return True
        old = self._committed[field]
        if value == old:
            return True
        self._committed[field] = value
        # The undo command may move the focus (an error box) and so commit this field
        # again before it returns: that inner commit must not count as saved.
        self._in_flight.add(field)
        try:
            self.field_edited.emit(self.item_id, field, old, value)
        finally:
            self._in_flight.discard(field)
        return self._committed[field] == value
