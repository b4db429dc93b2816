"""Crash safety with the real window: type, wait past the autosave, SIGKILL, reopen, find it."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from referat_desktop.domain.model import SectionKind
from referat_desktop.domain.protocol import Statement
from referat_desktop.store import Store
from referat_desktop.store.lock import WriterLock

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
WORKER = Path(__file__).resolve().parent / "window_worker.py"
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


@pytest.fixture
def saved_db(db_path, sample_meeting):
    store = Store.open(db_path)
    store.import_meetings([sample_meeting])
    store.close()
    return db_path


def decision_text(path: Path) -> str:
    store = Store.open(path)
    try:
        meeting = store.get_meeting(store.list_meetings()[0].id)
        section = meeting.items[0].section(SectionKind.BESLUTNING)
        return section.text if section else ""
    finally:
        store.close()


def test_text_saved_by_the_window_survives_kill_9(saved_db, tmp_path):
    typed = "Godkendt med den ændring, at Ældrerådet høres først."
    worker = subprocess.Popen(
        [sys.executable, str(WORKER), str(saved_db), str(tmp_path / "settings.ini"), typed],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", env=ENV,
    )
    watchdog = threading.Timer(60, worker.kill)  # a stuck window must not hang the suite
    watchdog.start()
    try:
        saved_line = worker.stdout.readline()
        if not saved_line.startswith("SAVED "):
            worker.kill()
            pytest.fail(f"the window did not report its save: {saved_line!r} {worker.stderr.read()[-2000:]}")
        saved = json.loads(saved_line[6:])
        assert worker.stdout.readline().strip() == "TYPING"
        assert WriterLock(saved_db).read_owner().pid == worker.pid  # the window holds the file
    finally:
        watchdog.cancel()
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    assert worker.returncode == -signal.SIGKILL
    assert saved == typed  # plain text comes back from the editor's Markdown as typed
    conn = sqlite3.connect(saved_db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    # Reopened for writing at once: the dead window's lock is gone with it.
    assert decision_text(saved_db) in (saved, saved + " og mere")


def typed_then_killed(saved_db: Path, tmp_path: Path, text: str, field: str) -> None:
    """Start the window, have it type `text` into `field`, kill it 1.5 s later."""
    worker = subprocess.Popen(
        [sys.executable, str(WORKER), str(saved_db), str(tmp_path / "settings.ini"), text, field],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", env=ENV,
    )
    watchdog = threading.Timer(60, worker.kill)
    watchdog.start()
    try:
        line = worker.stdout.readline()
        if line.strip() != "TYPED":
            worker.kill()
            pytest.fail(f"the window did not type: {line!r} {worker.stderr.read()[-2000:]}")
        time.sleep(1.5)
        assert worker.poll() is None  # still running, the cursor still in the title
    finally:
        watchdog.cancel()
        worker.send_signal(signal.SIGKILL)
        worker.wait()


def first_item(path: Path):
    store = Store.open(path)
    try:
        return store.get_meeting(store.list_meetings()[0].id).items[0]
    finally:
        store.close()


def test_a_title_typed_then_killed_after_1_5_s_is_in_the_file(saved_db, tmp_path):
    """A one-line field is saved while it is typed, not when the cursor leaves it."""
    before = first_item(saved_db).title
    typed_then_killed(saved_db, tmp_path, " - revideret", "title")
    assert first_item(saved_db).title == before + " - revideret"


def test_a_protocol_entry_typed_then_killed_after_1_5_s_is_in_the_file(saved_db, tmp_path):
    typed_then_killed(saved_db, tmp_path, "Enhedslisten stemmer imod.", "statement")
    assert first_item(saved_db).protocol.statements == [Statement("Ø", "Enhedslisten stemmer imod.")]


def test_the_installed_program_killed_leaves_a_whole_file(saved_db, tmp_path):
    """`referat-desktop --db FILE` itself, killed while idle with the file open."""
    program = Path(sys.executable).with_name("referat-desktop")
    if not program.exists():
        pytest.skip("referat-desktop is not installed in this environment")
    env = {**ENV, "XDG_CONFIG_HOME": str(tmp_path / "config")}  # keep the user's settings out of it
    app = subprocess.Popen([str(program), "--db", str(saved_db)], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        lock = WriterLock(saved_db)
        deadline = time.monotonic() + 20
        while (owner := lock.read_owner()) is None or owner.pid != app.pid:
            assert app.poll() is None, app.stderr.read()
            assert time.monotonic() < deadline, "the window did not open the file"
            time.sleep(0.05)
    finally:
        app.send_signal(signal.SIGKILL)
        app.wait()
    assert decision_text(saved_db) == ""
    store = Store.open(saved_db)
    assert not store.read_only and len(store.get_meeting(store.list_meetings()[0].id).items) == 6
    store.close()
