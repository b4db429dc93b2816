"""Backup and restore figures: the sample meeting and a 2,000-meeting archive.

    .venv/bin/python bench/backup_bench.py

- a backup copy (SQLite's backup API from the open connection, then switched to a
  rollback journal and moved into place), as made on the first open of the day;
- `Store.open` on the first open of a day (it returns while the day's copy is written in
  a background thread) and later that day;
- a restore (a safety copy of the current state, then the backup loaded over it).
The archive is bench/out/archive-2000.sqlite (made once by bench/archive.py); the timings
run on a copy of it in a temporary folder.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from archive import make_archive, sample_meeting  # noqa: E402
from stats import timed  # noqa: E402

from referat_desktop.store import Store  # noqa: E402
from referat_desktop.store.backup import backup_folder, write_copy  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"


def measure(label: str, db_path: Path, runs: int) -> list[tuple[str, float, str]]:
    rows = []
    size = db_path.stat().st_size
    store = Store.open(db_path, backup=False)
    try:
        target = db_path.parent / "copy.sqlite"
        seconds = timed(lambda: write_copy(store.db.conn, target), runs=runs)
        rows.append((f"{label}: backup copy ({size / 2**20:.1f} MB)", min(seconds), _spread(seconds)))
        seconds = timed(lambda: store.restore_backup(target), runs=runs)
        rows.append((f"{label}: restore (safety copy + load)", min(seconds), _spread(seconds)))
    finally:
        store.close()

    opening, whole = [], []
    for _ in range(runs):
        shutil.rmtree(backup_folder(db_path), ignore_errors=True)
        start = time.perf_counter()
        store = Store.open(db_path)
        opening.append(time.perf_counter() - start)
        store.close()  # waits for the day's copy
        whole.append(time.perf_counter() - start)
    rows.append((f"{label}: Store.open, first of the day (copy runs on)", min(opening), _spread(opening)))
    rows.append((f"{label}: ... until the day's copy is written", min(whole), _spread(whole)))
    seconds = timed(lambda: Store.open(db_path).close(), runs=runs)
    rows.append((f"{label}: Store.open, later that day", min(seconds), _spread(seconds)))
    return rows


def _spread(seconds: list[float]) -> str:
    return f"median {sorted(seconds)[len(seconds) // 2] * 1000:.0f} ms, max {max(seconds) * 1000:.0f} ms"


def main() -> int:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        sample = Path(folder) / "sample" / "referat.sqlite"
        sample.parent.mkdir()
        store = Store.open(sample)
        store.add_meeting(sample_meeting())
        store.close()
        rows += measure("sample meeting", sample, runs=7)

        archive = make_archive(OUT / "archive-2000.sqlite")
        copy = Path(folder) / "archive" / "referat.sqlite"
        copy.parent.mkdir()
        # Through the backup API, so the copy is whole even if a bench has the archive open.
        source = sqlite3.connect(f"{archive.resolve().as_uri()}?mode=ro", uri=True)
        target = sqlite3.connect(copy)
        source.backup(target)
        source.close()
        target.close()
        rows += measure("2,000-meeting archive", copy, runs=3)
    print(f"{'figure':<66} {'best':>9}  spread")
    for name, best, spread in rows:
        print(f"{name:<66} {best * 1000:>6.0f} ms  {spread}")
    print(f"(measured {dt.date.today().isoformat()})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
