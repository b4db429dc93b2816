"""Bilag files in the database (issue 15): stored byte for byte, never read when an item
is listed, refused plainly, PDFs checked once, old files migrated, JSON streamed."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import os
import sqlite3

import pytest
import sqlite_utils
from pypdf import PdfWriter

from referat_desktop.domain import interchange
from referat_desktop.domain.approval import meeting_digest
from referat_desktop.domain.model import Attachment, Item, Meeting
from referat_desktop.store import Store
from referat_desktop.store.attachment_files import MAX_FILE_SIZE, FileRefused
from referat_desktop.store.schema import APPLICATION_ID, MIGRATIONS

ON = dt.date(2019, 12, 18)


def pdf_bytes(encrypted: bool = False) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if encrypted:
        writer.encrypt("hemmelig")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def item_id(store):
    meeting_id = store.add_meeting(Meeting("Byrådet", ON, items=[Item("Budget")]))
    return store.get_meeting(meeting_id).items[0].id


def test_a_file_is_kept_byte_for_byte_with_name_and_media_type(store, item_id, tmp_path):
    content = os.urandom(3 * 1024 * 1024 + 17)  # more than one chunk, not a multiple of one
    path = tmp_path / "Kort over området.png"
    path.write_bytes(content)
    added = store.add_attachment_file(item_id, path)
    assert (added.name, added.media_type, added.size) == ("Kort over området.png", "image/png", len(content))
    assert added.sha256 == hashlib.sha256(content).hexdigest()
    (again,) = store.get_item(item_id).attachments
    assert again.data is None and b"".join(again.chunks()) == content


def test_listing_an_item_never_reads_the_bytes(store, item_id, tmp_path):
    path = tmp_path / "stor.bin"
    path.write_bytes(os.urandom(2 * 1024 * 1024))
    store.add_attachment_file(item_id, path)
    reads: list[tuple[str, str]] = []

    def authorizer(action, arg1, arg2, db_name, trigger):
        if action == sqlite3.SQLITE_READ:
            reads.append((arg1, arg2))
        return sqlite3.SQLITE_OK

    store.db.conn.set_authorizer(authorizer)
    try:
        item = store.get_item(item_id)
        store.get_meeting(store.item_meeting_id(item_id))
    finally:
        store.db.conn.set_authorizer(None)
    assert ("attachment_files", "size") in reads  # the summary is read ...
    assert ("attachment_files", "data") not in reads  # ... the bytes are not
    assert item.attachments[0].size == 2 * 1024 * 1024


def test_too_big_empty_and_unreadable_files_are_refused_by_name(store, item_id, tmp_path):
    big = tmp_path / "film.mp4"
    with open(big, "wb") as out:
        out.truncate(MAX_FILE_SIZE + 1)  # sparse: no 100 MB written
    with pytest.raises(FileRefused, match=r"^film\.mp4 fylder 100 MB; et bilag må højst fylde 100 MB"):
        store.add_attachment_file(item_id, big)
    empty = tmp_path / "tom.pdf"
    empty.write_bytes(b"")
    with pytest.raises(FileRefused, match=r"^tom\.pdf er tom"):
        store.add_attachment_file(item_id, empty)
    with pytest.raises(FileRefused, match=r"^væk\.pdf kan ikke læses"):
        store.add_attachment_file(item_id, tmp_path / "væk.pdf")
    with pytest.raises(FileRefused, match=r"^mappe er ikke en fil"):
        (tmp_path / "mappe").mkdir()
        store.add_attachment_file(item_id, tmp_path / "mappe")
    assert store.get_item(item_id).attachments == []
    assert store.db.execute("SELECT count(*) FROM attachment_files").fetchone()[0] == 0


def test_damaged_and_encrypted_pdfs_are_kept_and_marked(store, item_id, tmp_path):
    good, locked, broken = tmp_path / "god.pdf", tmp_path / "låst.pdf", tmp_path / "i stykker.pdf"
    good.write_bytes(pdf_bytes())
    locked.write_bytes(pdf_bytes(encrypted=True))
    broken.write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    for path in (good, locked, broken):
        store.add_attachment_file(item_id, path)
    problems = {a.name: a.pdf_problem for a in store.get_item(item_id).attachments}
    assert problems["god.pdf"] == ""
    assert problems["låst.pdf"] == "filen er krypteret (beskyttet med adgangskode)"
    assert problems["i stykker.pdf"].startswith("filen er beskadiget")
    # the verdict is stored, not recomputed when the item is read
    stored = store.db.execute("SELECT count(*) FROM attachment_files WHERE pdf_problem != ''").fetchone()[0]
    assert stored == 2


def test_a_removed_file_survives_the_session_for_undo_and_is_collected_at_the_next_open(
        store, item_id, tmp_path, db_path):
    path = tmp_path / "notat.txt"
    path.write_text("hej", encoding="utf-8")
    added = store.add_attachment_file(item_id, path)
    store.set_attachments(item_id, [])
    store.set_attachments(item_id, [added])  # the undo
    assert b"".join(store.get_item(item_id).attachments[0].chunks()) == b"hej"
    store.set_attachments(item_id, [])
    store.close()
    again = Store.open(db_path, backup=False)
    try:
        assert again.db.execute("SELECT count(*) FROM attachment_files").fetchone()[0] == 0
    finally:
        again.close()


def canonical_by_the_documented_recipe(meeting_data: dict) -> bytes:
    """docs/formats.md's recipe, with json and hashlib alone, as another program would."""
    data = {k: v for k, v in meeting_data.items() if k != "approval"}

    def pruned(value):
        if isinstance(value, dict):
            kept = {k: pruned(v) for k, v in value.items() if k != "corrections"}
            return {k: v for k, v in kept.items() if v not in (None, False, "", [], {})}
        if isinstance(value, list):
            return [pruned(v) for v in value]
        return value

    return json.dumps(pruned(data), sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def test_a_meeting_approved_before_the_migration_still_verifies(db_path):
    """A version 4 file (bytes in attachments.data) with an approved meeting: after
    migration 5 moves the bytes, the approval still verifies and the bytes are the same."""
    content = pdf_bytes()
    db = sqlite_utils.Database(db_path)
    for migration in MIGRATIONS[:4]:
        migration(db)
    db.execute("PRAGMA user_version = 4")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("INSERT INTO meetings (id, body, date) VALUES (1, 'Byrådet', '2019-12-16')")
    db.execute("INSERT INTO items (id, meeting_id, position, title) VALUES (1, 1, 0, 'Budget')")
    db.execute("INSERT INTO attachments (item_id, position, name, media_type, data) VALUES (1, 0, 'a.pdf',"
               " 'application/pdf', ?)", [content])
    db.execute("INSERT INTO attachments (item_id, position, name, media_type) VALUES (1, 1, 'kun navn', '')")
    # approved as version 4 did: the canonical form with the base64 in it
    meeting_data = {"body": "Byrådet", "date": "2019-12-16", "items": [{
        "title": "Budget", "attachments": [
            {"name": "a.pdf", "data": base64.b64encode(content).decode(), "media_type": "application/pdf"},
            {"name": "kun navn"}]}]}
    canonical = canonical_by_the_documented_recipe(meeting_data)
    digest = hashlib.sha256(canonical).hexdigest()
    approval = json.dumps({"approved_on": "2019-12-18", "approved_by": "Lars Holte", "sha256": digest})
    seal = hashlib.sha256(f"{digest}\n2019-12-18\nLars Holte".encode()).hexdigest()
    db.execute("UPDATE meetings SET approval = ?, approved_json = ?, corrections_head = ? WHERE id = 1",
               [approval, canonical.decode(), seal])
    db.conn.commit()
    db.close()

    store = Store.open(db_path, backup=False)
    try:
        assert store.verify(1) == []
        meeting = store.get_meeting(1)
        assert meeting_digest(meeting) == digest
        first, second = meeting.items[0].attachments
        assert b"".join(first.chunks()) == content and first.sha256 == hashlib.sha256(content).hexdigest()
        assert not second.has_file and not first.closed
        columns = [r[1] for r in store.db.execute("PRAGMA table_info(attachments)").fetchall()]
        assert "data" not in columns and {"file_id", "closed"} <= set(columns)
        # a change of the file behind the program's back is named
        store.db.execute("UPDATE attachment_files SET data = x'00'")
        store.db.conn.commit()
        assert store.verify(1) == ['Punkt 1 "Budget": bilagene er ændret']
    finally:
        store.close()


def test_closed_flag_round_trips_and_leaves_old_digests_alone(store, item_id):
    plain = Meeting("Byrådet", ON, items=[Item("Budget", attachments=[Attachment("a", b"x", "text/plain")])])
    before = meeting_digest(plain)
    plain.items[0].attachments[0].closed = True
    assert meeting_digest(plain) != before  # a closed tick is part of what is approved
    text = interchange.dumps([plain])
    assert json.loads(text)["meetings"][0]["items"][0]["attachments"][0]["closed"] is True
    (meeting_id,) = store.import_meetings(interchange.loads(text))
    (attachment,) = store.get_meeting(meeting_id).items[0].attachments
    assert attachment.closed and b"".join(attachment.chunks()) == b"x"
    assert Item("P", closed=True).attachment_closed(Attachment("b"))  # a closed item's bilag are closed


def test_json_round_trip_keeps_the_bytes(store, item_id, tmp_path):
    content = os.urandom(5 * 1024 * 1024 + 1)
    path = tmp_path / "bilag.bin"
    path.write_bytes(content)
    store.add_attachment_file(item_id, path)
    meeting = store.get_meeting(store.item_meeting_id(item_id))
    out = io.BytesIO()
    interchange.write([meeting], out)
    (meeting_id,) = store.import_meetings(interchange.loads(out.getvalue().decode()))
    (back,) = store.get_meeting(meeting_id).items[0].attachments
    assert back.sha256 == hashlib.sha256(content).hexdigest()
    assert b"".join(back.chunks()) == content


def test_a_large_json_import_streams_the_files_and_keeps_every_byte(tmp_path, db_path):
    """`referat import` maps the file and decodes each large base64 value straight into
    the database; the bytes come out identical (sha256), and a broken one is one line."""
    from test_cli import referat

    big, small = os.urandom(3 * 1024 * 1024 + 2), b"lille"
    meeting = Meeting("Byrådet", ON, items=[Item("Budget", attachments=[
        Attachment("stor.bin", big, "application/octet-stream"), Attachment("lille.txt", small, "text/plain"),
        Attachment("kun navn")])])
    source = tmp_path / "ind.json"
    with open(source, "wb") as out:
        interchange.write([meeting], out)
    (meeting_id,) = referat("import", str(source), db=db_path).stdout.split()
    store = Store.open(db_path, backup=False)
    try:
        stored = store.get_meeting(int(meeting_id)).items[0].attachments
        listed = [(a.name, a.size) for a in stored]
        assert listed == [("stor.bin", len(big)), ("lille.txt", 5), ("kun navn", 0)]
        assert stored[0].sha256 == hashlib.sha256(big).hexdigest()
        assert b"".join(stored[0].chunks()) == big
        exported = tmp_path / "ud.json"
        referat("export", meeting_id, "--format", "json", "-o", str(exported), db=db_path)
    finally:
        store.close()
    written = json.loads(exported.read_text(encoding="utf-8"))["meetings"][0]["items"][0]["attachments"]
    assert hashlib.sha256(base64.b64decode(written[0]["data"])).digest() == hashlib.sha256(big).digest()
    # a broken large value: one line, nothing imported
    text = source.read_bytes()
    broken = tmp_path / "i stykker.json"
    start = text.index(b'"data": "') + 20
    broken.write_bytes(text[:start] + b"!" + text[start + 1:])
    result = referat("import", str(broken), db=db_path, check=False)
    assert result.returncode != 0 and result.stderr.count("\n") == 1
    assert "attachments[0].data: expected base64" in result.stderr
    assert referat("list", db=db_path).stdout.count("\n") == 1
