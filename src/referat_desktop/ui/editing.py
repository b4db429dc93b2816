"""What the window's editing actions do: each builds one undo command and pushes it.

Text typed so far is saved first (the window's `flush`), so an undo command that captures
an item or a meeting captures it with its latest text, and undoing its deletion brings
back exactly what was there. Undo and redo first show the meeting they will change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from referat_desktop.domain import interchange
from referat_desktop.domain.model import Attachment, Section, SectionKind
from referat_desktop.domain.protocol import Protocol
from referat_desktop.domain.recurring import blank_meeting, new_item, next_meeting
from referat_desktop.domain.texts import short_date
from referat_desktop.resources_path import SAMPLE_MEETING, resource
from referat_desktop.store.attachment_files import StoredFile, attached
from referat_desktop.store.errors import StoreError
from referat_desktop.ui import commands as c
from referat_desktop.ui.item_rows import Node
from referat_desktop.ui.item_tree import (
    ITEM_ID_ROLE,
    NODE_ROLE,
    SECTION_ID_ROLE,
    SECTION_KIND_ROLE,
    ItemTreeModel,
)
from referat_desktop.ui.item_tree_view import ItemTreeView
from referat_desktop.ui.meeting_list import MeetingListModel, MeetingListView
from referat_desktop.ui.session import Session

NEW_ITEM_TITLE = "Nyt punkt"


class Editing:
    def __init__(
        self,
        window: QWidget,
        session: Session,
        stack: QUndoStack,
        meetings: MeetingListView,
        items: ItemTreeView,
        flush: Callable[[], bool],
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self.window = window
        self.session = session
        self.stack = stack
        self.meetings = meetings
        self.items = items
        self.flush = flush
        self.today = today

    @property
    def meeting_model(self) -> MeetingListModel:
        model = self.meetings.model()
        assert isinstance(model, MeetingListModel)
        return model

    @property
    def item_model(self) -> ItemTreeModel:
        model = self.items.model()
        assert isinstance(model, ItemTreeModel)
        return model

    # --- what is selected --------------------------------------------------------------

    def meeting_id(self) -> int:
        return self.item_model.meeting_id

    def item_id(self) -> int:
        index = self.items.currentIndex()
        return (index.data(ITEM_ID_ROLE) or 0) if index.isValid() else 0

    def extra_section_id(self) -> int:
        """The selected section's id if it is an extra section (the only kind one may delete)."""
        index = self.items.currentIndex().siblingAtColumn(0)
        if index.data(NODE_ROLE) == Node.SECTION and index.data(SECTION_KIND_ROLE) == SectionKind.EXTRA.value:
            return index.data(SECTION_ID_ROLE) or 0
        return 0

    # --- the undo stack ----------------------------------------------------------------

    def push(self, command: c.StoreCommand) -> bool:
        """Do the edit as an undo step; False if the store refused it (it said why)."""
        self.flush()
        self.stack.push(command)
        return not command.failed

    def undo(self) -> None:
        self.flush()
        if self.stack.canUndo():
            self._show_meeting_of(self.stack.command(self.stack.index() - 1))
            self.stack.undo()

    def redo(self) -> None:
        self.flush()
        if self.stack.canRedo():
            self._show_meeting_of(self.stack.command(self.stack.index()))
            self.stack.redo()

    def _show_meeting_of(self, command: QUndoCommand) -> None:
        meeting_id = getattr(command, "meeting_id", 0)
        if meeting_id and meeting_id != self.meeting_id():
            self.meetings.select_meeting(meeting_id)  # does nothing for a deleted meeting

    # --- meetings ----------------------------------------------------------------------

    def new_meeting(self) -> bool:
        """A meeting today with the board, place, time and people of the newest meeting."""
        summaries = self.session.list_meetings()  # newest first
        latest = self.session.get_meeting(summaries[0].id) if summaries else None
        return self.push(c.AddMeetingCommand(self.session, blank_meeting(latest, self.today())))

    def new_meeting_from_current(self) -> None:
        if not self.meeting_id():
            return
        self.flush()
        meeting = next_meeting(self.session.get_meeting(self.meeting_id()), self.today())
        self.push(c.AddMeetingCommand(self.session, meeting, "Nyt møde ud fra dette"))

    def add_sample(self, sample: tuple[str, ...] = SAMPLE_MEETING) -> None:
        """Tilføj eksempelmødet: Direktionen's real meeting, or (PROTOCOL_SAMPLE_MEETING) a
        fictional Økonomiudvalget meeting with every kind of protocol entry."""
        text = resource(*sample).read_text(encoding="utf-8")
        self.push(c.AddMeetingCommand(self.session, interchange.loads(text)[0], "Tilføj eksempelmødet"))

    def delete_meeting(self) -> None:
        meeting_id = self.meeting_id()
        if not meeting_id:
            return
        self.flush()
        meeting = self.session.get_meeting(meeting_id)
        answer = QMessageBox.question(
            self.window,
            "Slet møde",
            f"Slet mødet {meeting.body} {short_date(meeting.date)} med {len(meeting.items)} punkter?\n\n"
            "Du kan fortryde sletningen med Ctrl+Z, så længe programmet er åbent.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.push(c.DeleteMeetingCommand(self.session, meeting_id))

    def edit_fact(self, meeting_id: int, fact: str, old: object, new: object,
                  initiator: object = None) -> bool:
        return self.push(c.UpdateMeetingCommand(self.session, meeting_id, fact, old, new, initiator))

    # --- items -------------------------------------------------------------------------

    def new_item(self) -> bool:
        """An item after the selected one (the window then puts the cursor in its title)."""
        meeting_id = self.meeting_id()
        if not meeting_id:
            return False
        current = self.item_model.row_of(self.item_id())
        position = current + 1 if current >= 0 else self.item_model.rowCount()
        return self.push(c.AddItemCommand(self.session, meeting_id, new_item(NEW_ITEM_TITLE), position))

    def delete_item(self) -> None:
        item_id = self.item_id()
        if item_id:
            self.push(c.DeleteItemCommand(self.session, self.meeting_id(), item_id))

    def move_item(self, step: int) -> None:
        item_id = self.item_id()
        row = self.item_model.row_of(item_id)
        if row < 0 or not 0 <= row + step < self.item_model.rowCount():
            return
        self.push(c.MoveItemCommand(self.session, self.meeting_id(), item_id, row, row + step))

    def move_item_to(self, item_id: int, position: int) -> None:
        """A drop in the tree."""
        row = self.item_model.row_of(item_id)
        if row >= 0 and row != position:
            self.push(c.MoveItemCommand(self.session, self.meeting_id(), item_id, row, position))

    def edit_item_field(self, item_id: int, field: str, old: object, new: object,
                        initiator: object = None) -> bool:
        command = c.UpdateItemCommand(self.session, self.meeting_id(), item_id, field, old, new, initiator)
        return self.push(command)

    def edit_title(self, item_id: int, title: str) -> None:
        row = self.item_model.row_facts(item_id)
        if row is not None:
            self.edit_item_field(item_id, "title", row.title, title)

    def edit_case_number(self, item_id: int, case_number: str) -> None:
        row = self.item_model.row_facts(item_id)
        if row is not None:
            self.edit_item_field(item_id, "case_number", row.case_number, case_number)

    def set_closed(self, closed: bool) -> None:
        row = self.item_model.row_facts(self.item_id())
        if row is not None and row.closed != closed:
            self.edit_item_field(row.id, "closed", row.closed, closed)

    def rename(self) -> None:
        """F2: edit the selected item's title, or an extra section's heading, in place."""
        index = self.items.currentIndex().siblingAtColumn(0)
        if not index.isValid():
            return
        if not self.extra_section_id() and index.data(NODE_ROLE) != Node.ITEM:
            index = index.parent()  # a fixed section: rename its item
        self.items.setCurrentIndex(index)
        self.items.setFocus()
        self.items.edit(index)

    # --- sections and attachments ------------------------------------------------------

    def new_section(self) -> None:
        item_id = self.item_id()
        if not item_id:
            return
        heading, ok = QInputDialog.getText(self.window, "Nyt afsnit", "Afsnittets overskrift:")
        heading = heading.strip()
        if ok and heading:
            self.push(c.AddSectionCommand(self.session, self.meeting_id(), item_id,
                                          Section(SectionKind.EXTRA, heading=heading)))

    def delete_section(self) -> None:
        section_id = self.extra_section_id()
        if section_id:
            self.push(c.DeleteSectionCommand(self.session, self.meeting_id(), self.item_id(), section_id))

    def rename_section(self, item_id: int, section_id: int, heading: str) -> None:
        old = next((s.heading for s in self.session.get_item(item_id).sections if s.id == section_id), "")
        self.push(c.RenameSectionCommand(self.session, self.meeting_id(), item_id, section_id, old, heading))

    def set_protocol(self, item_id: int, old: Protocol, protocol: Protocol, merge_key: str = "",
                     initiator: object = None) -> bool:
        """False if the store refused the change (it said why)."""
        return old == protocol or self.push(c.SetProtocolCommand(
            self.session, self.meeting_id(), item_id, old, protocol, merge_key, initiator))

    def set_attachments(self, item_id: int, attachments: list[Attachment], initiator: object = None) -> None:
        """The Bilag list as edited (names, order, removals, "Lukket" ticks)."""
        old = self.session.get_item(item_id).attachments
        if old != attachments:
            self.push(c.SetAttachmentsCommand(self.session, self.meeting_id(), item_id, old, attachments,
                                              initiator))

    def add_attachment_files(self, item_id: int, paths: list[str]) -> None:
        """Store the files and add them as the item's last bilag, one undo step; a file
        that cannot be a bilag is named in one message, the others are added."""
        stored, refused = self._store_files(paths)
        if stored:
            old = self.session.get_item(item_id).attachments
            text = "Tilføj bilag" if len(stored) == 1 else f"Tilføj {len(stored)} bilag"
            self.push(c.SetAttachmentsCommand(self.session, self.meeting_id(), item_id, old,
                                              old + [attached(s) for s in stored], text=text))
        if refused:
            self.session.report_error("\n".join(refused))

    def replace_attachment_file(self, item_id: int, row: int, path: str) -> None:
        """Give the item's `row`-th bilag a new file, keeping its name, tick and place."""
        stored, refused = self._store_files([path])
        old = self.session.get_item(item_id).attachments
        if stored and 0 <= row < len(old):
            new = list(old)
            new[row] = replace(attached(stored[0], old[row].name), closed=old[row].closed)
            self.push(c.SetAttachmentsCommand(self.session, self.meeting_id(), item_id, old, new,
                                              text="Erstat bilagets fil"))
        if refused:
            self.session.report_error("\n".join(refused))

    def _store_files(self, paths: list[str]) -> tuple[list[StoredFile], list[str]]:
        stored, refused = [], []
        for path in paths:
            try:
                stored.append(self.session.store_file(Path(path)))
            except StoreError as exc:
                refused.append(str(exc))
        return stored, refused
