"""The decision protocol (issue 12): kept by the store, printed in the minutes (no Qt).

Absent members, inhabilitet, votes and protokoltilførsler print inside the item's
decision section, after the decision text, in that order; the agenda prints none of it,
the public version none for a closed item. Read back from .docx (python-docx) and PDF
(pdftotext).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
import subprocess
from pathlib import Path

import docx
import pytest
import sqlite_utils

from referat_desktop.domain import interchange
from referat_desktop.domain.model import Item, Meeting, Section, SectionKind
from referat_desktop.domain.protocol import Conflict, Protocol, Statement, Vote
from referat_desktop.domain.texts import Variant
from referat_desktop.export.build import build_document
from referat_desktop.export.docx import render_docx
from referat_desktop.export.pdf import item_start_pages, render_pdf
from referat_desktop.resources_path import PROTOCOL_SAMPLE_MEETING, SAMPLE_MEETING, SAMPLE_MEETINGS, resource
from referat_desktop.store import Store
from referat_desktop.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

DATE = dt.date(2026, 11, 24)
HEADING = "Beslutning Økonomiudvalget den 24-11-2026"
ABSENT = "Fraværende: Carla Nielsen (O)."
CONFLICT = ("Bo Jensen (V) erklærede sig inhabil og deltog ikke i behandlingen af punktet."
            " Inhabil som bestyrelsesmedlem i foreningen.")
VOTE = ("Indstillingen blev sat til afstemning. For stemte: A, C og V. Imod stemte: Ø."
        " Undlod at stemme: F. Godkendt.")
STATEMENT = "Ø ønskede følgende ført til protokol: Enhedslisten kan ikke støtte forslaget, da ..."
LINES = [ABSENT, CONFLICT, VOTE, STATEMENT]
PROTOCOL_WORDS = ("Fraværende:", "inhabil", "sat til afstemning", "For stemte", "til protokol")


def full_protocol() -> Protocol:
    return Protocol(
        absent=["Carla Nielsen (O)"],
        conflicts=[Conflict("Bo Jensen (V)", "Inhabil som bestyrelsesmedlem i foreningen")],
        votes=[Vote("Indstillingen", ["A", "C", "V"], ["Ø"], ["F"], "Godkendt")],
        statements=[Statement("Ø", "Enhedslisten kan ikke støtte forslaget, da ...")],
    )


def meeting(*, closed: bool = False, decision: str = "Indstillingen blev godkendt.") -> Meeting:
    sections = [Section(SectionKind.SAGSFREMSTILLING, "Sagens fakta."),
                Section(SectionKind.BAGGRUND, "Baggrunden.")]
    if decision:
        sections.append(Section(SectionKind.BESLUTNING, decision))
    return Meeting("Økonomiudvalget", DATE, items=[
        Item("Et punkt med protokol", "26/1", closed=closed, sections=sections, protocol=full_protocol()),
        Item("Et punkt uden", sections=[Section(SectionKind.BESLUTNING, "Godkendt.")]),
    ])


def docx_lines(m: Meeting, variant: Variant) -> list[str]:
    document = build_document(m, variant)
    out = io.BytesIO()
    render_docx(document, out, toc_pages=item_start_pages(document))
    out.seek(0)
    return [p.text for p in docx.Document(out).paragraphs]


def pdf_text(m: Meeting, variant: Variant, path: Path) -> str:
    with path.open("wb") as out:
        render_pdf(build_document(m, variant), out)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


def in_order(haystack: str, needles: list[str]) -> bool:
    position = 0
    for needle in needles:
        position = haystack.find(needle, position)
        if position < 0:
            return False
        position += len(needle)
    return True


# --- printing ----------------------------------------------------------------------------


def test_minutes_docx_prints_the_entries_after_the_decision_text_in_order():
    lines = docx_lines(meeting(), Variant.MINUTES)
    start = lines.index(HEADING)
    assert lines[start:start + 7] == [HEADING, "Indstillingen blev godkendt.", *LINES, "Sagsfremstilling"]
    assert lines.count(ABSENT) == 1 and lines.count(HEADING) == 2  # item 2 has no entries


def test_minutes_pdf_prints_the_same_in_the_same_order(tmp_path):
    text = pdf_text(meeting(), Variant.MINUTES, tmp_path / "referat.pdf")
    assert in_order(text, ["Baggrunden.", HEADING, "Indstillingen blev godkendt.", *LINES, "Sagsfremstilling",
                           "Punkt 2: Et punkt uden"])


def test_entries_without_decision_text_still_get_the_decision_heading(tmp_path):
    m = meeting(decision="")
    lines = docx_lines(m, Variant.MINUTES)
    start = lines.index(HEADING)
    assert lines[start - 2:start + 6] == ["Baggrund", "Baggrunden.", HEADING, *LINES, "Sagsfremstilling"]
    text = pdf_text(m, Variant.MINUTES, tmp_path / "referat.pdf")
    assert in_order(text, ["Baggrunden.", HEADING, *LINES, "Sagsfremstilling"])


@pytest.mark.parametrize("closed", [False, True])
def test_agenda_prints_none_of_it(tmp_path, closed):
    m = meeting(closed=closed)
    lines = docx_lines(m, Variant.AGENDA)
    text = pdf_text(m, Variant.AGENDA, tmp_path / "dagsorden.pdf")
    for word in PROTOCOL_WORDS:
        assert not any(word in line for line in lines) and word not in text
    assert HEADING not in lines and HEADING not in text


def test_public_version_prints_all_of_an_open_item_and_none_of_a_closed_one(tmp_path):
    open_lines = docx_lines(meeting(), Variant.PUBLIC)
    assert open_lines[open_lines.index(HEADING) + 2:][:4] == LINES
    assert in_order(pdf_text(meeting(), Variant.PUBLIC, tmp_path / "open.pdf"), [HEADING, *LINES])
    closed_lines = docx_lines(meeting(closed=True), Variant.PUBLIC)
    closed_text = pdf_text(meeting(closed=True), Variant.PUBLIC, tmp_path / "closed.pdf")
    for line in LINES:
        assert line not in closed_lines and line not in closed_text
    assert "Lukket punkt" in closed_lines
    # The minutes themselves print a closed item's entries.
    assert in_order(" ".join(docx_lines(meeting(closed=True), Variant.MINUTES)), LINES)


def test_public_json_leaves_out_a_closed_items_protocol():
    from referat_desktop.export.json_export import public_copy

    assert public_copy(meeting(closed=True)).items[0].protocol.is_empty
    assert public_copy(meeting()).items[0].protocol == full_protocol()


# --- the samples -------------------------------------------------------------------------


def load(sample: tuple[str, str]) -> Meeting:
    return interchange.loads(resource(*sample).read_text(encoding="utf-8"))[0]


def test_protocol_sample_has_every_kind_of_entry():
    m = load(PROTOCOL_SAMPLE_MEETING)
    assert SAMPLE_MEETINGS == (SAMPLE_MEETING, PROTOCOL_SAMPLE_MEETING)
    assert m.body == "Økonomiudvalget" and 4 <= len(m.items) <= 6
    protocols = [it.protocol for it in m.items]
    assert any(p.absent for p in protocols) and any(p.conflicts for p in protocols)
    assert any(p.votes for p in protocols) and any(p.statements for p in protocols)
    assert any(it.closed and not it.protocol.is_empty for it in m.items)
    assert any(not it.protocol.is_empty and it.section(SectionKind.BESLUTNING) is None for it in m.items)


def test_protocol_sample_is_exactly_what_export_writes():
    text = resource(*PROTOCOL_SAMPLE_MEETING).read_text(encoding="utf-8")
    assert interchange.dumps(interchange.loads(text)) == text


def test_protocol_sample_through_the_store_and_back(store):
    (meeting_id,) = store.import_meetings([load(PROTOCOL_SAMPLE_MEETING)])
    again = interchange.data_from_meetings([store.get_meeting(meeting_id)])
    assert again == json.loads(resource(*PROTOCOL_SAMPLE_MEETING).read_text(encoding="utf-8"))


def test_protocol_sample_prints_with_the_right_toc_pages(tmp_path):
    m = load(PROTOCOL_SAMPLE_MEETING)
    path = tmp_path / "referat.pdf"
    with path.open("wb") as out:
        render_pdf(build_document(m, Variant.MINUTES), out)
    pages = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")[:-1]
    starts = [n for n, page in enumerate(pages, 1) if page.lstrip().startswith("Punkt ")]
    assert list(item_start_pages(build_document(m, Variant.MINUTES)).values()) == starts
    toc = [int(line.split()[-1]) for line in pages[1].splitlines() if "...." in line]
    assert toc == starts
    text = " ".join(" ".join(pages).split())
    assert in_order(text, [
        "Punkt 3:", "Beslutning Økonomiudvalget den 24-11-2026",
        "Bo Jensen (V) erklærede sig inhabil og deltog ikke i behandlingen af punktet.",
        "Indstillingen blev sat til afstemning. For stemte: A, C og O. Imod stemte: Ø. Undlod at stemme: F."
        " Godkendt.",
        "Ø ønskede følgende ført til protokol:", "Sagsfremstilling",
        "Punkt 4:", "Beslutning Økonomiudvalget den 24-11-2026",
        "Indstillingen blev sat til afstemning.", "Frederik Lund (F) ønskede følgende ført til protokol:",
    ])


def test_shipped_sample_prints_no_protocol_lines():
    m = load(SAMPLE_MEETING)
    assert all(it.protocol.is_empty for it in m.items)
    for variant in Variant:
        lines = docx_lines(m, variant)
        assert not any(word in line for line in lines for word in PROTOCOL_WORDS)


# --- the store ---------------------------------------------------------------------------


def test_set_protocol_round_trips_and_is_readable_json(store):
    meeting_id = store.add_meeting(Meeting("Økonomiudvalget", DATE))
    item_id = store.add_item(meeting_id, Item("Punktet"))
    assert store.get_item(item_id).protocol.is_empty
    store.set_protocol(item_id, full_protocol())
    assert store.get_item(item_id).protocol == full_protocol()
    (column,) = store.db.execute("SELECT protocol FROM items WHERE id = ?", [item_id]).fetchone()
    assert json.loads(column) == full_protocol().to_json()
    store.set_protocol(item_id, Protocol())
    assert store.get_item(item_id).protocol.is_empty


def make_version_2_file(path: Path) -> None:
    """A file as the version before items.protocol wrote it: one meeting, one item."""
    db = sqlite_utils.Database(path)
    MIGRATIONS[0](db)
    MIGRATIONS[1](db)
    db.execute("PRAGMA user_version = 2")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("INSERT INTO meetings (id, body, date, signature_sheet)"
               " VALUES (1, 'Byrådet', '2019-12-16', 1)")
    db.execute("INSERT INTO items (id, meeting_id, position, title, case_number)"
               " VALUES (1, 1, 0, 'P', '19/1')")
    db.execute("INSERT INTO sections (item_id, position, kind, text)"
               " VALUES (1, 0, 'beslutning', 'Godkendt.')")
    db.conn.commit()
    db.close()


def test_a_version_2_file_upgrades_and_keeps_its_data(db_path):
    make_version_2_file(db_path)
    store = Store.open(db_path, backup=False)
    try:
        m = store.get_meeting(1)
        item = m.items[0]
        assert (m.body, m.signature_sheet, item.title, item.case_number) == ("Byrådet", True, "P", "19/1")
        assert m.items[0].sections[0].text == "Godkendt." and m.items[0].protocol.is_empty
        store.set_protocol(m.items[0].id, full_protocol())
        assert store.get_item(m.items[0].id).protocol == full_protocol()
    finally:
        store.close()
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 3
    finally:
        conn.close()
