"""The public agenda (`referat export ID --agenda --public`, issue 14 item 2) and the
`Lukket punkt` mark of a closed item in the internal minutes and agenda (no Qt).

The Økonomiudvalget sample has one closed item (Punkt 5), with sections, a case number,
an attachment and a decision protocol; each export is read back (pdftotext, python-docx)
and what the closed item holds is looked for by its own text from the sample.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from referat_desktop.domain import interchange, texts
from referat_desktop.domain.model import Approval, Item, Meeting, SectionKind
from referat_desktop.domain.texts import Variant
from referat_desktop.export.build import build_document
from referat_desktop.export.document import Heading, Paragraph, ParagraphRole
from referat_desktop.resources_path import PROTOCOL_SAMPLE_MEETING, SAMPLE_MEETING, resource

SAMPLE_PATH = Path(str(resource(*PROTOCOL_SAMPLE_MEETING)))


def load(sample: tuple[str, str] = PROTOCOL_SAMPLE_MEETING) -> Meeting:
    return interchange.loads(resource(*sample).read_text(encoding="utf-8"))[0]


def closed_item() -> tuple[int, Item]:
    ((number, item),) = [(n, it) for n, it in enumerate(load().items, 1) if it.closed]
    return number, item


def flat(text: str) -> str:
    return " ".join(text.split())


def first_line(text: str) -> str:
    """A section's first line as printed: no list marker, at most 40 characters (so a
    line break in the PDF cannot fall inside it once whitespace is flattened)."""
    return flat(text.strip().splitlines()[0].removeprefix("- "))[:40]


def secret_texts(item: Item) -> list[str]:
    """What of a closed item must not be in a public file: everything but number and title."""
    secrets = [item.case_number, *(a.name for a in item.attachments)]
    secrets += [first_line(s.text) for s in item.sections if s.text.strip()]
    secrets += [line[:40] for line in texts.protocol_lines(item.protocol)]
    assert len(secrets) >= 7  # the sample's closed item really holds all of these
    return secrets


def referat(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "referat_desktop.cli", *args, "--db", str(db)],
                          check=False, capture_output=True, text=True, timeout=60)


@pytest.fixture
def exported(tmp_path):
    """Export the Økonomiudvalget sample through the real command line."""
    db = tmp_path / "db.sqlite"
    imported = referat("import", str(SAMPLE_PATH), db=db)
    assert imported.returncode == 0, imported.stderr
    meeting_id = imported.stdout.strip()

    def export(fmt: str, *flags: str) -> Path:
        out = tmp_path / f"{'-'.join(flags) or 'minutes'}.{fmt}"
        result = referat("export", meeting_id, "--format", fmt, *flags, "-o", str(out), db=db)
        assert result.returncode == 0 and result.stderr == "", result.stderr
        return out

    return export


def pdf_pages(path: Path) -> list[str]:
    result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                            check=True)
    return result.stdout.split("\f")[:-1]


def docx_body(path: Path) -> list[str]:
    """The paragraphs after the table of contents (which repeats every item's heading)."""
    lines = [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]
    first_item = texts.item_heading(1, load().items[0].title)
    return lines[len(lines) - lines[::-1].index(first_item) - 1:]


# --- the public agenda from the command line ---------------------------------------------


def test_cli_public_agenda_pdf_reduces_the_closed_item_to_number_title_and_lukket_punkt(exported):
    meeting = load()
    number, item = closed_item()
    path = exported("pdf", "--agenda", "--public")
    pages = pdf_pages(path)
    text = flat(" ".join(pages))
    assert text.startswith(f"DAGSORDEN {meeting.body} d. {texts.short_date(meeting.date)}")
    (closed_page,) = [p for p in pages if p.lstrip().startswith(f"Punkt {number}:")]
    assert [flat(line) for line in closed_page.splitlines() if line.strip()] == [
        texts.item_heading(number, item.title), texts.CLOSED_ITEM_TEXT,
        f"Side {pages.index(closed_page) + 1} af {len(pages)}"]
    for secret in secret_texts(item):
        assert secret not in text
    for n, open_item in enumerate(meeting.items, 1):
        indstilling = open_item.section(SectionKind.INDSTILLING)
        if not open_item.closed and indstilling is not None:
            assert first_line(indstilling.text) in text, n
    assert "Beslutning" not in text
    assert text.count(texts.CLOSED_ITEM_TEXT) == 1
    info = PdfReader(path).metadata
    assert info.title == texts.document_title(meeting, Variant.AGENDA)
    assert info.subject.endswith("(offentlig udgave)") and info.subject.startswith("Dagsorden")


def test_cli_public_agenda_docx_reduces_the_closed_item_to_number_title_and_lukket_punkt(exported):
    meeting = load()
    number, item = closed_item()
    path = exported("docx", "--agenda", "--public")
    body = docx_body(path)
    start = body.index(texts.item_heading(number, item.title))
    following = texts.item_heading(number + 1, meeting.items[number].title)
    assert body[start + 1:start + 3] == [texts.CLOSED_ITEM_TEXT, following]
    whole = flat(" ".join(p.text for p in docx.Document(str(path)).paragraphs))
    for secret in secret_texts(item):
        assert secret not in whole
    for open_item in meeting.items:
        indstilling = open_item.section(SectionKind.INDSTILLING)
        if not open_item.closed and indstilling is not None:
            assert first_line(indstilling.text) in whole
    assert "Beslutning" not in whole
    assert whole.startswith(f"DAGSORDEN {meeting.body}")
    properties = docx.Document(str(path)).core_properties
    assert properties.subject == f"Dagsorden for møde i {meeting.body} 24-11-2026 (offentlig udgave)"


def test_cli_public_agenda_starts_items_where_its_toc_says(exported):
    pages = pdf_pages(exported("pdf", "--agenda", "--public"))
    starts = [n for n, page in enumerate(pages, 1) if page.lstrip().startswith("Punkt ")]
    toc = [int(line.split()[-1]) for line in pages[1].splitlines() if "...." in line]
    assert toc == starts and len(starts) == len(load().items)


def test_cli_json_public_agenda_is_the_public_data(exported):
    """JSON writes the meeting, not the document: `--agenda` never changed it, `--public`
    leaves out closed items' content, so `--agenda --public` is the same as `--public`."""
    public_agenda = exported("json", "--agenda", "--public").read_bytes()
    assert public_agenda == exported("json", "--public").read_bytes()
    number, _item = closed_item()
    written = json.loads(public_agenda)["meetings"][0]["items"][number - 1]
    assert written["closed"] is True and written["sections"] == [] and written["attachments"] == []
    assert written["votes"] == [] and written["conflicts"] == []


def test_cli_the_other_flags_keep_their_documents(exported):
    """`--agenda` alone and `--public` alone are what they were."""
    agenda = flat(" ".join(pdf_pages(exported("pdf", "--agenda"))))
    public = flat(" ".join(pdf_pages(exported("pdf", "--public"))))
    assert agenda.startswith("DAGSORDEN") and "Beslutning" not in agenda
    assert public.startswith("REFERAT") and "Beslutning Økonomiudvalget den 24-11-2026" in public
    _number, item = closed_item()
    assert all(secret not in public for secret in secret_texts(item))
    assert first_line(item.sections[0].text) in agenda


# --- "Lukket punkt" in the internal documents ---------------------------------------------


@pytest.mark.parametrize("flags", [(), ("--agenda",)])
def test_internal_pdf_marks_the_closed_item_under_its_heading(exported, flags):
    number, item = closed_item()
    pages = pdf_pages(exported("pdf", *flags))
    (closed_page,) = [p for p in pages if p.lstrip().startswith(f"Punkt {number}:")]
    lines = [flat(line) for line in closed_page.splitlines() if line.strip()]
    assert lines[:3] == [texts.item_heading(number, item.title), texts.CLOSED_ITEM_TEXT, item.case_number]
    assert first_line(item.sections[0].text) in flat(closed_page)  # the content follows
    assert flat(" ".join(pages)).count(texts.CLOSED_ITEM_TEXT) == 1  # open items carry no mark


@pytest.mark.parametrize("flags", [(), ("--agenda",)])
def test_internal_docx_marks_the_closed_item_under_its_heading(exported, flags):
    number, item = closed_item()
    path = exported("docx", *flags)
    body = docx_body(path)
    start = body.index(texts.item_heading(number, item.title))
    assert body[start + 1:start + 3] == [texts.CLOSED_ITEM_TEXT, item.case_number]
    assert body.count(texts.CLOSED_ITEM_TEXT) == 1
    (mark,) = [p for p in docx.Document(str(path)).paragraphs if p.text == texts.CLOSED_ITEM_TEXT]
    assert all(run.italic for run in mark.runs)  # as in the public version


# --- the document model -------------------------------------------------------------------


def test_variant_kinds():
    assert [v for v in Variant if v.is_agenda] == [Variant.AGENDA, Variant.PUBLIC_AGENDA]
    assert [v for v in Variant if v.is_public] == [Variant.PUBLIC, Variant.PUBLIC_AGENDA]


def test_public_agenda_of_approved_minutes_prints_no_approval_protocol_or_signatures():
    meeting = load()
    approval = Approval(dt.date(2026, 11, 30), "Helle Kjær", "")
    signed = replace(meeting, signature_sheet=True, approval=approval)

    def printed(variant: Variant) -> tuple[list[str], list[str]]:
        document = build_document(signed, variant)
        return ([b.text for b in document.blocks if isinstance(b, Heading)],
                [" ".join(r.text for r in b.runs) for b in document.blocks if isinstance(b, Paragraph)])

    minutes_headings, minutes_paragraphs = printed(Variant.MINUTES)  # all of it is there to leave out
    assert texts.SIGNATURES_HEADING in minutes_headings
    assert texts.approval_line(approval) in minutes_paragraphs
    headings, paragraphs = printed(Variant.PUBLIC_AGENDA)
    document = build_document(signed, Variant.PUBLIC_AGENDA)
    assert not any(h.startswith("Beslutning") for h in headings)
    assert texts.SIGNATURES_HEADING not in headings
    assert not any(p.startswith(("Referatet er godkendt", "Fraværende:")) for p in paragraphs)
    assert not any("sat til afstemning" in p or "inhabil" in p for p in paragraphs)
    assert document.status == "" and document.title.startswith("DAGSORDEN")
    closed = [b for b in document.blocks if isinstance(b, Paragraph) and b.role is ParagraphRole.CLOSED]
    assert len(closed) == 1


@pytest.mark.parametrize("variant", list(Variant))
def test_a_meeting_without_closed_items_has_no_mark(variant):
    """The Direktion sample has no closed item: nothing is added, so its pages stay put."""
    document = build_document(load(SAMPLE_MEETING), variant)
    assert not any(isinstance(b, Paragraph) and b.role is ParagraphRole.CLOSED for b in document.blocks)
