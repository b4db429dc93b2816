"""The combined PDF (`--with-attachments`): the document followed by its bilag, read back
with pypdf and pdftotext (no Qt). The bilag are made with reportlab and python-docx here."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import docx
import pypdf
import pytest
from pypdf.generic import DictionaryObject, NameObject
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from referat_desktop.domain import interchange
from referat_desktop.domain.model import Attachment, Item, Meeting, Section, SectionKind
from referat_desktop.domain.texts import Variant
from referat_desktop.export import office_convert, pdf_combine
from referat_desktop.export.build import build_document
from referat_desktop.export.errors import ExportError
from referat_desktop.export.pdf import render_pdf
from referat_desktop.export.pipeline import write_export
from test_export_pdf import flat, pages_text

SOFFICE = office_convert.find_soffice()
TOC_LINE = re.compile(r"^(?P<indent>\s*)(?P<title>\S.*?)\s*\.{3,}\s*(?P<page>\d+)\s*$")


def make_pdf(label: str, pages: int, size: tuple[float, float] = A4, rotate: int = 0,
             password: str | None = None) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=size, encrypt=password)
    for number in range(1, pages + 1):
        if rotate:
            canvas.setPageRotation(rotate)
        canvas.drawString(72, size[1] / 2, f"{label} side {number}")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def make_docx(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def meeting_with_bilag() -> Meeting:
    """Item 1 open: a PDF, a .docx, a picture, a name; item 2 closed: a PDF; item 3 open: a
    landscape PDF turned on its side, a closed PDF, an encrypted and a damaged one."""
    def item(title: str, attachments: list[Attachment], closed: bool = False) -> Item:
        return Item(title=title, closed=closed, attachments=attachments,
                    sections=[Section(SectionKind.BAGGRUND, f"Om {title.lower()}.")])

    return Meeting(body="Økonomiudvalget", date=dt.date(2026, 11, 30), items=[
        item("Budget", [
            Attachment("Budgetnotat.pdf", make_pdf("BUDGETNOTAT", 2), PDF),
            Attachment("Tidsplan.docx", make_docx("TIDSPLAN FRA WORD"), DOCX),
            Attachment("Kort.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png"),
            Attachment("Referat fra borgermøde"),  # a name without a file
        ]),
        item("Personalesag", [Attachment("Sagsakt.pdf", make_pdf("HEMMELIGT PUNKT", 1), PDF)], closed=True),
        item("Byggeri", [
            Attachment("Tegning.pdf", make_pdf("TEGNING", 3, landscape(A4), rotate=90), PDF),
            Attachment("Fortrolig vurdering.pdf", make_pdf("FORTROLIGT BILAG", 1), PDF, closed=True),
            Attachment("Kontrakt.pdf", make_pdf("KONTRAKT", 1, password="hemmelig"), PDF),
            Attachment("Ødelagt.pdf", b"%PDF-1.7\n" + b"this is not a PDF body\n" * 20, PDF),
        ]),
    ])


def combine(meeting: Meeting, variant: Variant, path: Path) -> tuple[Path, list[str]]:
    warnings = write_export(meeting, "pdf", variant, path, with_attachments=True)
    return path, [w.message for w in warnings]


def own_pages(meeting: Meeting, variant: Variant) -> int:
    out = io.BytesIO()
    render_pdf(build_document(meeting, variant), out)
    return len(pypdf.PdfReader(out).pages)


def outline(path: Path) -> list[tuple[str, list[tuple[str, int]]]]:
    """Top-level bookmark titles, each with its children's (title, 0-based page)."""
    reader = pypdf.PdfReader(path)
    tree: list[tuple[str, list[tuple[str, int]]]] = []
    for entry in reader.outline:
        if isinstance(entry, list):
            tree[-1][1].extend((child.title, reader.get_destination_page_number(child)) for child in entry)
        else:
            tree.append((entry.title, []))
    return tree


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_minutes_with_bilag_pages_order_stamps_bookmarks_and_toc(tmp_path: Path) -> None:
    meeting = meeting_with_bilag()
    path, warnings = combine(meeting, Variant.MINUTES, tmp_path / "samlet.pdf")
    own = own_pages(meeting, Variant.MINUTES)
    pages = pages_text(path)
    # Budgetnotat 2 + Tidsplan (converted) 1 + Sagsakt 1 + Tegning 3 + Fortrolig vurdering 1.
    assert len(pages) == len(pypdf.PdfReader(path).pages) == own + 8
    expected = [("1.1: Budgetnotat.pdf", "BUDGETNOTAT side 1"),
                ("1.1: Budgetnotat.pdf", "BUDGETNOTAT side 2"),
                ("1.2: Tidsplan.docx", "TIDSPLAN FRA WORD"), ("2.1: Sagsakt.pdf", "HEMMELIGT PUNKT side 1"),
                ("3.1: Tegning.pdf", "TEGNING side 1"), ("3.1: Tegning.pdf", "TEGNING side 2"),
                ("3.1: Tegning.pdf", "TEGNING side 3"),
                ("3.2: Fortrolig vurdering.pdf", "FORTROLIGT BILAG side 1")]
    total = own + 8
    for offset, (stamp, content) in enumerate(expected):
        page = flat(pages[own + offset])
        assert page.startswith(f"Bilag {stamp}"), page  # the header line, at the top of its page
        assert f"Side {own + offset + 1} af {total}" in page
        assert content in page
    assert f"Side 1 af {total}" in flat(pages[0])  # the document's footer counts the bilag too
    # Bookmarks: one per item, each bilag under its item, pointing at its first page.
    tree = outline(path)
    assert [title for title, _children in tree] == [
        "Punkt 1: Budget", "Punkt 2: Personalesag", "Punkt 3: Byggeri"]
    assert [children for _title, children in tree] == [
        [("Bilag 1.1: Budgetnotat.pdf", own), ("Bilag 1.2: Tidsplan.docx", own + 2)],
        [("Bilag 2.1: Sagsakt.pdf", own + 3)],
        [("Bilag 3.1: Tegning.pdf", own + 4), ("Bilag 3.2: Fortrolig vurdering.pdf", own + 7)],
    ]
    # The table of contents lists the inserted bilag under their items, with their pages.
    entries = [m for m in map(TOC_LINE.match, pages[1].splitlines()) if m]
    assert [e["title"] for e in entries] == [
        "Budget", "Bilag 1.1: Budgetnotat.pdf", "Bilag 1.2: Tidsplan.docx", "Personalesag",
        "Bilag 2.1: Sagsakt.pdf", "Byggeri", "Bilag 3.1: Tegning.pdf", "Bilag 3.2: Fortrolig vurdering.pdf"]
    indents = {e["title"]: len(e["indent"]) for e in entries}
    assert indents["Bilag 1.1: Budgetnotat.pdf"] > indents["Budget"]  # under its item
    numbers = {e["title"]: int(e["page"]) for e in entries if e["title"].startswith("Bilag")}
    assert numbers == {"Bilag 1.1: Budgetnotat.pdf": own + 1, "Bilag 1.2: Tidsplan.docx": own + 3,
                       "Bilag 2.1: Sagsakt.pdf": own + 4, "Bilag 3.1: Tegning.pdf": own + 5,
                       "Bilag 3.2: Fortrolig vurdering.pdf": own + 8}
    # What is not inserted is said in the item's Bilag section, and in one warning.
    document = flat(" ".join(pages[:own]))
    for line in ["Bilag 1.3: Kort.png (ikke PDF, ikke indsat)", "Bilag 1.4: Referat fra borgermøde",
                 "Bilag 3.3: Kontrakt.pdf (krypteret PDF, ikke indsat)",
                 "Bilag 3.4: Ødelagt.pdf (beskadiget PDF, ikke indsat)"]:
        assert line in document
    assert "Referat fra borgermøde (" not in document  # a name without a file is just listed
    assert len(warnings) == 1
    for name in ("Kort.png", "Kontrakt.pdf", "Ødelagt.pdf"):
        assert name in warnings[0]
    assert "borgermøde" not in warnings[0]


@pytest.mark.parametrize("variant", [Variant.PUBLIC, Variant.PUBLIC_AGENDA])
def test_the_public_variant_leaks_no_closed_bilag(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  variant: Variant) -> None:
    monkeypatch.setattr(office_convert, "find_soffice", lambda: None)  # the .docx: listed only
    meeting = meeting_with_bilag()
    path, warnings = combine(meeting, variant, tmp_path / "offentlig.pdf")
    own = own_pages(meeting, variant)
    reader = pypdf.PdfReader(path)
    assert len(reader.pages) == own + 2 + 3  # Budgetnotat and Tegning only
    text = flat(" ".join(pages_text(path)))
    for secret in ("HEMMELIGT", "FORTROLIGT", "Sagsakt", "Fortrolig vurdering"):
        assert secret not in text
        assert secret not in str(outline(path))
    # Numbered among what the public file shows: no gap where the closed bilag was.
    assert "Bilag 3.2: Kontrakt.pdf (krypteret PDF, ikke indsat)" in text
    assert "Bilag 1.2: Tidsplan.docx (ikke PDF, ikke indsat)" in text
    assert [children for _title, children in outline(path)] == [
        [("Bilag 1.1: Budgetnotat.pdf", own)], [], [("Bilag 3.1: Tegning.pdf", own + 2)]]
    assert "Tidsplan.docx" in warnings[0]


def test_without_attachments_nothing_changes(tmp_path: Path) -> None:
    meeting = meeting_with_bilag()
    write_export(meeting, "pdf", Variant.MINUTES, tmp_path / "plain.pdf")
    text = flat(" ".join(pages_text(tmp_path / "plain.pdf")))
    assert len(pypdf.PdfReader(tmp_path / "plain.pdf").pages) == own_pages(meeting, Variant.MINUTES)
    assert "BUDGETNOTAT" not in text and "Bilag 1.1" not in text
    assert "Budgetnotat.pdf" in text  # the names, listed as always


def test_every_public_variant_leaves_out_closed_bilag_names() -> None:
    """Not only the combined PDF: the names printed by every format's public document."""
    meeting = meeting_with_bilag()

    def text(variant: Variant) -> str:
        return repr(build_document(meeting, variant).blocks)

    assert "Fortrolig vurdering.pdf" in text(Variant.MINUTES) and "Sagsakt.pdf" in text(Variant.MINUTES)
    assert "Fortrolig vurdering.pdf" not in text(Variant.PUBLIC) and "Sagsakt.pdf" not in text(Variant.PUBLIC)
    assert "Kontrakt.pdf" in text(Variant.PUBLIC)
    assert "Sagsakt.pdf" not in text(Variant.PUBLIC_AGENDA) and "Kontrakt.pdf" in text(Variant.PUBLIC_AGENDA)


def test_only_pdf_has_attachments(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="kan ikke eksporteres med bilag"):
        write_export(meeting_with_bilag(), "docx", Variant.MINUTES, tmp_path / "x.docx",
                     with_attachments=True)
    assert not (tmp_path / "x.docx").exists()


def test_a_tagged_document_stays_tagged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The catalog of the document's own file is the result's: a structure tree and MarkInfo
    survive (here added to the document's file as tagging would; and the real renderer's
    output is checked the same way once it writes them)."""
    monkeypatch.setattr(office_convert, "find_soffice", lambda: None)

    def tagged(document, out):  # the real renderer, plus a (minimal) structure tree
        plain = io.BytesIO()
        warnings = render_pdf(document, plain)
        writer = pypdf.PdfWriter(clone_from=plain)
        root = writer._add_object(DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")}))
        writer._root_object[NameObject("/StructTreeRoot")] = root
        writer._root_object[NameObject("/MarkInfo")] = DictionaryObject(
            {NameObject("/Marked"): pypdf.generic.BooleanObject(True)})
        writer.write(out)
        return warnings

    meeting = meeting_with_bilag()
    real, _warnings = combine(meeting, Variant.MINUTES, tmp_path / "real.pdf")
    own = io.BytesIO()
    render_pdf(build_document(meeting, Variant.MINUTES), own)
    own_root = pypdf.PdfReader(own).trailer["/Root"]
    real_root = pypdf.PdfReader(real).trailer["/Root"]
    for key in ("/StructTreeRoot", "/MarkInfo", "/Lang"):
        assert (key in own_root) == (key in real_root)
    monkeypatch.setattr(pdf_combine, "render_pdf", tagged)
    path, _warnings = combine(meeting, Variant.MINUTES, tmp_path / "tagged.pdf")
    root = pypdf.PdfReader(path).trailer["/Root"]
    assert root["/StructTreeRoot"]["/Type"] == "/StructTreeRoot"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "da-DK"


def test_a_tagged_bilag_joins_untagged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bilag's pages point into its own structure tree, which is not copied."""
    monkeypatch.setattr(office_convert, "find_soffice", lambda: None)
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(make_pdf("MÆRKET", 1)))
    writer.pages[0][NameObject("/StructParents")] = pypdf.generic.NumberObject(0)
    tagged = io.BytesIO()
    writer.write(tagged)
    meeting = Meeting(body="B", date=dt.date(2026, 1, 5), items=[
        Item(title="A", attachments=[Attachment("Mærket.pdf", tagged.getvalue(), PDF)])])
    path, _warnings = combine(meeting, Variant.MINUTES, tmp_path / "a.pdf")
    last = pypdf.PdfReader(path).pages[-1]
    assert "/StructParents" not in last
    assert "MÆRKET side 1" in flat(pages_text(path)[-1])


def test_a_name_that_needs_the_fallback_font_is_stamped(tmp_path: Path) -> None:
    meeting = Meeting(body="B", date=dt.date(2026, 1, 5), items=[
        Item(title="A", attachments=[
            Attachment("Σχέδιο ★ <&> " + "langt " * 40 + ".pdf", make_pdf("X", 1), PDF)])])
    path, _warnings = combine(meeting, Variant.MINUTES, tmp_path / "a.pdf")
    stamp = flat(pages_text(path)[-1])
    assert stamp.startswith("Bilag 1.1: Σχέδιο ★ <&> langt")
    count = len(pypdf.PdfReader(path).pages)
    assert "…" in stamp and f"Side {count} af {count}" in stamp


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_office_files_are_converted_and_a_failure_is_named(tmp_path: Path) -> None:
    meeting = Meeting(body="B", date=dt.date(2026, 1, 5), items=[Item(title="A", attachments=[
        Attachment("Notat.docx", make_docx("NOTAT I WORD"), DOCX),
        Attachment("Regneark.xlsx", b"PK\x03\x04 not really a spreadsheet", "application/vnd.ms-excel"),
    ])])
    path, warnings = combine(meeting, Variant.MINUTES, tmp_path / "a.pdf")
    pages = pages_text(path)
    assert "NOTAT I WORD" in pages[-1] and flat(pages[-1]).startswith("Bilag 1.1: Notat.docx")
    text = flat(" ".join(pages))
    assert "Bilag 1.2: Regneark.xlsx (kunne ikke omdannes til PDF, ikke indsat)" in text
    assert "Regneark.xlsx" in warnings[0]


# --- the command line ---------------------------------------------------------------------------

def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "referat_desktop.cli", *args], capture_output=True,
                          text=True)


def test_cli_reads_the_bilag_from_the_file(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite"
    meeting = meeting_with_bilag()
    del meeting.items[0].attachments[1]  # the .docx: LibreOffice's part is tested above
    data = interchange.data_from_meetings([meeting])
    (tmp_path / "m.json").write_text(json.dumps(data), encoding="utf-8")
    assert run_cli("import", str(tmp_path / "m.json"), "--db", str(db)).returncode == 0
    result = run_cli("export", "1", "--format", "pdf", "--public", "--with-attachments", "-o",
                     str(tmp_path / "o.pdf"), "--db", str(db))
    assert result.returncode == 0, result.stderr
    # The closed item's bilag is left out (the store keeps no per-attachment flag yet).
    text = flat(" ".join(pages_text(tmp_path / "o.pdf")))
    assert "BUDGETNOTAT side 2" in text and "TEGNING side 3" in text and "HEMMELIGT" not in text
    assert result.stderr.count("\n") == 1 and "Kontrakt.pdf" in result.stderr  # one warning line


def test_cli_refuses_attachments_with_another_format(tmp_path: Path) -> None:
    result = run_cli("export", "1", "--format", "docx", "--with-attachments", "-o", str(tmp_path / "o.docx"),
                     "--db", str(tmp_path / "none.sqlite"))
    assert result.returncode != 0
    assert result.stderr == "referat: --with-attachments gælder kun --format pdf, ikke docx\n"


def test_json_carries_the_closed_flag() -> None:
    meeting = meeting_with_bilag()
    data = interchange.data_from_meetings([meeting])
    attachments = data["meetings"][0]["items"][2]["attachments"]
    assert [a["closed"] for a in attachments] == [False, True, False, False]
    again = interchange.meetings_from_data(json.loads(json.dumps(data)))[0]
    assert [a.closed for a in again.items[2].attachments] == [False, True, False, False]
    assert base64.b64decode(attachments[0]["data"]) == meeting.items[2].attachments[0].data
    data["meetings"][0]["items"][2]["attachments"][0]["closed"] = "ja"
    with pytest.raises(interchange.FormatError, match=r"attachments\[0\]\.closed: expected true or false"):
        interchange.meetings_from_data(data)


def test_the_stamp_is_a_header_artifact_and_a_tagged_bilag_passes_pdfua(tmp_path: Path) -> None:
    """The stamp repeats the bookmark: a pagination artifact, not read out on every page. With
    bilag that are tagged themselves (here: our own PDF), the whole file passes pdfua."""
    import subprocess
    import sys

    from referat_desktop.domain.model import Attachment, Item, Meeting

    bilag = tmp_path / "bilag.pdf"
    write_export(meeting_with_bilag(), "pdf", Variant.AGENDA, bilag)
    meeting = Meeting(body="Økonomiudvalget", date=dt.date(2026, 11, 24), items=[Item(
        title="Budget", attachments=[Attachment("Notat.pdf", bilag.read_bytes(), "application/pdf")])])
    path, _warnings = combine(meeting, Variant.MINUTES, tmp_path / "samlet.pdf")
    own = own_pages(meeting, Variant.MINUTES)
    page = pypdf.PdfReader(path).pages[own]
    last = page["/Contents"][-1].get_object().get_data()
    assert last.startswith(b"Q\n/Artifact <</Type /Pagination /Subtype /Header>> BDC")
    assert last.rstrip().endswith(b"EMC")
    checked = subprocess.run([sys.executable, "-m", "pdfua", "check", str(path)],
                             capture_output=True, text=True, timeout=120)
    assert "errors=0 warnings=0" in checked.stdout, checked.stdout
