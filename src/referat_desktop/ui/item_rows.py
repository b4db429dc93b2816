"""The rows of the agenda tree, as plain data: an item's row and its children (sections and
Bilag), built from a domain Item. No Qt here, so the tree model, the editor pane and the
forms share them without importing each other."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from referat_desktop.domain.model import Item, SectionKind, section_kind, section_slots
from referat_desktop.domain.texts import ATTACHMENTS_HEADING


class Node(StrEnum):
    """What a row of the tree is (NODE_ROLE), and which page the editor pane shows."""

    ITEM = "item"
    SECTION = "section"
    ATTACHMENTS = "attachments"


@dataclass
class Child:
    node: Node  # SECTION or ATTACHMENTS
    kind: str = ""  # SectionKind value for sections
    section_id: int = 0
    heading: str = ""
    empty: bool = True
    attachment_count: int = 0

    @property
    def label(self) -> str:
        if self.node is Node.ATTACHMENTS:
            count = self.attachment_count
            return f"{ATTACHMENTS_HEADING} ({count})" if count else ATTACHMENTS_HEADING
        if self.kind == SectionKind.EXTRA.value:
            return self.heading or "(uden overskrift)"
        return section_kind(SectionKind(self.kind)).label


@dataclass
class Row:
    id: int
    title: str
    case_number: str
    closed: bool
    children: list[Child] = field(default_factory=list)
    has_protocol: bool = False  # absent, inhabil, votes or tilførsler recorded (a marker)


def row_from_item(item: Item) -> Row:
    """The item's row: every section slot of the domain's table (section_slots), so no
    kind of section can be left out of the tree, then Bilag."""
    assert item.id is not None
    children = [
        Child(Node.SECTION, kind.value, section.id or 0,
              section.heading if kind is SectionKind.EXTRA else "", section.is_empty)
        if section is not None else Child(Node.SECTION, kind.value)
        for kind, section in section_slots(item)
    ]
    count = len(item.attachments)
    children.append(Child(Node.ATTACHMENTS, empty=not count, attachment_count=count))
    return Row(item.id, item.title, item.case_number, item.closed, children, not item.protocol.is_empty)
