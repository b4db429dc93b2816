"""The meeting model and the template's rules. No Qt, no SQL."""

from referat_desktop.domain.model import (
    Attachment,
    Item,
    Meeting,
    Person,
    Section,
    SectionKind,
)

__all__ = ["Attachment", "Item", "Meeting", "Person", "Section", "SectionKind"]
