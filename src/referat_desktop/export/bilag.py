"""The bilag of the combined PDF (`--with-attachments`): which attachments a variant shows,
their numbers, and what the document says about each one.

No PDF library here: pdf_combine.py finds out what each file is and how many pages it
has, then build.py puts the bilag into the document (a level-2 line per inserted bilag in
the table of contents, a numbered line with a note in the item's Bilag section) and
pdf_combine.py appends the pages. See docs/decisions.md ("The combined PDF").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePath

from referat_desktop.domain.model import Attachment, Item, Meeting
from referat_desktop.domain.texts import Variant
from referat_desktop.export.errors import ExportWarning

PDF_MEDIA_TYPE = "application/pdf"
# What LibreOffice turns into a PDF, where it is installed (office_convert.py).
CONVERTIBLE_SUFFIXES = frozenset({".docx", ".doc", ".odt", ".rtf", ".xlsx", ".xls", ".ods", ".pptx", ".odp"})
LISTED_BILAG = 5  # a warning names at most this many

class BilagStatus(StrEnum):
    INSERTED = "inserted"  # its pages follow the document
    NO_FILE = "no_file"  # a name only (referat/1 without `data`): listed, as always
    NOT_PDF = "not_pdf"  # neither a PDF nor a file LibreOffice converts (or no LibreOffice)
    NOT_CONVERTED = "not_converted"  # LibreOffice failed, or took too long
    DAMAGED = "damaged"  # a PDF that cannot be read
    ENCRYPTED = "encrypted"  # a PDF with a password or restrictions


# What the document prints after a bilag's name when its pages are not in the file.
NOTES = {
    BilagStatus.NOT_PDF: "ikke PDF, ikke indsat",
    BilagStatus.NOT_CONVERTED: "kunne ikke omdannes til PDF, ikke indsat",
    BilagStatus.DAMAGED: "beskadiget PDF, ikke indsat",
    BilagStatus.ENCRYPTED: "krypteret PDF, ikke indsat",
}


@dataclass(frozen=True)
class Bilag:
    """One attachment as the combined PDF shows it: `Bilag <item>.<number>: <name>`."""

    item_number: int  # 1-based, as the item's heading
    number: int  # 1-based among the item's attachments this variant shows
    attachment: Attachment
    status: BilagStatus = BilagStatus.NO_FILE
    pages: int = 0  # when inserted

    @property
    def key(self) -> str:
        """Its anchor: the table of contents entry and Document.appended_pages."""
        return f"bilag-{self.item_number}-{self.number}"

    def label(self, name: str) -> str:
        """`Bilag 3.1: name` (`name` already cleaned by the caller)."""
        return f"Bilag {self.item_number}.{self.number}: {name}"

    @property
    def note(self) -> str:
        return NOTES.get(self.status, "")


def shown_attachments(item: Item, variant: Variant) -> list[Attachment]:
    """The attachments a variant prints for an item: a public variant leaves out every
    closed one, and all of a closed item's (that item prints only its title)."""
    if not variant.is_public:
        return list(item.attachments)
    return [] if item.closed else [a for a in item.attachments if not a.closed]


def numbered(meeting: Meeting, variant: Variant) -> list[Bilag]:
    """Every attachment the variant shows, numbered within its item, status not yet known.
    Numbered among the shown ones, so a public file's numbers show no gap where a closed
    bilag was."""
    return [Bilag(item_number, number, attachment)
            for item_number, item in enumerate(meeting.items, 1)
            for number, attachment in enumerate(shown_attachments(item, variant), 1)]


def is_pdf(attachment: Attachment, head: bytes) -> bool:
    """A PDF by its first bytes (readers allow junk before `%PDF-`), or one that says it is
    (then a damaged one: it is named as such rather than as "not a PDF")."""
    return (b"%PDF-" in head[:1024] or attachment.media_type.lower() == PDF_MEDIA_TYPE
            or suffix(attachment) == ".pdf")


def suffix(attachment: Attachment) -> str:
    """`.docx`, from the name; "" unless it is letters and digits (it names a temporary file)."""
    found = PurePath(attachment.name.strip()).suffix.lower()
    return found if re.fullmatch(r"\.[a-z0-9]{1,10}", found) else ""


def appended_pages(bilag: list[Bilag]) -> tuple[dict[str, int], int]:
    """Each inserted bilag's first page counted from the first page after the document,
    and the pages appended in all."""
    starts: dict[str, int] = {}
    total = 0
    for entry in bilag:
        if entry.status is BilagStatus.INSERTED:
            starts[entry.key] = total + 1
            total += entry.pages
    return starts, total


def not_inserted_warning(bilag: list[Bilag]) -> ExportWarning | None:
    """One warning naming the files whose pages are not in the combined PDF (a name-only
    attachment is not a file, so it is not named)."""
    left_out = [b for b in bilag if b.status not in (BilagStatus.INSERTED, BilagStatus.NO_FILE)]
    if not left_out:
        return None
    listed = "; ".join(f'bilag {b.item_number}.{b.number} "{b.attachment.name.strip()}" ({NOTES[b.status]})'
                       for b in left_out[:LISTED_BILAG])
    if len(left_out) > LISTED_BILAG:
        listed += f"; og {len(left_out) - LISTED_BILAG} mere"
    noun = "dette bilag er" if len(left_out) == 1 else "disse bilag er"
    return ExportWarning(f"{noun} ikke sat ind i den samlede PDF: {listed}")
