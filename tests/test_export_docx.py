"""The Word renderer, checked by reading the .docx back with python-docx (no Qt)."""

from __future__ import annotations

import datetime as dt
import io

import docx
import docx.enum.style
import docx.enum.text
import docx.shared
import pytest
from docx.oxml.ns import qn

from referat_desktop.domain import texts
from referat_desktop.domain.model import Attachment, Item, Meeting, Section, SectionKind
from referat_desktop.domain.texts import Variant
from referat_desktop.export import style
from referat_desktop.export.build import build_document
from referat_desktop.export.document import (
    BulletList,
    Document,
    Heading,
    ListItem,
    NumberedList,
    PageBreak,
    Paragraph,
    TableOfContents,
    TextRun,
    Title,
    TocEntry,
)
from referat_desktop.export.docx import TOC_INSTRUCTION, render_docx
from referat_desktop.export.pdf import item_start_pages

REFERENCE_PAGES = [3, 4, 7, 11, 13, 14]  # where the items start in the published minutes


def render(document: Document, toc_pages: dict[str, int] | None = None):
    """Render and read back; pages default to 3, 4, 5 ... (hand-built documents)."""
    if toc_pages is None:
        keys = [b.key for b in document.blocks if isinstance(b, Heading) and b.key]
        toc_pages = {key: page for page, key in enumerate(keys, 3)}
    out = io.BytesIO()
    render_docx(document, out, toc_pages=toc_pages)
    out.seek(0)
    return docx.Document(out)


def body_texts(word) -> list[str]:
    """Every paragraph's text in body order, table cells included."""
    lines: list[str] = []
    for block in word.iter_inner_content():
        if isinstance(block, docx.table.Table):
            lines.extend(cell.text for row in block.rows for cell in row.cells)
        else:
            lines.append(block.text)
    return lines


def styled(word) -> list[tuple[str, object]]:
    """(style name, paragraph) for every body paragraph. Looked up by id once per style:
    python-docx's `paragraph.style` scans all styles for every paragraph."""
    names = {s.style_id: s.name for s in word.styles}
    default = word.styles.default(docx.enum.style.WD_STYLE_TYPE.PARAGRAPH).name
    return [(names.get(p._p.style, default), p) for p in word.paragraphs]


def paragraphs_with_style(word, style_name: str) -> list[str]:
    return [p.text for name, p in styled(word) if name == style_name]


def doc_of(*blocks, title="T") -> Document:
    return Document(title=title, author="Sekretær", subject="Emne", blocks=list(blocks))


def num_id(paragraph) -> int | None:
    found = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    return None if found is None else int(found.get(qn("w:val")))


@pytest.fixture(scope="module")
def sample_minutes():
    """The sample minutes' document, and the pages its items start on in the PDF."""
    from referat_desktop.domain import interchange
    from referat_desktop.resources_path import SAMPLE_MEETING, resource

    meeting = interchange.loads(resource(*SAMPLE_MEETING).read_text(encoding="utf-8"))[0]
    document = build_document(meeting, Variant.MINUTES)
    return document, item_start_pages(document)


@pytest.fixture(scope="module")
def sample_docx(sample_minutes):
    """Rendered as the command line does: TOC page numbers from the PDF layout."""
    document, pages = sample_minutes
    out = io.BytesIO()
    render_docx(document, out, toc_pages=pages)
    out.seek(0)
    return docx.Document(out)


def expected_strings(meeting: Meeting, variant: Variant) -> list[str]:
    """The template's strings in document order, from the domain's own wording rules."""
    strings = [texts.document_title(meeting, variant)]
    for label, value in texts.meeting_facts(meeting):
        strings += [label, value]
    strings.append(texts.TOC_HEADING)
    strings += [item.title for item in meeting.items]
    for number, item in enumerate(meeting.items, 1):
        strings += [texts.item_heading(number, item.title), item.case_number]
        strings += [texts.section_heading(meeting, s) for s in texts.printed_sections(item, variant)]
        if item.attachments:
            strings.append(texts.ATTACHMENTS_HEADING)
            strings += [a.name for a in item.attachments]
    return [s for s in strings if s]


def assert_in_order(haystack: list[str], needles: list[str]) -> None:
    position = 0
    for needle in needles:
        for index in range(position, len(haystack)):
            if haystack[index] == needle or haystack[index].startswith(needle + "\t"):
                position = index + 1
                break
        else:
            raise AssertionError(f"{needle!r} missing or out of order after paragraph {position}")


def test_sample_has_every_template_string_in_order(sample_meeting, sample_docx):
    lines = body_texts(sample_docx)
    assert_in_order(lines, expected_strings(sample_meeting, Variant.MINUTES))
    assert lines[0] == "REFERAT Direktionen d. 16-12-2019"
    assert lines[1:3] == ["Mødedato", "Mandag d. 16. december 2019 kl. 09:00"]
    assert "Beslutning Direktionen den 16-12-2019" in lines


def test_agenda_has_no_decision(sample_meeting):
    word = render(build_document(sample_meeting, Variant.AGENDA))
    lines = body_texts(word)
    assert lines[0].startswith("DAGSORDEN ")
    assert not any(line.startswith("Beslutning") for line in lines)
    assert_in_order(lines, expected_strings(sample_meeting, Variant.AGENDA))


def test_heading_styles(sample_meeting, sample_docx):
    headings1 = paragraphs_with_style(sample_docx, "Heading 1")
    assert headings1 == [texts.item_heading(n, item.title) for n, item in enumerate(sample_meeting.items, 1)]
    headings2 = paragraphs_with_style(sample_docx, "Heading 2")
    assert headings2[:2] == ["Baggrund", "Bilag"]  # item 1 has only these
    assert {"Indstilling", "Beslutning Direktionen den 16-12-2019", "Sagsfremstilling"} <= set(headings2)
    assert "Hvad er sociale investeringer?" in paragraphs_with_style(sample_docx, "Heading 3")
    assert paragraphs_with_style(sample_docx, "Title") == ["REFERAT Direktionen d. 16-12-2019"]
    # The case number sits right under its item heading.
    paragraphs = [p.text for p in sample_docx.paragraphs]
    assert paragraphs[paragraphs.index(headings1[1]) + 1] == "19/18529"


def test_each_item_and_the_toc_start_a_new_page(sample_docx):
    breaking = [p.text for p in sample_docx.paragraphs if p.paragraph_format.page_break_before]
    assert breaking == ["Indholdsfortegnelse", *paragraphs_with_style(sample_docx, "Heading 1")]
    # No empty paragraphs carrying manual breaks (they would push headings down a line).
    assert not sample_docx.element.body.findall(f".//{qn('w:br')}[@{qn('w:type')}='page']")


def toc_field_paragraphs(word):
    """The paragraphs from the TOC field's begin mark to its own end mark (the PAGEREF
    fields nested inside it have begin and end marks too)."""
    inside: list = []
    depth = 0
    for paragraph in word.paragraphs:
        for element in paragraph._p.iter(qn("w:fldChar"), qn("w:instrText")):
            if element.tag == qn("w:instrText") and element.text.strip().startswith("TOC") and depth == 1:
                inside.append(paragraph)
            elif element.tag == qn("w:fldChar"):
                kind = element.get(qn("w:fldCharType"))
                depth += {"begin": 1, "end": -1}.get(kind, 0)
                if kind == "end" and depth == 0 and inside:
                    if inside[-1] is not paragraph:
                        inside.append(paragraph)
                    return inside
        if inside and inside[-1] is not paragraph:
            inside.append(paragraph)
    raise AssertionError("no complete TOC field")


def test_toc_is_a_real_field_holding_titles_and_pages(sample_meeting, sample_minutes, sample_docx):
    toc = toc_field_paragraphs(sample_docx)
    instruction = next(toc[0]._p.iter(qn("w:instrText"))).text
    assert instruction.strip() == TOC_INSTRUCTION == 'TOC \\f \\l "1-1" \\h \\z'
    # The stored result: the item title alone, a (dot-leader) tab, the PDF's page.
    _, pdf_pages = sample_minutes
    pages = [pdf_pages[f"punkt-{n}"] for n in range(1, 7)]
    assert all(abs(page - reference) <= 1 for page, reference in zip(pages, REFERENCE_PAGES, strict=True))
    assert [p.text for p in toc] == [f"{item.title}\t{page}"
                                     for item, page in zip(sample_meeting.items, pages, strict=True)]
    assert all(p.style.name.lower() == "toc 1" for p in toc)
    tab = sample_docx.styles["TOC 1"].element.find(f"{qn('w:pPr')}/{qn('w:tabs')}/{qn('w:tab')}")
    assert (tab.get(qn("w:val")), tab.get(qn("w:leader"))) == ("right", "dot")
    # Each line links to the bookmark around its item's heading; the page is a PAGEREF.
    headings = [p for name, p in styled(sample_docx) if name == "Heading 1"]
    for line, heading in zip(toc, headings, strict=True):
        anchor = line._p.find(qn("w:hyperlink")).get(qn("w:anchor"))
        bookmark = heading._p.find(qn("w:bookmarkStart")).get(qn("w:name"))
        assert anchor == bookmark and bookmark.startswith("_Toc")
        refs = "".join(t.text for t in line._p.iter(qn("w:instrText")))
        assert f"PAGEREF {bookmark} \\h" in refs
    # An update lists the TC field in each heading: the title alone (tests/test_docx_toc_update.py).
    for heading, item in zip(headings, sample_meeting.items, strict=True):
        codes = [t.text.strip() for t in heading._p.iter(qn("w:instrText"))]
        assert codes == [f'TC "{item.title}"'] and heading.text.endswith(item.title)
    # Word must not ask "update fields?" on opening.
    assert sample_docx.settings.element.find(qn("w:updateFields")) is None


def test_toc_field_without_items_is_still_well_formed():
    word = render(doc_of(Title("T"), PageBreak(), TableOfContents("Indholdsfortegnelse", [])))
    toc = toc_field_paragraphs(word)
    assert len(toc) == 1 and toc[0].text == ""
    kinds = [c.get(qn("w:fldCharType")) for c in toc[0]._p.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]


def test_runs_keep_bold_italic_and_line_breaks():
    word = render(doc_of(Paragraph([TextRun("plain "), TextRun("fed", bold=True),
                                    TextRun(" skrå", italic=True), TextRun("linje 1\nlinje 2")])))
    runs = word.paragraphs[0].runs
    assert [(r.text, bool(r.bold), bool(r.italic)) for r in runs] == [
        ("plain ", False, False), ("fed", True, False), (" skrå", False, True),
        ("linje 1\nlinje 2", False, False)]
    assert runs[3]._r.find(qn("w:br")) is not None


def numbered(*texts_, start=1):
    return NumberedList([ListItem([Paragraph([TextRun(t)])]) for t in texts_], start=start)


def test_numbered_lists_restart_and_respect_start():
    word = render(doc_of(numbered("a", "b", "c"), Paragraph([TextRun("mellem")]), numbered("d", "e"),
                         numbered("x", "y", start=3)))
    items = [p for name, p in styled(word) if name == "List Number"]
    assert [p.text for p in items] == ["a", "b", "c", "d", "e", "x", "y"]
    ids = [num_id(p) for p in items]
    assert ids[0] == ids[1] == ids[2] and ids[3] == ids[4] and ids[5] == ids[6]
    assert len({ids[0], ids[3], ids[5]}) == 3
    numbering = word.part.numbering_part.element
    style_num = int(word.styles["List Number"].element.find(
        f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}").get(qn("w:val")))
    style_abstract = numbering.num_having_numId(style_num).abstractNumId.val
    for list_num, start in ((ids[0], 1), (ids[3], 1), (ids[5], 3)):
        num = numbering.num_having_numId(list_num)
        assert num.abstractNumId.val == style_abstract  # looks like every List Number
        override = num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
        assert int(override.get(qn("w:val"))) == start


def test_nested_lists_and_item_paragraphs():
    nested = BulletList([ListItem([Paragraph([TextRun("ydre")]),
                                   BulletList([ListItem([Paragraph([TextRun("indre")])])]),
                                   numbered("én"), Paragraph([TextRun("fortsat")])])])
    word = render(doc_of(nested))
    assert [(name, p.text) for name, p in styled(word)] == [
                      ("List Bullet", "ydre"), ("List Bullet 2", "indre"), ("List Number 2", "én"),
                      ("List Continue", "fortsat")]
    assert num_id(word.paragraphs[2]) is not None


def list_level(paragraph_or_style) -> int | None:
    element = getattr(paragraph_or_style, "_p", None)
    if element is None:
        element = paragraph_or_style.element
    found = element.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:ilvl')}")
    return None if found is None else int(found.get(qn("w:val")))


NESTED = doc_of(
    BulletList([ListItem([Paragraph([TextRun("ydre")]),
                          BulletList([ListItem([Paragraph([TextRun("indre")])])]), numbered("én", "to")]),
                ListItem([Paragraph([TextRun("ydre 2")])])]),
    Paragraph([TextRun("mellem")]),
    NumberedList([ListItem([Paragraph([TextRun("a")]), numbered("a1", "a2")]),
                  ListItem([Paragraph([TextRun("b")]), numbered("b1", start=5)])]))


def test_nested_lists_are_levels_of_one_definition_per_kind():
    """Depth is `w:ilvl` on one multi-level definition per list kind (not a separate
    single-level list per depth, which every reader but Word's eye saw as flat)."""
    word = render(NESTED)
    numbering = word.part.numbering_part.element
    marked = [(p.text, list_level(p), numbering.num_having_numId(num_id(p)).abstractNumId.val)
              for p in word.paragraphs if num_id(p) is not None]
    bullets, numbers = marked[0][2], marked[2][2]
    assert bullets != numbers
    assert marked == [("ydre", 0, bullets), ("indre", 1, bullets), ("én", 1, numbers), ("to", 1, numbers),
                      ("ydre 2", 0, bullets), ("a", 0, numbers), ("a1", 1, numbers), ("a2", 1, numbers),
                      ("b", 0, numbers), ("b1", 1, numbers)]
    # Each numbered list restarts at its own start, on its own level.
    by_text = {p.text: p for p in word.paragraphs}
    for text, level, start in (("én", 1, 1), ("a", 0, 1), ("a1", 1, 1), ("b1", 1, 5)):
        override = numbering.num_having_numId(num_id(by_text[text])).find(qn("w:lvlOverride"))
        assert int(override.get(qn("w:ilvl"))) == level
        assert int(override.find(qn("w:startOverride")).get(qn("w:val"))) == start
    assert len({num_id(by_text[t]) for t in ("én", "a", "a1", "b1")}) == 4
    # The levels: bullets and "%n." numbers, indented one step per level, as in the PDF.
    indent = docx.shared.Mm(style.LIST_INDENT_MM).twips
    for abstract in numbering.findall(qn("w:abstractNum")):
        for level in abstract.findall(qn("w:lvl")):
            ilvl = int(level.get(qn("w:ilvl")))
            ind = level.find(f"{qn('w:pPr')}/{qn('w:ind')}")
            left, hanging = int(ind.get(qn("w:left"))), int(ind.get(qn("w:hanging")))
            assert (left, hanging) == ((ilvl + 1) * indent, indent)
            text = level.find(qn("w:lvlText")).get(qn("w:val"))
            is_bullet = int(abstract.get(qn("w:abstractNumId"))) == bullets
            assert text == ("\u2022" if is_bullet else f"%{ilvl + 1}.")
    # The list styles name their level of the same definitions.
    for name, level in (("List Bullet", 0), ("List Bullet 2", 1), ("List Number 3", 2)):
        assert list_level(word.styles[name]) == level


def test_nested_lists_read_as_nested_by_mammoth():
    mammoth = pytest.importorskip("mammoth")
    out = io.BytesIO()
    render_docx(NESTED, out, toc_pages={})
    out.seek(0)
    assert mammoth.convert_to_html(out).value == (
        "<ul><li>ydre<ul><li>indre</li></ul><ol><li>én</li><li>to</li></ol></li><li>ydre 2</li></ul>"
        "<p>mellem</p>"
        "<ol><li>a<ol><li>a1</li><li>a2</li></ol></li><li>b<ol><li>b1</li></ol></li></ol>")


def test_sample_lists(sample_docx):
    bullets = paragraphs_with_style(sample_docx, "List Bullet")
    assert any(b.startswith("Kulturhusene samarbejder med private underleverandører") for b in bullets)
    # Lines that only look like lists stay paragraphs, as typed.
    assert any(p.startswith("24-09-2019: ") for p in paragraphs_with_style(sample_docx, "Normal"))


def test_footer_has_page_fields(sample_docx):
    footer = sample_docx.sections[0].footer.paragraphs[0]
    codes = [t.text.strip() for t in footer._p.iter(qn("w:instrText"))]
    assert codes == ["PAGE", "NUMPAGES"]
    assert footer.text == style.FOOTER_TEXT.format(page=1, pages=1)  # stored results
    # Centred, as pdf_numbers.py draws it (drawCentredString between the margins).
    assert footer.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    assert footer.paragraph_format.left_indent is None and footer.paragraph_format.right_indent is None
    assert sample_docx.styles["Footer"].element.find(f"{qn('w:pPr')}/{qn('w:tabs')}") is None


def test_page_setup_from_style(sample_docx):
    section = sample_docx.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert round(section.left_margin.mm, 1) == style.MARGIN_LEFT_MM
    assert round(section.right_margin.mm, 1) == style.MARGIN_RIGHT_MM
    assert round(section.top_margin.mm, 1) == style.MARGIN_TOP_MM
    assert round(section.bottom_margin.mm, 1) == style.MARGIN_BOTTOM_MM


def test_properties_language_and_fonts(sample_docx, sample_meeting):
    properties = sample_docx.core_properties
    assert properties.title == "REFERAT Direktionen d. 16-12-2019"
    assert properties.author == sample_meeting.secretary == "Kathrine Seier Skaastrup"
    assert properties.subject == "Referat af møde i Direktionen 16-12-2019"
    assert properties.language == "da-DK"
    assert "python-docx" not in (properties.comments + properties.author + properties.last_modified_by)
    styles = sample_docx.styles.element
    defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "da-DK"
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "TOC 1"):
        rpr = sample_docx.styles[name].element.rPr
        assert rpr.find(qn("w:lang")).get(qn("w:val")) == "da-DK", name
        assert sample_docx.styles[name].font.size is not None, name
    fonts = [defaults.find(qn("w:rFonts")), *styles.iter(qn("w:rFonts"))]
    for rfonts in fonts:
        assert not [a for a in rfonts.attrib if a.endswith("Theme") or a.endswith("theme")]
    slots = ("ascii", "hAnsi", "cs", "eastAsia")
    assert {defaults.find(qn("w:rFonts")).get(qn(f"w:{slot}")) for slot in slots} == {"Arial"}
    assert sample_docx.styles["Normal"].font.size.pt == style.BODY_SIZE
    assert sample_docx.styles["Heading 1"].font.size.pt == style.HEADING1_SIZE


def test_front_page_table(sample_docx):
    table = sample_docx.tables[0]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert [r[0] for r in rows] == ["Mødedato", "Mødested", "Mødedeltagere"]
    assert rows[2][1].endswith("Kathrine Seier Skaastrup (sekretær)")
    assert all(run.bold for row in table.rows for run in row.cells[0].paragraphs[0].runs)
    assert not any(run.bold for row in table.rows for run in row.cells[1].paragraphs[0].runs)
    # Described for screen readers, the first column marked as the rows' headers (and no
    # header row: tblHeader would repeat the first facts row as a column header).
    properties = table._tbl.tblPr
    assert properties.find(qn("w:tblCaption")).get(qn("w:val")) == "Mødets oplysninger"
    assert properties.find(qn("w:tblDescription")).get(qn("w:val")) == (
        "Mødedato, Mødested, Mødedeltagere. Første kolonne er rækkernes overskrifter, "
        "anden kolonne deres værdier.")
    look = properties.find(qn("w:tblLook"))
    assert (look.get(qn("w:firstColumn")), look.get(qn("w:firstRow"))) == ("1", "0")
    assert table._tbl.find(f".//{qn('w:tblHeader')}") is None


def meeting_with(items: list[Item], **fields) -> Meeting:
    base = {"body": "Direktionen", "date": dt.date(2019, 12, 16), "time": "09:00", "location": "B105",
            "participants": ["Lars Holte"], "secretary": "Kathrine"}
    return Meeting(**{**base, **fields}, items=items)


def test_afbud_row_when_someone_sent_apologies():
    word = render(build_document(meeting_with([], absent=["Per Aalbæk Nielsen"]), Variant.MINUTES))
    assert [row.cells[0].text for row in word.tables[0].rows][-1] == "Afbud"


HOSTILE = "a\x01b\x0bc\x0cd <tag> & R&D > \U0001F600 中文 \ud800 \ufffe end"


def test_hostile_text_straight_to_the_renderer_never_crashes():
    """The builder cleans text, but the renderer must not trust it: it drops what XML
    cannot hold and keeps everything else."""
    word = render(doc_of(Title(HOSTILE), Heading(1, HOSTILE, "k"), Paragraph([TextRun(HOSTILE, bold=True)]),
                         TableOfContents(HOSTILE, [TocEntry(HOSTILE, "k")]), title=HOSTILE))
    kept = "ab\nc\nd <tag> & R&D > \U0001F600 中文   end"
    assert word.paragraphs[0].text == kept
    assert word.paragraphs[1].text == kept.replace("\n", " ")
    assert word.paragraphs[2].text == kept
    assert word.core_properties.title == "ab\nc\nd <tag> & R&D > \U0001F600 中文   end"


def test_bad_input_through_the_builder():
    long_word = "x" * 10_000
    items = [
        Item(title="<b>R&D</b> \U0001F600 会议 \x07" + "t" * 600, case_number="19/1\x00",
             sections=[Section(SectionKind.BAGGRUND, f"{long_word}\n\nlinje\x0bnæste\x0c <script> & *"),
                       Section(SectionKind.INDSTILLING, "")],
             attachments=[Attachment("bilag <1> & 2.pdf")]),
        Item(title=""),
    ]
    word = render(build_document(meeting_with(items, location="Rum <1> & 2"), Variant.MINUTES))
    lines = body_texts(word)
    assert any(line.startswith("Punkt 1: <b>R&D</b> \U0001F600 会议 ") and line.endswith("t" * 600)
               for line in lines)
    assert long_word in lines
    assert "linje\nnæste\n <script> & *" in lines
    assert "bilag <1> & 2.pdf" in lines and "Rum <1> & 2" in lines
    assert "Indstilling" not in lines  # empty sections are left out
    assert "Punkt 2: " in lines or "Punkt 2:" in lines
    assert not any("\x07" in line or "\x00" in line for line in lines)


def test_empty_meeting_exports():
    word = render(build_document(meeting_with([]), Variant.MINUTES))
    assert paragraphs_with_style(word, "Heading 1") == []
    assert "Indholdsfortegnelse" in body_texts(word)


def test_two_hundred_items():
    items = [Item(title=f"Sag {n}", case_number=f"19/{n:05d}",
                  sections=[Section(SectionKind.BAGGRUND, f"Tekst {n}\n\n1. en\n2. to")])
             for n in range(1, 201)]
    document = build_document(meeting_with(items), Variant.MINUTES)
    word = render(document, {f"punkt-{n}": n + 2 for n in range(1, 201)})
    assert len(paragraphs_with_style(word, "Heading 1")) == 200
    toc = toc_field_paragraphs(word)
    assert len(toc) == 200 and toc[-1].text == "Sag 200\t202"
    numbers = [num_id(p) for name, p in styled(word) if name == "List Number"]
    assert len(numbers) == 400 and len(set(numbers)) == 200  # one restarting list per item


def test_command_line_writes_a_docx_word_can_open(tmp_path, sample_json_path):
    """`referat export ID --format docx -o OUT`, as another system would call it."""
    import subprocess
    import sys

    db = tmp_path / "referat.sqlite"

    def referat(*args: str) -> str:
        result = subprocess.run([sys.executable, "-m", "referat_desktop.cli", *args, "--db", str(db)],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        return result.stdout

    meeting_id = referat("import", str(sample_json_path)).split()[0]
    out = tmp_path / "referat.docx"
    referat("export", meeting_id, "--format", "docx", "-o", str(out))
    word = docx.Document(str(out))
    assert word.core_properties.title == "REFERAT Direktionen d. 16-12-2019"
    assert len(paragraphs_with_style(word, "Heading 1")) == 6
    assert [p.name for p in tmp_path.iterdir() if "docx" in p.name] == ["referat.docx"]  # no temp file left


# Child order of the property elements we write, from ECMA-376 (python-docx uses the
# same lists internally). Word refuses a file whose properties are out of order, and
# LibreOffice does not, so the LibreOffice test would not notice.
SCHEMA_ORDER = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
           "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
           "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
           "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr "
           "sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
           "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
           "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
             "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription "
             "tblPrChange",
}


def test_properties_are_in_schema_order(sample_minutes):
    import zipfile

    from lxml import etree

    document, pages = sample_minutes
    out = io.BytesIO()
    render_docx(document, out, toc_pages=pages)
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(out) as package:
        assert "docProps/thumbnail.jpeg" not in package.namelist()  # python-docx's sample page
        for part in ("word/document.xml", "word/styles.xml", "word/numbering.xml", "word/footer1.xml"):
            root = etree.fromstring(package.read(part))
            for name, order in SCHEMA_ORDER.items():
                rank = {w + tag: n for n, tag in enumerate(order.split())}
                for element in root.iter(w + name):
                    ranks = [rank.get(child.tag, -1) for child in element]
                    assert -1 not in ranks and ranks == sorted(ranks), (part, [c.tag for c in element])


def test_toc_entry_without_a_heading_is_plain_text():
    word = render(doc_of(TableOfContents("Indholdsfortegnelse", [TocEntry("Forsvundet", "ingen")])),
                  {"ingen": 3})
    line = toc_field_paragraphs(word)[0]
    assert line.text == "Forsvundet\t3" and line._p.find(qn("w:hyperlink")) is None


def package_parts(document: Document) -> dict[str, bytes]:
    import zipfile

    out = io.BytesIO()
    render_docx(document, out, toc_pages={})
    with zipfile.ZipFile(out) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_the_file_says_who_wrote_it_and_claims_nothing_else(sample_minutes):
    """docProps/app.xml and settings.xml: our program, Word 2013+ layout, Danish, no
    counts or proofing we never did (python-docx's template said Word 2010 for Mac)."""
    from lxml import etree

    import referat_desktop

    parts = package_parts(sample_minutes[0])
    app = etree.fromstring(parts["docProps/app.xml"])
    ep = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
    assert app.findtext(f"{ep}Application") == f"Referat Desktop {referat_desktop.__version__}"
    written = {child.tag.removeprefix(ep) for child in app}
    for claim in ("Pages", "Words", "Characters", "CharactersWithSpaces", "Lines", "Paragraphs", "AppVersion",
                  "TotalTime", "Template"):
        assert claim not in written
    assert b"Microsoft" not in parts["docProps/app.xml"] and b"Macintosh" not in parts["docProps/app.xml"]

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    settings = etree.fromstring(parts["word/settings.xml"])
    modes = [c.get(f"{w}val") for c in settings.iter(f"{w}compatSetting")
             if c.get(f"{w}name") == "compatibilityMode"]
    assert modes == ["15"]
    assert settings.find(f"{w}proofState") is None  # no "spelling: clean" claim
    assert settings.find(f"{w}themeFontLang").attrib == {f"{w}val": "da-DK"}
    assert settings.find(f"{w}decimalSymbol").get(f"{w}val") == ","
    assert settings.find(f"{w}listSeparator").get(f"{w}val") == ";"

    # Every language mark in the styles and the document says Danish, and only that.
    for part in ("word/styles.xml", "word/document.xml", "word/footer1.xml", "word/numbering.xml"):
        for lang in etree.fromstring(parts[part]).iter(f"{w}lang"):
            assert dict(lang.attrib) == {f"{w}val": "da-DK"}, part
    styles = etree.fromstring(parts["word/styles.xml"])
    assert styles.find(f"{w}docDefaults/{w}rPrDefault/{w}rPr/{w}lang") is not None
    assert b"en-US" not in parts["word/settings.xml"] + parts["word/styles.xml"]
