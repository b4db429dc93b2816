"""What an operation changed, and who started it (after Anki's `OpChanges`).

Every write the window makes goes through `Session` (ui/session.py) and comes back as
one `OpChanges`: the change, carrying the new values the views need, and the initiator
(the widget whose keystroke or click started it, or None for undo, redo and menu
actions). Views refresh from the change itself instead of asking the store again, and a
view skips a change it started itself (the form that typed a fact already shows it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from referat_desktop.domain.model import Item


@dataclass(frozen=True)
class MeetingAdded:
    meeting_id: int
    date: dt.date
    body: str
    item_count: int


@dataclass(frozen=True)
class MeetingRemoved:
    meeting_id: int


@dataclass(frozen=True)
class MeetingChanged:
    meeting_id: int
    facts: Mapping[str, object]  # the new values, by field name


@dataclass(frozen=True)
class ItemAdded:
    meeting_id: int
    item: Item  # as stored, with its ids
    position: int


@dataclass(frozen=True)
class ItemRemoved:
    meeting_id: int
    item_id: int


@dataclass(frozen=True)
class ItemMoved:
    meeting_id: int
    item_id: int
    position: int


@dataclass(frozen=True)
class ItemChanged:
    item_id: int
    fields: Mapping[str, object]  # the new values: title, case_number, closed


@dataclass(frozen=True)
class ItemContentChanged:
    """Sections added, removed or renamed, or the attachment list edited: the item as it
    is stored now, and which section (if any) the operation was about."""

    item: Item
    section_added: int = 0
    section_removed: int = 0
    section_renamed: int = 0
    attachments: bool = False
    protocol: bool = False


@dataclass(frozen=True)
class SectionTextSaved:
    section_id: int
    empty: bool


Change = (MeetingAdded | MeetingRemoved | MeetingChanged | ItemAdded | ItemRemoved | ItemMoved
          | ItemChanged | ItemContentChanged | SectionTextSaved)


@dataclass(frozen=True)
class OpChanges:
    change: Change
    initiator: object | None = field(default=None, compare=False)

    def started_by(self, widget: object) -> bool:
        return self.initiator is not None and self.initiator is widget
