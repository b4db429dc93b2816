"""The meeting's front-page facts, edited in place.

A field is committed while the user types (`typed` asks the window's autosaver to call
`commit_typed` within a second) and again when she leaves it (editingFinished / focus
out), which also tidies what she typed (`9.30` becomes `09:30`). Each commit becomes one
UpdateMeetingCommand, and consecutive commits of one field merge into one undo step. The
form remembers the last committed value of every field, which is the `old` value of the
next command.

A commit while typing never rewrites the field (the cursor stays where she types) and
skips what is not yet a value: a half-typed time, an emptied Udvalg.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from referat_desktop.domain.model import Meeting
from referat_desktop.ui.fields import NameListEdit, normalise_time
from referat_desktop.ui.language import DANISH

TIME_HINT = "Skriv tidspunktet som tt:mm, fx 09:00 (eller lad feltet stå tomt)."


class MeetingForm(QWidget):
    fact_edited = Signal(int, str, object, object)  # meeting_id, fact, old value, new value
    typed = Signal(str)  # a fact whose field the user typed into (commit_typed saves it)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.meeting_id = 0
        self._committed: dict[str, object] = {}
        self._in_flight: set[str] = set()  # fields whose commit is being done right now
        self._showing = False  # filling in the fields is not typing
        self.body = QLineEdit()
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd-MM-yyyy")
        self.date.setLocale(DANISH)  # also when the default locale is not (tests, bench)
        self.date.calendarWidget().setLocale(self.date.locale())
        self.time = QLineEdit()
        self.time.setPlaceholderText("tt:mm")
        self.time.setMaximumWidth(80)
        self.location = QLineEdit()
        self.participants = NameListEdit()
        self.absent = NameListEdit()
        self.secretary = QLineEdit()
        self.time_error = QLabel(TIME_HINT)
        self.time_error.setStyleSheet("color: #b00020;")
        self.time_error.setWordWrap(True)
        self.time_error.hide()

        when = QHBoxLayout()
        when.setContentsMargins(0, 0, 0, 0)
        when.addWidget(self.date)
        time_label = QLabel("T&idspunkt")
        time_label.setBuddy(self.time)
        when.addSpacing(12)
        when.addWidget(time_label)
        when.addWidget(self.time)
        when.addStretch(1)

        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addRow(self._label("&Udvalg", self.body), self.body)
        layout.addRow(self._label("&Dato", self.date), when)
        layout.addRow("", self.time_error)
        layout.addRow(self._label("Møde&sted", self.location), self.location)
        layout.addRow(self._label("Delta&gere", self.participants), self.participants)
        layout.addRow(self._label("&Afbud", self.absent), self.absent)
        layout.addRow(self._label("Se&kretær", self.secretary), self.secretary)

        for edit, fact in ((self.body, "body"), (self.location, "location"), (self.secretary, "secretary")):
            edit.editingFinished.connect(lambda f=fact: self._commit(f))
        self.time.editingFinished.connect(lambda: self._commit("time"))
        self.date.editingFinished.connect(lambda: self._commit("date"))
        self.date.calendarWidget().clicked.connect(lambda _date: self._commit("date"))
        self.participants.editing_finished.connect(lambda: self._commit("participants"))
        self.absent.editing_finished.connect(lambda: self._commit("absent"))
        for edit, fact in ((self.body, "body"), (self.time, "time"), (self.location, "location"),
                           (self.secretary, "secretary")):
            edit.textEdited.connect(lambda _text, f=fact: self.typed.emit(f))
        self.date.dateChanged.connect(lambda _date: self._on_typed("date"))
        self.participants.textChanged.connect(lambda: self._on_typed("participants"))
        self.absent.textChanged.connect(lambda: self._on_typed("absent"))
        self.setEnabled(False)

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def show_meeting(self, meeting: Meeting | None) -> None:
        """Fill in the fields (after committing what was typed into the previous meeting)."""
        self.commit()
        self.meeting_id = (meeting.id or 0) if meeting else 0
        self.setEnabled(meeting is not None)
        if meeting is None:
            meeting = Meeting(body="", date=dt.date.today())
        self._committed = _facts_of(meeting)
        self._show(self._committed)
        self.time_error.hide()

    def refresh(self, facts: Mapping[str, object]) -> None:
        """Show facts changed from outside (undo/redo) without touching the others."""
        changed = {k: v for k, v in facts.items() if k in self._committed and self._committed[k] != v}
        self._committed.update(changed)
        self._show(changed)

    def _on_typed(self, fact: str) -> None:
        if not self._showing:
            self.typed.emit(fact)

    def _show(self, facts: dict[str, object]) -> None:
        self._showing = True
        try:
            for fact, value in facts.items():
                if fact == "date":
                    assert isinstance(value, dt.date)
                    self.date.setDate(QDate(value.year, value.month, value.day))
                elif fact in ("participants", "absent"):
                    getattr(self, fact).set_names(value)
                elif self._value(fact) != value:  # not a field that already says it
                    getattr(self, fact).setText(str(value))
        finally:
            self._showing = False

    def board_and_date(self) -> tuple[str, dt.date]:
        """The meeting's board and date as saved (for the decision's printed heading)."""
        body, date = self._committed.get("body", ""), self._committed.get("date", dt.date.today())
        assert isinstance(body, str) and isinstance(date, dt.date)
        return body, date

    def fields_in_order(self) -> list[QWidget]:
        """The fields in the order Tab moves through them."""
        return [self.body, self.date, self.time, self.location, self.participants, self.absent,
                self.secretary]

    def set_read_only(self, read_only: bool) -> None:
        for edit in (self.body, self.time, self.location, self.secretary):
            edit.setReadOnly(read_only)
        self.date.setReadOnly(read_only)
        self.participants.setReadOnly(read_only)
        self.absent.setReadOnly(read_only)

    def commit(self) -> None:
        """Commit every field whose text differs from the saved value (a flush: meeting
        switch, close, before an undo step). Not a tidy-up: she may still be typing."""
        for fact in list(self._committed):
            self._commit(fact, leaving=False)

    def _value(self, fact: str) -> object:
        if fact == "date":
            return self.date.date().toPython()
        if fact == "time":
            return normalise_time(self.time.text())
        if fact in ("participants", "absent"):
            return getattr(self, fact).names()
        return getattr(self, fact).text().strip()

    def commit_typed(self, fact: str) -> bool:
        """Commit what has been typed into a field so far; False if the store refused it."""
        return self._commit(fact, leaving=False)

    def forget_commit(self, fact: str, old: object) -> None:
        """The store refused the last commit of `fact`: it is still to be saved."""
        if fact in self._committed:
            self._committed[fact] = old

    def _commit(self, fact: str, leaving: bool = True) -> bool:
        if fact in self._in_flight:
            return False
        if not self.meeting_id or self.body.isReadOnly() or fact not in self._committed:
            return True
        value = self._value(fact)
        if fact == "time":
            # A time we cannot read stays in the field, marked once she leaves it, until
            # it is corrected; while she types it is simply not a time yet.
            if leaving or value is not None:
                self.time_error.setVisible(value is None)
            if value is None:
                return True
            if leaving and value != self.time.text():
                self.time.setText(str(value))
        if fact == "body" and not value:
            if leaving:
                self.body.setText(str(self._committed["body"]))  # a meeting always has a board
            return True
        old = self._committed[fact]
        if value == old:
            return True
        self._committed[fact] = value
        # The undo command may move the focus (an error box) and so commit this field
        # again before it returns: that inner commit must not count as saved.
        self._in_flight.add(fact)
        try:
            self.fact_edited.emit(self.meeting_id, fact, old, value)
        finally:
            self._in_flight.discard(fact)
        return self._committed[fact] == value


def _facts_of(meeting: Meeting) -> dict[str, object]:
    """The facts the form shows, by the names store.update_meeting takes."""
    return {
        "body": meeting.body,
        "date": meeting.date,
        "time": meeting.time,
        "location": meeting.location,
        "participants": list(meeting.participants),
        "absent": list(meeting.absent),
        "secretary": meeting.secretary,
    }
