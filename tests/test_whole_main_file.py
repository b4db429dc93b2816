"""The main file alone is whole (issue 10, point 3).

In WAL mode the edits sit in `<db>-wal` until a checkpoint. A user who copies only
`referat.sqlite` must get a file that opens, with every edit once the window has
checkpointed (at most a second or two after the last edit), and never one that claims
it "skal opdateres". The copies here are taken with shutil.copy of the main file alone
while the Store is still open, as a user would.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time

from referat_desktop.cli import main as cli_main
from referat_desktop.store import Store, reading
from referat_desktop.store.checkpoint import CHECKPOINT_PAUSE_S, Checkpoints


def copy_alone(db_path, name="copy.sqlite"):
    copy = db_path.with_name(name)
    shutil.copy(db_path, copy)
    assert not copy.with_name(copy.name + "-wal").exists()
    return copy


def listed(path, capsys) -> str:
    """`referat list` on the file, in-process; fails on any error message."""
    capsys.readouterr()
    assert cli_main(["list", "--db", str(path)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def edit(store, sample_meeting) -> int:
    [meeting_id] = store.import_meetings([sample_meeting])
    store.update_meeting(meeting_id, location="Mødelokale 2")
    section = store.get_meeting(meeting_id).items[0].sections[0]
    store.set_section_text(section.id, "Skrevet lige før kopien.")
    return meeting_id


def test_a_fresh_database_copied_alone_opens(db_path, capsys):
    store = Store.open(db_path)
    try:
        copy = copy_alone(db_path)
    finally:
        store.close()
    assert listed(copy, capsys) == ""
    reading.open_read_only(copy).close()
    opened = Store.open(copy, backup=False)
    assert opened.list_meetings() == []
    opened.close()


def test_after_a_checkpoint_the_main_file_alone_holds_every_edit(db_path, sample_meeting, capsys):
    store = Store.open(db_path, backup=False)
    try:
        meeting_id = edit(store, sample_meeting)
        expected = store.get_meeting(meeting_id)
        now = time.monotonic()
        assert not store.checkpoint_due(now)  # typing may go on
        assert store.checkpoint_due(now + CHECKPOINT_PAUSE_S)
        store.checkpoint()
        assert not store.checkpoint_due(now + 60)  # nothing new since
        copy = copy_alone(db_path)
    finally:
        store.close()
    assert f"{meeting_id}\t2019-12-16\tDirektionen\t{len(expected.items)}" in listed(copy, capsys)
    for read_only in (True, False):
        opened = Store.open(copy, read_only=read_only, backup=False)
        try:
            assert opened.get_meeting(meeting_id) == expected
        finally:
            opened.close()


def test_before_the_checkpoint_a_copy_opens_with_what_it_has(db_path, sample_meeting, capsys):
    store = Store.open(db_path, backup=False)
    try:
        edit(store, sample_meeting)
        copy = copy_alone(db_path)
    finally:
        store.close()
    listed(copy, capsys)  # no "skal opdateres", no error; the edits may be missing
    for read_only in (True, False):
        opened = Store.open(copy, read_only=read_only, backup=False)
        assert opened.read_only == read_only
        opened.list_meetings()
        opened.close()


def test_continuous_typing_is_checkpointed_every_30_seconds():
    checkpoints = Checkpoints(wal=True)
    assert not checkpoints.due(1e9)  # nothing written
    checkpoints.wrote()
    checkpoints.last_write, checkpoints.last_checkpoint = 1000.0, 980.0
    assert not checkpoints.due(1000.0 + CHECKPOINT_PAUSE_S - 0.1)
    assert checkpoints.due(1000.0 + CHECKPOINT_PAUSE_S + 1e-6)  # (floating point)
    checkpoints.last_checkpoint = 969.0  # typing without a pause for 31 s
    assert checkpoints.due(1000.2)
    assert not Checkpoints(wal=False).due(1e9)


def test_a_reader_holding_an_old_snapshot_leaves_the_checkpoint_for_later(db_path, sample_meeting):
    store = Store.open(db_path, backup=False)
    try:
        [meeting_id] = store.import_meetings([sample_meeting])
        store.checkpoint()
        reader = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM items").fetchone()  # holds this snapshot
        store.update_meeting(meeting_id, location="Efter læserens start")
        store.checkpoint()  # cannot copy what the reader's snapshot lies before: no error
        assert store.checkpoint_due(time.monotonic() + CHECKPOINT_PAUSE_S)
        reader.close()
        store.checkpoint()
        assert not store.checkpoint_due(time.monotonic() + 60)
        copy = copy_alone(db_path)
    finally:
        store.close()
    opened = Store.open(copy, read_only=True)
    try:
        assert opened.get_meeting(meeting_id).location == "Efter læserens start"
    finally:
        opened.close()


def test_a_read_only_store_has_nothing_to_checkpoint(db_path, sample_meeting):
    Store.open(db_path, backup=False).close()
    store = Store.open(db_path, read_only=True)
    try:
        store.checkpoint()
        assert not store.checkpoint_due(time.monotonic() + 60)
    finally:
        store.close()


def test_close_leaves_the_main_file_whole_after_the_daily_backup(db_path, sample_meeting):
    first = Store.open(db_path)  # a new, empty file: no backup made
    first.import_meetings([sample_meeting])
    first.close()
    store = Store.open(db_path)
    assert store.daily_backup is not None  # today's copy, from its own connection
    meeting_id = edit(store, sample_meeting)
    expected = store.get_meeting(meeting_id)
    store.close()
    assert store.daily_backup.made is not None
    wal = db_path.with_name(db_path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    opened = Store.open(copy_alone(db_path), read_only=True)
    try:
        assert opened.get_meeting(meeting_id) == expected
    finally:
        opened.close()


def test_referat_import_leaves_its_edits_in_the_main_file(db_path, sample_json_path, capsys):
    subprocess.run([sys.executable, "-m", "referat_desktop.cli", "import", str(sample_json_path),
                    "--db", str(db_path)], check=True, capture_output=True, timeout=120)
    copy = copy_alone(db_path)
    assert listed(copy, capsys).startswith("1\t2019-12-16\tDirektionen\t")
