"""Every structural edit as a small QUndoCommand over the Session (orange-canvas style).

A command's first redo() performs the edit; undo() reverses it with the store's
`delete_*`/`restore_*` pairs, which put things back under their old ids, so later
commands on the stack still find what they refer to. A command whose store call fails
marks itself obsolete (QUndoStack then drops it) and reports the store's Danish message.
Each command knows its meeting, so the window can show the meeting an undo changes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from referat_desktop.domain.model import Attachment, Item, Meeting, Section, item_field, meeting_field
from referat_desktop.domain.protocol import Protocol
from referat_desktop.store import StoreError
from referat_desktop.ui.session import Session

# Merge ids (QUndoCommand.id): consecutive edits of one field become one undo step.
_MERGE_MEETING_FACT = 1
_MERGE_ITEM_FIELD = 2
_MERGE_SECTION_HEADING = 3
_MERGE_ATTACHMENT_RENAME = 4
_MERGE_PROTOCOL_CELL = 5


class StoreCommand(QUndoCommand):
    def __init__(self, session: Session, meeting_id: int, text: str, initiator: object = None) -> None:
        super().__init__(text)
        self.session = session
        self.meeting_id = meeting_id
        self.failed = False  # the store refused it (read after push, when Qt has dropped it)
        # Who started the edit (a form, an editor): named in the first do() only, so that
        # undo and redo, which nobody typed, refresh every view.
        self.initiator = initiator

    def redo(self) -> None:
        self._guarded(self.do)
        self.initiator = None

    def undo(self) -> None:
        self._guarded(self.undo_)

    def do(self) -> None:
        raise NotImplementedError

    def undo_(self) -> None:
        raise NotImplementedError

    def _guarded(self, step: Callable[[], None]) -> None:
        try:
            step()
        except StoreError as exc:
            # QUndoStack drops an obsolete command instead of keeping a half-done one.
            self.failed = True
            self.setObsolete(True)
            self.session.report_error(str(exc))


class AddMeetingCommand(StoreCommand):
    def __init__(self, session: Session, meeting: Meeting, text: str = "Nyt møde") -> None:
        super().__init__(session, 0, text)
        self._meeting = meeting
        self._deleted: Meeting | None = None

    def do(self) -> None:
        if self._deleted is None:
            self.meeting_id = self.session.add_meeting(self._meeting)
        else:
            self.session.restore_meeting(self._deleted)

    def undo_(self) -> None:
        self._deleted = self.session.delete_meeting(self.meeting_id)


class DeleteMeetingCommand(StoreCommand):
    def __init__(self, session: Session, meeting_id: int) -> None:
        super().__init__(session, meeting_id, "Slet møde")
        self._deleted: Meeting | None = None

    def do(self) -> None:
        self._deleted = self.session.delete_meeting(self.meeting_id)

    def undo_(self) -> None:
        assert self._deleted is not None
        self.session.restore_meeting(self._deleted)


class UpdateMeetingCommand(StoreCommand):
    def __init__(self, session: Session, meeting_id: int, fact: str, old: object, new: object,
                 initiator: object = None) -> None:
        super().__init__(session, meeting_id, f"Ret {meeting_field(fact).undo_label}", initiator)
        self.fact, self.old, self.new = fact, old, new

    def do(self) -> None:
        self.session.update_meeting(self.meeting_id, {self.fact: self.new}, self.initiator)

    def undo_(self) -> None:
        self.session.update_meeting(self.meeting_id, {self.fact: self.old})

    def id(self) -> int:
        return _MERGE_MEETING_FACT

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt's name)
        if not (isinstance(other, UpdateMeetingCommand) and (other.meeting_id, other.fact) == (
            self.meeting_id, self.fact
        )):
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)
        return True


class AddItemCommand(StoreCommand):
    def __init__(self, session: Session, meeting_id: int, item: Item, position: int) -> None:
        super().__init__(session, meeting_id, "Nyt punkt")
        self._item = item
        self.position = position
        self.item_id = 0
        self._deleted: Item | None = None

    def do(self) -> None:
        if self._deleted is None:
            self.item_id = self.session.add_item(self.meeting_id, self._item, self.position)
        else:
            self.session.restore_item(self.meeting_id, self._deleted, self.position)

    def undo_(self) -> None:
        self._deleted, self.position = self.session.delete_item(self.item_id)


class DeleteItemCommand(StoreCommand):
    def __init__(self, session: Session, meeting_id: int, item_id: int) -> None:
        super().__init__(session, meeting_id, "Slet punkt")
        self.item_id = item_id
        self._deleted: Item | None = None
        self._position = 0

    def do(self) -> None:
        self._deleted, self._position = self.session.delete_item(self.item_id)

    def undo_(self) -> None:
        assert self._deleted is not None
        self.session.restore_item(self.meeting_id, self._deleted, self._position)


class MoveItemCommand(StoreCommand):
    def __init__(self, session: Session, meeting_id: int, item_id: int, old: int, new: int) -> None:
        super().__init__(session, meeting_id, "Flyt punkt")
        self.item_id, self.old, self.new = item_id, old, new

    def do(self) -> None:
        self.session.move_item(self.item_id, self.new)

    def undo_(self) -> None:
        self.session.move_item(self.item_id, self.old)


class UpdateItemCommand(StoreCommand):
    def __init__(
        self, session: Session, meeting_id: int, item_id: int, field: str, old: object, new: object,
        initiator: object = None,
    ) -> None:
        super().__init__(session, meeting_id, f"Ret {item_field(field).undo_label}", initiator)
        self.item_id, self.field, self.old, self.new = item_id, field, old, new

    def do(self) -> None:
        self.session.update_item(self.item_id, {self.field: self.new}, self.initiator)

    def undo_(self) -> None:
        self.session.update_item(self.item_id, {self.field: self.old})

    def id(self) -> int:
        return _MERGE_ITEM_FIELD

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt's name)
        # Ticking "closed" twice is two deliberate steps; text fields merge.
        if self.field == "closed" or not (
            isinstance(other, UpdateItemCommand)
            and (other.item_id, other.field) == (self.item_id, self.field)
        ):
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)
        return True


class AddSectionCommand(StoreCommand):
    def __init__(self, session: Session, meeting_id: int, item_id: int, section: Section) -> None:
        super().__init__(session, meeting_id, "Nyt afsnit")
        self.item_id = item_id
        self._section = section
        self.section_id = 0
        self._deleted: Section | None = None
        self._index = 0

    def do(self) -> None:
        if self._deleted is None:
            self.section_id = self.session.add_section(self.item_id, self._section)
        else:
            self.session.restore_section(self.item_id, self._deleted, self._index)

    def undo_(self) -> None:
        self._deleted, self._index = self.session.delete_section(self.item_id, self.section_id)


class DeleteSectionCommand(StoreCommand):
    def __init__(self, session: Session, meeting_id: int, item_id: int, section_id: int) -> None:
        super().__init__(session, meeting_id, "Slet afsnit")
        self.item_id, self.section_id = item_id, section_id
        self._deleted: Section | None = None
        self._index = 0

    def do(self) -> None:
        self._deleted, self._index = self.session.delete_section(self.item_id, self.section_id)

    def undo_(self) -> None:
        assert self._deleted is not None
        self.session.restore_section(self.item_id, self._deleted, self._index)


class RenameSectionCommand(StoreCommand):
    def __init__(
        self, session: Session, meeting_id: int, item_id: int, section_id: int, old: str, new: str,
        initiator: object = None,
    ) -> None:
        super().__init__(session, meeting_id, "Omdøb afsnit", initiator)
        self.item_id, self.section_id, self.old, self.new = item_id, section_id, old, new

    def do(self) -> None:
        self.session.set_section_heading(self.item_id, self.section_id, self.new, self.initiator)

    def undo_(self) -> None:
        self.session.set_section_heading(self.item_id, self.section_id, self.old)

    def id(self) -> int:
        return _MERGE_SECTION_HEADING

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt's name)
        # A heading is committed while it is typed: the keystrokes are one rename.
        if not (isinstance(other, RenameSectionCommand) and other.section_id == self.section_id):
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)
        return True


class SetAttachmentsCommand(StoreCommand):
    def __init__(
        self, session: Session, meeting_id: int, item_id: int, old: list[Attachment], new: list[Attachment],
        initiator: object = None, text: str = "Ret bilag",
    ) -> None:
        super().__init__(session, meeting_id, text, initiator)
        self.item_id, self.old, self.new = item_id, old, new

    def do(self) -> None:
        self.session.set_attachments(self.item_id, self.new, self.initiator)

    def undo_(self) -> None:
        self.session.set_attachments(self.item_id, self.old)

    def renamed_index(self) -> int:
        """The one attachment this command renames, or -1 if it does anything else."""
        if len(self.old) != len(self.new):
            return -1
        changed = [i for i, (a, b) in enumerate(zip(self.old, self.new, strict=True)) if a.name != b.name]
        return changed[0] if len(changed) == 1 else -1

    def id(self) -> int:
        return _MERGE_ATTACHMENT_RENAME

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt's name)
        # A name is committed while it is typed in place: the keystrokes are one rename.
        index = self.renamed_index()
        if not (isinstance(other, SetAttachmentsCommand) and other.item_id == self.item_id
                and index >= 0 and other.renamed_index() == index):
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)
        return True


class SetProtocolCommand(StoreCommand):
    """An edit of an item's protocol entries; keystrokes in one cell (one merge key) are
    one undo step, a tick, an added or a removed row is a step of its own."""

    def __init__(self, session: Session, meeting_id: int, item_id: int, old: Protocol, new: Protocol,
                 merge_key: str = "", initiator: object = None) -> None:
        super().__init__(session, meeting_id, "Ret protokol", initiator)
        self.item_id, self.old, self.new, self.merge_key = item_id, old, new, merge_key

    def do(self) -> None:
        self.session.set_protocol(self.item_id, self.new, self.initiator)

    def undo_(self) -> None:
        self.session.set_protocol(self.item_id, self.old)

    def id(self) -> int:
        return _MERGE_PROTOCOL_CELL

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt's name)
        if not (isinstance(other, SetProtocolCommand) and self.merge_key and other.item_id == self.item_id
                and other.merge_key == self.merge_key):
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)
        return True
