"""Backups beside the database: one a day on open, the last 14 kept, and restoring one.

Copies are made with SQLite's online backup API from the open connection, so they are
consistent even while the window writes, and are written to a temporary name and moved
into place, so a half-written copy never carries a backup's name. Each copy is switched
to a rollback journal: one self-contained file the user can copy or open anywhere.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from referat_desktop.store.errors import StoreError
from referat_desktop.store.opening import inspect_file
from referat_desktop.store.schema import migrate

BACKUP_FOLDER = "backups"
KEEP = 14


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made: dt.datetime  # from the file name: the day (and for safety copies the time)
    size: int  # bytes
    before_restore: bool = False  # a copy taken just before a restore (named with the time)


def backup_folder(db_path: Path) -> Path:
    return Path(db_path).parent / BACKUP_FOLDER


def _name_pattern(db_path: Path) -> re.Pattern[str]:
    # "referat-2026-11-27.sqlite" (daily) or "referat-2026-11-27-143005.sqlite" (taken
    # just before a restore).
    return re.compile(rf"^{re.escape(Path(db_path).stem)}-(\d{{4}}-\d{{2}}-\d{{2}})(?:-(\d{{6}}))?\.sqlite$")


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The backups of `db_path`, newest first."""
    folder = backup_folder(db_path)
    pattern = _name_pattern(db_path)
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        match = pattern.match(entry.name)
        if not match or not entry.is_file():
            continue
        try:
            made = dt.datetime.strptime(match[1] + (match[2] or "000000"), "%Y-%m-%d%H%M%S")
            found.append(BackupInfo(entry, made, entry.stat().st_size, match[2] is not None))
        except (ValueError, OSError):
            continue
    return sorted(found, key=lambda b: (b.made, b.path.name), reverse=True)


def daily_backup(
    conn: sqlite3.Connection, db_path: Path, today: dt.date | None = None, keep: int = KEEP
) -> Path | None:
    """Copy the database into backups/ unless today's copy exists; returns the new copy."""
    today = today or dt.date.today()
    target = backup_folder(db_path) / f"{Path(db_path).stem}-{today.isoformat()}.sqlite"
    if target.exists():
        return None
    write_copy(conn, target)
    prune(db_path, keep)
    return target


def safety_copy(conn: sqlite3.Connection, db_path: Path, now: dt.datetime | None = None) -> Path:
    """A copy of the current state, named by date and time (taken before a restore)."""
    now = now or dt.datetime.now()
    while True:
        target = backup_folder(db_path) / f"{Path(db_path).stem}-{now:%Y-%m-%d-%H%M%S}.sqlite"
        if not target.exists():  # never overwrite a copy (it may be the one being restored)
            break
        now += dt.timedelta(seconds=1)
    write_copy(conn, target)
    return target


def write_copy(conn: sqlite3.Connection, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        copy = sqlite3.connect(temporary)
        try:
            conn.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def prune(db_path: Path, keep: int = KEEP) -> list[Path]:
    """Delete all but the `keep` newest backups; returns the deleted paths."""
    removed = []
    for old in list_backups(db_path)[keep:]:
        with contextlib.suppress(OSError):
            old.path.unlink()
            removed.append(old.path)
    return removed


def copy_into(backup_path: Path, conn: sqlite3.Connection) -> None:
    """Replace the whole content of `conn`'s database by the backup's, in one transaction.

    The backup API writes the destination inside one write transaction (through the WAL),
    so an interruption leaves the old content or the new, never a mix.
    """
    source = sqlite3.connect(f"{Path(backup_path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        source.backup(conn)
    finally:
        source.close()


def backup_on_open(db: sqlite_utils.Database, db_path: Path) -> str:
    """Make the day's backup; returns a Danish message when that failed, else ''."""
    if not db.execute("SELECT count(*) FROM meetings").fetchone()[0]:
        return ""  # nothing to protect in a new, empty file
    try:
        daily_backup(db.conn, db_path)
    except (OSError, sqlite3.Error) as exc:
        # The database itself is fine; the window shows this and the secretary goes on.
        return f"Dagens sikkerhedskopi kunne ikke laves: {exc}."
    return ""


def restore_into(db: sqlite_utils.Database, db_path: Path, backup_path: Path) -> Path:
    """Copy the current state to backups/ (returned), then load the backup over it."""
    inspect_file(backup_path)  # ours, whole, and not from a newer version
    try:
        safety = safety_copy(db.conn, db_path)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(
            f"Den nuværende fil kunne ikke sikkerhedskopieres først, så intet er ændret: {exc}."
        ) from exc
    try:
        copy_into(backup_path, db.conn)
        migrate(db)  # a backup from an older version is brought up to this one
    except sqlite3.Error as exc:
        raise StoreError(f"Sikkerhedskopien kunne ikke indlæses: {exc}.") from exc
    return safety
