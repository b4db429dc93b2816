"""Writing a meeting, its items, sections and attachments as rows: plain INSERTs on the
store's connection, inside the caller's transaction (Store's `_write()`). Kept apart from
store.py, which says *what* each edit does; this says how a domain object becomes rows.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from typing import Any

from referat_desktop.domain.approval import approval_seal, canonical_data, correction_digest, dumps_canonical
from referat_desktop.domain.interchange import approval_data, correction_data
from referat_desktop.domain.model import (
    ITEM_FIELDS,
    MEETING_FIELDS,
    Attachment,
    Correction,
    Item,
    Meeting,
    Section,
)
from referat_desktop.domain.protocol import Protocol
from referat_desktop.store.attachment_files import store_bytes, store_chunks
from referat_desktop.store.columns import columns_of


def protocol_column(protocol: Protocol) -> str:
    return json.dumps(protocol.to_json(), ensure_ascii=False)




def corrections_column(corrections: list[Correction]) -> str:
    return json.dumps([correction_data(c) for c in corrections], ensure_ascii=False)

def insert_meeting(conn: sqlite3.Connection, meeting: Meeting, keep_ids: bool = False) -> int:
    facts = {spec.name: getattr(meeting, spec.name) for spec in MEETING_FIELDS}
    meeting_id = insert_row(conn, "meetings", {
        "id": meeting.id if keep_ids else None,
        **columns_of(MEETING_FIELDS, facts, "meeting facts"),
        **approval_columns(meeting),
    })
    for position, item in enumerate(meeting.items):
        insert_item(conn, meeting_id, item, position, keep_ids)
    return meeting_id

def approval_columns(meeting: Meeting) -> dict[str, object]:
    """An approved meeting (imported, restored) keeps its approval and digests as
    given; its copy is today's canonical form, so if the given digest does not match
    the content, `verify` says so (it cannot say what changed)."""
    if meeting.approval is None:
        return {}
    links = [c.sha256 for item in meeting.items for c in item.corrections]
    return {
        "approval": json.dumps(approval_data(meeting.approval), ensure_ascii=False),
        "approved_json": dumps_canonical(canonical_data(meeting)).decode("utf-8"),
        "corrections_head": links[-1] if links else approval_seal(meeting.approval),
    }

def insert_item(conn: sqlite3.Connection, meeting_id: int, item: Item, position: int | None,
                keep_ids: bool = False) -> int:
    """Positions are dense (0..n-1), so `max + 1` is the end; the (meeting_id,
    position) index answers it without reading the other items. Appending (import,
    add_meeting, restore_meeting, a new last item) moves nothing; an insert in the
    middle shifts the items after it with one UPDATE. Renumbering every item on every
    insert made importing a meeting quadratic (1,500 items: 50 s)."""
    end = item_end(conn, meeting_id)
    position = end if position is None else max(0, min(position, end))
    if position < end:
        # No UNIQUE on (meeting_id, position), so the shift may pass through duplicates.
        conn.execute(
            "UPDATE items SET position = position + 1 WHERE meeting_id = ? AND position >= ?",
            [meeting_id, position],
        )
    item_id = insert_row(conn, "items", {
        "id": item.id if keep_ids else None,
        "meeting_id": meeting_id,
        "position": position,
        **columns_of(ITEM_FIELDS, {s.name: getattr(item, s.name) for s in ITEM_FIELDS}, "item fields"),
        "protocol": protocol_column(item.protocol),
        "corrections": corrections_column(item.corrections),
    })
    for pos, section in enumerate(item.sections):
        insert_section(conn, item_id, section, pos, keep_ids)
    for pos, attachment in enumerate(item.attachments):
        insert_attachment(conn, item_id, attachment, pos, keep_ids)
    return item_id

def item_end(conn: sqlite3.Connection, meeting_id: int) -> int:
    row = conn.execute(
        "SELECT coalesce(max(position) + 1, 0) FROM items WHERE meeting_id = ?", [meeting_id]
    ).fetchone()
    return int(row[0])

def insert_row(conn: sqlite3.Connection, table: str, columns: dict[str, object]) -> int:
    """One plain INSERT. sqlite-utils' `insert()` inspects the table's columns on
    every call (several statements a row), which an import of thousands of rows
    pays for thousands of times. An id of None lets SQLite choose one."""
    names = ", ".join(columns)
    marks = ", ".join("?" for _ in columns)
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
    cursor = conn.execute(sql, list(columns.values()))
    assert cursor.lastrowid is not None  # an INSERT into a rowid table always sets it
    return cursor.lastrowid

def insert_section(conn: sqlite3.Connection, item_id: int, section: Section, position: int,
                   keep_ids: bool = False) -> int:
    return insert_row(conn, "sections", {
        "id": section.id if keep_ids else None,
        "item_id": item_id,
        "position": position,
        "kind": section.kind.value,
        "heading": section.heading,
        "text": section.text,
    })

def insert_attachment(
    conn: sqlite3.Connection, item_id: int, attachment: Attachment, position: int, keep_ids: bool = False
) -> int:
    """An attachment from the store (undo, a changed list) keeps its file row; one whose
    bytes came in memory (JSON) has them written into a new file row first."""
    file_id = attachment.file_id
    if file_id is None and attachment.data is not None:
        file_id = store_bytes(conn, attachment.data, attachment.name, attachment.media_type).file_id
    elif file_id is None and attachment.read_file is not None:  # streamed from a JSON import
        file_id = store_chunks(conn, attachment.chunks(), attachment.size, attachment.name,
                               attachment.media_type).file_id
    return insert_row(conn, "attachments", {
        "id": attachment.id if keep_ids else None,
        "item_id": item_id,
        "position": position,
        "name": attachment.name,
        "media_type": attachment.media_type,
        "closed": int(attachment.closed),
        "file_id": file_id,
    })


def update_row(conn: sqlite3.Connection, table: str, row_id: int, columns: dict[str, Any]) -> None:
    """One plain UPDATE of the given columns (names from our own tables, never input)."""
    if columns:
        assignments = ", ".join(f"[{name}] = ?" for name in columns)
        conn.execute(f"UPDATE [{table}] SET {assignments} WHERE id = ?", [*columns.values(), row_id])


def rechain(conn: sqlite3.Connection, meeting: Meeting) -> None:
    """Give every correction of an approved meeting its digest in chain order
    (domain/approval.py), write the items whose digests changed and note the chain's last
    digest on the meeting."""
    assert meeting.approval is not None
    previous = approval_seal(meeting.approval)
    changed: set[int] = set()
    for item_index, item in enumerate(meeting.items):
        for index, correction in enumerate(item.corrections):
            digest = correction_digest(previous, item_index, correction)
            if digest != correction.sha256:
                item.corrections[index] = replace(correction, sha256=digest)
                changed.add(item_index)
            previous = digest
    for item_index in changed:
        item = meeting.items[item_index]
        assert item.id is not None
        update_row(conn, "items", item.id, {"corrections": corrections_column(item.corrections)})
    assert meeting.id is not None
    update_row(conn, "meetings", meeting.id, {"corrections_head": previous})
