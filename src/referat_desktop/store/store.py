"""The one way in and out of the SQLite file: rows to domain objects and back.

Every public method is one transaction (sqlite-utils' `atomic()`), so an interrupted
operation leaves either the old state or the new one. The command line and the window's
undo commands call the same methods.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlite_utils

from referat_desktop.domain.approval import canonical_data, dumps_canonical, meeting_digest
from referat_desktop.domain.interchange import approval_data
from referat_desktop.domain.model import (
    ITEM_FIELDS,
    MEETING_FIELDS,
    Approval,
    Attachment,
    Correction,
    Item,
    Meeting,
    Section,
)
from referat_desktop.domain.protocol import Protocol
from referat_desktop.domain.texts import short_date
from referat_desktop.store import attachment_files, reading, rows
from referat_desktop.store import backup as backup_module
from referat_desktop.store.attachment_files import StoredFile, attached
from referat_desktop.store.checkpoint import CHECKPOINT_PAUSE_S, Checkpoints
from referat_desktop.store.columns import columns_of
from referat_desktop.store.errors import NotFound, ReadOnlyFile, StoreError
from referat_desktop.store.lock import WriterLock
from referat_desktop.store.opening import open_file
from referat_desktop.store.reading import MeetingSummary
from referat_desktop.store.sealing import (
    SEALED,
    Sealed,
    approval_column,
    approval_of,
    check_unsealed,
    verify_meeting,
)
from referat_desktop.store.search import SearchHit, search

__all__ = ["CHECKPOINT_PAUSE_S", "MeetingSummary", "SEALED", "SearchHit", "Sealed", "Store"]


# set_section_text's UPDATE, which leaves a section of an approved meeting alone.
_SET_TEXT_UNLESS_SEALED = (
    "UPDATE sections SET text = ? WHERE id = ? AND NOT EXISTS (SELECT 1 FROM items i"
    " JOIN meetings m ON m.id = i.meeting_id WHERE i.id = sections.item_id AND m.approval != '')"
)


class Store:
    """A database file of meetings. Use `Store.open(path)`."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        path: Path,
        read_only: bool,
        read_only_reason: str = "",
        lock: WriterLock | None = None,
    ) -> None:
        self.db = db
        self.path = path
        self.read_only = read_only
        self.read_only_reason = read_only_reason  # Danish, for the window's explanation
        self._lock = lock
        self.daily_backup: backup_module.DailyBackup | None = None  # running or done
        wal = not read_only and db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        self._checkpoints = Checkpoints(wal)

    @classmethod
    def open(cls, path: Path | str, read_only: bool = False, backup: bool = True) -> Store:
        """Open for writing under the writer lock (FileInUse if another process has it),
        or read-only when asked or when the file cannot be written. A writable open makes
        the day's backup (see store/backup.py) unless `backup` is False."""
        path = Path(path)
        opened = open_file(path, read_only=read_only)
        store = cls(opened.db, path, opened.read_only, opened.read_only_reason, opened.lock)
        if not store.read_only:
            with store._write():  # files of attachments removed in an earlier session
                attachment_files.collect_garbage(store.db.conn)
        if backup and not store.read_only and not backup_module.has_daily_backup(path):
            store.daily_backup = backup_module.DailyBackup(path)
        return store

    @property
    def backup_error(self) -> str:
        """Danish, once today's backup has failed; empty while it runs or when it worked."""
        return self.daily_backup.error if self.daily_backup is not None else ""

    @property
    def journal_mode(self) -> str:
        """The journal mode: "wal", or "delete" on a network drive (store/filesystems.py)."""
        return str(self.db.execute("PRAGMA journal_mode").fetchone()[0]).lower()

    def checkpoint(self) -> None:
        """Copy the edits from the -wal into the main file, so the main file alone holds
        them (see store/checkpoint.py). Free when nothing was written since the last one,
        for a read-only store and in DELETE mode. A checkpoint a reader holds up is left
        for next time without an error; a real failure (disk full, I/O) is a StoreError."""
        if not self.read_only:
            self._checkpoints.run(self.db.conn, self.path)

    def checkpoint_due(self, now: float) -> bool:
        """True when something was written and either the last write was at least
        CHECKPOINT_PAUSE_S before `now` (time.monotonic()) or the last checkpoint is more
        than 30 s old (so continuous typing is checkpointed too)."""
        return not self.read_only and self._checkpoints.due(now)

    def close(self) -> None:
        """Close, leaving the main file whole. SQLite checkpoints and deletes the -wal
        when its last connection closes; the explicit checkpoint first covers the case
        where it is not the last (`referat export` reading in another process)."""
        try:
            if self.daily_backup is not None:
                self.daily_backup.wait()  # a half-written copy would only be thrown away
            try:
                self.checkpoint()
            except StoreError:
                pass  # the edits are safe in the -wal; SQLite's close tries again
            self.db.close()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def restore_backup(self, backup_path: Path | str) -> Path:
        """Replace the whole file by a backup in one transaction, after copying the current
        state into backups/ (the copy is returned), so a restore can itself be undone."""
        if self.read_only:
            raise ReadOnlyFile(self._read_only_message())
        safety = backup_module.restore_into(self.db, self.path, Path(backup_path))
        self._checkpoints.wrote()
        return safety

    def _read_only_message(self) -> str:
        reason = self.read_only_reason or "Filen er åbnet skrivebeskyttet."
        return f"{reason} Ændringer kan ikke gemmes; du kan se, søge og eksportere."

    @contextmanager
    def _write(self) -> Iterator[sqlite_utils.Database]:
        if self.read_only:
            raise ReadOnlyFile(self._read_only_message())
        try:
            with self.db.atomic():
                yield self.db
        except sqlite3.OperationalError as exc:
            raise StoreError(f"Ændringen kunne ikke gemmes: {exc}.") from exc
        self._checkpoints.wrote()  # committed: the main file gets it at the next checkpoint

    # --- meetings ----------------------------------------------------------------------

    def list_meetings(self) -> list[MeetingSummary]:
        """All meetings, newest first, with their item counts."""
        return reading.list_meetings(self.db.conn)

    def get_meeting(self, meeting_id: int) -> Meeting:
        return reading.read_meeting(self.db.conn, meeting_id)

    def add_meeting(self, meeting: Meeting) -> int:
        with self._write():
            return rows.insert_meeting(self.db.conn, meeting)

    def import_meetings(self, meetings: list[Meeting]) -> list[int]:
        """Insert all meetings in one transaction: all of them or none."""
        with self._write():
            return [rows.insert_meeting(self.db.conn, m) for m in meetings]

    def update_meeting(self, meeting_id: int, **facts: object) -> None:
        """Change facts of a meeting, by their names in domain/model.py's MEETING_FIELDS
        (body, date, time, location, participants, absent, secretary, signature_sheet)."""
        columns = columns_of(MEETING_FIELDS, facts, "meeting facts")
        with self._write():
            self._row("meetings", meeting_id)
            self._unsealed("meetings", meeting_id)
            self._update_row("meetings", meeting_id, columns)

    def delete_meeting(self, meeting_id: int) -> Meeting:
        """Delete a meeting with everything in it; returns it so an undo can restore it.
        An approved meeting is refused (Sealed): approved minutes are a record."""
        meeting = self.get_meeting(meeting_id)
        with self._write() as db:
            self._unsealed("meetings", meeting_id)
            db.execute("DELETE FROM meetings WHERE id = ?", [meeting_id])
        return meeting

    def restore_meeting(self, meeting: Meeting) -> int:
        """Put back a deleted meeting under its old ids."""
        with self._write():
            return rows.insert_meeting(self.db.conn, meeting, keep_ids=True)

    # --- items -------------------------------------------------------------------------

    def get_item(self, item_id: int) -> Item:
        return reading.read_item(self.db.conn, item_id)

    def item_meeting_id(self, item_id: int) -> int:
        return int(self._row("items", item_id)["meeting_id"])

    def add_item(self, meeting_id: int, item: Item, position: int | None = None) -> int:
        """Insert an item at `position` (0-based; default: last) and renumber the rest."""
        with self._write():
            self._row("meetings", meeting_id)
            self._unsealed("meetings", meeting_id)
            return rows.insert_item(self.db.conn, meeting_id, item, position)

    def restore_item(self, meeting_id: int, item: Item, position: int) -> int:
        with self._write():
            self._unsealed("meetings", meeting_id)
            return rows.insert_item(self.db.conn, meeting_id, item, position, keep_ids=True)

    def update_item(self, item_id: int, **fields: object) -> None:
        """Change facts of an item, by their names in ITEM_FIELDS (title, case_number, closed)."""
        columns = columns_of(ITEM_FIELDS, fields, "item fields")
        with self._write():
            self._row("items", item_id)
            self._unsealed("items", item_id)
            self._update_row("items", item_id, columns)

    def set_protocol(self, item_id: int, protocol: Protocol) -> None:
        """Replace an item's protocol entries (absent, inhabil, votes, tilførsler)."""
        with self._write():
            self._row("items", item_id)
            self._unsealed("items", item_id)
            self._update_row("items", item_id, {"protocol": rows.protocol_column(protocol)})

    def delete_item(self, item_id: int) -> tuple[Item, int]:
        """Delete an item; returns it and its position so an undo can put it back."""
        item = self.get_item(item_id)
        row = self._row("items", item_id)
        with self._write() as db:
            self._unsealed("items", item_id)
            db.execute("DELETE FROM items WHERE id = ?", [item_id])
            # Only the items after it move up: one UPDATE, however long the meeting.
            db.execute(
                "UPDATE items SET position = position - 1 WHERE meeting_id = ? AND position > ?",
                [row["meeting_id"], row["position"]],
            )
        return item, row["position"]

    def move_item(self, item_id: int, new_position: int) -> None:
        """Move an item to `new_position` (0-based) within its meeting."""
        with self._write() as db:
            row = self._row("items", item_id)
            self._unsealed("items", item_id)
            meeting_id, old = row["meeting_id"], row["position"]
            new = max(0, min(new_position, rows.item_end(self.db.conn, meeting_id) - 1))
            # The items between the old and the new place shift by one, in one UPDATE.
            if new < old:
                db.execute(
                    "UPDATE items SET position = position + 1"
                    " WHERE meeting_id = ? AND position >= ? AND position < ?",
                    [meeting_id, new, old],
                )
            elif new > old:
                db.execute(
                    "UPDATE items SET position = position - 1"
                    " WHERE meeting_id = ? AND position > ? AND position <= ?",
                    [meeting_id, old, new],
                )
            db.execute("UPDATE items SET position = ? WHERE id = ?", [new, item_id])

    def item_ids(self, meeting_id: int) -> list[int]:
        """The meeting's item ids in their order."""
        rows = self.db.execute(
            "SELECT id FROM items WHERE meeting_id = ? ORDER BY position, id", [meeting_id]
        ).fetchall()
        return [r[0] for r in rows]

    # --- sections and attachments ------------------------------------------------------

    def add_section(self, item_id: int, section: Section) -> int:
        with self._write() as db:
            self._row("items", item_id)
            self._unsealed("items", item_id)
            position = db.execute(
                "SELECT coalesce(max(position) + 1, 0) FROM sections WHERE item_id = ?", [item_id]
            ).fetchone()[0]
            return rows.insert_section(self.db.conn, item_id, section, position)

    def set_section_text(self, section_id: int, text: str) -> None:
        """The autosave path: one small UPDATE in its own transaction, which itself leaves
        a section of an approved meeting alone (the look-up goes by primary keys)."""
        with self._write() as db:
            if db.execute(_SET_TEXT_UNLESS_SEALED, [text, section_id]).rowcount != 1:
                self._unsealed("sections", section_id)
                raise NotFound(f"Afsnittet findes ikke længere (id {section_id}).")

    def set_section_heading(self, section_id: int, heading: str) -> None:
        with self._write():
            self._row("sections", section_id)
            self._unsealed("sections", section_id)
            self._update_row("sections", section_id, {"heading": heading})

    def delete_section(self, section_id: int) -> Section:
        row = self._row("sections", section_id)
        with self._write() as db:
            self._unsealed("sections", section_id)
            db.execute("DELETE FROM sections WHERE id = ?", [section_id])
        return reading.section_from_row(row)

    def restore_section(self, item_id: int, section: Section, index: int) -> int:
        """Put back a deleted section under its old id as the item's `index`-th section (undo)."""
        with self._write() as db:
            self._row("items", item_id)
            self._unsealed("items", item_id)
            ids = [r[0] for r in db.execute(
                "SELECT id FROM sections WHERE item_id = ? ORDER BY position, id", [item_id]
            ).fetchall()]
            section_id = rows.insert_section(self.db.conn, item_id, section, len(ids), keep_ids=True)
            ids.insert(max(0, min(index, len(ids))), section_id)
            db.conn.executemany(
                "UPDATE sections SET position = ? WHERE id = ?", [(pos, i) for pos, i in enumerate(ids)]
            )
            return section_id

    def set_attachments(self, item_id: int, attachments: list[Attachment]) -> None:
        """Replace the item's attachment list (the `Bilag` section)."""
        with self._write() as db:
            self._row("items", item_id)
            self._unsealed("items", item_id)
            db.execute("DELETE FROM attachments WHERE item_id = ?", [item_id])
            for position, attachment in enumerate(attachments):
                rows.insert_attachment(self.db.conn, item_id, attachment, position)

    def store_file(self, path: Path) -> StoredFile:
        """Write a file into the database on its own (FileRefused, naming it, if it cannot
        be a bilag); `set_attachments` then links it. Until linked it is collected at the
        next open, so a crash in between leaves no half attachment (store/attachment_files.py)."""
        with self._write():
            return attachment_files.store_path(self.db.conn, path)

    def add_attachment_file(self, item_id: int, path: Path) -> Attachment:
        """Add the file at `path` as the item's last attachment: file and row in one
        transaction, so after a crash the item has it whole or not at all."""
        with self._write() as db:
            self._row("items", item_id)
            self._unsealed("items", item_id)
            stored = attachment_files.store_path(self.db.conn, path)
            position = db.execute(
                "SELECT coalesce(max(position) + 1, 0) FROM attachments WHERE item_id = ?", [item_id]
            ).fetchone()[0]
            attachment = attached(stored)
            attachment.id = rows.insert_attachment(self.db.conn, item_id, attachment, position)
        return self.get_item(item_id).attachments[int(position)]

    # --- approval (issue 13) ------------------------------------------------------------

    def is_approved(self, meeting_id: int) -> bool:
        """Whether the meeting is approved (sealed): one look-up by primary key."""
        return bool(approval_column(self.db.conn, "meetings", meeting_id))

    def approve(self, meeting_id: int, by: str, on: dt.date) -> Approval:
        """Approve the minutes: note who and when, and the digest and copy of the
        meeting's canonical form. From now on the meeting is sealed."""
        if not by.strip():
            raise StoreError("Skriv, hvem der godkender referatet.")
        with self._write():
            existing = approval_of(self.db.conn, meeting_id)
            if existing is not None:
                raise StoreError(f"Mødet er allerede godkendt {short_date(existing.approved_on)}"
                                 f" af {existing.approved_by}.")
            meeting = self.get_meeting(meeting_id)
            approval = Approval(on, by.strip(), meeting_digest(meeting))
            self._update_row("meetings", meeting_id, {
                "approval": json.dumps(approval_data(approval), ensure_ascii=False),
                "approved_json": dumps_canonical(canonical_data(meeting)).decode("utf-8"),
            })
            meeting.approval = approval
            rows.rechain(self.db.conn, meeting)  # corrections a draft came with (from JSON) join the chain
            return approval

    def add_correction(self, item_id: int, by: str, text: str, on: dt.date) -> Correction:
        """Add a dated correction to an item of approved minutes (the one change they
        allow); it is chained to the corrections before it. Returns it with its digest."""
        if not text.strip():
            raise StoreError("Skriv rettelsens tekst.")
        if not by.strip():
            raise StoreError("Skriv, hvem der retter referatet.")
        with self._write():
            meeting = self.get_meeting(self.item_meeting_id(item_id))
            if meeting.approval is None:
                raise StoreError("Kun et godkendt referat kan rettes med en rettelse; "
                                 "mødet er endnu et udkast og kan rettes direkte.")
            assert meeting.id is not None
            if any(line.startswith(("Rettelse", "En rettelse", "Godkendelsen"))
                   for line in verify_meeting(self.db.conn, meeting.id)):
                raise StoreError("Rettelserne er ændret uden om programmet, så der kan ikke tilføjes "
                                 "flere (se referat verify).")
            item = next(it for it in meeting.items if it.id == item_id)
            item.corrections.append(Correction(on, by.strip(), text.strip()))
            rows.rechain(self.db.conn, meeting)
            return item.corrections[-1]

    def verify(self, meeting_id: int) -> list[str]:
        """[] when the approved meeting is exactly as approved and its corrections are
        whole; else plain Danish lines naming what differs. StoreError for a draft."""
        return verify_meeting(self.db.conn, meeting_id)

    def _unsealed(self, table: str, row_id: int) -> None:
        check_unsealed(self.db.conn, table, row_id)

    # --- search ------------------------------------------------------------------------

    def search(self, query: str, limit: int = 100) -> list[SearchHit]:
        """Items whose title, case number or section text match every word of `query`."""
        return search(self.db, query, limit)

    # --- internals ---------------------------------------------------------------------

    def _row(self, table: str, row_id: int) -> dict[str, Any]:
        return reading.read_row(self.db.conn, table, row_id)

    def _update_row(self, table: str, row_id: int, columns: dict[str, Any]) -> None:
        rows.update_row(self.db.conn, table, row_id, columns)
