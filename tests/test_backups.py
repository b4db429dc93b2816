"""Daily backups with SQLite's backup API: one a day, kept in tiers within a size budget, restorable."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from referat_desktop.store import NotOurFile, ReadOnlyFile, Store
from referat_desktop.store.backup import (
    BUDGET_FLOOR,
    BackupInfo,
    backup_folder,
    daily_backup,
    list_backups,
    retained,
)


def meetings_in(path):
    store = Store.open(path, read_only=True)
    try:
        return [store.get_meeting(m.id) for m in store.list_meetings()]
    finally:
        store.close()


@pytest.fixture
def filled(db_path, sample_meeting):
    store = Store.open(db_path)
    store.import_meetings([sample_meeting])
    return store


def test_first_open_of_the_day_backs_up_once(filled, db_path):
    filled.close()
    assert not backup_folder(db_path).exists()  # the new, empty file had nothing to protect
    Store.open(db_path).close()
    Store.open(db_path).close()
    [backup] = list_backups(db_path)
    assert backup.path.name == f"referat-{dt.date.today().isoformat()}.sqlite"
    assert backup.size == backup.path.stat().st_size > 0


def test_daily_copies_are_pruned_by_the_tiers(filled, db_path):
    start = dt.date(2026, 11, 1)
    for day in range(20):
        assert daily_backup(filled.db.conn, db_path, today=start + dt.timedelta(days=day)) is not None
        assert daily_backup(filled.db.conn, db_path, today=start + dt.timedelta(days=day)) is None
    kept = [b.made.date() for b in list_backups(db_path)]
    last = start + dt.timedelta(days=19)
    # the last 7 days (Nov 14-20), then the newest copy of each earlier ISO week: Sunday
    # Nov 8 and Sunday Nov 1 (the month tier's newest of November is Nov 20, kept already)
    last_week = [last - dt.timedelta(days=d) for d in range(7)]
    assert kept == last_week + [dt.date(2026, 11, 8), dt.date(2026, 11, 1)]
    filled.close()


def info(day: dt.date, size: int, before_restore: bool = False) -> BackupInfo:
    return BackupInfo(Path(f"r-{day}-{before_restore}.sqlite"), dt.datetime.combine(day, dt.time()), size,
                      before_restore)


def test_a_year_of_small_copies_keeps_days_weeks_and_months():
    today = dt.date(2026, 11, 30)
    backups = [info(today - dt.timedelta(days=d), 10 * 1024**2) for d in range(400)]
    kept = sorted((b.made.date() for b in retained(backups, today, BUDGET_FLOOR)), reverse=True)
    assert kept[:7] == [today - dt.timedelta(days=d) for d in range(7)]  # every day of the week
    # + 4 earlier weeks of the last 31 days (Sundays Nov 22, 15, 8, 1) + the 12 earlier
    # months of the last 366 days (each month's last day, Oct 2026 back to Nov 2025)
    assert len(kept) == 7 + 4 + 12
    assert min(kept) > today - dt.timedelta(days=366)
    assert len({(d.year, d.month) for d in kept}) == 13


def test_large_copies_stay_within_the_budget_keeping_today_a_week_and_a_month_back():
    today = dt.date(2026, 11, 30)
    size = 500 * 1024**2  # a database with 500 MB of bilag
    backups = [info(today - dt.timedelta(days=d), size) for d in range(60)]
    kept = [b.made.date() for b in retained(backups, today, max(BUDGET_FLOOR, 3 * size))]
    assert len(kept) == 4  # 2 GB budget
    assert kept[0] == today
    assert kept[1:3] == [dt.date(2026, 11, 22), dt.date(2026, 10, 31)]  # a week back, a month back
    assert kept[3] == today - dt.timedelta(days=1)
    # the newest copy is kept even when it alone is over the budget
    assert [b.made.date() for b in retained(backups[:3], today, size // 2)] == [today]


def test_backup_is_consistent_and_self_contained(filled, db_path):
    meeting_id = filled.list_meetings()[0].id
    filled.update_meeting(meeting_id, location="Byrådssalen")  # still in the WAL, not the main file
    copy = daily_backup(filled.db.conn, db_path, today=dt.date(2026, 11, 27))
    expected = [filled.get_meeting(meeting_id)]
    filled.close()
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file, no -wal
    conn.close()
    assert meetings_in(copy) == expected
    assert sorted(p.name for p in backup_folder(db_path).iterdir()) == ["referat-2026-11-27.sqlite"]


def test_restore_keeps_the_current_file_as_a_backup(filled, db_path, sample_meeting):
    old = daily_backup(filled.db.conn, db_path, today=dt.date(2026, 11, 20))
    before = [filled.get_meeting(m.id) for m in filled.list_meetings()]
    filled.import_meetings([sample_meeting, sample_meeting])
    current = [filled.get_meeting(m.id) for m in filled.list_meetings()]

    safety = filled.restore_backup(old)
    assert [filled.get_meeting(m.id) for m in filled.list_meetings()] == before
    assert filled.search("økonomisk")  # the search index came back with the rows
    assert filled.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert safety in [b.path for b in list_backups(db_path)]
    assert meetings_in(safety) == current
    filled.close()
    assert meetings_in(db_path) == before  # and it stays restored after reopening

    # Undo the restore by restoring the safety copy.
    store = Store.open(db_path)
    store.restore_backup(safety)
    assert [store.get_meeting(m.id) for m in store.list_meetings()] == current
    store.close()


def test_restoring_something_else_changes_nothing(filled, db_path, tmp_path):
    before = [filled.get_meeting(m.id) for m in filled.list_meetings()]
    junk = tmp_path / "not-a-backup.sqlite"
    junk.write_bytes(b"hello")
    with pytest.raises(NotOurFile):
        filled.restore_backup(junk)
    assert junk.read_bytes() == b"hello"
    assert [filled.get_meeting(m.id) for m in filled.list_meetings()] == before
    filled.close()


def test_read_only_store_cannot_restore(filled, db_path):
    backup = daily_backup(filled.db.conn, db_path, today=dt.date(2026, 11, 20))
    filled.close()
    viewer = Store.open(db_path, read_only=True)
    with pytest.raises(ReadOnlyFile):
        viewer.restore_backup(backup)
    viewer.close()


def test_failed_backup_does_not_stop_the_opening(filled, db_path):
    filled.close()
    backup_folder(db_path).write_text("a file where the folder should be")
    store = Store.open(db_path)
    assert store.daily_backup.wait(10)
    assert not store.read_only and "sikkerhedskopi" in store.backup_error
    assert store.list_meetings()
    store.close()


def test_editing_goes_on_while_the_backup_runs(filled, db_path):
    meeting_id = filled.list_meetings()[0].id
    filled.close()
    store = Store.open(db_path)  # the day's copy starts in the background
    job = store.daily_backup
    assert job is not None
    store.update_meeting(meeting_id, location="Byrådssalen")  # not blocked by the copy
    store.close()  # waits for the copy
    assert job.done and job.error == "" and job.made is not None
    [copy] = meetings_in(job.made)
    assert copy.location in ("Byrådssalen", "Mødelokale B105")  # a snapshot from before or after
    conn = sqlite3.connect(job.made)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert Store.open(db_path).daily_backup is None  # once a day


def test_a_cut_off_copy_is_cleared_later(filled, db_path):
    import os
    import time

    folder = backup_folder(db_path)
    folder.mkdir()
    old_leftover = folder / ".referat-2026-11-01.sqlite.4242.tmp"
    new_leftover = folder / ".referat-2026-11-27.sqlite.4343.tmp"  # perhaps still being written
    for leftover in (old_leftover, new_leftover):
        leftover.write_bytes(b"half a copy")
    two_hours_ago = time.time() - 7200
    os.utime(old_leftover, (two_hours_ago, two_hours_ago))
    daily_backup(filled.db.conn, db_path, today=dt.date(2026, 11, 2))
    filled.close()
    assert not old_leftover.exists() and new_leftover.exists()
