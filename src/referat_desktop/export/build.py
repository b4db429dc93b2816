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
    approval = clean_line(texts.printed_approval(meeting, variant))
    if approval:  # right under the front page's facts
        blocks.insert(2, Paragraph([TextRun(approval)]))
    places = {0: Place()}
    for number, item in enumerate(meeting.items, 1):
        blocks.append(PageBreak())
        item_blocks: list[Node] = []
        item_places = _item_blocks(meeting, item, number, variant, parser, item_blocks)
        places.update((len(blocks) + offset, place) for offset, place in item_places.items())
        blocks.extend(item_blocks)
    if meeting.signature_sheet and variant is Variant.MINUTES:
        places[len(blocks)] = Place(section=texts.SIGNATURES_HEADING)
        blocks.extend(_signature_sheet(meeting))
    return Document(
        title=title,
        author=clean_line(meeting.secretary),
        subject=clean_line(_subject(meeting, variant)),
        blocks=blocks,
        places=places,
        status=texts.APPROVED_STATUS if approval else "",
        status_note=approval,
    )


SIGNATURE_LINE = "_" * 40


def _signature_sheet(meeting: Meeting) -> list[Node]:
    """The last page, "Underskrifter": one paragraph per participant present, room to sign
    (two empty lines), the line and the name under it, in one paragraph so that the line and
    the name never part. A level-2 heading, so neither table of contents lists it."""
    blocks: list[Node] = [PageBreak(), Heading(2, texts.SIGNATURES_HEADING)]
    for name in texts.signatories(meeting):
        blocks.append(Paragraph([TextRun(f"\n\n{SIGNATURE_LINE}\n{clean_line(name)}")]))
    return blocks


def _subject(meeting: Meeting, variant: Variant) -> str:
    """The file's subject; the only place a public version names itself (its title is
    the template's `REFERAT`/`DAGSORDEN` line)."""
    date = texts.short_date(meeting.date)
    if variant.is_agenda:
        subject = f"Dagsorden for møde i {meeting.body} {date}"
    else:
        subject = f"Referat af møde i {meeting.body} {date}"
    return f"{subject} (offentlig udgave)" if variant.is_public else subject


def _item_blocks(meeting: Meeting, item: Item, number: int, variant: Variant, parser: SectionParser,
                 blocks: list[Node]) -> dict[int, Place]:
    """Appends the item's blocks to `blocks`; returns where they come from (see Document.places)."""
    title = clean_line(item.title)
    places = {0: Place(number, title)}
    blocks.append(Heading(1, clean_line(texts.item_heading(number, item.title)), item_key(number)))
    if item.closed:
        # Right under the heading in every variant: the public versions keep the number and
        # title (the agenda is public) and nothing else; the internal ones go on with the
        # content, so a glance tells which file must not be published.
        blocks.append(Paragraph([TextRun(texts.CLOSED_ITEM_TEXT)], role=ParagraphRole.CLOSED))
        if variant.is_public:
            return places
    case_number = clean_line(item.case_number).strip()
    if case_number:
        blocks.append(Paragraph([TextRun(case_number)], role=ParagraphRole.CASE_NUMBER))
    # Protocol lines, then corrections, print in the (first) decision section.
    lines = texts.printed_protocol(item, variant) + texts.printed_corrections(item, variant)
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
