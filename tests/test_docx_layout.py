"""LibreOffice's rendering of the .docx paginates like the PDF (no Qt).

The .docx stores its table of contents with page numbers from the PDF layout. Here
LibreOffice lays the file out on its own, and every item must start on exactly the page
its TOC line names; the pages must also be those of the reference minutes, within one.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from referat_desktop.domain.texts import Variant
from referat_desktop.export.build import build_document
from referat_desktop.export.docx import render_docx
from referat_desktop.export.pdf import item_start_pages

REFERENCE_PAGES = [3, 4, 7, 11, 13, 14]  # where the items start in the published minutes
TOC_LINE = re.compile(r"^(?P<title>.*?)\s*\.{4,}\s*(?P<page>\d+)$")
ITEM_HEADING = re.compile(r"^Punkt (?P<number>\d+):", re.MULTILINE)


def require(tool: str) -> str:
    """The tool's path; without it skip locally, but fail in CI, which installs it."""
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} is not installed (Debian: libreoffice-writer-nogui, poppler-utils)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def convert_to_pdf(docx_path: Path, profile: Path) -> Path:
    soffice = require("soffice")
    # A private profile: parallel runs would otherwise fight over the user's one.
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf",
         "--outdir", str(docx_path.parent), str(docx_path)],
        check=True, capture_output=True, timeout=120,
    )
    pdf = docx_path.with_suffix(".pdf")
    assert pdf.exists(), "LibreOffice wrote no PDF"
    return pdf


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run([require("pdftotext"), "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True, timeout=60).stdout
    return text.split("\f")[:-1]  # pdftotext ends every page with a form feed


@pytest.fixture(scope="module")
def libreoffice_pages(tmp_path_factory):
    """Sample minutes as .docx, laid out by LibreOffice: (document, pages' text)."""
    from referat_desktop.domain import interchange
    from referat_desktop.resources_path import SAMPLE_MEETING, resource

    meeting = interchange.loads(resource(*SAMPLE_MEETING).read_text(encoding="utf-8"))[0]
    document = build_document(meeting, Variant.MINUTES)
    folder = tmp_path_factory.mktemp("docx_layout")
    docx_path = folder / "referat.docx"
    with docx_path.open("wb") as out:
        render_docx(document, out, toc_pages=item_start_pages(document))  # as the export pipeline does
    return document, page_texts(convert_to_pdf(docx_path, folder / "profile"))


def test_items_start_on_the_pages_the_toc_names(libreoffice_pages):
    document, pages = libreoffice_pages
    toc = [m for line in pages[1].splitlines() if (m := TOC_LINE.match(line.strip()))]
    toc_pages = [int(m["page"]) for m in toc]
    assert len(toc_pages) == 6, pages[1]

    heading_pages = {}
    for number, text in enumerate(pages, 1):
        for match in ITEM_HEADING.finditer(text):
            heading_pages.setdefault(int(match["number"]), number)
    assert heading_pages == {n: page for n, page in enumerate(toc_pages, 1)}

    # The TOC LibreOffice shows is the one we stored: the PDF's pages.
    assert toc_pages == list(item_start_pages(document).values())
    for page, reference in zip(toc_pages, REFERENCE_PAGES, strict=True):
        assert abs(page - reference) <= 1, (toc_pages, REFERENCE_PAGES)


def test_page_furniture(libreoffice_pages):
    _, pages = libreoffice_pages
    assert pages[0].lstrip().startswith("REFERAT Direktionen d. 16-12-2019")
    assert pages[1].lstrip().startswith("Indholdsfortegnelse")
    total = len(pages)
    for number, text in enumerate(pages, 1):
        assert text.rstrip().endswith(f"Side {number} af {total}")


def test_protocol_sample_items_start_on_the_pages_the_toc_names(tmp_path):
    """The decision protocol's paragraphs (issue 12) move pages in Word as in the PDF."""
    from referat_desktop.domain import interchange
    from referat_desktop.resources_path import PROTOCOL_SAMPLE_MEETING, resource

    meeting = interchange.loads(resource(*PROTOCOL_SAMPLE_MEETING).read_text(encoding="utf-8"))[0]
    document = build_document(meeting, Variant.MINUTES)
    docx_path = tmp_path / "referat.docx"
    with docx_path.open("wb") as out:
        render_docx(document, out, toc_pages=item_start_pages(document))
    pages = page_texts(convert_to_pdf(docx_path, tmp_path / "profile"))
    toc_pages = [int(m["page"]) for line in pages[1].splitlines() if (m := TOC_LINE.match(line.strip()))]
    heading_pages: dict[int, int] = {}
    for number, text in enumerate(pages, 1):
        for match in ITEM_HEADING.finditer(text):
            heading_pages.setdefault(int(match["number"]), number)
    assert toc_pages == list(item_start_pages(document).values())
    assert heading_pages == {n: page for n, page in enumerate(toc_pages, 1)}
    assert "Bo Jensen (V) erklærede sig inhabil" in " ".join(" ".join(pages).split())
