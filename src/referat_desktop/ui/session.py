"""The open database as the window sees it: the store's edit methods, each reporting what changed.

Like Anki's operations: every structural edit calls the same store method the command
line uses, then emits one precise signal, so each view refreshes only what changed
(a row inserted, moved or repainted) instead of reloading. The undo commands are the only
callers of the edit methods; views only listen.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from referat_desktop.domain.model import Attachment, Item, Meeting, Section
from referat_desktop.store import Store


class Session(QObject):
    meeting_added = Signal(int)  # meeting_id
    meeting_removed = Signal(int)  # meeting_id
    meeting_changed = Signal(int, list)  # meeting_id, names of the facts that changed
    item_added = Signal(int, int, int)  # meeting_id, item_id, position
    item_removed = Signal(int, int)  # meeting_id, item_id
    item_moved = Signal(int, int, int)  # meeting_id, item_id, new position
    item_changed = Signal(int)  # item_id: title, case number or closed flag
    section_added = Signal(int, int)  # item_id, section_id
    section_removed = Signal(int, int)  # item_id, section_id
    section_changed = Signal(int, int)  # item_id, section_id: heading
    attachments_changed = Signal(int)  # item_id
    error_occurred = Signal(str)  # a store message in Danish, for the window to show

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    def report_error(self, message: str) -> None:
        self.error_occurred.emit(message)

    # --- meetings ----------------------------------------------------------------------

    def add_meeting(self, meeting: Meeting) -> int:
        meeting_id = self.store.add_meeting(meeting)
        self.meeting_added.emit(meeting_id)
        return meeting_id

    def restore_meeting(self, meeting: Meeting) -> int:
        meeting_id = self.store.restore_meeting(meeting)
        self.meeting_added.emit(meeting_id)
        return meeting_id

    def delete_meeting(self, meeting_id: int) -> Meeting:
        meeting = self.store.delete_meeting(meeting_id)
        self.meeting_removed.emit(meeting_id)
        return meeting

    def update_meeting(self, meeting_id: int, **facts: object) -> None:
        self.store.update_meeting(meeting_id, **facts)
        self.meeting_changed.emit(meeting_id, sorted(facts))

    # --- items -------------------------------------------------------------------------

    def add_item(self, meeting_id: int, item: Item, position: int) -> int:
        item_id = self.store.add_item(meeting_id, item, position)
        self.item_added.emit(meeting_id, item_id, self.store.item_ids(meeting_id).index(item_id))
        return item_id

    def restore_item(self, meeting_id: int, item: Item, position: int) -> int:
        item_id = self.store.restore_item(meeting_id, item, position)
        self.item_added.emit(meeting_id, item_id, self.store.item_ids(meeting_id).index(item_id))
        return item_id

    def delete_item(self, item_id: int) -> tuple[Item, int]:
        meeting_id = self.store.item_meeting_id(item_id)
        item, position = self.store.delete_item(item_id)
        self.item_removed.emit(meeting_id, item_id)
        return item, position

    def move_item(self, item_id: int, new_position: int) -> None:
        meeting_id = self.store.item_meeting_id(item_id)
        self.store.move_item(item_id, new_position)
        self.item_moved.emit(meeting_id, item_id, self.store.item_ids(meeting_id).index(item_id))

    def update_item(self, item_id: int, **fields: object) -> None:
        self.store.update_item(item_id, **fields)
        self.item_changed.emit(item_id)

    # --- sections and attachments ------------------------------------------------------

    def add_section(self, item_id: int, section: Section) -> int:
        section_id = self.store.add_section(item_id, section)
        self.section_added.emit(item_id, section_id)
        return section_id

    def restore_section(self, item_id: int, section: Section, index: int) -> int:
        section_id = self.store.restore_section(item_id, section, index)
        self.section_added.emit(item_id, section_id)
        return section_id

    def delete_section(self, item_id: int, section_id: int) -> tuple[Section, int]:
        """Delete a section; returns it and its index among the item's sections (for undo)."""
        index = [s.id for s in self.store.get_item(item_id).sections].index(section_id)
        section = self.store.delete_section(section_id)
        self.section_removed.emit(item_id, section_id)
        return section, index

    def set_section_heading(self, item_id: int, section_id: int, heading: str) -> None:
        self.store.set_section_heading(section_id, heading)
        self.section_changed.emit(item_id, section_id)

    def set_attachments(self, item_id: int, attachments: list[Attachment]) -> None:
        self.store.set_attachments(item_id, attachments)
        self.attachments_changed.emit(item_id)
