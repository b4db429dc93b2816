"""The schema as ordered migrations on `PRAGMA user_version`.

Migration N takes the file from version N-1 to N. Never edit a released migration:
add a new one at the end of MIGRATIONS; the file's version (SCHEMA_VERSION) is the
number of migrations. `application_id` marks the file as ours, so a foreign SQLite file
is recognised and left alone.

A new fact of a meeting or an item (domain/model.py) needs one migration adding its
column, named as the fact, with the fact's default as the column's default (see
`_v2_signature_sheet`), so older files upgrade on open.

This module imports sqlite-utils only inside the migrations: store/file_format.py
takes SCHEMA_VERSION from here on the command line's light reading path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils
    from sqlite_utils.db import ForeignKey

APPLICATION_ID = 0x52464154  # "RFAT"


def _cascade(table: str, column: str, parent: str) -> ForeignKey:
    from sqlite_utils.db import ForeignKey

    # Deleting a meeting takes its items, sections and attachments with it in one
    # statement, which keeps every delete a single atomic step.
    return ForeignKey(table, column, parent, "id", on_delete="CASCADE")


def _v1_tables(db: sqlite_utils.Database) -> None:
    db.table("meetings").create(
        {
            "id": int,
            "body": str,
            "date": str,  # ISO date, so text order is date order
            "time": str,
            "location": str,
            "secretary": str,
            "participants": str,  # JSON list of names: readable in any SQLite tool
            "absent": str,
        },
        pk="id",
        not_null={"body", "date"},
        defaults={"time": "", "location": "", "secretary": "", "participants": "[]", "absent": "[]"},
    )
    db.table("items").create(
        {
            "id": int,
            "meeting_id": int,
            "position": int,
            "title": str,
            "case_number": str,
            "closed": int,
        },
        pk="id",
        foreign_keys=[_cascade("items", "meeting_id", "meetings")],
        not_null={"meeting_id", "position", "title"},
        defaults={"case_number": "", "closed": 0},
    )
    db.table("sections").create(
        {"id": int, "item_id": int, "position": int, "kind": str, "heading": str, "text": str},
        pk="id",
        foreign_keys=[_cascade("sections", "item_id", "items")],
        not_null={"item_id", "position", "kind"},
        defaults={"heading": "", "text": ""},
    )
    db.table("attachments").create(
        {"id": int, "item_id": int, "position": int, "name": str, "media_type": str, "data": bytes},
        pk="id",
        foreign_keys=[_cascade("attachments", "item_id", "items")],
        not_null={"item_id", "position", "name"},
        defaults={"media_type": ""},
    )
    db.table("meetings").create_index(["date"])
    db.table("items").create_index(["meeting_id", "position"])
    db.table("sections").create_index(["item_id", "position"])
    db.table("attachments").create_index(["item_id", "position"])
    # Keep Danish letters distinct in search: "år" must not match "ar".
    tokenize = "unicode61 remove_diacritics 0"
    db.table("items").enable_fts(["title", "case_number"], create_triggers=True, tokenize=tokenize)
    db.table("sections").enable_fts(["heading", "text"], create_triggers=True, tokenize=tokenize)


def _v2_signature_sheet(db: sqlite_utils.Database) -> None:
    """Meeting.signature_sheet (issue 11): a flag, false in every meeting made before."""
    db.execute("ALTER TABLE meetings ADD COLUMN signature_sheet INTEGER NOT NULL DEFAULT 0")


def _v3_protocol(db: sqlite_utils.Database) -> None:
    """Item.protocol (issue 12): absent, conflicts, votes and statements as one JSON object
    in referat/1's own shape (readable in any SQLite tool); empty in every item before."""
    db.execute("ALTER TABLE items ADD COLUMN protocol TEXT NOT NULL DEFAULT '{}'")


def _v4_approval(db: sqlite_utils.Database) -> None:
    """Approved minutes (issue 13). `meetings.approval`: referat/1's `approval` object as
    JSON, '' for a draft. `meetings.approved_json`: the canonical form at approval (whose
    SHA-256 is the approval's, so it cannot be edited unnoticed); `verify` compares it
    with today's to name what changed. `meetings.corrections_head`: the digest of the last
    correction in the chain (the approval's when there is none), so removing the last one
    is detected. `items.corrections`: the item's corrections as referat/1 JSON."""
    db.execute("ALTER TABLE meetings ADD COLUMN approval TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE meetings ADD COLUMN approved_json TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE meetings ADD COLUMN corrections_head TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE items ADD COLUMN corrections TEXT NOT NULL DEFAULT '[]'")


def _v5_attachment_files(db: sqlite_utils.Database) -> None:
    """Bilag as files (issue 15). The bytes move from `attachments.data` into their own
    table, read and written in chunks (store/attachment_files.py), so listing an item's
    attachments never reads a file. `attachments.closed`: a confidential bilag (0 in every
    attachment before). `attachment_files.pdf_problem`: why a PDF cannot go into a combined
    PDF, checked once when the file is stored."""
    from referat_desktop.store.attachment_files import store_bytes

    db.execute(
        "CREATE TABLE attachment_files (id INTEGER PRIMARY KEY, size INTEGER NOT NULL,"
        " sha256 TEXT NOT NULL DEFAULT '', pdf_problem TEXT NOT NULL DEFAULT '', data BLOB NOT NULL)"
    )
    db.execute("ALTER TABLE attachments ADD COLUMN file_id INTEGER REFERENCES attachment_files(id)")
    db.execute("ALTER TABLE attachments ADD COLUMN closed INTEGER NOT NULL DEFAULT 0")
    db.execute("CREATE INDEX idx_attachments_file_id ON attachments (file_id)")
    conn = db.conn
    ids = [r[0] for r in conn.execute("SELECT id FROM attachments WHERE data IS NOT NULL").fetchall()]
    for attachment_id in ids:  # one file in memory at a time
        name, media_type, data = conn.execute(
            "SELECT name, media_type, data FROM attachments WHERE id = ?", [attachment_id]
        ).fetchone()
        stored = store_bytes(conn, bytes(data), name, media_type)
        # The media type stays as it was, even "": it is part of an approved meeting's digest.
        conn.execute("UPDATE attachments SET file_id = ? WHERE id = ?", [stored.file_id, attachment_id])
    db.execute("ALTER TABLE attachments DROP COLUMN data")


MIGRATIONS: tuple[Callable[[sqlite_utils.Database], None], ...] = (
    _v1_tables, _v2_signature_sheet, _v3_protocol, _v4_approval, _v5_attachment_files,
)
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(db: sqlite_utils.Database) -> None:
    """Bring the file to SCHEMA_VERSION, each step in its own transaction."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    for number in range(version + 1, SCHEMA_VERSION + 1):
        with db.atomic():
            MIGRATIONS[number - 1](db)
            db.execute(f"PRAGMA user_version = {number}")
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
