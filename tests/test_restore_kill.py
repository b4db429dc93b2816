"""Restoring a backup, killed with SIGKILL at random moments: the file is afterwards the
state before the restore or the backup's, whole, and every copy in backups/ opens."""

from __future__ import annotations

import hashlib
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from referat_desktop.store import Store  # noqa: E402
from referat_desktop.store.backup import list_backups, write_copy  # noqa: E402
from referat_desktop.store.file_format import inspect_file  # noqa: E402
from store_model import make_meeting, random_meeting_spec  # noqa: E402

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

RESTORER = """
import sys, time
from referat_desktop.store import Store
store = Store.open(sys.argv[1], backup=False)
print("READY", flush=True)
store.restore_backup(sys.argv[2])
print("DONE", flush=True)
time.sleep(60)
"""


def _state(path: Path) -> str:
    """A digest of every row of every table of ours: equal digests, equal content."""
    digest = hashlib.sha256()
    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as conn:
        for table in ("meetings", "items", "sections", "attachments"):
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY id"):
                digest.update(repr(row).encode())
    conn.close()
    return digest.hexdigest()


def _restore_in_worker(db: Path, backup: Path, kill_after: float | None) -> tuple[bool, float]:
    """Run a restore in a fresh process; kill it `kill_after` s after READY (None: let it
    finish). Returns whether it printed DONE and the seconds from READY to the end."""
    worker = subprocess.Popen([sys.executable, "-c", RESTORER, str(db), str(backup)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert worker.stdout is not None
    assert worker.stdout.readline().strip() == "READY", worker.stderr.read() if worker.stderr else ""
    ready = time.perf_counter()
    if kill_after is None:
        done = worker.stdout.readline().strip() == "DONE"
        seconds = time.perf_counter() - ready
        worker.kill()
    else:
        time.sleep(kill_after)
        worker.send_signal(signal.SIGKILL)
        seconds = time.perf_counter() - ready
        worker.wait()
        done = "DONE" in worker.stdout.read()
    worker.wait()
    return done, seconds


def test_killed_restores_leave_the_old_state_or_the_backup(tmp_path):
    rng = random.Random(11)
    pristine, db = tmp_path / "pristine" / "referat.sqlite", tmp_path / "live" / "referat.sqlite"
    pristine.parent.mkdir()
    store = Store.open(pristine, backup=False)
    store.import_meetings([make_meeting(random_meeting_spec(rng, 12)) for _ in range(5)])
    backup = tmp_path / "referat-2026-11-20.sqlite"
    write_copy(store.db.conn, backup)  # the backup: five meetings
    # A bigger current state, so the safety copy and the load take long enough to be hit.
    store.import_meetings([make_meeting(random_meeting_spec(rng, 25)) for _ in range(200)])
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    before, restored = _state(pristine), _state(backup)
    assert before != restored

    def fresh_live_copy() -> None:
        shutil.rmtree(db.parent, ignore_errors=True)
        db.parent.mkdir()
        shutil.copy(pristine, db)

    fresh_live_copy()
    done, full = _restore_in_worker(db, backup, None)  # how long a whole restore takes here
    assert done and _state(db) == restored

    outcomes = []
    for _ in range(8):
        fresh_live_copy()
        done, _ = _restore_in_worker(db, backup, rng.uniform(0.0, full * 1.2))
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
        found = _state(db)
        assert found in (before, restored)
        assert not done or found == restored  # a restore it reported is never lost
        for copy in list_backups(db):  # a cut-off safety copy never shows up as a backup
            inspect_file(copy.path)
        outcomes.append(found == restored)
    # Most kills land before the restore's commit (the delays span it): the test has teeth.
    assert sum(outcomes) < len(outcomes), f"every kill came after the restore ({full:.3f} s)"
