"""The decision's protocol part: who is absent for the item, who is inhabil, the votes and
the protokoltilførsler (domain/protocol.py), entered live during the meeting.

Keyboard first: each part has a mnemonic (Alt+V, Alt+L, Alt+T, Alt+O), a "Tilføj" button
starts editing a new row at once, Delete removes the selected row, and a cell is typed
like any field (saved while typed, see live_edit.py). Names and party letters are kept as
typed or picked, in the order given: "A, C, V" in a vote's For cell stores the letters,
names store the names; nothing here rewrites one into the other. The name cells offer the
meeting's participants and their party letters to pick from.

After each change `edited(item_id, old, new, merge_key)` carries the whole protocol before
and after (so saving a keystroke reads nothing back); the window makes it an undo step.
Keystrokes in one cell share a merge key, so they are one undo step; ticking, adding and
removing are steps of their own (merge key "").
"""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from referat_desktop.domain.protocol import Conflict, Protocol, Statement, Vote
from referat_desktop.ui.live_edit import AnyIndex, LiveEditDelegate, commit_open_editor

# Typing on a cell starts editing it, F2 too; moving onto a cell does not (Delete and the
# arrow keys stay the table's).
EDIT_TRIGGERS = (QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.EditKeyPressed
                 | QAbstractItemView.EditTrigger.DoubleClicked)
_LETTER = re.compile(r"\(([^()]{1,3})\)\s*$")  # "Anne Hansen (A)" -> "A"


def party_letters(names: list[str]) -> list[str]:
    """The party letters in parentheses after the names, each once, in order of first use."""
    letters: list[str] = []
    for name in names:
        match = _LETTER.search(name)
        if match and match.group(1).strip() not in letters:
            letters.append(match.group(1).strip())
    return letters


def split_names(text: str) -> list[str]:
    """A vote cell's text as the list it stores: comma-separated, as typed."""
    return [part.strip() for part in text.split(",") if part.strip()]


class _PickDelegate(LiveEditDelegate):
    """A cell editor that offers the meeting's names and letters to pick from."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.choices: list[str] = []

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:  # noqa: N802
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit) and self.choices:
            completer = QCompleter(self.choices, editor)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            editor.setCompleter(completer)
        return editor


class _Table(QTableWidget):
    """A protocol table; Delete removes the selected row (when no cell is being edited)."""

    remove_requested = Signal(int)

    def __init__(self, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(headers)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(EDIT_TRIGGERS)
        # Tab goes on to the next cell (a vote is typed left to right: Forslag, For, Imod,
        # Undlod, Resultat); Ctrl+Tab or a mnemonic leaves the table.
        self.delegate = _PickDelegate(self)
        self.setItemDelegate(self.delegate)
        rows = 2 * self.verticalHeader().defaultSectionSize()  # compact: the decision text keeps the room
        self.setFixedHeight(self.horizontalHeader().height() + rows + 4)
        self.name = headers[0]  # names the table in merge keys

    def event(self, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Delete and self.state() != self.State.EditingState):
            event.accept()  # not the window's Delete (delete item)
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() == Qt.Key.Key_Delete and self.state() != self.State.EditingState:
            if self.currentRow() >= 0:
                self.remove_requested.emit(self.currentRow())
            return
        super().keyPressEvent(event)

    def text(self, row: int, column: int) -> str:
        cell = self.item(row, column)
        return cell.text().strip() if cell is not None else ""


class ProtocolEditor(QWidget):
    edited = Signal(int, object, object, str)  # item id, old and new Protocol, merge key
    typed = Signal()  # a cell is being typed in (commit_typed saves it)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._item_id = 0
        self._protocol = Protocol()
        self._updating = False
        self._read_only = False

        self.absent = QListWidget()
        self.absent.setAccessibleName("Fraværende under punktet")
        self.absent.setFixedHeight(3 * self.absent.fontMetrics().height() + 16)
        self.conflicts = _Table(["Inhabil", "Bemærkning"])
        self.votes = _Table(["Forslag", "For", "Imod", "Undlod", "Resultat"])
        self.statements = _Table(["Af", "Protokoltilførsel"])
        self.voters = QLabel()
        self.voters.setStyleSheet("color: #5f6368;")
        self.voters.setWordWrap(True)  # a long list of party letters must not widen the pane
        self.add_conflict = QPushButton("Tilføj inhabil")
        self.add_vote = QPushButton("Tilføj afstemning")
        self.add_statement = QPushButton("Tilføj tilførsel")

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        rows = (
            ("Fra&værende under punktet", self.absent, None),
            ("Inhabi&l", self.conflicts, self.add_conflict),
            ("Afs&temninger", self.votes, self.add_vote),
            ("Pr&otokoltilførsler", self.statements, self.add_statement),
        )
        for row, (text, widget, button) in enumerate(rows):
            label = QLabel(text)
            label.setBuddy(widget)
            layout.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            layout.addWidget(widget, row, 1)
            if button is not None:
                layout.addWidget(button, row, 2, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.voters, len(rows), 1)
        layout.setColumnStretch(1, 1)

        self.absent.itemChanged.connect(self._on_absent_ticked)
        for table in (self.conflicts, self.votes, self.statements):
            table.itemChanged.connect(lambda cell, t=table: self._on_cell_changed(t, cell))
            table.remove_requested.connect(lambda row, t=table: self._remove_row(t, row))
            table.delegate.typed.connect(self.typed)
        self.add_conflict.clicked.connect(lambda: self._add(self.conflicts))
        self.add_vote.clicked.connect(lambda: self._add(self.votes))
        self.add_statement.clicked.connect(lambda: self._add(self.statements))

    # --- the interface the window uses -----------------------------------------------

    def set_item(self, item_id: int, protocol: Protocol, participants: list[str],
                 absent_all_meeting: list[str]) -> None:
        """Show an item's protocol; `participants` less those absent from the whole
        meeting are offered. Emits nothing."""
        self._item_id = item_id
        self._protocol = protocol
        present = [name for name in participants if name not in absent_all_meeting]
        choices = present + [letter for letter in party_letters(present) if letter not in present]
        for table in (self.conflicts, self.votes, self.statements):
            table.delegate.choices = choices
        letters = party_letters(present)
        self.voters.setText(f"Stemmer: partibogstaver {', '.join(letters)} eller navne, adskilt af komma"
                            if letters else "Stemmer: navne, adskilt af komma")
        self._updating = True
        try:
            self.absent.clear()
            for name in present + [n for n in protocol.absent if n not in present]:
                entry = QListWidgetItem(name)
                entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                ticked = name in protocol.absent
                entry.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
                self.absent.addItem(entry)
            self._fill(self.conflicts, [[c.name, c.note] for c in protocol.conflicts])
            self._fill(self.votes, [[v.motion, ", ".join(v.in_favour), ", ".join(v.against),
                                     ", ".join(v.abstain), v.result] for v in protocol.votes])
            self._fill(self.statements, [[s.by, s.text] for s in protocol.statements])
        finally:
            self._updating = False
        self._update_enabled()

    def item_id(self) -> int:
        return self._item_id

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._update_enabled()

    def forget_commit(self, old: Protocol) -> None:
        """The store refused the last change: what is shown is still to be saved, and the
        next change starts from what the file holds."""
        self._protocol = old

    def commit_typed(self) -> bool:
        """Save the cell being typed in so far (its editor stays open)."""
        for table in (self.conflicts, self.votes, self.statements):
            commit_open_editor(table)
        return True

    # --- inside --------------------------------------------------------------------------

    def _fill(self, table: _Table, rows: list[list[str]]) -> None:
        table.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                table.setItem(row, column, QTableWidgetItem(value))

    def _update_enabled(self) -> None:
        editable = bool(self._item_id) and not self._read_only
        for button in (self.add_conflict, self.add_vote, self.add_statement):
            button.setEnabled(editable)
        triggers = EDIT_TRIGGERS if editable else QAbstractItemView.EditTrigger.NoEditTriggers
        for table in (self.conflicts, self.votes, self.statements):
            table.setEditTriggers(triggers)
        flag = Qt.ItemFlag.ItemIsUserCheckable
        self._updating = True
        try:
            for row in range(self.absent.count()):
                entry = self.absent.item(row)
                entry.setFlags(entry.flags() | flag if editable else entry.flags() & ~flag)
        finally:
            self._updating = False

    def _from_tables(self) -> Protocol:
        """The tables as entries; a row not filled in yet (no name, nothing typed) is no
        entry, so a half-made row never prints as an empty sentence."""
        c, v, s = self.conflicts, self.votes, self.statements
        votes = [Vote(v.text(r, 0), split_names(v.text(r, 1)), split_names(v.text(r, 2)),
                      split_names(v.text(r, 3)), v.text(r, 4)) for r in range(v.rowCount())]
        return replace(
            self._protocol,
            conflicts=[Conflict(c.text(r, 0), c.text(r, 1)) for r in range(c.rowCount()) if c.text(r, 0)],
            votes=[vote for vote in votes if vote != Vote()],
            statements=[Statement(s.text(r, 0), s.text(r, 1)) for r in range(s.rowCount()) if s.text(r, 1)],
        )

    def _emit(self, protocol: Protocol, merge_key: str) -> None:
        if protocol == self._protocol:
            return  # an empty row added: nothing to keep yet
        old, self._protocol = self._protocol, protocol
        if self._item_id and not self._read_only:
            self.edited.emit(self._item_id, old, protocol, merge_key)

    def _on_absent_ticked(self, _entry: QListWidgetItem) -> None:
        if self._updating:
            return
        checked = [self.absent.item(r).text() for r in range(self.absent.count())
                   if self.absent.item(r).checkState() == Qt.CheckState.Checked]
        self._emit(replace(self._protocol, absent=checked), "")

    def _on_cell_changed(self, table: _Table, cell: QTableWidgetItem) -> None:
        if self._updating:
            return
        self._emit(self._from_tables(), f"{table.name}:{cell.row()}:{cell.column()}")

    def _add(self, table: _Table) -> None:
        if not self._item_id or self._read_only:
            return
        self._updating = True
        try:
            row = table.rowCount()
            table.insertRow(row)
            for column in range(table.columnCount()):
                table.setItem(row, column, QTableWidgetItem(""))
        finally:
            self._updating = False
        self._emit(self._from_tables(), "")
        table.setFocus()
        table.setCurrentCell(row, 0)
        cell = table.item(row, 0)
        if cell is not None and table.state() != QAbstractItemView.State.EditingState:
            table.editItem(cell)

    def _remove_row(self, table: _Table, row: int) -> None:
        if not self._item_id or self._read_only:
            return
        self._updating = True
        try:
            table.removeRow(row)
        finally:
            self._updating = False
        self._emit(self._from_tables(), "")
