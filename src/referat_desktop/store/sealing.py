"""Approved meetings in the file (issue 13): is it sealed, and does it still verify.

On a plain sqlite3 connection, like store/reading.py, so `referat verify` takes the
command line's light reading path. The columns (migration 4, store/schema.py):
`meetings.approval` (referat/1's approval object as JSON, '' for a draft),
`meetings.approved_json` (the canonical form at approval), `meetings.corrections_head`
(the last digest of the chain of corrections), `items.corrections`.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3

from referat_desktop.domain.approval import (
    FILE_REF,
    canonical_data,
    chain_problems,
    differences_of,
    digest_of,
    expanded_copy_digest,
    meeting_digest,
)
from referat_desktop.domain.interchange import approval_from_data
from referat_desktop.domain.model import Approval, Meeting
from referat_desktop.store.errors import NotFound, StoreError
from referat_desktop.store.reading import read_meeting, read_row

SEALED = "Mødet er godkendt og kan ikke ændres. Tilføj en rettelse i stedet."

# The approval column of the meeting that holds a row: one lookup by primary keys.
_APPROVAL_OF = {
    "meetings": "SELECT approval FROM meetings WHERE id = ?",
    "items": "SELECT m.approval FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = ?",
    "sections": "SELECT m.approval FROM sections s JOIN items i ON i.id = s.item_id"
                " JOIN meetings m ON m.id = i.meeting_id WHERE s.id = ?",
}


class Sealed(StoreError):
    """The meeting is approved; only a correction may be added."""


def approval_column(conn: sqlite3.Connection, table: str, row_id: int) -> str | None:
    """The approval JSON of the meeting holding the row ('' for a draft); None when the
    row does not exist."""
    row = conn.execute(_APPROVAL_OF[table], [row_id]).fetchone()
    return None if row is None else str(row[0])


def check_unsealed(conn: sqlite3.Connection, table: str, row_id: int) -> None:
    """Sealed when the row belongs to an approved meeting (a missing row is left to the
    caller's own NotFound)."""
    if approval_column(conn, table, row_id):
        raise Sealed(SEALED)


def approved_ids(conn: sqlite3.Connection) -> list[int]:
    """The approved meetings' ids, oldest meeting first."""
    rows = conn.execute("SELECT id FROM meetings WHERE approval != '' ORDER BY date, id").fetchall()
    return [int(r[0]) for r in rows]


def approval_of(conn: sqlite3.Connection, meeting_id: int) -> Approval | None:
    text = approval_column(conn, "meetings", meeting_id)
    if text is None:
        raise NotFound(f"Mødet med id {meeting_id} findes ikke i filen.")
    return approval_from_data(json.loads(text)) if text else None


def verify_meeting(conn: sqlite3.Connection, meeting_id: int) -> list[str]:
    """[] when the approved meeting is as approved and its corrections chain holds; else
    plain Danish lines naming what differs. A StoreError for a draft."""
    row = read_row(conn, "meetings", meeting_id)
    if not row["approval"]:
        raise StoreError(f"Mødet med id {meeting_id} er ikke godkendt; der er intet at kontrollere.")
    approval = approval_from_data(json.loads(row["approval"]))
    meeting = read_meeting(conn, meeting_id)
    _rehash_files(meeting)
    snapshot: str = row["approved_json"]
    snapshot_holds = _copy_holds(snapshot, meeting, approval.sha256)
    lines = []
    if meeting_digest(meeting) != approval.sha256:
        if snapshot_holds:
            changed = differences_of(json.loads(snapshot), canonical_data(meeting))
            lines += changed or ["Mødets indhold er ændret"]
        else:
            lines.append("Mødets indhold svarer ikke til godkendelsen (og kopien fra godkendelsen er "
                         "ikke den godkendte, så det kan ikke siges, hvad der er ændret)")
    elif not snapshot_holds:
        lines.append("Kopien fra godkendelsen er ændret (mødets indhold er som godkendt)")
    lines += chain_problems(meeting, approval, row["corrections_head"])
    return lines


def _copy_holds(snapshot: str, meeting: Meeting, digest: str) -> bool:
    """Whether the copy kept at approval is the approved one. A copy made before issue 15
    holds every file's base64 and is checked as it is; a newer one names files by their
    SHA-256 and is checked with the meeting's files streamed in. When a file it names is
    gone, it cannot be checked and is taken as it is (it still names what changed)."""
    if FILE_REF not in snapshot:
        return digest_of(snapshot.encode("utf-8")) == digest
    try:
        copy = json.loads(snapshot)
    except json.JSONDecodeError:
        return False
    expanded = expanded_copy_digest(copy, meeting) if isinstance(copy, dict) else ""
    return expanded is None or expanded == digest


def _rehash_files(meeting: Meeting) -> None:
    """Give each stored file the SHA-256 of its bytes as they are now (streamed), not the
    one noted when it was stored: a file changed behind the program's back must show."""
    for item in meeting.items:
        for attachment in item.attachments:
            if attachment.file_id is not None:
                hasher = hashlib.sha256()
                for chunk in attachment.chunks():
                    hasher.update(chunk)
                attachment.sha256 = hasher.hexdigest()
