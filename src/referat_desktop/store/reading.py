"""Rows to domain objects, on a plain sqlite3 connection.

Store uses these for its reads, and the command line's read-only commands use them
directly through `open_read_only`, which needs neither sqlite-utils nor the writer lock:
`referat export` starts about 0.15 s sooner for it (bench/results.md).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from referat_desktop.domain.interchange import approval_from_data, correction_from_data
from referat_desktop.domain.model import (
    ITEM_FIELDS,
    MEETING_FIELDS,
    Attachment,
    Item,
    Meeting,
    Section,
    SectionKind,
)
from referat_desktop.domain.protocol import Protocol
from referat_desktop.store.columns import facts_of_row
from referat_desktop.store.errors import NotFound
from referat_desktop.store.file_format import connect_read_only, inspect_file

_WHAT = {"meetings": "Mødet", "items": "Punktet", "sections": "Afsnittet"}


@dataclass(frozen=True)
class MeetingSummary:
    id: int
    date: dt.date
    body: str
    item_count: int


def open_read_only(path: Path) -> sqlite3.Connection:
    """Check the file as Store.open(read_only=True) does, and open it without writing."""
    path = Path(path)
    inspect_file(path)
    return connect_read_only(path)


def list_meetings(conn: sqlite3.Connection) -> list[MeetingSummary]:
    """All meetings, newest first, with their item counts."""
    rows = conn.execute(
        "SELECT m.id, m.date, m.body, (SELECT count(*) FROM items i WHERE i.meeting_id = m.id)"
        " FROM meetings m ORDER BY m.date DESC, m.id DESC"
    ).fetchall()
    return [MeetingSummary(r[0], dt.date.fromisoformat(r[1]), r[2], r[3]) for r in rows]


# Attachment rows without their bytes: the combined PDF reads those one file at a time.
_ATTACHMENTS_WITHOUT_DATA = "id, item_id, position, name, media_type, NULL AS data"
BLOB_CHUNK = 1024 * 1024


def read_meeting(conn: sqlite3.Connection, meeting_id: int, attachment_data: bool = True) -> Meeting:
    """`attachment_data=False`: every attachment's `data` is None; `attachment_bytes` reads
    the files when they are needed (a meeting's bilag may be hundreds of megabytes)."""
    row = read_row(conn, "meetings", meeting_id)
    meeting = Meeting(id=row["id"], **facts_of_row(MEETING_FIELDS, row),
                      approval=approval_from_data(json.loads(row["approval"])) if row["approval"] else None)
    item_rows = _dicts(
        conn.execute("SELECT * FROM items WHERE meeting_id = ? ORDER BY position", [meeting_id])
    )
    item_ids = [r["id"] for r in item_rows]
    sections = _children(conn, "sections", item_ids)
    attachments = _children(conn, "attachments", item_ids,
                            "*" if attachment_data else _ATTACHMENTS_WITHOUT_DATA)
    meeting.items = [_item(r, sections.get(r["id"], []), attachments.get(r["id"], [])) for r in item_rows]
    return meeting


def read_item(conn: sqlite3.Connection, item_id: int) -> Item:
    row = read_row(conn, "items", item_id)
    sections, attachments = _children(conn, "sections", [item_id]), _children(conn, "attachments", [item_id])
    return _item(row, sections.get(item_id, []), attachments.get(item_id, []))


def read_row(conn: sqlite3.Connection, table: str, row_id: int) -> dict[str, Any]:
    """One row by id as a dict; NotFound (in Danish) when there is none."""
    rows = _dicts(conn.execute(f"SELECT * FROM [{table}] WHERE id = ?", [row_id]))
    if not rows:
        raise NotFound(f"{_WHAT.get(table, 'Det valgte')} med id {row_id} findes ikke i filen.")
    return rows[0]


def section_from_row(row: dict[str, Any]) -> Section:
    return Section(id=row["id"], kind=SectionKind(row["kind"]), heading=row["heading"], text=row["text"])


def _dicts(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def attachment_bytes(conn: sqlite3.Connection) -> Callable[[Attachment], Iterable[bytes] | None]:
    """Reads an attachment's file from the database in pieces (for
    `read_meeting(..., attachment_data=False)`): None for a name without a file."""

    def read(attachment: Attachment) -> Iterable[bytes] | None:
        if attachment.data is not None or attachment.id is None:
            return None if attachment.data is None else (attachment.data,)
        row = conn.execute("SELECT typeof(data) FROM attachments WHERE id = ?", [attachment.id]).fetchone()
        if row is None or row[0] not in ("blob", "text"):
            return None
        return _blob_pieces(conn, attachment.id)

    return read


def _blob_pieces(conn: sqlite3.Connection, attachment_id: int) -> Iterator[bytes]:
    with conn.blobopen("attachments", "data", attachment_id, readonly=True) as blob:
        while piece := blob.read(BLOB_CHUNK):
            yield piece


def _children(conn: sqlite3.Connection, table: str, item_ids: list[int],
              columns: str = "*") -> dict[int, list[dict[str, Any]]]:
    """The rows of `table` belonging to each of `item_ids`, in their order."""
    grouped: dict[int, list[dict[str, Any]]] = {}
    if not item_ids:
        return grouped
    marks = ",".join("?" * len(item_ids))
    cursor = conn.execute(f"SELECT {columns} FROM [{table}] WHERE item_id IN ({marks}) ORDER BY position",
                          item_ids)
    for row in _dicts(cursor):
        grouped.setdefault(row["item_id"], []).append(row)
    return grouped


def _item(row: dict[str, Any], sections: list[dict[str, Any]], attachments: list[dict[str, Any]]) -> Item:
    return Item(
        id=row["id"],
        **facts_of_row(ITEM_FIELDS, row),
        sections=[section_from_row(s) for s in sections],
        attachments=[
            Attachment(id=a["id"], name=a["name"], data=a["data"], media_type=a["media_type"])
            for a in attachments
        ],
        protocol=Protocol.from_json(json.loads(row["protocol"])),
        corrections=[correction_from_data(c) for c in json.loads(row["corrections"])],
    )
