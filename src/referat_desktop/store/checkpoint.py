"""Keeping the main database file whole: copying the WAL into it soon after each edit.

In WAL mode a commit lands in `<db>-wal`; the main file gets it only at a checkpoint.
A user who copies `referat.sqlite` alone (to a USB stick, into an e-mail) would take
yesterday's file. So the window asks `due()` five times a second and runs a checkpoint
once typing has paused for CHECKPOINT_PAUSE_S, or every CHECKPOINT_MAX_S while it goes on.
The pause is just longer than the autosave's 0.7 s, so steady typing (a save every 0.7 s)
is not checkpointed after every save, and a keystroke is in the main file alone within
0.7 + 0.8 + 0.2 = 1.7 s.

PASSIVE, not TRUNCATE or FULL: PASSIVE never waits for a reader (the daily backup's
thread, `referat export` in another process) and never calls the busy handler, so it
cannot stall the window for the connection's 5 s timeout; what a reader still needs is
simply copied next time. It also leaves the -wal file's size alone, so the next commit
overwrites it from the start rather than growing a truncated file (cheaper fsyncs, see
bench/checkpoint_bench.py). A completed checkpoint does make the main file whole;
closing the last connection deletes the -wal anyway.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from referat_desktop.store.errors import StoreError

CHECKPOINT_PAUSE_S = 0.8  # this long after the last write, the main file gets it
CHECKPOINT_MAX_S = 30.0  # and at least this often while edits go on without a pause


class Checkpoints:
    """When the last write and the last complete checkpoint happened (time.monotonic())."""

    def __init__(self, wal: bool) -> None:
        self.wal = wal  # False in DELETE mode: every commit is in the main file already
        self.writes = 0  # write transactions not yet in the main file
        self.last_write = 0.0
        self.last_checkpoint = time.monotonic()

    def wrote(self) -> None:
        """Called after each committed write transaction."""
        self.writes += 1
        self.last_write = time.monotonic()

    def due(self, now: float) -> bool:
        if not self.wal or not self.writes:
            return False
        return now - self.last_write >= CHECKPOINT_PAUSE_S or now - self.last_checkpoint > CHECKPOINT_MAX_S

    def run(self, conn: sqlite3.Connection, path: Path) -> bool:
        """Copy the WAL into the main file; True when all of it is there now.

        A checkpoint a reader holds up (SQLITE_BUSY, or frames it still reads) is left
        for next time: nothing is lost, it is all in the -wal. Any other error (disk
        full, I/O) is a StoreError in Danish; the edits are still safe in the -wal."""
        if not self.wal or not self.writes:
            return True
        writes = self.writes
        try:
            busy, log, copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                return False
            raise StoreError(
                f"Ændringerne er gemt, men kunne ikke samles i selve filen {path.name} ({exc});"
                f" de ligger i {path.name}-wal ved siden af, og det prøves igen."
            ) from exc
        if busy or copied < log:
            return False
        # Writes made while the checkpoint ran (none on one thread) stay due.
        self.writes -= writes
        self.last_checkpoint = time.monotonic()
        return True
