"""The neutral document model built from a meeting: order, wording, variants, section text."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from referat_desktop.domain.model import Attachment, Item, Meeting, Section, SectionKind
from referat_desktop.domain.texts import Variant
from referat_desktop.export.build import build_document
from referat_desktop.export.document import (
    BulletList,
    Heading,
    ListItem,
    MetaTable,
    NumberedList,
    PageBreak,
    Paragraph,
    TableOfContents,
    TextRun,
    Title,
)
from referat_desktop.export.section_nodes import SectionParser, clean_line, clean_text


def outline(document) -> list[str]:
    """Headings and role paragraphs as short strings: the document's skeleton."""
    lines = []
    for block in document.blocks:
        if isinstance(block, Heading):
            lines.append(f"H{block.level} {block.text}")
        elif isinstance(block, Paragraph) and block.role != "body":
            lines.append(f"{block.role} {''.join(r.text for r in block.runs)}")
    return lines


def item_blocks(document, number: int) -> list:
    """The blocks of item `number`, from its heading up to the next page break."""
    start = next(i for i, b in enumerate(document.blocks)
                 if isinstance(b, Heading) and b.key == f"punkt-{number}")
    end = next((i for i, b in enumerate(document.blocks[start:], start) if isinstance(b, PageBreak)),
               len(document.blocks))
    return document.blocks[start:end]


def blocks_of(text: str) -> list:
    return SectionParser().blocks(text)


def text_of(blocks) -> str:
    return "".join(run.text for block in blocks for run in block.runs)


# --- the template's structure ------------------------------------------------------------


def test_sample_minutes_front_matter_and_toc(sample_meeting):
    document = build_document(sample_meeting, Variant.MINUTES)
    title, facts, page_break, toc = document.blocks[:4]
    assert title == Title("REFERAT Direktionen d. 16-12-2019")
    assert facts == MetaTable([
        ("Mødedato", "Mandag d. 16. december 2019 kl. 09:00"),
        ("Mødested", "Mødelokale B105"),
        ("Mødedeltagere", ("Lars Holte, Jørgen Lerhard, Per Aalbæk Nielsen, Charlotte Markussen, "
                           "Kathrine Seier Skaastrup (sekretær)")),
    ])
    assert isinstance(page_break, PageBreak)
    assert isinstance(toc, TableOfContents) and toc.heading == "Indholdsfortegnelse"
    assert [(e.text, e.key) for e in toc.entries] == [
        (item.title, f"punkt-{n}") for n, item in enumerate(sample_meeting.items, 1)
    ]
    assert (document.title, document.author, document.subject, document.language) == (
        "REFERAT Direktionen d. 16-12-2019", "Kathrine Seier Skaastrup",
        "Referat af møde i Direktionen 16-12-2019", "da-DK",
    )


def test_sample_minutes_items_in_template_order(sample_meeting):
    document = build_document(sample_meeting, Variant.MINUTES)
    # Every item starts with a page break, then its heading carrying the TOC key.
    for n in range(1, 7):
        index = document.blocks.index(item_blocks(document, n)[0])
        assert isinstance(document.blocks[index - 1], PageBreak)
    level12 = [line for line in outline(document) if not line.startswith("H3")]
    assert level12[:5] == [
        "H1 Punkt 1: Øvrige sager 16-12-2019", "case_number 19/227", "H2 Baggrund", "H2 Bilag",
        "attachment Forslag stillet på byrådsmøderne der ikke er fremlagt",
    ]
    assert level12[5:13] == [
        "H1 Punkt 2: Status sociale investeringer - dec 2019", "case_number 19/18529", "H2 Baggrund",
        "H2 Indstilling", "H2 Beslutning Direktionen den 16-12-2019", "H2 Sagsfremstilling", "H2 Bilag",
        "attachment Sociale investeringer notat - bilag til direktionssag.docx",
    ]
    assert level12[-3:] == ["H2 Sagsfremstilling", "H2 Bilag",
                            "attachment Handlingsplan for vækstpolitikken 2018-2022"]
    assert "H3 Hvad er sociale investeringer?" in outline(document)


def test_agenda_has_no_decisions(sample_meeting):
    document = build_document(sample_meeting, Variant.AGENDA)
    assert document.blocks[0] == Title("DAGSORDEN Direktionen d. 16-12-2019")
    assert document.subject == "Dagsorden for møde i Direktionen 16-12-2019"
    assert not [line for line in outline(document) if "Beslutning" in line]
    decision = sample_meeting.items[1].section(SectionKind.BESLUTNING).text
    assert decision[:40] not in text_of(b for b in document.blocks if isinstance(b, Paragraph))


def test_public_version_keeps_only_number_and_title_of_closed_items(sample_meeting):
    sample_meeting.items[2].closed = True
    document = build_document(sample_meeting, Variant.PUBLIC)
    assert item_blocks(document, 3) == [
        Heading(1, "Punkt 3: Udviklingsgreb i Charlottekvarteret", "punkt-3"),
        Paragraph([TextRun("Lukket punkt")], role="closed"),
    ]
    assert document.subject == "Referat af møde i Direktionen 16-12-2019 (offentlig udgave)"
    assert "Udviklingsgreb i Charlottekvarteret" in [e.text for e in document.blocks[3].entries]
    # Open items are complete, and the minutes still show the closed item in full.
    public = outline(build_document(sample_meeting, Variant.PUBLIC))
    assert "H2 Beslutning Direktionen den 16-12-2019" in public
    assert "case_number 19/4767" in outline(build_document(sample_meeting, Variant.MINUTES))


def test_empty_sections_attachments_and_case_numbers_are_left_out():
    meeting = Meeting(body="Udvalget", date=dt.date(2024, 3, 5), items=[Item(
        title="Tomt", case_number="  ",
        sections=[Section(SectionKind.BAGGRUND, "   \n\n"), Section(SectionKind.INDSTILLING, "\x01\x02"),
                  Section(SectionKind.EXTRA, "Tekst", heading="Økonomi")],
        attachments=[Attachment("  ")],
    )])
    assert outline(build_document(meeting, Variant.MINUTES)) == ["H1 Punkt 1: Tomt", "H2 Økonomi"]


def test_meeting_without_items_and_without_optional_facts():
    document = build_document(Meeting(body="Udvalget", date=dt.date(2024, 3, 5)), Variant.MINUTES)
    assert len(document.blocks) == 4 and document.blocks[3].entries == []
    assert document.blocks[1].rows == [("Mødedato", "Tirsdag d. 5. marts 2024"), ("Mødested", ""),
                                       ("Mødedeltagere", "")]


def test_absent_members_are_listed():
    meeting = Meeting(body="Udvalget", date=dt.date(2024, 3, 5), participants=["A"], absent=["B", "C"])
    assert build_document(meeting, Variant.MINUTES).blocks[1].rows[-1] == ("Afbud", "B, C")


def test_single_line_texts_lose_their_breaks_and_controls():
    meeting = Meeting(body="Udv\x00alget", date=dt.date(2024, 3, 5), secretary="K\x0bS",
                      items=[Item(title="Linje 1\nLinje 2\x0bLinje 3\x07", case_number="24/1\t")])
    document = build_document(meeting, Variant.MINUTES)
    assert document.title == "REFERAT Udvalget d. 05-03-2024"
    assert document.author == "K S"
    assert document.blocks[3].entries[0].text == "Linje 1 Linje 2 Linje 3"
    assert item_blocks(document, 1)[:2] == [Heading(1, "Punkt 1: Linje 1 Linje 2 Linje 3", "punkt-1"),
                                           Paragraph([TextRun("24/1")], role="case_number")]


# --- section text ------------------------------------------------------------------------


def test_paragraphs_with_bold_and_italic_runs():
    assert blocks_of("Første *kursiv* og **fed** og ***begge***.\n\nAnden") == [
        Paragraph([TextRun("Første "), TextRun("kursiv", italic=True), TextRun(" og "),
                   TextRun("fed", bold=True), TextRun(" og "), TextRun("begge", bold=True, italic=True),
                   TextRun(".")]),
        Paragraph([TextRun("Anden")]),
    ]


def test_wrapped_source_lines_join_and_hard_breaks_stay():
    assert blocks_of("en\nto  \ntre\\\nfire") == [Paragraph([TextRun("en to\ntre\nfire")])]


def test_every_heading_level_inside_a_section_is_a_sub_heading():
    assert blocks_of("# Et\n## To *x*\n### Proces\n#### Fire") == [
        Heading(3, "Et"), Heading(3, "To x"), Heading(3, "Proces"), Heading(3, "Fire"),
    ]


def test_lists_numbered_with_start_and_nested():
    assert blocks_of("FKC og ØDC indstiller at:\n\n- en\n- to\n  1. a\n  2. b\n\n3. tre\n4. fire") == [
        Paragraph([TextRun("FKC og ØDC indstiller at:")]),
        BulletList([
            ListItem([Paragraph([TextRun("en")])]),
            ListItem([Paragraph([TextRun("to")]), NumberedList([ListItem([Paragraph([TextRun("a")])]),
                                                            ListItem([Paragraph([TextRun("b")])])])]),
        ]),
        NumberedList([ListItem([Paragraph([TextRun("tre")])]), ListItem([Paragraph([TextRun("fire")])])],
                     start=3),
    ]


def test_text_that_only_looks_like_markup_stays_as_typed():
    typed = [
        "24-09-2019: BY Temadrøftelse om Hedehusene",
        "1) Interne investeringer. 2) Effektiv investering med ekstern investor.",
        "*",
        "-",
        "Tag <b>fed</b> og R&D samt a<b og x > y",
        "16. december blev planen vedtaget",
        "> ikke et citat",
        "`ikke kode` og [ikke et link](adresse) og <http://x.dk>",
        "&amp; og &copy; forbliver",
        "---",
        "Linje\n===",
        "    indrykket",
        "2 * 3 * 4 og a*b og _x",
    ]
    for text in typed:
        blocks = blocks_of(text)
        assert all(isinstance(b, Paragraph) for b in blocks), text
        assert " ".join(text_of([b]) for b in blocks) == " ".join(text.split()), text


def test_inline_numbering_on_its_own_lines_keeps_its_numbers():
    assert blocks_of("Der er tre kriterier:\n1) måle\n2) forbedre") == [
        Paragraph([TextRun("Der er tre kriterier:")]), Paragraph([TextRun("1) måle")]),
        Paragraph([TextRun("2) forbedre")]),
    ]


def test_escaped_markup_from_the_editor_comes_out_plain():
    assert blocks_of("1\\. ikke en liste \\*ikke kursiv\\* \\# ikke overskrift") == [
        Paragraph([TextRun("1. ikke en liste *ikke kursiv* # ikke overskrift")])
    ]


def test_control_characters_pasted_from_word():
    assert blocks_of("første\x0banden\x0ctredje\x01\x1f\x7f\x85 slut\tfane") == [
        Paragraph([TextRun("første\nanden\ntredje slut\tfane")])
    ]
    assert clean_text("a\r\nb\rc\u2029d\ud800e\uffff") == "a\nb\nc\nde"
    assert clean_line("a\nb\x0bc\td") == "a b c d"


def test_emoji_cjk_and_danish_letters_are_kept():
    text = "Æble, øl og å – ”citat” 10 m² 5 % 😀 漢字"
    assert blocks_of(text) == [Paragraph([TextRun(text)])]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_builds_into_clean_runs(text):
    for block in SectionParser().blocks(text):
        for run in _all_runs(block):
            assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]", run.text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="abcæøåXYZ019<>&;:.,()?!/'\"%–", min_size=1), min_size=1))
def test_words_without_markup_characters_come_out_verbatim(words):
    text = " ".join(words)
    if re.match(r"\d+[.)]", text):  # a line starting "1." or "1)" is a list (tested above)
        return
    assert text_of(blocks_of(text)) == text


def _all_runs(block):
    if isinstance(block, Paragraph):
        yield from block.runs
    elif isinstance(block, (BulletList, NumberedList)):
        for item in block.items:
            for inner in item.blocks:
                yield from _all_runs(inner)


def test_extra_section_without_heading_prints_its_text_only(sample_meeting):
    sample_meeting.items[0].sections.append(Section(SectionKind.EXTRA, "Ekstra tekst", heading="  "))
    blocks = build_document(sample_meeting, Variant.MINUTES).blocks
    texts = [b.text if isinstance(b, Heading) else "".join(r.text for r in b.runs)
             for b in blocks if isinstance(b, (Heading, Paragraph))]
    at = texts.index("Ekstra tekst")
    assert texts[at - 1] == "Vedlagt liste til direktionens orientering og gennemgang."
    assert not any(isinstance(b, Heading) and not b.text.strip() for b in blocks)
