"""The application layer: the one way the window reads and writes the open database.

Like Anki's operations: every write, the autosaver's section text included, calls the
same store method the command line uses and then announces one `OpChanges` (see
operations.py) on `changed`, saying what changed, with the new values, and who started
it. Views follow `changed` and refresh only what the change names; nobody else holds the
store. Reads are plain pass-throughs, so the views never reach around the session.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from referat_desktop.domain.approval import Approval
from referat_desktop.domain.model import Attachment, Item, Meeting, Section
from referat_desktop.domain.protocol import Protocol
from referat_desktop.store import Store
from referat_desktop.store.attachment_files import StoredFile
from referat_desktop.store.backup import DailyBackup
from referat_desktop.store.reading import MeetingSummary
from referat_desktop.store.search import SearchHit
from referat_desktop.ui.operations import (
    Change,
    ItemAdded,
    ItemChanged,
    ItemContentChanged,
    ItemMoved,
    ItemRemoved,
    MeetingAdded,
    MeetingChanged,
    MeetingRemoved,
    OpChanges,
    SectionTextSaved,
)


class Session(QObject):
    changed = Signal(object)  # OpChanges
    error_occurred = Signal(str)  # a store message in Danish, for the window to show

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store

    # --- the file --------------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self._store.path

    @property
    def read_only(self) -> bool:
        return self._store.read_only

    @property
    def read_only_reason(self) -> str:
        return self._store.read_only_reason

    @property
    def daily_backup(self) -> DailyBackup | None:
        return self._store.daily_backup

    def restore_backup(self, backup_path: Path) -> Path:
        return self._store.restore_backup(backup_path)

    def checkpoint_due(self, now: float) -> bool:
        return self._store.checkpoint_due(now)

    def checkpoint(self) -> None:
        self._store.checkpoint()

    def close(self) -> None:
        self._store.close()

    def report_error(self, message: str) -> None:
        self.error_occurred.emit(message)

    # --- reads -----------------------------------------------------------------------

    def list_meetings(self) -> list[MeetingSummary]:
        return self._store.list_meetings()

    def get_meeting(self, meeting_id: int) -> Meeting:
        return self._store.get_meeting(meeting_id)

    def get_item(self, item_id: int) -> Item:
        return self._store.get_item(item_id)

    def search(self, query: str) -> list[SearchHit]:
        return self._store.search(query)

    # --- meetings --------------------------------------------------------------------

    def add_meeting(self, meeting: Meeting, initiator: object = None) -> int:
        meeting_id = self._store.add_meeting(meeting)
        self._announce(MeetingAdded(meeting_id, meeting.date, meeting.body, len(meeting.items)), initiator)
        return meeting_id

    def restore_meeting(self, meeting: Meeting, initiator: object = None) -> int:
        meeting_id = self._store.restore_meeting(meeting)
        self._announce(MeetingAdded(meeting_id, meeting.date, meeting.body, len(meeting.items)), initiator)
        return meeting_id

    def delete_meeting(self, meeting_id: int, initiator: object = None) -> Meeting:
        meeting = self._store.delete_meeting(meeting_id)
        self._announce(MeetingRemoved(meeting_id), initiator)
        return meeting

    def update_meeting(self, meeting_id: int, facts: dict[str, object], initiator: object = None) -> None:
        self._store.update_meeting(meeting_id, **facts)
        self._announce(MeetingChanged(meeting_id, dict(facts)), initiator)

    # --- items -----------------------------------------------------------------------

    def add_item(self, meeting_id: int, item: Item, position: int, initiator: object = None) -> int:
        item_id = self._store.add_item(meeting_id, item, position)
        self._item_added(meeting_id, item_id, initiator)
        return item_id

    def restore_item(self, meeting_id: int, item: Item, position: int, initiator: object = None) -> int:
        item_id = self._store.restore_item(meeting_id, item, position)
        self._item_added(meeting_id, item_id, initiator)
        return item_id

    def _item_added(self, meeting_id: int, item_id: int, initiator: object) -> None:
        position = self._store.item_ids(meeting_id).index(item_id)  # the store clamps it
        self._announce(ItemAdded(meeting_id, self._store.get_item(item_id), position), initiator)

    def delete_item(self, item_id: int, initiator: object = None) -> tuple[Item, int]:
        meeting_id = self._store.item_meeting_id(item_id)
        item, position = self._store.delete_item(item_id)
        self._announce(ItemRemoved(meeting_id, item_id), initiator)
        return item, position

    def move_item(self, item_id: int, new_position: int, initiator: object = None) -> None:
        meeting_id = self._store.item_meeting_id(item_id)
        self._store.move_item(item_id, new_position)
        position = self._store.item_ids(meeting_id).index(item_id)
        self._announce(ItemMoved(meeting_id, item_id, position), initiator)

    def update_item(self, item_id: int, fields: dict[str, object], initiator: object = None) -> None:
        self._store.update_item(item_id, **fields)
        self._announce(ItemChanged(item_id, dict(fields)), initiator)

    # --- sections and attachments ----------------------------------------------------

    def add_section(self, item_id: int, section: Section, initiator: object = None) -> int:
        section_id = self._store.add_section(item_id, section)
        self._content_changed(item_id, initiator, section_added=section_id)
        return section_id

    def restore_section(self, item_id: int, section: Section, index: int, initiator: object = None) -> int:
        section_id = self._store.restore_section(item_id, section, index)
        self._content_changed(item_id, initiator, section_added=section_id)
        return section_id

    def delete_section(self, item_id: int, section_id: int, initiator: object = None) -> tuple[Section, int]:
        """Delete a section; returns it and its index among the item's sections (for undo)."""
        index = [s.id for s in self._store.get_item(item_id).sections].index(section_id)
        section = self._store.delete_section(section_id)
        self._content_changed(item_id, initiator, section_removed=section_id)
        return section, index

    def set_section_heading(self, item_id: int, section_id: int, heading: str,
                            initiator: object = None) -> None:
        self._store.set_section_heading(section_id, heading)
        self._content_changed(item_id, initiator, section_renamed=section_id)

    def set_section_text(self, section_id: int, text: str, initiator: object = None) -> None:
        """The autosaver's write: one small UPDATE, then the tree greys or un-greys the row."""
        self._store.set_section_text(section_id, text)
        self._announce(SectionTextSaved(section_id, not text.strip()), initiator)

    def store_file(self, path: Path) -> StoredFile:
        """Write a file into the database for a bilag (FileRefused naming it if it cannot
        be one); nothing visible changes until `set_attachments` links it."""
        return self._store.store_file(path)

    def set_attachments(self, item_id: int, attachments: list[Attachment], initiator: object = None) -> None:
        self._store.set_attachments(item_id, attachments)
        self._content_changed(item_id, initiator, attachments=True)

    # --- approval (issue 13) -----------------------------------------------------------

    def approve(self, meeting_id: int, by: str, on: dt.date, initiator: object = None) -> Approval:
        """Seal the meeting: approved by `by` on `on` (StoreError in Danish if it cannot be)."""
        approval = self._store.approve(meeting_id, by, on)
        self._announce(MeetingChanged(meeting_id, {"approval": approval}), initiator)
        return approval

    def add_correction(self, item_id: int, by: str, text: str, on: dt.date, initiator: object = None) -> None:
        self._store.add_correction(item_id, by, text, on)
        self._content_changed(item_id, initiator)

    def verify(self, meeting_id: int) -> list[str]:
        """What changed in an approved meeting since its approval (Danish lines); [] if nothing."""
        return self._store.verify(meeting_id)

    def set_protocol(self, item_id: int, protocol: Protocol, initiator: object = None) -> None:
        self._store.set_protocol(item_id, protocol)
        self._content_changed(item_id, initiator, protocol=True)

    def _content_changed(self, item_id: int, initiator: object, section_added: int = 0,
                         section_removed: int = 0, section_renamed: int = 0,
                         attachments: bool = False, protocol: bool = False) -> None:
        item = self._store.get_item(item_id)
        change = ItemContentChanged(item, section_added, section_removed, section_renamed, attachments,
                                    protocol)
        self._announce(change, initiator)

    def _announce(self, change: Change, initiator: object) -> None:
        self.changed.emit(OpChanges(change, initiator))
