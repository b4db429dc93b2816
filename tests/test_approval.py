"""Approved minutes (issue 13): approve, sealed, corrections, verify, JSON, migration (no Qt).

Tampering is done as another program would: plain sqlite3 UPDATEs and DELETEs on the
file, after which `verify` (the store's and the command line's) must name what changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from referat_desktop.domain import interchange
from referat_desktop.domain.approval import (
    Approval,
    Correction,
    approval_seal,
    canonical_json,
    correction_digest,
    differences,
    meeting_digest,
)
from referat_desktop.domain.model import MEETING_FIELDS, Attachment, Item, Meeting, Section, SectionKind
from referat_desktop.domain.protocol import Protocol, Statement
from referat_desktop.store import Store, StoreError
from referat_desktop.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

SEALED = "Mødet er godkendt og kan ikke ændres. Tilføj en rettelse i stedet."
ON = dt.date(2019, 12, 18)


def small_meeting() -> Meeting:
    return Meeting("Direktionen", dt.date(2019, 12, 16), time="09:00", location="B105",
                   participants=["Lars Holte", "Jørgen Lerhard", "Anne Hansen"], absent=["Anne Hansen"],
                   secretary="Kathrine Seier Skaastrup", items=[
        Item("Godkendelse af dagsorden", sections=[Section(SectionKind.BESLUTNING, "Godkendt.")]),
        Item("Budget", "19/1", sections=[
            Section(SectionKind.BAGGRUND, "Baggrunden."),
            Section(SectionKind.BESLUTNING, "Budgettet blev godkendt."),
            Section(SectionKind.EXTRA, "Kr. 100.", heading="Økonomi"),
        ], attachments=[Attachment("notat.pdf", b"%PDF-1.4 x", "application/pdf")],
            protocol=Protocol(statements=[Statement("Ø", "Imod.")])),
        Item("Eventuelt", sections=[Section(SectionKind.BESLUTNING, "Intet.")]),
    ])


@pytest.fixture
def approved(store):
    meeting_id = store.add_meeting(small_meeting())
    store.approve(meeting_id, "Lars Holte", ON)
    return meeting_id


def tamper(db_path: Path, sql: str, *params: object) -> None:
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute(sql, params).rowcount >= 1
        conn.commit()
    finally:
        conn.close()


# --- domain ------------------------------------------------------------------------------


def test_canonical_json_is_sorted_compact_utf8_without_approval_ids_or_corrections():
    m = small_meeting()
    text = canonical_json(m)
    data = json.loads(text)
    assert text == json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    assert "Økonomi".encode() in text and b"approval" not in text and b'"id"' not in text
    assert data["items"][1]["attachments"][0]["data"] == "JVBERi0xLjQgeA=="  # base64, as in JSON
    assert "time" in data and "signature_sheet" not in data  # empty values are left out
    m.approval = Approval(ON, "X", "0" * 64)
    m.items[0].corrections = [Correction(ON, "X", "Y")]
    m.items[0].id, m.id = 7, 9
    assert canonical_json(m) == text
    assert meeting_digest(m) == hashlib.sha256(text).hexdigest()


def test_correction_digest_is_defined_as_documented():
    c = Correction(dt.date(2019, 12, 20), "Kathrine", "Rettet: 100 kr.")
    body = '{"by":"Kathrine","date":"2019-12-20","text":"Rettet: 100 kr."}'
    expected = hashlib.sha256(f"abc\n2\n{body}".encode()).hexdigest()
    assert correction_digest("abc", 2, c) == expected
    seal = approval_seal(Approval(ON, "Lars Holte", "d" * 64))
    assert seal == hashlib.sha256(f"{'d' * 64}\n2019-12-18\nLars Holte".encode()).hexdigest()


def test_differences_name_the_fact_the_section_and_the_item():
    old, new = small_meeting(), small_meeting()
    new.body = "Byrådet"
    new.items[1].sections[1].text = "Budgettet blev forkastet."
    del new.items[2]
    assert differences(old, new) == [
        "Mødets udvalg er ændret",
        'Punkt 2 "Budget": afsnittet Beslutning er ændret',
        'Punkt 3 "Eventuelt" er slettet',
    ]


# --- store: approve, sealed, corrections ---------------------------------------------------


def test_approve_records_who_when_and_digest(store, approved):
    m = store.get_meeting(approved)
    assert m.approval == Approval(ON, "Lars Holte", meeting_digest(m))
    assert store.is_approved(approved) and store.verify(approved) == []


def test_approving_twice_or_without_a_name_is_refused(store, approved):
    with pytest.raises(StoreError, match=r"^Mødet er allerede godkendt 18-12-2019 af Lars Holte\.$"):
        store.approve(approved, "Jørgen Lerhard", ON)
    other = store.add_meeting(small_meeting())
    with pytest.raises(StoreError, match="Skriv, hvem der godkender referatet."):
        store.approve(other, "  ", ON)
    assert not store.is_approved(other)


def test_every_edit_of_an_approved_meeting_is_refused(store, approved):
    m = store.get_meeting(approved)
    item, section = m.items[1], m.items[1].sections[0]
    assert item.id is not None and section.id is not None
    edits = [
        lambda: store.update_meeting(approved, body="X"),
        lambda: store.update_meeting(approved, signature_sheet=True),
        lambda: store.delete_meeting(approved),
        lambda: store.add_item(approved, Item("Ny")),
        lambda: store.restore_item(approved, Item("Ny"), 0),
        lambda: store.update_item(item.id, title="X"),
        lambda: store.delete_item(item.id),
        lambda: store.move_item(item.id, 0),
        lambda: store.add_section(item.id, Section(SectionKind.EXTRA, "x", "y")),
        lambda: store.restore_section(item.id, Section(SectionKind.EXTRA, "x", "y"), 0),
        lambda: store.delete_section(section.id),
        lambda: store.set_section_text(section.id, "Ændret."),
        lambda: store.set_section_heading(section.id, "X"),
        lambda: store.set_attachments(item.id, []),
        lambda: store.set_protocol(item.id, Protocol()),
    ]
    for edit in edits:
        with pytest.raises(StoreError, match=f"^{SEALED}$"):
            edit()
    assert store.get_meeting(approved) == m and store.verify(approved) == []


def test_a_draft_is_still_edited_as_before(store):
    meeting_id = store.add_meeting(small_meeting())
    section_id = store.get_meeting(meeting_id).items[0].sections[0].id
    store.set_section_text(section_id, "Ændret.")
    assert store.get_meeting(meeting_id).items[0].sections[0].text == "Ændret."
    with pytest.raises(StoreError, match="findes ikke"):
        store.set_section_text(99999, "x")


def test_corrections_are_chained_and_keep_the_original_text(store, approved):
    items = store.get_meeting(approved).items
    first = store.add_correction(items[1].id, "Kathrine Seier Skaastrup", "Beløbet er 200 kr.",
                                 dt.date(2019, 12, 20))
    second = store.add_correction(items[0].id, "Lars Holte", "Tilføjet bilag.", dt.date(2019, 12, 21))
    m = store.get_meeting(approved)
    assert m.items[1].sections[1].text == "Budgettet blev godkendt."
    assert m.items[0].corrections == [second]
    # Item 2's correction follows item 1's in the chain, so adding one to item 1 re-linked it.
    relinked = m.items[1].corrections[0].sha256
    assert m.items[1].corrections == [Correction(first.date, first.by, first.text, relinked)]
    seal = approval_seal(m.approval)
    # The chain runs in item order: item 1's correction first, although added later.
    assert second.sha256 == correction_digest(seal, 0, second)
    assert m.items[1].corrections[0].sha256 == correction_digest(second.sha256, 1, first)
    assert store.verify(approved) == []


def test_a_correction_needs_approved_minutes_a_name_and_a_text(store, approved):
    draft = store.add_meeting(small_meeting())
    draft_item = store.get_meeting(draft).items[0].id
    with pytest.raises(StoreError, match="udkast"):
        store.add_correction(draft_item, "X", "Y", ON)
    item_id = store.get_meeting(approved).items[0].id
    with pytest.raises(StoreError, match="tekst"):
        store.add_correction(item_id, "X", " ", ON)
    with pytest.raises(StoreError, match="hvem"):
        store.add_correction(item_id, "", "Y", ON)


# --- tamper evidence ---------------------------------------------------------------------


def test_verify_names_a_changed_section_text(store, db_path, approved):
    section_id = store.get_meeting(approved).items[1].sections[1].id
    tamper(db_path, "UPDATE sections SET text = 'Forkastet.' WHERE id = ?", section_id)
    assert store.verify(approved) == ['Punkt 2 "Budget": afsnittet Beslutning er ændret']


@pytest.mark.parametrize("spec", MEETING_FIELDS, ids=lambda s: s.name)
def test_verify_names_every_changed_fact(store, db_path, approved, spec):
    value = {"date": "2020-01-01", "signature_sheet": 1, "participants": '["X"]', "absent": "[]"}
    tamper(db_path, f"UPDATE meetings SET [{spec.name}] = ? WHERE id = ?",
           value.get(spec.name, "X"), approved)
    assert store.verify(approved) == [f"Mødets {spec.undo_label} er ændret"]


def test_verify_names_an_item_fact_a_deleted_item_and_attachments(store, db_path, approved):
    items = store.get_meeting(approved).items
    tamper(db_path, "UPDATE items SET case_number = '19/2' WHERE id = ?", items[1].id)
    tamper(db_path, "UPDATE attachment_files SET data = x'00'"
           " WHERE id IN (SELECT file_id FROM attachments WHERE item_id = ?)", items[1].id)
    tamper(db_path, "DELETE FROM items WHERE id = ?", items[2].id)
    assert store.verify(approved) == [
        'Punkt 2 "Budget": feltet Sagsnummer er ændret',
        'Punkt 2 "Budget": bilagene er ændret',
        'Punkt 3 "Eventuelt" er slettet',
    ]


def test_verify_names_an_edited_or_removed_correction(store, db_path, approved):
    items = store.get_meeting(approved).items
    for text in ("Første.", "Anden.", "Tredje."):
        store.add_correction(items[0].id, "Lars Holte", text, dt.date(2019, 12, 20))
    stored = json.loads(sqlite3.connect(db_path).execute(
        "SELECT corrections FROM items WHERE id = ?", [items[0].id]).fetchone()[0])

    def set_corrections(entries: list[dict]) -> list[str]:
        tamper(db_path, "UPDATE items SET corrections = ? WHERE id = ?", json.dumps(entries), items[0].id)
        return store.verify(approved)

    edited = [dict(stored[0]), {**stored[1], "text": "Ændret."}, dict(stored[2])]
    assert set_corrections(edited) == ["Rettelse 2 til punkt 1 er ændret eller fjernet"]
    assert set_corrections([stored[0], stored[2]]) == ["Rettelse 2 til punkt 1 er ændret eller fjernet"]
    assert set_corrections(stored[:2]) == ["En rettelse efter rettelse 2 til punkt 1 er fjernet"]
    assert set_corrections(stored) == []
    with pytest.raises(StoreError, match="uden om programmet"):
        set_corrections(edited)
        store.add_correction(items[0].id, "X", "Y", ON)


def test_verify_notices_a_changed_approver_and_an_edited_copy(store, db_path, approved):
    conn = sqlite3.connect(db_path)
    row = conn.execute("SELECT approval FROM meetings WHERE id = ?", [approved]).fetchone()
    conn.close()
    tamper(db_path, "UPDATE meetings SET approval = ? WHERE id = ?",
           row[0].replace("Lars Holte", "Jørgen Lerhard"), approved)
    assert store.verify(approved) == ["Godkendelsens dato eller navn er ændret, eller rettelser er fjernet"]
    tamper(db_path, "UPDATE meetings SET approval = ?, approved_json = '{}' WHERE id = ?", row[0], approved)
    assert store.verify(approved) == ["Kopien fra godkendelsen er ændret (mødets indhold er som godkendt)"]


# --- JSON ----------------------------------------------------------------------------------


def test_json_round_trip_keeps_approval_and_corrections(store, approved):
    item_id = store.get_meeting(approved).items[1].id
    store.add_correction(item_id, "Kathrine Seier Skaastrup", "Beløbet er 200 kr.", dt.date(2019, 12, 20))
    m = store.get_meeting(approved)
    text = interchange.dumps([m])
    data = json.loads(text)["meetings"][0]
    assert data["approval"] == {"approved_on": "2019-12-18", "approved_by": "Lars Holte",
                                "sha256": m.approval.sha256}
    assert data["items"][1]["corrections"] == [{"date": "2019-12-20", "by": "Kathrine Seier Skaastrup",
                                                "text": "Beløbet er 200 kr.",
                                                "sha256": m.items[1].corrections[0].sha256}]
    assert data["items"][0]["corrections"] == []
    (again,) = store.import_meetings(interchange.loads(text))
    assert store.is_approved(again) and store.verify(again) == []
    assert interchange.dumps([store.get_meeting(again)]) == text


def test_a_draft_has_no_approval_key():
    data = json.loads(interchange.dumps([small_meeting()]))["meetings"][0]
    assert "approval" not in data and all(item["corrections"] == [] for item in data["items"])


def test_an_imported_approval_that_does_not_match_is_kept_and_reported(store):
    m = small_meeting()
    m.approval = Approval(ON, "Lars Holte", "0" * 64)
    (meeting_id,) = store.import_meetings([m])
    assert store.is_approved(meeting_id)
    assert store.verify(meeting_id)[0].startswith("Mødets indhold svarer ikke til godkendelsen")


@pytest.mark.parametrize(("approval", "message"), [
    ({"approved_on": "18-12-2019", "approved_by": "X", "sha256": "0" * 64},
     "meetings[0].approval.approved_on: expected a date as YYYY-MM-DD, found '18-12-2019'"),
    ({"approved_on": "2019-12-18", "approved_by": " ", "sha256": "0" * 64},
     "meetings[0].approval.approved_by: expected non-empty text"),
    ({"approved_on": "2019-12-18", "approved_by": "X", "sha256": "abc"},
     "meetings[0].approval.sha256: expected 64 lower-case hexadecimal digits"),
    ("yes", "meetings[0].approval: expected an object"),
])
def test_a_bad_approval_names_the_place(approval, message):
    document = {"format": "referat/1",
                "meetings": [{"body": "X", "date": "2019-12-16", "approval": approval}]}
    with pytest.raises(interchange.FormatError, match=f"^{message.replace('[', '.').replace(']', '.')}$"):
        interchange.meetings_from_data(document)


def test_a_bad_correction_names_the_place():
    document = {"format": "referat/1", "meetings": [{"body": "X", "date": "2019-12-16", "items": [
        {"title": "T", "corrections": [{"date": "2019-12-20", "by": "A", "text": ""}]}]}]}
    with pytest.raises(interchange.FormatError, match=r"items.0..corrections.0..text: expected non-empty"):
        interchange.meetings_from_data(document)


# --- migration ---------------------------------------------------------------------------


def test_a_version_3_file_upgrades_its_meetings_to_drafts(db_path):
    db = sqlite_utils.Database(db_path)
    for migration in MIGRATIONS[:3]:
        migration(db)
    db.execute("PRAGMA user_version = 3")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("INSERT INTO meetings (id, body, date) VALUES (1, 'Byrådet', '2019-12-16')")
    db.execute("INSERT INTO items (id, meeting_id, position, title) VALUES (1, 1, 0, 'P')")
    db.conn.commit()
    db.close()
    store = Store.open(db_path, backup=False)
    try:
        m = store.get_meeting(1)
        assert m.approval is None and m.items[0].corrections == [] and not store.is_approved(1)
        store.approve(1, "Lars Holte", ON)
        assert store.verify(1) == []
    finally:
        store.close()
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
    conn.close()


# --- command line ------------------------------------------------------------------------


def referat(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "referat_desktop.cli", *args, "--db", str(db)],
                          capture_output=True, text=True, timeout=60)


def test_cli_approve_and_verify(db_path, sample_json_path):
    (meeting_id,) = referat("import", str(sample_json_path), db=db_path).stdout.split()
    nothing = referat("verify", db=db_path)
    assert (nothing.returncode, nothing.stdout) == (0, "") and "ingen godkendte" in nothing.stderr
    done = referat("approve", meeting_id, "--by", "Lars Holte", "--date", "2019-12-18", db=db_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, "godkendt 2019-12-18 af Lars Holte\n", "")
    again = referat("approve", meeting_id, "--by", "Lars Holte", db=db_path)
    assert again.returncode == 1 and again.stdout == ""
    assert again.stderr == "referat: Mødet er allerede godkendt 18-12-2019 af Lars Holte.\n"
    ok = referat("verify", db=db_path)
    assert (ok.returncode, ok.stdout) == (0, f"{meeting_id}\tok\n")
    tamper(db_path, "UPDATE sections SET text = text || ' Ændret.' WHERE kind = 'beslutning'"
           " AND item_id = (SELECT id FROM items WHERE position = 1)")
    changed = referat("verify", meeting_id, db=db_path)
    assert changed.returncode == 1
    assert changed.stdout.startswith(f"{meeting_id}\tPunkt 2 \"")
    assert "afsnittet Beslutning er ændret" in changed.stdout


def test_cli_approve_defaults_to_today_and_refuses_bad_input(db_path, sample_json_path):
    (meeting_id,) = referat("import", str(sample_json_path), db=db_path).stdout.split()
    bad_date = referat("approve", meeting_id, "--by", "X", "--date", "18-12-2019", db=db_path)
    assert bad_date.returncode == 2 and bad_date.stderr.count("\n") == 1
    blank = referat("approve", meeting_id, "--by", " ", db=db_path)
    assert blank.returncode == 1 and blank.stderr == "referat: Skriv, hvem der godkender referatet.\n"
    draft = referat("verify", meeting_id, db=db_path)
    assert draft.returncode == 1 and "ikke godkendt" in draft.stderr
    today = referat("approve", meeting_id, "--by", "Lars Holte", db=db_path)
    assert today.stdout == f"godkendt {dt.date.today().isoformat()} af Lars Holte\n"


def test_an_exported_file_verifies_by_the_documented_recipe_alone(store, approved):
    """docs/formats.md's steps, with json and hashlib only, on what `export` writes."""
    items = store.get_meeting(approved).items
    store.add_correction(items[2].id, "Lars Holte", "Intet at tilføje.", dt.date(2019, 12, 20))
    store.add_correction(items[0].id, "Kathrine Seier Skaastrup", "Ærø, \"citat\" \\ æ.",
                         dt.date(2019, 12, 21))
    meeting = json.loads(interchange.dumps([store.get_meeting(approved)]))["meetings"][0]

    def prune(value):
        if isinstance(value, dict):
            kept = {k: prune(v) for k, v in value.items() if k not in ("approval", "corrections")}
            return {k: v for k, v in kept.items() if v not in ("", None, [], {}) and v is not False}
        return [prune(v) for v in value] if isinstance(value, list) else value

    def canonical(value) -> bytes:
        return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def sha(data: bytes) -> str:
        return hashlib.sha256(data).hexdigest()

    approval = meeting["approval"]
    assert sha(canonical(prune(meeting))) == approval["sha256"]
    previous = sha(f"{approval['sha256']}\n{approval['approved_on']}\n{approval['approved_by']}".encode())
    checked = 0
    for index, item in enumerate(meeting["items"]):
        for c in item["corrections"]:
            body = canonical({"by": c["by"], "date": c["date"], "text": c["text"]})
            assert sha(f"{previous}\n{index}\n".encode() + body) == c["sha256"]
            previous, checked = c["sha256"], checked + 1
    assert checked == 2
