"""Opening a database file without ever harming one we cannot read.

Every check happens on a read-only connection first; only a file that passes them is
opened for writing (and only then switched to WAL or migrated). An empty or missing
path becomes a new database.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from referat_desktop.store.errors import DamagedFile, NewerVersion, NotOurFile, StoreError
from referat_desktop.store.schema import APPLICATION_ID, SCHEMA_VERSION, migrate

SQLITE_HEADER = b"SQLite format 3\x00"


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
    try:
        # immutable=1: no locks, no -wal or -shm files left beside a file we refuse.
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            application_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
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


def connect(path: Path, read_only: bool = False) -> sqlite_utils.Database:
    """Open (creating and migrating if needed) the database at `path`."""
    path = Path(path)
    inspect_file(path)
    if read_only:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        db = sqlite_utils.Database(conn)
        if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            conn.close()
            raise StoreError(f"Filen {path.name} skal opdateres og kan ikke åbnes skrivebeskyttet.")
        return db
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(str(path), check_same_thread=False, timeout=5)
        db = sqlite_utils.Database(conn)
        db.execute("PRAGMA foreign_keys = ON")
        db.enable_wal()
        # FULL syncs every commit to disk before it returns, so a save the window has
        # reported as done survives a power cut.
        db.execute("PRAGMA synchronous = FULL")
        migrate(db)
    except sqlite3.OperationalError as exc:
        raise StoreError(f"Filen {path.name} kan ikke åbnes til skrivning ({exc}).") from None
    return db
