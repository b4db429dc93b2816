"""Updating the .docx's table of contents in LibreOffice keeps the template's wording (no Qt).

The TOC field is stored with its result, but a reader may update it (F9 in Word, Tools >
Update in LibreOffice). Built from the headings, that update printed "Punkt N: title";
built from TC fields holding the title alone, it must print what we stored. Here
LibreOffice's own index update runs (a Basic macro in a private profile: the
DocumentIndexes' update()), and the TOC lines of the result are read back.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from referat_desktop.domain.model import Item, Meeting, Section, SectionKind
from referat_desktop.domain.texts import Variant
from referat_desktop.export.build import build_document
from referat_desktop.export.document import Document
from referat_desktop.export.docx import render_docx
from referat_desktop.export.pdf import item_start_pages
from test_docx_layout import ITEM_HEADING, TOC_LINE, page_texts, require

# Loads the .docx hidden, updates every index, exports a PDF and quits.
UPDATE_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1"
 script:language="StarBasic">
Sub UpdateIndexes(sourceUrl As String, pdfUrl As String)
    Dim loadArgs(0) As New com.sun.star.beans.PropertyValue
    loadArgs(0).Name = &quot;Hidden&quot;
    loadArgs(0).Value = True
    document = StarDesktop.loadComponentFromURL(sourceUrl, &quot;_blank&quot;, 0, loadArgs())
    indexes = document.getDocumentIndexes()
    For i = 0 To indexes.getCount() - 1
        indexes.getByIndex(i).update()
    Next i
    Dim storeArgs(0) As New com.sun.star.beans.PropertyValue
    storeArgs(0).Name = &quot;FilterName&quot;
    storeArgs(0).Value = &quot;writer_pdf_Export&quot;
    document.storeToURL(pdfUrl, storeArgs())
    document.close(True)
    StarDesktop.terminate()
End Sub
</script:module>
"""


def profile_with_macro(folder: Path) -> Path:
    """A private LibreOffice profile whose Standard Basic library holds UPDATE_MACRO.

    The profile is made by a first start: a new profile's basic/ folder is copied in
    then, over anything written there beforehand.
    """
    profile = folder / "profile"
    subprocess.run([require("soffice"), "--headless", "--terminate_after_init",
                    f"-env:UserInstallation={profile.as_uri()}"],
                   check=True, capture_output=True, timeout=180)
    module = profile / "user" / "basic" / "Standard" / "Module1.xba"  # listed in script.xlb already
    assert module.exists(), "LibreOffice made no Standard library"
    module.write_text(UPDATE_MACRO, encoding="utf-8")
    return profile


@pytest.fixture(scope="module")
def macro_profile(tmp_path_factory) -> Path:
    return profile_with_macro(tmp_path_factory.mktemp("libreoffice"))


def updated_in_libreoffice(document: Document, folder: Path, profile: Path) -> list[str]:
    """`document` as .docx, its indexes updated by LibreOffice: the pages' text."""
    docx_path = folder / "referat.docx"
    with docx_path.open("wb") as out:
        render_docx(document, out, toc_pages=item_start_pages(document))  # as the export pipeline does
    pdf = folder / "updated.pdf"
    macro = f'macro:///Standard.Module1.UpdateIndexes("{docx_path.as_uri()}","{pdf.as_uri()}")'
    subprocess.run([require("soffice"), "--headless", f"-env:UserInstallation={profile.as_uri()}",
                    macro], check=True, capture_output=True, timeout=180)
    assert pdf.exists(), "LibreOffice's macro wrote no PDF"
    return page_texts(pdf)


def toc_lines(page: str) -> list[tuple[str, int]]:
    return [(m["title"], int(m["page"])) for line in page.splitlines() if (m := TOC_LINE.match(line.strip()))]


def heading_pages(pages: list[str]) -> dict[int, int]:
    found: dict[int, int] = {}
    for number, text in enumerate(pages, 1):
        for match in ITEM_HEADING.finditer(text):
            found.setdefault(int(match["number"]), number)
    return found


def test_updated_toc_keeps_the_template_wording_and_pages(tmp_path, macro_profile):
    from referat_desktop.domain import interchange
    from referat_desktop.resources_path import SAMPLE_MEETING, resource

    meeting = interchange.loads(resource(*SAMPLE_MEETING).read_text(encoding="utf-8"))[0]
    document = build_document(meeting, Variant.MINUTES)
    pages = updated_in_libreoffice(document, tmp_path, macro_profile)
    assert pages[1].lstrip().startswith("Indholdsfortegnelse")
    lines = toc_lines(pages[1])
    # The title alone, as stored and as the template prints it; the PDF's pages.
    assert lines == [(item.title, page) for item, page in
                     zip(meeting.items, item_start_pages(document).values(), strict=True)]
    assert "Punkt" not in pages[1]
    # The lines start at the margin, as the stored ones do (not indented as a level 2).
    printed = [ln for ln in pages[1].splitlines() if TOC_LINE.match(ln.strip())]
    assert all(ln.startswith(item.title[:10]) for ln, item in zip(printed, meeting.items, strict=True))
    assert heading_pages(pages) == {n: page for n, (_, page) in enumerate(lines, 1)}
    # The TC fields print nothing: each heading reads as before.
    lines_after_toc = [ln.strip() for page in pages[2:] for ln in page.splitlines()]
    headings = [ln for ln in lines_after_toc if ITEM_HEADING.match(ln)]
    assert headings == [f"Punkt {n}: {item.title}" for n, item in enumerate(meeting.items, 1)]


def test_updated_toc_keeps_quotes_and_backslashes(tmp_path, macro_profile):
    titles = ['Budget "2020" og C:\\drev\\mappe', "Æblehaven – ”Vækst” & R&D"]
    items = [Item(title=title, sections=[Section(SectionKind.BAGGRUND, "Tekst.")]) for title in titles]
    meeting = Meeting(body="Direktionen", date=dt.date(2019, 12, 16), items=items)
    document = build_document(meeting, Variant.MINUTES)
    lines = toc_lines(updated_in_libreoffice(document, tmp_path, macro_profile)[1])
    pages = item_start_pages(document).values()
    assert lines == [(title, page) for title, page in zip(titles, pages, strict=True)]
