"""Build the neutral document model from a Meeting: the template's order and wording.

Every renderer gets the same blocks, so the Word file, the PDF and the printed agenda
cannot disagree about what is in the document; they only differ in how it looks.
All text is cleaned here (titles, names and headings by section_nodes.clean_line, section
text by the domain reader), so renderers never see a control character.
"""

from __future__ import annotations

from referat_desktop.domain import texts
from referat_desktop.domain.model import Item, Meeting, SectionKind
from referat_desktop.domain.texts import Variant
from referat_desktop.export.document import (
    Document,
    Heading,
    MetaTable,
    Node,
    PageBreak,
    Paragraph,
    ParagraphRole,
    Place,
    TableOfContents,
    TextRun,
    Title,
    TocEntry,
)
from referat_desktop.export.section_nodes import SectionParser, clean_line, clean_text


def item_key(number: int) -> str:
    """The anchor of item `number` (1-based): bookmarks, TOC links, item_start_pages()."""
    return f"punkt-{number}"


def build_document(meeting: Meeting, variant: Variant) -> Document:
    parser = SectionParser()
    title = clean_line(texts.document_title(meeting, variant))
    blocks: list[Node] = [
        Title(title),
        MetaTable([(label, clean_line(value)) for label, value in texts.meeting_facts(meeting)]),
        PageBreak(),
        TableOfContents(
            texts.TOC_HEADING,
            [TocEntry(clean_line(item.title), item_key(n)) for n, item in enumerate(meeting.items, 1)],
        ),
    ]
    places = {0: Place()}
    for number, item in enumerate(meeting.items, 1):
        blocks.append(PageBreak())
        item_blocks: list[Node] = []
        item_places = _item_blocks(meeting, item, number, variant, parser, item_blocks)
        places.update((len(blocks) + offset, place) for offset, place in item_places.items())
        blocks.extend(item_blocks)
    return Document(
        title=title,
        author=clean_line(meeting.secretary),
        subject=clean_line(_subject(meeting, variant)),
        blocks=blocks,
        places=places,
    )


def _subject(meeting: Meeting, variant: Variant) -> str:
    date = texts.short_date(meeting.date)
    if variant is Variant.AGENDA:
        return f"Dagsorden for møde i {meeting.body} {date}"
    subject = f"Referat af møde i {meeting.body} {date}"
    return f"{subject} (offentlig udgave)" if variant is Variant.PUBLIC else subject


def _item_blocks(meeting: Meeting, item: Item, number: int, variant: Variant, parser: SectionParser,
                 blocks: list[Node]) -> dict[int, Place]:
    """Appends the item's blocks to `blocks`; returns where they come from (see Document.places)."""
    title = clean_line(item.title)
    places = {0: Place(number, title)}
    blocks.append(Heading(1, clean_line(texts.item_heading(number, item.title)), item_key(number)))
    if variant is Variant.PUBLIC and item.closed:
        # The public keeps the number and title (the agenda is public), nothing else.
        blocks.append(Paragraph([TextRun(texts.CLOSED_ITEM_TEXT)], role=ParagraphRole.CLOSED))
        return places
    case_number = clean_line(item.case_number).strip()
    if case_number:
        blocks.append(Paragraph([TextRun(case_number)], role=ParagraphRole.CASE_NUMBER))
    lines = texts.printed_protocol(item, variant)  # they print in the (first) decision section
    protocol: list[Node] = [Paragraph([TextRun(clean_text(line))]) for line in lines]
    for section in texts.printed_sections(item, variant):
        content = parser.blocks(section.text)
        if section.kind is SectionKind.BESLUTNING:  # absent, inhabil, votes, tilførsler after the text
            content, protocol = content + protocol, []
        if not content:  # e.g. text that was only control characters
            continue
        heading = clean_line(texts.section_heading(meeting, section)).strip()
        places[len(blocks)] = Place(number, title, heading)
        if heading:  # an extra section not yet named prints its text without a heading
            blocks.append(Heading(2, heading))
        blocks.extend(content)
    names = [name for name in (clean_line(a.name).strip() for a in item.attachments) if name]
    if names:
        places[len(blocks)] = Place(number, title, texts.ATTACHMENTS_HEADING)
        blocks.append(Heading(2, texts.ATTACHMENTS_HEADING))
        blocks.extend(Paragraph([TextRun(name)], role=ParagraphRole.ATTACHMENT) for name in names)
    return places
