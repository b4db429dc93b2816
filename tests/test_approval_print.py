"""Approved minutes in print (issue 13): the approval line and properties, corrections, and
the signature sheet, read back from .docx (python-docx) and PDF (pdftotext, pdfinfo). No Qt."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from pathlib import Path

import docx
import pytest

from referat_desktop.domain import interchange
from referat_desktop.domain.model import Approval, Correction, Item, Meeting, Section, SectionKind
from referat_desktop.domain.protocol import Protocol, Statement
from referat_desktop.domain.texts import Variant
from referat_desktop.export.build import build_document
from referat_desktop.export.document import PageBreak
from referat_desktop.export.docx import render_docx
from referat_desktop.export.pdf import item_start_pages, render_pdf
from referat_desktop.resources_path import SAMPLE_MEETING, resource

APPROVAL_LINE = "Referatet er godkendt 18-12-2019 af Lars Holte."
CORRECTION = "Rettelse 20-12-2019: Beløbet er 200 kr. (Kathrine Seier Skaastrup)"


def sample() -> Meeting:
    return interchange.loads(resource(*SAMPLE_MEETING).read_text(encoding="utf-8"))[0]


def approved(signature_sheet: bool = False) -> Meeting:
    m = sample()
    m.approval = Approval(dt.date(2019, 12, 18), "Lars Holte", "0" * 64)
    m.items[1].corrections = [
        Correction(dt.date(2019, 12, 20), "Kathrine Seier Skaastrup", "Beløbet er 200 kr"),
    ]
    m.signature_sheet = signature_sheet
    m.absent = [m.participants[1]]  # Afbud: not on the signature sheet
    return m


def docx_of(m: Meeting, variant: Variant) -> docx.document.Document:
    document = build_document(m, variant)
    out = io.BytesIO()
    render_docx(document, out, toc_pages=item_start_pages(document))
    out.seek(0)
    return docx.Document(out)


def pdf_pages(m: Meeting, variant: Variant, path: Path) -> list[str]:
    with path.open("wb") as out:
        render_pdf(build_document(m, variant), out)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")


def pdf_info(path: Path) -> str:
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout


# --- approval line and properties ----------------------------------------------------------


def test_approved_minutes_say_so_under_the_facts_and_in_the_properties(tmp_path):
    m = approved()
    document = docx_of(m, Variant.MINUTES)
    lines = [p.text for p in document.paragraphs]
    assert lines[:2] == ["REFERAT Direktionen d. 16-12-2019", APPROVAL_LINE]
    body = document.element.body
    table = body.index(document.tables[0]._tbl)
    assert body.index(document.paragraphs[1]._p) == table + 1  # right under the facts
    props = document.core_properties
    assert (props.content_status, props.keywords, props.comments) == ("Godkendt", "Godkendt", APPROVAL_LINE)
    pages = pdf_pages(m, Variant.MINUTES, tmp_path / "r.pdf")
    assert APPROVAL_LINE in " ".join(pages[0].split())
    assert f"Keywords:        Godkendt, {APPROVAL_LINE}" in pdf_info(tmp_path / "r.pdf")
    public = [p.text for p in docx_of(m, Variant.PUBLIC).paragraphs]
    assert APPROVAL_LINE in public
    assert APPROVAL_LINE not in [p.text for p in docx_of(m, Variant.AGENDA).paragraphs]


def test_a_draft_says_nothing_new(tmp_path):
    m = sample()
    document = docx_of(m, Variant.MINUTES)
    assert not any(p.text.startswith(("Referatet er godkendt", "Udkast")) for p in document.paragraphs)
    props = document.core_properties
    assert (props.content_status, props.keywords, props.comments) == ("", "", "")
    pages = pdf_pages(m, Variant.MINUTES, tmp_path / "d.pdf")
    assert "Udkast" not in pages[0]  # a marker would be on every page; item texts may say Udkast
    assert re.search(r"^Keywords: *$", pdf_info(tmp_path / "d.pdf"), re.MULTILINE)
    built = build_document(m, Variant.MINUTES)
    assert isinstance(built.blocks[2], PageBreak) and (built.status, built.status_note) == ("", "")


def test_the_approval_line_and_the_sheet_move_no_item_page():
    plain = item_start_pages(build_document(sample(), Variant.MINUTES))
    assert item_start_pages(build_document(approved(signature_sheet=True), Variant.MINUTES)) == plain


# --- corrections -------------------------------------------------------------------------


def test_a_correction_prints_after_the_decision_in_minutes_and_public(tmp_path):
    m = approved()
    lines = [p.text for p in docx_of(m, Variant.MINUTES).paragraphs]
    decision = lines.index("Beslutning Direktionen den 16-12-2019", lines.index(lines[0]) + 1)
    heading_2 = next(i for i, line in enumerate(lines) if line.startswith("Punkt 2:") and i > 5)
    at = lines.index(CORRECTION)
    assert heading_2 < at and lines[at - 1] != "" and lines.count(CORRECTION) == 1
    assert decision > 0
    assert CORRECTION in [p.text for p in docx_of(m, Variant.PUBLIC).paragraphs]
    assert CORRECTION not in [p.text for p in docx_of(m, Variant.AGENDA).paragraphs]
    m.items[1].closed = True
    assert CORRECTION not in [p.text for p in docx_of(m, Variant.PUBLIC).paragraphs]
    text = " ".join(" ".join(pdf_pages(approved(), Variant.MINUTES, tmp_path / "c.pdf")).split())
    assert CORRECTION in text


def test_a_correction_follows_the_decision_text_and_protocol():
    m = Meeting("Direktionen", dt.date(2019, 12, 16), approval=Approval(dt.date(2019, 12, 18), "L", "0" * 64),
                items=[Item("P", sections=[Section(SectionKind.BESLUTNING, "Godkendt."),
                                           Section(SectionKind.SAGSFREMSTILLING, "Fakta.")],
                            protocol=Protocol(statements=[Statement("Ø", "Imod.")]),
                            corrections=[Correction(dt.date(2019, 12, 20), "K", "Rettet."),
                                         Correction(dt.date(2019, 12, 21), "", "Igen!")])])
    lines = [p.text for p in docx_of(m, Variant.MINUTES).paragraphs]
    start = lines.index("Beslutning Direktionen den 16-12-2019")
    assert lines[start:start + 6] == [
        "Beslutning Direktionen den 16-12-2019", "Godkendt.", "Ø ønskede følgende ført til protokol: Imod.",
        "Rettelse 20-12-2019: Rettet. (K)", "Rettelse 21-12-2019: Igen!", "Sagsfremstilling",
    ]


def test_corrections_without_decision_text_get_the_decision_heading():
    m = Meeting("Direktionen", dt.date(2019, 12, 16), items=[
        Item("P", sections=[Section(SectionKind.BAGGRUND, "B.")],
             corrections=[Correction(dt.date(2019, 12, 20), "K", "Rettet.")])])
    lines = [p.text for p in docx_of(m, Variant.MINUTES).paragraphs]
    assert lines[-3:] == ["B.", "Beslutning Direktionen den 16-12-2019", "Rettelse 20-12-2019: Rettet. (K)"]


# --- the signature sheet -------------------------------------------------------------------


@pytest.fixture
def signed() -> Meeting:
    return approved(signature_sheet=True)


def test_signature_sheet_in_docx_lists_those_present(signed):
    present = [n for n in signed.participants if n not in signed.absent]
    document = docx_of(signed, Variant.MINUTES)
    lines = [p.text for p in document.paragraphs]
    start = lines.index("Underskrifter")
    sheet = lines[start + 1:]
    assert [line.split("\n")[-1] for line in sheet] == present
    assert all(line.split("\n")[-2].startswith("____") for line in sheet)
    assert signed.absent[0] not in "".join(sheet) and signed.secretary not in "".join(sheet)
    heading = document.paragraphs[start]
    assert heading.style.name == "Heading 2"  # not in the TOC (outline level 1 only)
    assert heading.paragraph_format.page_break_before
    toc = [p.text for p in document.paragraphs if p.style.name.lower().startswith("toc")]
    assert not any("Underskrifter" in line for line in toc)


def test_signature_sheet_in_pdf_is_its_own_last_page(signed, tmp_path):
    pages = [p for p in pdf_pages(signed, Variant.MINUTES, tmp_path / "s.pdf") if p.strip()]
    last = pages[-1].split("\n")
    assert last[0] == "Underskrifter"
    names = [line for line in last if line.strip() and not line.startswith(("_", "Side", "Underskrifter"))]
    assert names == [n for n in signed.participants if n not in signed.absent]
    assert sum(page.count("Underskrifter") for page in pages) == 1  # not in the TOC


@pytest.mark.parametrize("variant", [Variant.AGENDA, Variant.PUBLIC])
def test_agenda_and_public_leave_the_sheet_out(signed, variant, tmp_path):
    assert "Underskrifter" not in [p.text for p in docx_of(signed, variant).paragraphs]
    assert "Underskrifter" not in "".join(pdf_pages(signed, variant, tmp_path / "x.pdf"))


def test_no_sheet_unless_asked(tmp_path):
    assert "Underskrifter" not in [p.text for p in docx_of(approved(), Variant.MINUTES).paragraphs]
