"""Opening a database file without ever harming one we cannot read.

Every check happens on a read-only connection first; only a file that passes them is
opened for writing (and only then switched to WAL or migrated). An empty or missing
path becomes a new database.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from referat_desktop.store.errors import DamagedFile, NewerVersion, NotOurFile, StoreError
from referat_desktop.store.lock import WriterLock
from referat_desktop.store.schema import APPLICATION_ID, SCHEMA_VERSION, migrate

SQLITE_HEADER = b"SQLite format 3\x00"
# PRAGMA quick_check reads every page: ~0.2-0.7 s for a 160 MB archive, most of the time
# to open the window. Above this size the header's own page count is checked against the
# file size instead (which catches a cut-off copy, the common damage) and the full check
# is left to SQLite's own errors on reading.
QUICK_CHECK_LIMIT = 32 * 1024 * 1024


def inspect_file(path: Path) -> None:
    """Raise a StoreError if `path` holds something we must not open for writing."""
    if not path.exists() or path.stat().st_size == 0:
        return
    if path.is_dir():
        raise NotOurFile(f"{path} er en mappe, ikke en Referat-database.")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise StoreError(f"Filen {path} kan ikke læses: {exc.strerror}.") from None
    if not header.startswith(SQLITE_HEADER):
        raise NotOurFile(f"Filen {path.name} er ikke en Referat-database.")
    size = path.stat().st_size
    if size < _size_in_header(header):
        raise DamagedFile(f"Filen {path.name} er beskadiget og kan ikke åbnes (filen er afkortet).")
    # immutable=1: no locks, no -wal or -shm files left beside a file we refuse. But a
    # file with a -wal beside it is open in another process or was left by a crash: its
    # main file alone may be mid-checkpoint, so read it through its WAL (read-only).
    has_wal = _wal_path(path).exists()
    query = "mode=ro" if has_wal else "mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True)
        try:
            application_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            check = conn.execute("PRAGMA quick_check").fetchone()[0] if size <= QUICK_CHECK_LIMIT else "ok"
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DamagedFile(f"Filen {path.name} er beskadiget og kan ikke åbnes ({exc}).") from None
    if application_id != APPLICATION_ID and tables:
        raise NotOurFile(f"Filen {path.name} er en database fra et andet program, ikke fra Referat.")
    if version > SCHEMA_VERSION:
        raise NewerVersion(
            f"Filen {path.name} er gemt af en nyere version af Referat. Opdater programmet for at åbne den."
        )
    if check != "ok":
        raise DamagedFile(f"Filen {path.name} er beskadiget og kan ikke åbnes ({check}).")


def _size_in_header(header: bytes) -> int:
    """The database size the header promises, or 0 when the header does not say.

    The page count at offset 28 is valid only when offset 92 equals the change counter
    at offset 24 (https://www.sqlite.org/fileformat.html, "In-header database size").
    """
    if len(header) < 100 or header[92:96] != header[24:28]:
        return 0
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    return int.from_bytes(header[28:32], "big") * page_size


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
        return _connect_read_only(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(str(path), check_same_thread=False, timeout=5)
        db = sqlite_utils.Database(conn, execute_plugins=False)  # no entry-point scan (40 ms)
        db.execute("PRAGMA foreign_keys = ON")
        db.enable_wal()
        # FULL syncs every commit to disk before it returns, so a save the window has
        # reported as done survives a power cut.
        db.execute("PRAGMA synchronous = FULL")
        migrate(db)
    except sqlite3.OperationalError as exc:
        raise StoreError(f"Filen {path.name} kan ikke åbnes til skrivning ({exc}).") from None
    return db


def _wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _connect_read_only(path: Path) -> sqlite_utils.Database:
    """A read-only connection that never writes to the file (it may add -wal/-shm beside it)."""
    if not path.is_file():
        raise StoreError(f"Filen {path} findes ikke.")
    uri = path.resolve().as_uri()
    conn = None
    try:
        try:
            # mode=ro still sees a concurrent writer's commits through the WAL.
            conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, check_same_thread=False)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.OperationalError:
            # On read-only media SQLite cannot create the -shm file a WAL reader needs.
            # Nobody can change such a file, so reading it as immutable is exact, unless
            # a crashed writer left committed work in a -wal we would then ignore.
            if conn is not None:
                conn.close()
            if _wal_path(path).exists() and _wal_path(path).stat().st_size > 0:
                raise StoreError(
                    f"Filen {path.name} har ændringer i {path.name}-wal, som ikke kan læses på et"
                    " skrivebeskyttet drev. Kopier begge filer til en mappe, du kan skrive i."
                ) from None
            conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        if conn is not None:
            conn.close()
        raise StoreError(f"Filen {path.name} kan ikke læses ({exc}).") from None
    if version != SCHEMA_VERSION:
        conn.close()
        raise StoreError(f"Filen {path.name} skal opdateres og kan ikke åbnes skrivebeskyttet.")
    return sqlite_utils.Database(conn, execute_plugins=False)


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
