"""The web page export (`--format html`), read back with html5lib: valid HTML, the outline,
the table of contents' links, lists, the facts table, escaping, and nothing fetched. No Qt.
The real browser's accessibility check is tests/test_export_html_browser.py."""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET

import html5lib
import pytest

from html_cases import AWKWARD_TITLE, LONG_WORD, cases, html_of, html_variants, nested_meeting
from referat_desktop import cli
from referat_desktop.domain.model import Item, Meeting, Section, SectionKind
from referat_desktop.domain.texts import Variant
from referat_desktop.export import formats
from referat_desktop.export.build import build_document
from referat_desktop.export.document import Document, Heading, Paragraph, TextRun, Title
from referat_desktop.export.html import render_html
from referat_desktop.export.pipeline import render

CASES = cases()
ALL = [pytest.param(name, variant, id=f"{name}-{variant.value}")
       for name in CASES for variant in html_variants()]


def parse(page: str) -> ET.Element:
    """The page as a tree; html5lib in strict mode raises on any parse error."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(page)


def text(element: ET.Element) -> str:
    return "".join(element.itertext())


def own_paragraph(li: ET.Element) -> str:
    return text(li.find("p"))


@pytest.mark.parametrize(("name", "variant"), ALL)
def test_valid_self_contained_page(name: str, variant: Variant) -> None:
    meeting = CASES[name]
    page = html_of(meeting, variant)
    assert page.startswith("<!DOCTYPE html>\n")
    root = parse(page)
    document = build_document(meeting, variant)
    assert root.get("lang") == "da"
    assert [text(t) for t in root.iter("title")] == [document.title]
    assert root.find("head/meta[@charset]").get("charset") == "utf-8"
    viewport = root.find("head/meta[@name='viewport']").get("content")
    assert "width=device-width" in viewport
    # Nothing runs and nothing is fetched: no script, no external style, image or frame,
    # and every link stays on the page.
    for tag in ("script", "link", "img", "iframe", "object", "embed", "base"):
        assert root.find(f".//{tag}") is None, tag
    assert all(a.get("href", "").startswith("#") for a in root.iter("a"))
    assert not any(element.get("src") or element.get("style") for element in root.iter())
    css = "".join(text(style) for style in root.iter("style"))
    assert "url(" not in css and "@import" not in css


@pytest.mark.parametrize(("name", "variant"), ALL)
def test_outline_follows_the_document(name: str, variant: Variant) -> None:
    document = build_document(CASES[name], variant)
    root = parse(html_of(CASES[name], variant))
    headings = [(element.tag, text(element)) for element in root.iter()
                if re.fullmatch("h[1-6]", str(element.tag))]
    expected = [("h1", document.title), ("h2", "Indholdsfortegnelse")]
    expected += [(f"h{block.level + 1}", block.text)
                 for block in document.blocks if isinstance(block, Heading)]
    assert headings == expected
    assert [tag for tag, _ in headings].count("h1") == 1
    levels = [int(tag[1]) for tag, _ in headings]
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))  # never skips a level down


@pytest.mark.parametrize(("name", "variant"), ALL)
def test_toc_links_resolve_to_the_items_in_order(name: str, variant: Variant) -> None:
    meeting = CASES[name]
    root = parse(html_of(meeting, variant))
    nav = root.find(".//nav")
    assert nav.get("aria-labelledby") == nav.find("h2").get("id")
    links = nav.findall("ol/li/a")
    assert [text(a) for a in links] == [item.title for item in meeting.items]
    ids = {element.get("id"): element for element in root.iter() if element.get("id")}
    for number, link in enumerate(links, 1):
        target = ids[link.get("href")[1:]]
        assert (target.tag, text(target)) == ("h2", f"Punkt {number}: {meeting.items[number - 1].title}")
    # Each item is a section named by its heading.
    sections = root.findall(".//main/section")
    assert [s.get("aria-labelledby") for s in sections] == [a.get("href")[1:] for a in links]


@pytest.mark.parametrize(("name", "variant"), ALL)
def test_facts_table_has_row_headers_and_caption(name: str, variant: Variant) -> None:
    document = build_document(CASES[name], variant)
    table = parse(html_of(CASES[name], variant)).find(".//table")
    assert text(table.find("caption")) == "Mødeoplysninger"
    rows = table.findall("tbody/tr")
    assert [(r.find("th").get("scope"), text(r.find("th")), text(r.find("td"))) for r in rows] == [
        ("row", label, value) for label, value in document.blocks[1].rows]


def test_nested_lists_nest_and_numbers_start_where_typed() -> None:
    section = parse(html_of(nested_meeting(), Variant.MINUTES)).find(".//section")
    outer, numbered = (element for element in section if element.tag in ("ul", "ol") and
                       element.get("class") != "attachments")
    assert outer.tag == "ul"
    assert [own_paragraph(li) for li in outer.findall("li")] == ["Første punkt", "Andet punkt"]
    inner = outer.find("li/ol")
    assert inner.get("start") is None
    assert [own_paragraph(li) for li in inner.findall("li")] == ["Under et", "Under to"]
    assert [own_paragraph(li) for li in inner.findall("li")[1].findall("ul/li")] == ["Dybt nede"]
    assert (numbered.tag, numbered.get("start")) == ("ol", "3")
    assert [own_paragraph(li) for li in numbered.findall("li")] == ["Tre", "Fire"]
    assert [text(h) for h in section.findall("h4")] == ["Underoverskrift"]
    intro = section.find("p[strong]")
    assert (text(intro.find("strong")), text(intro.find("em"))) == ("fed", "kursiv")
    attachments = section.find("ul[@class='attachments']")
    assert [text(li) for li in attachments.findall("li")] == ["Bilag 1.pdf", f"{LONG_WORD}.docx"]


def test_text_is_escaped_never_markup() -> None:
    page = html_of(nested_meeting(), Variant.MINUTES)
    root = parse(page)
    assert root.find(".//script") is None and root.find(".//b") is None and root.find(".//i") is None
    assert text(root.find(".//section[3]/h2")) == f"Punkt 3: {AWKWARD_TITLE}"
    assert text(root.find(".//nav/ol/li[3]/a")) == AWKWARD_TITLE
    body = root.find(".//section[3]/p")
    assert text(body) == 'Tekst med <i>tags</i>, & og "citat".\nNy linje.'
    assert body.find("br") is not None  # the hard line break typed in the editor
    assert "&lt;b&gt;&amp;&quot;&#x27;&gt;" in page


def test_closed_item_and_case_number_are_set_apart() -> None:
    closed_title = "Punkt 2: Salg af grund"
    public = parse(html_of(nested_meeting(), Variant.PUBLIC))
    item = public.findall(".//main/section")[1]
    assert text(item.find("h2")) == closed_title
    assert [(p.get("class"), text(p)) for p in item.findall("p")] == [("closed", "Lukket punkt")]
    assert "Fortroligt" not in text(public)
    minutes = parse(html_of(nested_meeting(), Variant.MINUTES)).findall(".//main/section")[0]
    case_number = minutes.find("p[@class='case-number']")
    assert text(case_number) == "Sagsnummer: 26/1234"
    assert case_number.find("span").get("class") == "visually-hidden"  # heard, not shown


def test_footer_shows_what_and_whether_approved() -> None:
    approved = parse(html_of(nested_meeting(), Variant.MINUTES)).find("body/footer")
    assert [text(p) for p in approved.findall("p")] == [
        "Referat af møde i Teknik- og Miljøudvalget 30-11-2026",
        "Godkendt. Referatet er godkendt 02-12-2026 af Anna Holm."]
    agenda = parse(html_of(nested_meeting(), Variant.AGENDA)).find("body/footer")
    assert [text(p) for p in agenda.findall("p")] == [
        "Dagsorden for møde i Teknik- og Miljøudvalget 30-11-2026"]


def test_a_character_html_cannot_hold_is_replaced_and_named() -> None:
    meeting = Meeting(body="Udvalg", date=dt.date(2026, 1, 5), items=[
        Item(title="Titel \ufdd0", sections=[Section(SectionKind.BESLUTNING, "Tekst \U0010ffff slut")])])
    out = io.BytesIO()
    warnings = render(meeting, "html", Variant.MINUTES, out)
    page = out.getvalue().decode("utf-8")
    parse(page)  # valid: no noncharacter left
    assert "\ufdd0" not in page and "\U0010ffff" not in page and "Titel \ufffd" in page
    assert [w.message for w in warnings] == [
        'tegnene U+FDD0 U+10FFFF kan ikke vises i websiden og er erstattet af \ufffd '
        '(U+FDD0 på forsiden; U+10FFFF i punkt 1 "Titel \ufdd0", '
        'afsnittet "Beslutning Udvalg den 05-01-2026")']


def test_an_empty_meeting_is_a_valid_page() -> None:
    root = parse(html_of(Meeting(body="Udvalg", date=dt.date(2026, 1, 5)), Variant.MINUTES))
    assert root.find(".//nav/ol") is None and root.find(".//main/section") is None


def test_the_command_line_writes_the_page(tmp_path, sample_json_path, capsys) -> None:
    db = tmp_path / "r.sqlite"
    assert cli.main(["import", str(sample_json_path), "--db", str(db)]) == 0
    capsys.readouterr()
    out = tmp_path / "referat.html"
    assert cli.main(["export", "1", "--format", "html", "--public", "-o", str(out), "--db", str(db)]) == 0
    assert capsys.readouterr().err == ""
    root = parse(out.read_text(encoding="utf-8"))
    assert text(root.find("head/title")) == "REFERAT Direktionen d. 16-12-2019"
    assert len(root.findall(".//main/section")) == 6
    assert formats.export_format("html").variants == formats.ALL_VARIANTS


def test_items_without_a_page_break_between_them_are_sibling_sections() -> None:
    blocks = [Title("T"), Heading(1, "Punkt 1: A", "punkt-1"), Paragraph([TextRun("a")]),
              Heading(1, "Punkt 2: B", "punkt-2"), Paragraph([TextRun("b")])]
    page, warnings = render_html(Document("T", "", "", blocks))
    sections = parse(page.decode("utf-8")).findall(".//main/section")
    assert warnings == []
    assert [(s.get("aria-labelledby"), text(s.find("p"))) for s in sections] == [
        ("punkt-1", "a"), ("punkt-2", "b")]
