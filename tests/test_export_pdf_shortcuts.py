"""The PDF renderer's shortcuts around reportlab give exactly what reportlab gives (no Qt).

Plain-text paragraphs skip reportlab's markup parser, text of known characters skips its
per-character subset lookup, and a paragraph breaks its lines once per width.
"""

from __future__ import annotations

import io

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText

from referat_desktop.domain.texts import Variant
from referat_desktop.export import pdf, pdf_fonts
from referat_desktop.export.build import build_document
from test_export_pdf_tagged import rich_meeting, sample


def test_plain_paragraphs_get_the_fragments_reportlabs_parser_makes(monkeypatch):
    made = []
    real = pdf.tagged_paragraph

    def compare(markup, style, tagger, node, frags=None):
        paragraph = real(markup, style, tagger, node, frags)
        parsed = Paragraph(markup, style)
        made.append(frags is not None)
        assert paragraph.text == parsed.text
        assert paragraph.style is parsed.style
        assert [vars(f) for f in paragraph.frags] == [vars(f) for f in parsed.frags]
        return paragraph

    monkeypatch.setattr(pdf, "tagged_paragraph", compare)
    meeting = rich_meeting()
    meeting.items[0].sections[0].text += "\n\nR&D <b> og **fed** og *kursiv* ☃ og ☐\nny linje"
    for variant in Variant:
        pdf.render_pdf(build_document(meeting, variant), io.BytesIO())
    assert any(made) and not all(made), "both the shortcut and reportlab's parser were used"


class FakeDocument:
    """reportlab keys a font's subsets by document (weakly)."""


@pytest.mark.parametrize("text", ["Punkt 1: Øvrige sager", "a\u00a0b", "", "æøå ÆØÅ – “x” ☃", "ŁĘ Ω Ж"])
def test_split_string_gives_reportlabs_bytes(text):
    pdf_fonts.register_fonts(italic=False)
    font = pdfmetrics.getFont(pdf_fonts.FONTS["regular"])
    ours, theirs = FakeDocument(), FakeDocument()  # each document has its own subsets
    for warm_up in ("Sagsfremstilling 0123456789", text):
        # The first call assigns codes (reportlab's own path), later ones may take the shortcut.
        assert font.splitString(warm_up, ours) == pdf_fonts._reportlab_split_string(font, warm_up, theirs)
    assert font.splitString(text, ours) == pdf_fonts._reportlab_split_string(font, text, theirs)
    assert TTFont.splitString is pdf_fonts._split_string


def test_a_paragraph_breaks_its_lines_once_per_width():
    meeting = sample("direktionen-2019-12-16")
    text = meeting.items[1].sections[0].text.split("\n\n")[0]
    paragraph = pdf.tagged_paragraph(text, Paragraph("x").style, None, None)  # type: ignore[arg-type]
    first = paragraph.wrap(400, 800)
    lines = paragraph.blPara
    assert paragraph.wrap(400, 100) == first and paragraph.blPara is lines
    narrower = paragraph.wrap(300, 800)
    assert narrower[1] > first[1] and paragraph.blPara is not lines
    assert paragraph.split(300, 20) == []  # too little room: reportlab drops the lines ...
    assert paragraph.wrap(300, 800) == narrower  # ... and they are broken again


def test_the_layout_only_pass_finds_the_pages_the_drawn_pdf_has():
    # The Word TOC's page numbers come from a pass that draws no text (layout_only).
    meeting = rich_meeting()
    for item in meeting.items:  # long enough that items start on different pages
        for section in item.sections[:1]:
            section.text = "\n\n".join([section.text] * 8)
    for variant in Variant:
        document = build_document(meeting, variant)
        drawn, _missing = pdf._lay_out(document, io.BytesIO(), save=True)
        found = pdf.item_start_pages(document)
        assert found == drawn.item_pages
        assert len(set(found.values())) > 1


def test_word_widths_are_reportlabs():
    pdf_fonts.register_fonts(italic=False)
    for text in ("Sagsfremstilling", "æøå", "", "Punkt 1: Øvrige sager"):
        for size in (11, 12.5):
            expected = pdfmetrics.stringWidth(text, pdf_fonts.FONTS["regular"], size)
            assert pdf_fonts.string_width(text, pdf_fonts.FONTS["regular"], size) == expected
    from reportlab.platypus import paragraph

    assert paragraph.stringWidth is pdf_fonts.string_width


def test_text_seen_as_already_clean_is_what_reportlabs_cleaning_gives():
    # pdf._already_clean spares reportlab's cleanBlockQuotedText for text it would not change.
    for code in range(0x10000):
        text = f"a{chr(code)}b c"
        if pdf._already_clean(text):
            assert cleanBlockQuotedText(text) == text, hex(code)
    for text in ["", "a b", " a", "a ", "a  b", "a\nb", "a\u00a0b", "a\u200bb", "a\tb"]:
        assert not pdf._already_clean(text) or cleanBlockQuotedText(text) == text
    assert not pdf._already_clean("a\u00a0b") and pdf._already_clean("Punkt 1: Øvrige sager")
