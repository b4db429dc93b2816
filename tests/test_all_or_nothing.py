"""All or nothing: an import, a "new meeting from this", a delete or a reorder that is
interrupted at any point leaves the old state or the new one, never a mix.

SQLite's progress handler interrupts the operation after 1, 2, 3, ... steps of its
virtual machine, until it gets through; after every interruption the file must hold
exactly what it held before. (An interruption by SIGKILL, including one in the middle
of the commit itself, is the kill test's job: these same operations are among its edits.)
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from referat_desktop.domain.recurring import next_meeting  # noqa: E402
from referat_desktop.store import StoreError  # noqa: E402
from store_model import snapshot  # noqa: E402

STRIDE = 40  # VM steps between chances to interrupt


def interrupt_everywhere(store, operation, stride: int = STRIDE) -> int:
    """Run `operation` until it gets through, interrupting it one chance later each time.

    Returns how many interrupted attempts left the file unchanged."""
    before = snapshot(store)
    attempt = 0
    while True:
        attempt += 1
        calls = 0

        def progress(attempt: int = attempt) -> int:
            nonlocal calls
            calls += 1
            return int(calls == attempt)  # non-zero interrupts the running statement

        store.db.conn.set_progress_handler(progress, stride)
        try:
            operation()
        except (StoreError, sqlite3.OperationalError) as exc:
            assert "interrupt" in str(exc)
            assert not store.db.conn.in_transaction
            assert snapshot(store) == before, f"a mix after interrupting at chance {attempt}"
            continue
        finally:
            store.db.conn.set_progress_handler(None, 0)
        assert snapshot(store) != before
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return attempt - 1


@pytest.fixture
def meeting_id(store, sample_meeting):
    [meeting_id] = store.import_meetings([sample_meeting])
    return meeting_id


def test_import(store, sample_meeting, meeting_id):
    # The sample's long texts feed the search index: a coarser stride keeps this quick
    # (300: the import takes fewer VM steps since it stopped renumbering every item).
    interrupted = interrupt_everywhere(store, lambda: store.import_meetings([sample_meeting] * 2), 300)
    assert interrupted > 20
    assert len(store.list_meetings()) == 3


def test_new_meeting_from_this(store, meeting_id):
    follow_up = next_meeting(store.get_meeting(meeting_id), dt.date(2019, 12, 17))
    assert follow_up.items  # "Øvrige sager" comes along
    interrupted = interrupt_everywhere(store, lambda: store.add_meeting(follow_up))
    assert interrupted > 3
    assert [m.date for m in store.list_meetings()] == [dt.date(2019, 12, 23), dt.date(2019, 12, 16)]


def test_delete_meeting(store, meeting_id):
    interrupt_everywhere(store, lambda: store.delete_meeting(meeting_id))
    assert store.list_meetings() == []


def test_delete_item_and_renumber(store, meeting_id):
    second = store.item_ids(meeting_id)[1]
    interrupted = interrupt_everywhere(store, lambda: store.delete_item(second))
    assert interrupted > 3
    positions = [r[0] for r in store.db.execute("SELECT position FROM items ORDER BY position")]
    assert positions == list(range(5))


def test_reorder(store, meeting_id):
    ids = store.item_ids(meeting_id)
    interrupted = interrupt_everywhere(store, lambda: store.move_item(ids[0], 5))
    assert interrupted > 3
    assert store.item_ids(meeting_id) == ids[1:] + ids[:1]
