"""A form of facts, built from the domain's table of them (domain/model.py FieldSpec).

The meeting form and the item form are both a `FactsForm`: one widget per fact, chosen
by its ValueKind, labelled with its Danish label, in the table's order. Adding a fact to
the table adds it to the form, its undo text and its place in the tab order; nothing here
names a fact.

Saving: a keystroke emits `typed(fact)`, and the window's autosaver calls
`commit_typed(fact)` within a second; leaving a field commits it again and tidies it (a
time typed `9.30` shown as `09:30`, an emptied required text put back). A commit emits
`edited(owner id, fact, old, new)`, which the window turns into an undo command;
consecutive commits of one fact merge into one undo step. The form remembers the last
committed value of every fact, the `old` value of the next commit. A commit while typing
never rewrites the field under the cursor and skips what is not yet a value (a half-typed
time, an emptied required text). A flag is committed as soon as it is ticked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QLabel, QLineEdit, QWidget

from referat_desktop.domain.model import FieldSpec, ValueKind
from referat_desktop.ui.fields import NameListEdit, normalise_time
from referat_desktop.ui.language import DANISH

TIME_HINT = "Skriv tidspunktet som tt:mm, fx 09:00 (eller lad feltet stå tomt)."


def _widget_for(spec: FieldSpec) -> QWidget:
    if spec.kind is ValueKind.DATE:
        date = QDateEdit()
        date.setCalendarPopup(True)
        date.setDisplayFormat("dd-MM-yyyy")
        date.setLocale(DANISH)  # also when the default locale is not (tests, bench)
        date.calendarWidget().setLocale(date.locale())
        return date
    if spec.kind is ValueKind.NAMES:
        return NameListEdit()
    if spec.kind is ValueKind.FLAG:
        return QCheckBox(spec.label)
    edit = QLineEdit()
    if spec.kind is ValueKind.TIME:
        edit.setPlaceholderText("tt:mm")
        # "09:30" whole in any font, and no wider than a time needs.
        metrics = edit.fontMetrics()
        edit.setFixedWidth(metrics.horizontalAdvance("00:00") + 4 * metrics.averageCharWidth())
    return edit


class FactsForm(QWidget):
    edited = Signal(int, str, object, object)  # owner id, fact, old value, new value
    typed = Signal(str)  # a fact whose field the user typed into (commit_typed saves it)

    def __init__(self, specs: Iterable[FieldSpec], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.owner_id = 0  # the meeting's or item's id; 0 while nothing is shown
        self.specs = {spec.name: spec for spec in specs}
        self.widgets = {name: _widget_for(spec) for name, spec in self.specs.items()}
        for name, widget in self.widgets.items():
            setattr(self, name, widget)  # form.body, form.title: for tests and scripts
        self.errors: dict[str, QLabel] = {}  # under each time field: what a time looks like
        self._committed: dict[str, object] = {}
        self._in_flight: set[str] = set()  # facts whose commit is being done right now
        self._showing = False  # filling in the fields is not typing
        self._read_only = False
        for name, spec in self.specs.items():
            self._connect(name, spec.kind, self.widgets[name])
            if spec.kind is ValueKind.TIME:
                error = QLabel(TIME_HINT)
                error.setStyleSheet("color: #b00020;")
                error.setWordWrap(True)
                error.hide()
                self.errors[name] = error

    def _connect(self, name: str, kind: ValueKind, widget: QWidget) -> None:
        if isinstance(widget, QLineEdit):
            widget.editingFinished.connect(lambda: self._commit(name))
            widget.textEdited.connect(lambda _text: self.typed.emit(name))
        elif isinstance(widget, QDateEdit):
            widget.editingFinished.connect(lambda: self._commit(name))
            widget.calendarWidget().clicked.connect(lambda _date: self._commit(name))
            widget.dateChanged.connect(lambda _date: self._on_typed(name))
        elif isinstance(widget, NameListEdit):
            widget.editing_finished.connect(lambda: self._commit(name))
            widget.textChanged.connect(lambda: self._on_typed(name))
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(lambda _checked: self._commit(name) if not self._showing else None)

    def label_for(self, name: str) -> QLabel:
        """The fact's Danish label with its mnemonic, bound to its field."""
        label = QLabel(self.specs[name].label)
        label.setBuddy(self.widgets[name])
        return label

    def fields_in_order(self) -> list[QWidget]:
        """The fields in the order Tab moves through them: the table's."""
        return list(self.widgets.values())

    def focus_first(self) -> None:
        """Put the cursor in the first field, all of it selected (a new meeting or item)."""
        first = next(iter(self.widgets.values()))
        first.setFocus()
        if isinstance(first, QLineEdit):
            first.selectAll()

    # --- showing -----------------------------------------------------------------------

    def show_facts(self, owner_id: int, facts: Mapping[str, object]) -> None:
        """Fill in the fields (after committing what was typed for the previous owner)."""
        self.commit()
        self.owner_id = owner_id
        self._committed = {name: facts[name] for name in self.specs}
        self._show(self._committed)
        for error in self.errors.values():
            error.hide()

    def refresh(self, facts: Mapping[str, object]) -> None:
        """Show facts changed from outside (undo/redo) without touching the others."""
        changed = {k: v for k, v in facts.items() if k in self._committed and self._committed[k] != v}
        self._committed.update(changed)
        self._show(changed)

    def saved(self, name: str) -> object:
        """A fact's value as last committed."""
        return self._committed.get(name, self.specs[name].default)

    def _show(self, facts: Mapping[str, object]) -> None:
        self._showing = True
        try:
            for name, value in facts.items():
                widget = self.widgets[name]
                if self._value(name) == value:
                    continue  # a field that already says it keeps its cursor
                if isinstance(widget, QDateEdit):
                    assert isinstance(value, dt.date)
                    widget.setDate(QDate(value.year, value.month, value.day))
                elif isinstance(widget, NameListEdit):
                    assert isinstance(value, list)
                    widget.set_names(value)
                elif isinstance(widget, QCheckBox):
                    widget.setChecked(bool(value))
                elif isinstance(widget, QLineEdit):
                    widget.setText(str(value))
                    widget.setCursorPosition(0)  # show the start of a long title
        finally:
            self._showing = False

    def _on_typed(self, name: str) -> None:
        if not self._showing:
            self.typed.emit(name)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for widget in self.widgets.values():
            if isinstance(widget, (QLineEdit, QDateEdit, NameListEdit)):
                widget.setReadOnly(read_only)
            elif isinstance(widget, QCheckBox):
                widget.setEnabled(not read_only)

    # --- committing --------------------------------------------------------------------

    def commit(self) -> None:
        """Commit every field whose value differs from the saved one (a flush: a switch,
        closing, before an undo step). Not a tidy-up: she may still be typing."""
        for name in list(self._committed):
            self._commit(name, leaving=False)

    def commit_typed(self, name: str) -> bool:
        """Commit what has been typed into a field so far; False if the store refused it."""
        return self._commit(name, leaving=False)

    def forget_commit(self, name: str, old: object) -> None:
        """The store refused the last commit of `name`: it is still to be saved."""
        if name in self._committed:
            self._committed[name] = old

    def _value(self, name: str) -> object:
        widget = self.widgets[name]
        if isinstance(widget, QDateEdit):
            return widget.date().toPython()
        if isinstance(widget, NameListEdit):
            return widget.names()
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        assert isinstance(widget, QLineEdit)
        if self.specs[name].kind is ValueKind.TIME:
            return normalise_time(widget.text())
        return widget.text().strip()

    def _commit(self, name: str, leaving: bool = True) -> bool:
        if name in self._in_flight:
            return False
        if not self.owner_id or self._read_only or name not in self._committed:
            return True
        spec, widget, value = self.specs[name], self.widgets[name], self._value(name)
        if spec.kind is ValueKind.TIME:
            # A time we cannot read stays in the field, marked once she leaves it, until
            # it is corrected; while she types it is simply not a time yet.
            if leaving or value is not None:
                self.errors[name].setVisible(value is None)
            if value is None:
                return True
            if leaving and isinstance(widget, QLineEdit) and value != widget.text():
                widget.setText(str(value))
        if spec.required and spec.kind is ValueKind.TEXT and not value:
            if leaving and isinstance(widget, QLineEdit):
                widget.setText(str(self._committed[name]))  # it always has one
            return True
        old = self._committed[name]
        if value == old:
            return True
        self._committed[name] = value
        # The undo command may move the focus (an error box) and so commit this field
        # again before it returns: that inner commit must not count as saved.
        self._in_flight.add(name)
        try:
            self.edited.emit(self.owner_id, name, old, value)
        finally:
            self._in_flight.discard(name)
        return self._committed[name] == value
