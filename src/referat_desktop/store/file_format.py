"""What makes a file ours, and reading it without changing it, with the standard sqlite3
module only.

The read-only paths (`referat list` and `referat export`) need nothing else, so they
start without importing sqlite-utils or filelock (~0.15 s of a whole export process;
see bench/results.md). Writing goes through store/opening.py.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from referat_desktop.store.errors import DamagedFile, NewerVersion, NotOurFile, StoreError

# SCHEMA_VERSION is the number of migrations; schema.py imports sqlite-utils only inside
# them, so taking it from there costs this light reading path nothing.
from referat_desktop.store.schema import APPLICATION_ID, SCHEMA_VERSION

__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "connect_read_only", "inspect_file", "wal_path"]
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
    has_wal = wal_path(path).exists()
    # A file in rollback-journal mode (header bytes 18-19 are 1; a file on a network
    # drive, store/filesystems.py) is read with SQLite's shared lock, which creates no
    # files beside it and keeps a writer's commit from changing pages under the check.
    # With a -journal beside it (a crash mid-commit) immutable reads it as it lies.
    rollback = header[18:20] == b"\x01\x01" and not path.with_name(path.name + "-journal").exists()
    query = "mode=ro" if has_wal or rollback else "mode=ro&immutable=1"
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


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def connect_read_only(path: Path) -> sqlite3.Connection:
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
            if wal_path(path).exists() and wal_path(path).stat().st_size > 0:
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
    return conn
