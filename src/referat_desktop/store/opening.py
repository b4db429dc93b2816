"""Opening a database file without ever harming one we cannot read.

Every check happens on a read-only connection first; only a file that passes them is
opened for writing (and only then switched to WAL, or DELETE on a network drive, or
migrated). An empty or missing path becomes a new database.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from referat_desktop import file_modes
from referat_desktop.store import filesystems
from referat_desktop.store.errors import StoreError
from referat_desktop.store.file_format import connect_read_only, inspect_file
from referat_desktop.store.lock import WriterLock
from referat_desktop.store.schema import migrate


@dataclass
class OpenedFile:
    db: sqlite_utils.Database
    read_only: bool
    read_only_reason: str  # in Danish; empty when writable
    lock: WriterLock | None  # held while the file is open for writing


def open_file(path: Path, read_only: bool = False) -> OpenedFile:
    """Open `path` for writing under the writer lock, or read-only when asked or when it
    cannot be written (permissions, read-only media). Raises FileInUse when another
    process holds the file for writing."""
    path = Path(path)
    if read_only:
        return OpenedFile(connect(path, read_only=True), True, "Filen er åbnet skrivebeskyttet.", None)
    reason = write_blocker(path)
    if reason:
        return OpenedFile(connect(path, read_only=True), True, reason, None)
    # Checked before the lock, so a file we refuse gets no .lock file beside it.
    inspect_file(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"Mappen {path.parent} kan ikke oprettes ({exc.strerror or exc}).") from None
    lock = WriterLock(path)
    lock.acquire()
    try:
        db = connect(path, checked=True)
    except BaseException:
        lock.release()
        raise
    return OpenedFile(db, False, "", lock)


def connect(path: Path, read_only: bool = False, checked: bool = False) -> sqlite_utils.Database:
    """Open (creating and migrating if needed) the database at `path`.

    `checked`: inspect_file already passed (open_file does it before taking the lock).
    """
    path = Path(path)
    if not checked:
        inspect_file(path)
    if read_only:
        return sqlite_utils.Database(connect_read_only(path), execute_plugins=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    new = not path.exists()
    try:
        conn = sqlite3.connect(str(path), check_same_thread=False, timeout=5)
        if new:
            # SQLite creates 0644 whatever the umask allows; give a new database the user's
            # normal permissions (0664 under umask 002) before its -wal copies them.
            with contextlib.suppress(OSError):
                file_modes.set_mode(path, file_modes.normal_mode())
        db = sqlite_utils.Database(conn, execute_plugins=False)  # no entry-point scan (40 ms)
        db.execute("PRAGMA foreign_keys = ON")
        # WAL lets readers (export, the daily backup) work beside the writer; on a
        # network drive it is unsafe, and a rollback journal is used (store/filesystems.py).
        # Switching back and forth is allowed: the mode is stored in the file's header.
        mode = "DELETE" if filesystems.is_network_path(path) else "WAL"
        db.execute(f"PRAGMA journal_mode = {mode}")
        # FULL syncs every commit to disk before it returns, so a save the window has
        # reported as done survives a power cut.
        db.execute("PRAGMA synchronous = FULL")
        migrate(db)
        # A new or migrated file is whole on its own from the start: its schema must not
        # sit only in the -wal, or a copy of the main file alone would look like an empty
        # file of version 0 that "skal opdateres". PASSIVE, as in store/checkpoint.py: a
        # reader in another process must not stall the opening (nothing to copy is free).
        db.execute("PRAGMA wal_checkpoint(PASSIVE)")
    except sqlite3.OperationalError as exc:
        raise StoreError(f"Filen {path.name} kan ikke åbnes til skrivning ({exc}).") from None
    return db


def write_blocker(path: Path) -> str | None:
    """Why an existing file cannot be opened for writing (in Danish), or None if it can.

    The permission bits are checked as well as os.access: a file nobody may write to is
    treated as read-only even for an administrator (root), who could override them,
    because its owner has said it must not change.
    """
    if not path.is_file():
        return None
    try:
        if os.statvfs(path).f_flag & os.ST_RDONLY:
            return "Filen ligger på et skrivebeskyttet drev."
    except (AttributeError, OSError):
        pass  # no statvfs on Windows; os.access below covers read-only media there
    if not path.stat().st_mode & 0o222 or not os.access(path, os.W_OK):
        return "Filen er skrivebeskyttet."
    folder = path.resolve().parent
    if not os.access(folder, os.W_OK):
        # WAL mode keeps its -wal and -shm files beside the database.
        return f"Du har ikke skriveret til mappen {folder.name or folder}, hvor filen ligger."
    return None
