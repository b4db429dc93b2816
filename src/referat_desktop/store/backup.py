"""Backups beside the database: one a day on open (in the background), the last 14 kept,
and restoring one.

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
import stat
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from referat_desktop import file_modes
from referat_desktop.store.errors import StoreError
from referat_desktop.store.file_format import inspect_file
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


def _daily_name(db_path: Path, today: dt.date) -> Path:
    return backup_folder(db_path) / f"{Path(db_path).stem}-{today.isoformat()}.sqlite"


def has_daily_backup(db_path: Path, today: dt.date | None = None) -> bool:
    return _daily_name(db_path, today or dt.date.today()).exists()


def daily_backup(
    conn: sqlite3.Connection, db_path: Path, today: dt.date | None = None, keep: int = KEEP
) -> Path | None:
    """Copy the database into backups/ unless today's copy exists; returns the new copy."""
    target = _daily_name(db_path, today or dt.date.today())
    if target.exists():
        return None
    write_copy(conn, target, _mode_of(db_path))
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
    write_copy(conn, target, _mode_of(db_path))
    return target


def _mode_of(db_path: Path) -> int | None:
    """A backup gets the permissions of the database it copies: a file shared with the
    group is backed up shared, a private one stays private in backups/ too."""
    try:
        return stat.S_IMODE(Path(db_path).stat().st_mode)
    except OSError:
        return None


def write_copy(conn: sqlite3.Connection, target: Path, mode: int | None = None) -> None:
    """Copy `conn`'s database to `target`, with permission bits `mode` (default: the
    user's normal ones; SQLite itself would create 0644 whatever the umask)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        copy = sqlite3.connect(temporary)
        try:
            conn.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
        with contextlib.suppress(OSError):  # a drive without permission bits
            file_modes.set_mode(temporary, file_modes.normal_mode() if mode is None else mode)
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
    # A copy cut off by a crash or power cut leaves its temporary file: clear old ones.
    prefix = f".{Path(db_path).stem}-"
    with contextlib.suppress(OSError):
        for entry in backup_folder(db_path).iterdir():
            if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    if time.time() - entry.stat().st_mtime > 3600:
                        entry.unlink()
                        removed.append(entry)
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


class DailyBackup:
    """Today's backup, made in a background thread from its own read-only connection.

    Opening a large archive then does not wait for the copy (about a second for 2,000
    meetings), and the window can write meanwhile: in WAL mode a reader's snapshot and
    the one writer do not block each other. `Store.close()` waits for it to finish.
    """

    def __init__(self, db_path: Path, today: dt.date | None = None, keep: int = KEEP) -> None:
        self.db_path = Path(db_path)
        self.today = today or dt.date.today()
        self.keep = keep
        self.error = ""  # Danish, when the copy could not be made
        self.made: Path | None = None
        self._thread = threading.Thread(target=self._run, name="referat-daily-backup", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            conn = sqlite3.connect(f"{self.db_path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                if conn.execute("SELECT count(*) FROM meetings").fetchone()[0]:  # else nothing to keep
                    self.made = daily_backup(conn, self.db_path, self.today, self.keep)
            finally:
                conn.close()
        except (OSError, sqlite3.Error) as exc:
            # The database itself is fine; the window says so and the secretary goes on.
            self.error = f"Dagens sikkerhedskopi kunne ikke laves: {exc}."

    @property
    def done(self) -> bool:
        return not self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> bool:
        self._thread.join(timeout)
        return self.done


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


def recovered_copy(backup_path: Path, db_path: Path, now: dt.datetime | None = None) -> Path:
    """A new file beside `db_path` with the backup's content, for a `db_path` that cannot
    be opened: `referat-gendannet-2026-11-30-071503.sqlite`. The damaged file is left
    exactly as it is (a file we cannot read is never overwritten; someone may still save
    more of it than the backup holds)."""
    inspect_file(backup_path)  # ours, whole, and not from a newer version
    stamp = (now or dt.datetime.now()).strftime("%Y-%m-%d-%H%M%S")
    target = Path(db_path).with_name(f"{Path(db_path).stem}-gendannet-{stamp}.sqlite")
    try:
        source = sqlite3.connect(f"{Path(backup_path).resolve().as_uri()}?mode=ro", uri=True)
        try:
            write_copy(source, target, _mode_of(db_path))
        finally:
            source.close()
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"Sikkerhedskopien kunne ikke kopieres til {target.name}: {exc}.") from exc
    return target
