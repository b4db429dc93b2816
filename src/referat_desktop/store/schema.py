"""The schema as ordered migrations on `PRAGMA user_version`.

Migration N takes the file from version N-1 to N. Never edit a released migration:
add a new one at the end. `application_id` marks the file as ours, so a foreign
SQLite file is recognised and left alone.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils
from sqlite_utils.db import ForeignKey

from referat_desktop.store.file_format import APPLICATION_ID, SCHEMA_VERSION


def _cascade(table: str, column: str, parent: str) -> ForeignKey:
    # Deleting a meeting takes its items, sections and attachments with it in one
    # statement, which keeps every delete a single atomic step.
    return ForeignKey(table, column, parent, "id", on_delete="CASCADE")


def _v1_tables(db: sqlite_utils.Database) -> None:
    db["meetings"].create(
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
    db["items"].create(
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
    db["sections"].create(
        {"id": int, "item_id": int, "position": int, "kind": str, "heading": str, "text": str},
        pk="id",
        foreign_keys=[_cascade("sections", "item_id", "items")],
        not_null={"item_id", "position", "kind"},
        defaults={"heading": "", "text": ""},
    )
    db["attachments"].create(
        {"id": int, "item_id": int, "position": int, "name": str, "media_type": str, "data": bytes},
        pk="id",
        foreign_keys=[_cascade("attachments", "item_id", "items")],
        not_null={"item_id", "position", "name"},
        defaults={"media_type": ""},
    )
    db["meetings"].create_index(["date"])
    db["items"].create_index(["meeting_id", "position"])
    db["sections"].create_index(["item_id", "position"])
    db["attachments"].create_index(["item_id", "position"])
    # Keep Danish letters distinct in search: "år" must not match "ar".
    tokenize = "unicode61 remove_diacritics 0"
    db["items"].enable_fts(["title", "case_number"], create_triggers=True, tokenize=tokenize)
    db["sections"].enable_fts(["heading", "text"], create_triggers=True, tokenize=tokenize)


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_v1_tables]
# file_format.py states the version without importing this module; adding a migration
# means raising it there too.
if len(MIGRATIONS) != SCHEMA_VERSION:
    raise RuntimeError("store/file_format.py: SCHEMA_VERSION must equal the number of migrations")


def migrate(db: sqlite_utils.Database) -> None:
    """Bring the file to SCHEMA_VERSION, each step in its own transaction."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    for number in range(version + 1, SCHEMA_VERSION + 1):
        with db.atomic():
            MIGRATIONS[number - 1](db)
            db.execute(f"PRAGMA user_version = {number}")
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
