"""The PDF's fallback font: what Liberation Sans cannot draw is drawn in DejaVu Sans, and
what no shipped font can draw is named in a warning (read back with pdftotext; no Qt)."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from html import escape
from pathlib import Path

import pypdf
from docx import Document as WordDocument

from referat_desktop.domain.model import Attachment, Item, Meeting, Section, SectionKind
from referat_desktop.domain.texts import Variant
from referat_desktop.export.build import build_document
from referat_desktop.export.document import Paragraph, Place
from referat_desktop.export.errors import missing_characters_warning
from referat_desktop.export.pdf import render_pdf
from referat_desktop.export.pdf_fonts import Glyphs, register_fonts
from referat_desktop.export.pipeline import render, write_export
from test_export_pdf import assert_in_order, flat, load_sample, pages_text, toc_pages

NAMES = ["Łukasz Wóźcik", "Şükrü Öğüt", "Őrsi Győző", "Αλέξανδρος", "Дмитрий"]
SYMBOLS = "☃ ✓ ☐ ★"


def font_names(pdf: bytes) -> set[str]:
    names = set()
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def symbols_meeting() -> Meeting:
    text = (f"Tekst med {SYMBOLS} og {NAMES[2]}.\n\n"
            f"- {NAMES[3]} {SYMBOLS}\n- {NAMES[4]} ✓\n\n"
            f"### Under ☃ {NAMES[1]}\n\n"
            f"**Fed ★ {NAMES[0]}** og *skrå ☐*")
    return Meeting(body="Udvalget", date=dt.date(2024, 3, 5), time="16:00", location="Rådhuset ★",
                   participants=[*NAMES, "Bo ✓"], secretary="Bo Berg", items=[
                       Item(title=f"Sne {SYMBOLS} {NAMES[0]}", case_number="24/00001",
                            sections=[Section(SectionKind.BAGGRUND, text)],
                            attachments=[Attachment(f"Bilag ☐ {NAMES[4]}.pdf")]),
                   ])


def test_symbols_and_foreign_names_are_printed_everywhere(tmp_path):
    path = tmp_path / "s.pdf"
    assert write_export(symbols_meeting(), "pdf", Variant.MINUTES, path) == []
    pages = pages_text(path)
    text = flat(" ".join(pages))
    assert_in_order(text, [
        "Mødested", "Rådhuset ★",
        "Mødedeltagere", ", ".join([*NAMES, "Bo ✓"]),  # the facts table
        "Indholdsfortegnelse", f"Sne {SYMBOLS} {NAMES[0]}",  # the table of contents
        f"Punkt 1: Sne {SYMBOLS} {NAMES[0]}", "Baggrund",  # the heading
        f"Tekst med {SYMBOLS} og {NAMES[2]}.",  # a paragraph
        f"• {NAMES[3]} {SYMBOLS}", f"• {NAMES[4]} ✓",  # list items
        f"Under ☃ {NAMES[1]}",  # a sub-heading
        f"Fed ★ {NAMES[0]} og skrå ☐",  # bold and italic runs
        "Bilag", f"Bilag ☐ {NAMES[4]}.pdf",
    ])
    assert list(toc_pages(pages)) == [f"Sne {SYMBOLS} {NAMES[0]}"]
    reader = pypdf.PdfReader(path)
    assert [entry.title for entry in reader.outline] == [f"Punkt 1: Sne {SYMBOLS} {NAMES[0]}"]


def test_fallback_faces_bold_in_bold_text_upright_in_italic():
    def fonts_of(section_text: str, title: str = "Punktet") -> set[str]:
        meeting = Meeting(body="Udvalget", date=dt.date(2024, 3, 5),
                          items=[Item(title=title, sections=[Section(SectionKind.BAGGRUND, section_text)])])
        out = io.BytesIO()
        render_pdf(build_document(meeting, Variant.MINUTES), out)
        return {name for name in font_names(out.getvalue()) if name.startswith("DejaVu")}

    assert fonts_of("ren ★") == {"DejaVuSans"}
    assert fonts_of("*skrå ★*") == {"DejaVuSans"}  # DejaVu's oblique is not shipped
    assert fonts_of("**fed ★**") == {"DejaVuSans-Bold"}
    assert fonts_of("ren", title="Titel ★") == {"DejaVuSans", "DejaVuSans-Bold"}  # TOC line, heading
    assert fonts_of("Łukasz Αλέξανδρος Дмитрий") == set()  # Liberation Sans has them


def test_the_sample_needs_no_fallback_so_its_pdf_is_unchanged():
    """Every run of the sample is handed to reportlab as before: one Liberation Sans
    segment, escaped as pdf.py always did; and its PDF embeds no other font."""
    glyphs = Glyphs(register_fonts(italic=True))
    for variant in Variant:
        document = build_document(load_sample(), variant)
        texts = [document.title, *(run.text for block in document.blocks if isinstance(block, Paragraph)
                                   for run in block.runs)]
        for text in texts:
            assert glyphs.segments(text) == [(text, None)]
            assert glyphs.markup(text) == escape(text, quote=False)
        out = io.BytesIO()
        assert render_pdf(document, out) == []
        assert not any(name.startswith("DejaVu") for name in font_names(out.getvalue()))
    assert glyphs.missing == {}


def test_fallback_font_is_read_only_when_a_document_needs_it():
    probe = (
        "import io\n"
        "from reportlab.pdfbase import pdfmetrics\n"
        "from referat_desktop.export.pipeline import render\n"
        "from test_export_pdf import load_sample\n"
        "from test_export_pdf_fonts import symbols_meeting\n"
        "from referat_desktop.domain.texts import Variant\n"
        "dejavu = lambda: sorted(n for n in pdfmetrics.getRegisteredFontNames() if n.startswith('DejaVu'))\n"
        "render(load_sample(), 'pdf', Variant.MINUTES, io.BytesIO())\n"
        "print(dejavu())\n"
        "render(symbols_meeting(), 'pdf', Variant.MINUTES, io.BytesIO())\n"
        "print(dejavu())\n"
    )
    tests = str(Path(__file__).parent)
    python_path = os.pathsep.join(p for p in (tests, os.environ.get("PYTHONPATH")) if p)
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PYTHONPATH": python_path})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["[]", "['DejaVuSans-bold', 'DejaVuSans-regular']"]


def test_characters_no_font_has_are_named_in_one_warning(tmp_path):
    """DejaVu Sans draws 😀 (in black and white); ✅ and 中文 no shipped font has."""
    meeting = Meeting(body="Udvalget", date=dt.date(2024, 3, 5), items=[
        Item(title="Første", sections=[Section(SectionKind.BAGGRUND, "Intet at se her")]),
        Item(title="Glæde", sections=[
            Section(SectionKind.BAGGRUND, "Smil 😀 i baggrunden"),
            Section(SectionKind.BESLUTNING, "Godkendt ✅ 中文 og 😀\ufe0f,\u3000slut ✅"),
        ]),
    ])
    path = tmp_path / "w.pdf"
    warnings = write_export(meeting, "pdf", Variant.MINUTES, path)
    assert len(warnings) == 1
    warning = warnings[0]
    assert warning.characters == ("✅", "中", "文")  # the invisible U+FE0F is not reported
    assert warning.places == (Place(2, "Glæde", "Beslutning Udvalget den 05-03-2024"),) * 3
    assert warning.message == ("tegnene ✅ 中 文 kan ikke vises i PDF'en og er udeladt "
                               "(i punkt 2 \"Glæde\", afsnittet \"Beslutning Udvalget den 05-03-2024\")")
    text = flat(" ".join(pages_text(path)))  # written all the same, with what could be drawn
    assert "Smil 😀 i baggrunden" in text and "Godkendt og 😀\ufe0f, slut" in text
    assert "✅" not in text and "中" not in text
    # The Word file keeps every character; its readers' fonts draw them.
    out = io.BytesIO()
    assert render(meeting, "docx", Variant.MINUTES, out) == []
    word = " ".join(p.text for p in WordDocument(out).paragraphs)
    assert "Godkendt ✅ 中文 og 😀\ufe0f,\u3000slut ✅" in word


def test_warning_names_the_first_place_of_each_character():
    front, title = Place(), Place(3, "Titel ✅")
    section = Place(3, "Titel ✅", "Beslutning")
    unnamed = Place(4, "x" * 80, "")
    warning = missing_characters_warning({"✅": title, "中": section, "\u0361": front, "文": unnamed})
    assert warning.message == (
        "tegnene ✅ 中 \u25cc\u0361 文 kan ikke vises i PDF'en og er udeladt (✅ i punkt 3 \"Titel ✅\"; "
        "中 i punkt 3 \"Titel ✅\", afsnittet \"Beslutning\"; \u25cc\u0361 på forsiden; og 1 steder mere)"
    )
    assert missing_characters_warning({"✅": front}).message == (
        "tegnet ✅ kan ikke vises i PDF'en og er udeladt (på forsiden)")
    many = missing_characters_warning({chr(0x4E00 + n): unnamed for n in range(25)})
    assert many.message.endswith(f"og 5 andre kan ikke vises i PDF'en og er udeladt "
                                 f"(i punkt 4 \"{'x' * 49}…\", et afsnit uden overskrift)")
    assert "\n" not in many.message
