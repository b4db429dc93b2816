"""The PDF export, read back with pdftotext and pypdf (no Qt)."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from referat_desktop.domain import interchange, texts
from referat_desktop.domain.model import Attachment, Item, Meeting, Section, SectionKind
from referat_desktop.domain.texts import Variant
from referat_desktop.export import style
from referat_desktop.export.build import build_document
from referat_desktop.export.pdf import item_start_pages, render_pdf
from referat_desktop.resources_path import SAMPLE_MEETING, resource

REFERENCE_START_PAGES = [3, 4, 7, 11, 13, 14]
TOC_LINE = re.compile(r"^\s*(?P<title>.*?)\s*\.{3,}\s*(?P<page>\d+)\s*$")


def load_sample() -> Meeting:
    return interchange.loads(resource(*SAMPLE_MEETING).read_text(encoding="utf-8"))[0]


def export(meeting: Meeting, variant: Variant, path: Path) -> Path:
    with open(path, "wb") as out:
        render_pdf(build_document(meeting, variant), out)
    return path


def pages_text(path: Path) -> list[str]:
    """The text of each page, laid out as printed (pdftotext separates pages with \\f)."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")[:-1]


def flat(text: str) -> str:
    return " ".join(text.split())


def assert_in_order(text: str, expected: list[str]) -> None:
    position = 0
    for string in expected:
        found = text.find(flat(string), position)
        assert found >= 0, f"{string!r} missing after position {position}: ...{text[position:position + 200]}"
        position = found + len(flat(string))


def toc_pages(pages: list[str]) -> dict[str, int]:
    """Title -> page number, read from the TOC pages (from page 2 up to the first item)."""
    entries: dict[str, int] = {}
    pending = ""
    for page in pages[1:]:
        if "Punkt 1:" in page:
            break
        for line in page.splitlines():
            if not line.strip() or line.strip() == "Indholdsfortegnelse" or line.strip().startswith("Side "):
                continue
            match = TOC_LINE.match(line)
            if match:
                entries[flat(f"{pending} {match['title']}")] = int(match["page"])
                pending = ""
            else:  # the first lines of a long, wrapped title
                pending = f"{pending} {line}"
    return entries


def item_pages_in_text(pages: list[str]) -> list[int]:
    """1-based pages on which a `Punkt N:` heading is the first line, in order."""
    return [n for n, page in enumerate(pages, 1) if re.match(r"\s*Punkt \d+:", page)]


@pytest.fixture(scope="module")
def sample_pdfs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf")
    meeting = load_sample()
    closed = load_sample()
    closed.items[2].closed = True
    return {
        "minutes": export(meeting, Variant.MINUTES, folder / "referat.pdf"),
        "agenda": export(meeting, Variant.AGENDA, folder / "dagsorden.pdf"),
        "public": export(closed, Variant.PUBLIC, folder / "offentlig.pdf"),
        "minutes_closed": export(closed, Variant.MINUTES, folder / "referat-lukket.pdf"),
    }


# --- the sample meeting ------------------------------------------------------------------


def test_every_template_string_in_order(sample_pdfs):
    meeting = load_sample()
    expected = [
        "REFERAT Direktionen d. 16-12-2019",
        "Mødedato", "Mandag d. 16. december 2019 kl. 09:00",
        "Mødested", "Mødelokale B105",
        "Mødedeltagere", ("Lars Holte, Jørgen Lerhard, Per Aalbæk Nielsen, Charlotte Markussen, "
                          "Kathrine Seier Skaastrup (sekretær)"),
        "Side 1 af 15",
        "Indholdsfortegnelse", *[item.title for item in meeting.items],
    ]
    for number, item in enumerate(meeting.items, 1):
        expected += [f"Punkt {number}: {item.title}", item.case_number]
        expected += [texts.section_heading(meeting, s) for s in texts.printed_sections(item, Variant.MINUTES)]
        expected += ["Bilag", *[a.name for a in item.attachments]]
    expected.append("Side 15 af 15")
    text = flat(" ".join(pages_text(sample_pdfs["minutes"])))
    assert_in_order(text, expected)
    assert_in_order(text, ["Punkt 2: Status sociale investeringer - dec 2019", "19/18529", "Baggrund",
                           "Indstilling", "Beslutning Direktionen den 16-12-2019", "Sagsfremstilling",
                           "Hvad er sociale investeringer?", "Juridiske rammer", "Bilag",
                           "Sociale investeringer notat - bilag til direktionssag.docx"])
    assert_in_order(text, ["24-09-2019: BY Temadrøftelse", "”Vækst – vejen til velfærd”"])


def test_items_start_where_the_reference_and_the_toc_say(sample_pdfs):
    pages = pages_text(sample_pdfs["minutes"])
    actual = item_pages_in_text(pages)
    assert len(actual) == 6
    assert all(abs(a - r) <= 1 for a, r in zip(actual, REFERENCE_START_PAGES, strict=True)), actual
    assert list(toc_pages(pages).values()) == actual
    assert list(toc_pages(pages)) == [item.title for item in load_sample().items]
    assert list(item_start_pages(build_document(load_sample(), Variant.MINUTES)).values()) == actual


def test_one_bookmark_per_item_pointing_at_its_page(sample_pdfs):
    reader = pypdf.PdfReader(sample_pdfs["minutes"])
    outline = [(entry.title, reader.get_destination_page_number(entry) + 1) for entry in reader.outline]
    actual = item_pages_in_text(pages_text(sample_pdfs["minutes"]))
    assert outline == [(f"Punkt {n}: {item.title}", page)
                       for (n, item), page in zip(enumerate(load_sample().items, 1), actual, strict=True)]


def test_metadata_language_and_embedded_fonts(sample_pdfs):
    reader = pypdf.PdfReader(sample_pdfs["minutes"])
    assert reader.metadata.title == "REFERAT Direktionen d. 16-12-2019"
    assert reader.metadata.author == "Kathrine Seier Skaastrup"
    assert reader.metadata.subject == "Referat af møde i Direktionen 16-12-2019"
    assert reader.trailer["/Root"]["/Lang"] == "da-DK"
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"].split("+")[-1]] = "/FontFile2" in font["/FontDescriptor"]
    assert fonts == {"LiberationSans": True, "LiberationSans-Bold": True}  # embedded, nothing else


def test_footer_counts_pages(sample_pdfs):
    pages = pages_text(sample_pdfs["minutes"])
    assert [flat(page).endswith(f"Side {n} af {len(pages)}")
            for n, page in enumerate(pages, 1)] == [True] * 15


def test_deferred_numbers_are_drawn_in_the_pages_themselves(sample_pdfs):
    """The footers and the contents' page numbers are written into each page's own content
    when the PDF is saved: no mark is left behind and no page needs a form XObject."""
    reader = pypdf.PdfReader(sample_pdfs["minutes"])
    for page in reader.pages:
        content = page.get_contents().get_data()
        assert b"%referat-" not in content
        assert "/XObject" not in page["/Resources"]
        # The footer's text itself follows its artifact mark (it used to be a form's `Do`).
        assert b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC\nBT " in content
    toc_text = pages_text(sample_pdfs["minutes"])[1]
    assert re.search(r"Øvrige sager 16-12-2019 \.{20,} 3\b", toc_text)


def test_text_that_reads_like_a_page_mark_prints_as_typed(tmp_path):
    # The footer and contents numbers are marks replaced on save (pdf_numbers.py): only the
    # renderer's own mark lines are, never text that reads the same.
    meeting = meeting_with(item_with("%referat-footer\n\n%referat-toc-0", title="%referat-toc-0"))
    pages = pages_text(export(meeting, Variant.MINUTES, tmp_path / "marks.pdf"))
    assert [flat(page).endswith(f"Side {n} af {len(pages)}") for n, page in enumerate(pages, 1)] == [True] * 3
    assert flat(pages[2]).count("%referat-footer") == 1 and flat(pages[2]).count("%referat-toc-0") == 2
    assert re.search(r"%referat-toc-0 \.{20,} 3\b", pages[1])


def test_agenda_says_dagsorden_and_has_no_decisions(sample_pdfs):
    meeting = load_sample()
    text = flat(" ".join(pages_text(sample_pdfs["agenda"])))
    assert text.startswith("DAGSORDEN Direktionen d. 16-12-2019")
    assert "REFERAT" not in text and "Beslutning" not in text
    for item in meeting.items:
        decision = item.section(SectionKind.BESLUTNING)
        if decision is not None:
            assert flat(decision.text)[:60] not in text
    subject = pypdf.PdfReader(sample_pdfs["agenda"]).metadata.subject
    assert subject == "Dagsorden for møde i Direktionen 16-12-2019"


def test_public_version_hides_closed_items(sample_pdfs):
    closed = load_sample().items[2]
    public = flat(" ".join(pages_text(sample_pdfs["public"])))
    assert "Punkt 3: Udviklingsgreb i Charlottekvarteret Lukket punkt Side" in public
    assert closed.case_number not in public
    assert "1. skitse til udviklingsplan" not in public
    for section in closed.sections:
        assert flat(section.text)[:50] not in public
    # The minutes still hold it all, and the public TOC still points at the right pages.
    assert closed.case_number in flat(" ".join(pages_text(sample_pdfs["minutes_closed"])))
    pages = pages_text(sample_pdfs["public"])
    assert list(toc_pages(pages).values()) == item_pages_in_text(pages) == [3, 4, 7, 8, 10, 11]


def test_renders_to_memory_for_printing():
    out = io.BytesIO()
    render_pdf(build_document(load_sample(), Variant.AGENDA), out)
    assert out.getvalue().startswith(b"%PDF") and len(pypdf.PdfReader(out).pages) >= 14


# --- section text and bad input ----------------------------------------------------------


def meeting_with(*items: Item, **facts) -> Meeting:
    return Meeting(body="Udvalget", date=dt.date(2024, 3, 5), time="16:00", location="Rådhuset",
                   participants=["Anna Andersen"], secretary="Bo Berg", items=list(items), **facts)


def item_with(text: str, title: str = "Punktet", **kwargs) -> Item:
    return Item(title=title, case_number="24/00001", sections=[Section(SectionKind.BAGGRUND, text)], **kwargs)


def test_numbered_lists_restart_and_bullets_are_drawn(tmp_path):
    text = "1. en\n2. to\n\nMellem listerne\n\n1. tre\n2. fire\n\n- punkt\n  1. indlejret\n\n7. syv\n8. otte"
    lines = [line.strip() for line in pages_text(export(meeting_with(item_with(text)), Variant.MINUTES,
                                                        tmp_path / "l.pdf"))[2].splitlines()]
    numbered = [line for line in lines if re.match(r"\d+\. ", line)]
    assert numbered == ["1. en", "2. to", "1. tre", "2. fire", "1. indlejret", "7. syv", "8. otte"]
    assert [line.split() for line in lines if line.startswith("•")] == [["•", "punkt"]]


def test_text_that_looks_like_markup_prints_as_typed(tmp_path):
    typed = ["24-09-2019: BY Temadrøftelse", "1) Interne investeringer. 2) Effektiv investering",
             "*", "<b>ikke fed</b>", "R&D", "a<b", "&amp; &lt;", "> ikke citat", "16. december blev"]
    path = export(meeting_with(item_with("\n\n".join(typed), title="<i>R&D</i> a<b")), Variant.MINUTES,
                  tmp_path / "m.pdf")
    text = flat(" ".join(pages_text(path)))
    assert_in_order(text, ["<i>R&D</i> a<b", "Punkt 1: <i>R&D</i> a<b", *typed])
    assert "R&D;" not in text


def test_pasted_line_breaks_and_control_characters(tmp_path):
    path = export(meeting_with(item_with("første\x0banden\x0ctredje\x01\x1b slut")), Variant.MINUTES,
                  tmp_path / "c.pdf")
    lines = [line.strip() for line in pages_text(path)[2].splitlines() if line.strip()]
    assert lines[lines.index("første"):lines.index("første") + 3] == ["første", "anden", "tredje slut"]


def test_emoji_and_cjk_draw_what_the_font_has(tmp_path):
    path = export(meeting_with(item_with("Før 😀 漢字 efter – æøå ÆØÅ m²", title="Glæde 🎉")),
                  Variant.MINUTES, tmp_path / "e.pdf")
    text = flat(" ".join(pages_text(path)))
    assert "Punkt 1: Glæde" in text and "Før" in text and "efter – æøå ÆØÅ m²" in text


def test_ten_thousand_character_word_wraps_inside_the_margins(tmp_path):
    word = "x" * 10_000
    path = export(meeting_with(item_with(f"Start {word} slut", title="y" * 10_000,
                                         attachments=[Attachment("z" * 10_000)])),
                  Variant.MINUTES, tmp_path / "w.pdf")
    text = " ".join(pages_text(path))
    assert text.count("x") == 10_000 and text.count("z") == 10_000
    assert text.count("y") == 10_000 * 2  # in the TOC and in the heading
    bbox = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    right_edge = (style.PAGE_WIDTH_MM - style.MARGIN_RIGHT_MM) / 25.4 * 72
    assert max(float(x) for x in re.findall(r'xMax="([\d.]+)"', bbox)) <= right_edge + 1


def test_empty_and_extreme_meetings_export(tmp_path):
    empty_title = item_with("", title="")
    long_title = item_with("Tekst", title="Lang titel " * 55)  # 605 characters
    sections = Item(title="Tomme afsnit", sections=[Section(kind, "") for kind in SectionKind
                                                     if kind is not SectionKind.EXTRA])
    path = export(meeting_with(empty_title, long_title, sections), Variant.MINUTES, tmp_path / "x.pdf")
    pages = pages_text(path)
    assert item_pages_in_text(pages) == [3, 4, 5]
    assert list(toc_pages(pages).values()) == [3, 4, 5]
    assert flat("Lang titel " * 55) in toc_pages(pages)
    no_items = export(Meeting(body="Udvalget", date=dt.date(2024, 3, 5)), Variant.MINUTES, tmp_path / "n.pdf")
    assert flat(" ".join(pages_text(no_items))) == (
        "REFERAT Udvalget d. 05-03-2024 Mødedato Tirsdag d. 5. marts 2024 Mødested Mødedeltagere "
        "Side 1 af 2 Indholdsfortegnelse Side 2 af 2"
    )


def test_two_hundred_items_with_a_toc_over_several_pages(tmp_path):
    items = [item_with(f"Tekst til punkt {n}.", title=f"Punkt nummer {n}") for n in range(1, 201)]
    path = export(meeting_with(*items), Variant.MINUTES, tmp_path / "200.pdf")
    pages = pages_text(path)
    starts = item_pages_in_text(pages)
    assert len(starts) == 200 and starts == list(range(starts[0], starts[0] + 200))
    assert starts[0] > 3  # the table of contents took several pages
    assert list(toc_pages(pages).values()) == starts
    assert list(item_start_pages(build_document(meeting_with(*items), Variant.MINUTES)).values()) == starts
    assert len(pypdf.PdfReader(path).outline) == 200


# --- the command line --------------------------------------------------------------------


def referat(*args: str, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "referat_desktop.cli", *args, "--db", str(db)],
                          check=False, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(
    ("flags", "first_line", "decision"),
    [([], "REFERAT", True), (["--agenda"], "DAGSORDEN", False), (["--public"], "REFERAT", True)],
)
def test_cli_exports_pdf(tmp_path, sample_json_path, flags, first_line, decision):
    """The sample has no closed item, so its public version is paginated as the minutes."""
    db = tmp_path / "db.sqlite"
    meeting_id = referat("import", str(sample_json_path), db=db).stdout.strip()
    out = tmp_path / "ud.pdf"
    result = referat("export", meeting_id, "--format", "pdf", *flags, "-o", str(out), db=db)
    assert result.returncode == 0 and result.stderr == ""
    text = flat(" ".join(pages_text(out)))
    assert text.startswith(f"{first_line} Direktionen d. 16-12-2019")
    assert ("Beslutning Direktionen den 16-12-2019" in text) is decision
    pages = pages_text(out)
    assert list(toc_pages(pages).values()) == item_pages_in_text(pages)
    if decision:
        assert item_pages_in_text(pages) == REFERENCE_START_PAGES


def test_cli_unwritable_target_is_one_line_and_keeps_the_old_file(tmp_path, sample_json_path):
    db = tmp_path / "db.sqlite"
    meeting_id = referat("import", str(sample_json_path), db=db).stdout.strip()
    target = tmp_path / "gammel.pdf"
    target.write_bytes(b"the old export")
    target.chmod(0o444)
    result = referat("export", meeting_id, "--format", "pdf", "-o", str(target), db=db)
    assert result.returncode != 0 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "skrivebeskyttet" in result.stderr
    assert target.read_bytes() == b"the old export"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temp file left
    missing = referat("export", meeting_id, "--format", "pdf", "-o", str(tmp_path / "nej" / "x.pdf"), db=db)
    assert missing.returncode != 0 and missing.stderr.count("\n") == 1 and "findes ikke" in missing.stderr


def _font_names(pdf_bytes: bytes) -> set[str]:
    names = set()
    for page in pypdf.PdfReader(io.BytesIO(pdf_bytes)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def test_italic_faces_are_loaded_when_a_later_document_needs_them():
    """The italic faces are read only for documents with italic text (start-up speed);
    a later export in the same process that has italic must still print it in italic."""
    plain = Meeting(body="Direktionen", date=dt.date(2026, 1, 5),
                    items=[Item(title="A", sections=[Section(SectionKind.BAGGRUND, "ren tekst")])])
    slanted = Meeting(body="Direktionen", date=dt.date(2026, 1, 5),
                      items=[Item(title="B",
                                  sections=[Section(SectionKind.BAGGRUND, "*skrå* og ***begge***")])])
    first, second = io.BytesIO(), io.BytesIO()
    render_pdf(build_document(plain, Variant.MINUTES), first)
    render_pdf(build_document(slanted, Variant.MINUTES), second)
    assert not any("Italic" in name for name in _font_names(first.getvalue()))
    assert {"LiberationSans-Italic", "LiberationSans-BoldItalic"} <= _font_names(second.getvalue())


def test_slow_patterns_compile_on_first_use_and_match_the_same():
    from referat_desktop.export.pdf_startup import slow_patterns_compiled_on_first_use

    slow = "([a-z\xa1-\uffff0-9]+)\\.dk\\Z"
    original = re.compile
    with slow_patterns_compiled_on_first_use():
        deferred = re.compile(slow, re.I)
        ordinary = re.compile("[a-z]+")
    assert re.compile is original
    assert isinstance(ordinary, re.Pattern) and not isinstance(deferred, re.Pattern)
    assert deferred.match("Høje-taastrup.DK") is None
    assert deferred.match("Høje.DK").group(1) == original(slow, re.I).match("Høje.DK").group(1) == "Høje"
    assert deferred.pattern == slow and deferred.flags & re.I

    with pytest.raises(RuntimeError), slow_patterns_compiled_on_first_use():
        raise RuntimeError("an import failed")
    assert re.compile is original


def test_reportlabs_unused_patterns_still_work_when_used():
    # Compiled on first use (pdf_startup._UNUSED_PATTERN_MODULES): the features they serve
    # give what the compiled patterns give.
    from reportlab.lib import PyFontify, rl_safe_eval, textsplit

    from referat_desktop.export import pdf  # noqa: F401  # imports reportlab as an export does

    text = "Møde 漢字 kl. 9"
    assert textsplit.rx.sub(r"\1\0 ", text) == re.compile("([\u2e80-\uffff])").sub(r"\1\0 ", text)
    assert [tag for tag, *_ in PyFontify.fontify("def f(x):\n    return x  # y\n")] == [
        "keyword", "identifier", "keyword", "comment"]
    assert rl_safe_eval.rl_safe_eval("[1, 2][1] + 3") == 5
    with pytest.raises(Exception, match="__import__"):
        rl_safe_eval.rl_safe_eval("__import__('os')")


def test_reportlabs_uri_pattern_answers_plain_words_without_compiling():
    # reportlab asks uri_pat.match of every word hyphenation looks at; compiling it costs
    # ~60 ms of each `referat export` process, and only a word with "://" can match.
    from reportlab.platypus import paragraph

    from referat_desktop.export.pdf_startup import slow_patterns_compiled_on_first_use

    uri_pat = paragraph.uri_pat
    source = uri_pat.pattern if isinstance(uri_pat, re.Pattern) else uri_pat._pattern
    with slow_patterns_compiled_on_first_use():
        deferred = re.compile(source, re.I)
    compiled = re.compile(source, re.I)
    for word in ("Sagsfremstilling", "www.kk.dk", "2018-2022", "a:/b", "ftp:/x.dk"):
        assert deferred.match(word) is None is compiled.match(word)
    assert "_compiled" not in vars(deferred), "a plain word compiled the pattern"
    for word in ("https://www.kk.dk/dagsorden", "HTTP://KK.DK", "a://b", "x://localhost:8080"):
        found, expected = deferred.match(word), compiled.match(word)
        assert (found and found.group(0)) == (expected and expected.group(0))
