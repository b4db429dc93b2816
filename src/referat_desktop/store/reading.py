"""Rows to domain objects, on a plain sqlite3 connection.

Store uses these for its reads, and the command line's read-only commands use them
directly through `open_read_only`, which needs neither sqlite-utils nor the writer lock:
`referat export` starts about 0.15 s sooner for it (bench/results.md).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from functools import partial
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
from referat_desktop.store.attachment_files import read_chunks
from referat_desktop.store.columns import facts_of_row
from referat_desktop.store.errors import NotFound
from referat_desktop.store.file_format import connect_read_only, inspect_file

_WHAT = {"meetings": "Mødet", "items": "Punktet", "sections": "Afsnittet"}


@dataclass(frozen=True)
class MeetingSummary:
    """A meeting as `referat list` and the meeting list show it."""

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


def read_meeting(conn: sqlite3.Connection, meeting_id: int) -> Meeting:
    """The meeting without its attachments' bytes: each Attachment reads its file in
    chunks when asked (`Attachment.chunks()`; a meeting's bilag may be hundreds of MB)."""
    row = read_row(conn, "meetings", meeting_id)
    meeting = Meeting(id=row["id"], **facts_of_row(MEETING_FIELDS, row),
                      approval=approval_from_data(json.loads(row["approval"])) if row["approval"] else None)
    item_rows = _dicts(
        conn.execute("SELECT * FROM items WHERE meeting_id = ? ORDER BY position", [meeting_id])
    )
    item_ids = [r["id"] for r in item_rows]
    sections, attachments = _children(conn, "sections", item_ids), _attachments(conn, item_ids)
    meeting.items = [_item(r, sections.get(r["id"], []), attachments.get(r["id"], [])) for r in item_rows]
    return meeting


def read_item(conn: sqlite3.Connection, item_id: int) -> Item:
    row = read_row(conn, "items", item_id)
    sections, attachments = _children(conn, "sections", [item_id]), _attachments(conn, [item_id])
    return _item(row, sections.get(item_id, []), attachments.get(item_id, []))


# An item's attachments with their files' summaries, never the files' bytes (issue 15):
# `data` is the last column of its row, so SQLite reads none of its overflow pages.
_ATTACHMENTS = (
    "SELECT a.id, a.item_id, a.name, a.media_type, a.closed, a.file_id, f.size, f.sha256, f.pdf_problem"
    " FROM attachments a LEFT JOIN attachment_files f ON f.id = a.file_id"
    " WHERE a.item_id IN ({marks}) ORDER BY a.position"
)


def _attachments(conn: sqlite3.Connection, item_ids: list[int]) -> dict[int, list[Attachment]]:
    grouped: dict[int, list[Attachment]] = {}
    if not item_ids:
        return grouped
    cursor = conn.execute(_ATTACHMENTS.format(marks=",".join("?" * len(item_ids))), item_ids)
    for a in _dicts(cursor):
        file_id = a["file_id"]
        grouped.setdefault(a["item_id"], []).append(Attachment(
            id=a["id"], name=a["name"], media_type=a["media_type"], closed=bool(a["closed"]),
            file_id=file_id, size=a["size"] or 0, sha256=a["sha256"] or "",
            pdf_problem=a["pdf_problem"] or "",
            read_file=None if file_id is None else partial(read_chunks, conn, file_id),
        ))
    return grouped


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


def _children(conn: sqlite3.Connection, table: str, item_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The rows of `table` belonging to each of `item_ids`, in their order."""
    grouped: dict[int, list[dict[str, Any]]] = {}
    if not item_ids:
        return grouped
    marks = ",".join("?" * len(item_ids))
    cursor = conn.execute(f"SELECT * FROM [{table}] WHERE item_id IN ({marks}) ORDER BY position",
                          item_ids)
    for row in _dicts(cursor):
        grouped.setdefault(row["item_id"], []).append(row)
    return grouped


def _item(row: dict[str, Any], sections: list[dict[str, Any]], attachments: list[Attachment]) -> Item:
    return Item(
        id=row["id"],
        **facts_of_row(ITEM_FIELDS, row),
        sections=[section_from_row(s) for s in sections],
        attachments=attachments,
        protocol=Protocol.from_json(json.loads(row["protocol"])),
        corrections=[correction_from_data(c) for c in json.loads(row["corrections"])],
    )
