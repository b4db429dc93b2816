"""Plain dataclasses for a meeting and its agenda items.

The objects carry database ids when they came from the store (``id`` is None for a
meeting or item that is not saved yet); nothing here knows about SQL or Qt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class SectionKind(StrEnum):
    """The kinds of section an item can hold, in the template's fixed order."""

    BAGGRUND = "baggrund"
    INDSTILLING = "indstilling"
    BESLUTNING = "beslutning"
    SAGSFREMSTILLING = "sagsfremstilling"
    EXTRA = "extra"


# The template prints sections in this order; extra sections keep the order the
# secretary gave them, after the four fixed ones (sorted() is stable).
SECTION_ORDER: dict[SectionKind, int] = {kind: rank for rank, kind in enumerate(SectionKind)}

FIXED_HEADINGS: dict[SectionKind, str] = {
    SectionKind.BAGGRUND: "Baggrund",
    SectionKind.INDSTILLING: "Indstilling",
    SectionKind.SAGSFREMSTILLING: "Sagsfremstilling",
}


@dataclass
class Section:
    kind: SectionKind
    text: str = ""
    heading: str = ""  # only extra sections carry their own heading
    id: int | None = None

    @property
    def is_empty(self) -> bool:
        return not self.text.strip()


@dataclass
class Attachment:
    name: str
    data: bytes | None = None
    media_type: str = ""
    id: int | None = None


@dataclass
class Item:
    title: str
    case_number: str = ""
    closed: bool = False
    sections: list[Section] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    id: int | None = None

    def ordered_sections(self) -> list[Section]:
        """The sections in the template's order (stable for extras)."""
        return sorted(self.sections, key=lambda s: SECTION_ORDER[s.kind])

    def section(self, kind: SectionKind) -> Section | None:
        """The first section of a fixed kind, if the item has one."""
        return next((s for s in self.sections if s.kind == kind), None)


@dataclass(frozen=True)
class Person:
    """Someone named on the front page, with the role the template prints."""

    name: str
    role: str = "deltager"  # "deltager", "sekretær" or "afbud"


@dataclass
class Meeting:
    body: str
    date: dt.date
    time: str = ""  # "HH:MM", or empty when not decided
    location: str = ""
    participants: list[str] = field(default_factory=list)
    secretary: str = ""
    absent: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    id: int | None = None

    def people(self) -> list[Person]:
        """Everyone on the front page: participants, then the secretary, then apologies."""
        people = [Person(name) for name in self.participants if name.strip()]
        if self.secretary.strip():
            people.append(Person(self.secretary, "sekretær"))
        people.extend(Person(name, "afbud") for name in self.absent if name.strip())
        return people
