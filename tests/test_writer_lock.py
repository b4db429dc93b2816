"""One writer at a time: a second opener is told who has the file; a crash frees it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time

import pytest

from referat_desktop.store import FileInUse, ReadOnlyFile, Store
from referat_desktop.store.lock import LockOwner, WriterLock, process_start_token, process_state

HOLDER = """
import sys, time
from referat_desktop.store import Store
store = Store.open(sys.argv[1])
print("READY", flush=True)
time.sleep(120)
"""


@pytest.fixture
def holder(db_path, sample_meeting):
    """Another process that has the file open for writing."""
    store = Store.open(db_path)
    store.import_meetings([sample_meeting])
    store.close()
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path)],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "READY"
    yield process
    process.kill()
    process.wait()


def cli(*args):
    return subprocess.run([sys.executable, "-m", "referat_desktop.cli", *args],
                          capture_output=True, text=True, timeout=60)


def test_second_open_in_the_same_process_is_refused_and_named(db_path):
    first = Store.open(db_path)
    try:
        with pytest.raises(FileInUse) as caught:
            Store.open(db_path)
        message = str(caught.value)
        assert "allerede åbnet til redigering" in message
        assert "skrivebeskyttet" not in message  # the CLI cannot; the window has its own button
        assert socket.gethostname() in message
        assert caught.value.owner.pid == os.getpid()
        viewer = Store.open(db_path, read_only=True)  # what the window offers instead
        assert viewer.read_only and viewer.list_meetings() == []
        viewer.close()
    finally:
        first.close()
    Store.open(db_path).close()  # closing freed it


def test_another_process_holding_the_file(holder, db_path, sample_json_path, tmp_path):
    with pytest.raises(FileInUse) as caught:
        Store.open(db_path)
    owner = caught.value.owner
    assert owner.pid == holder.pid and owner.host == socket.gethostname()
    assert f"på maskinen {socket.gethostname()}" in str(caught.value)

    # Reading works beside the writer: the window's read-only offer, and the CLI.
    viewer = Store.open(db_path, read_only=True)
    assert [m.body for m in viewer.list_meetings()] == ["Direktionen"]
    with pytest.raises(ReadOnlyFile):
        viewer.update_meeting(viewer.list_meetings()[0].id, location="X")
    viewer.close()
    listed = cli("list", "--db", str(db_path))
    assert listed.returncode == 0 and "\tDirektionen\t6" in listed.stdout
    out = tmp_path / "m.json"
    exported = cli("export", "1", "--format", "json", "-o", str(out), "--db", str(db_path))
    assert exported.returncode == 0, exported.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["meetings"][0]["body"] == "Direktionen"

    # Importing needs the lock: one line on stderr, exit 1, nothing written.
    before = cli("list", "--db", str(db_path)).stdout
    imported = cli("import", str(sample_json_path), "--db", str(db_path))
    assert imported.returncode == 1 and imported.stdout == ""
    assert imported.stderr.count("\n") == 1 and "allerede åbnet til redigering" in imported.stderr
    assert cli("list", "--db", str(db_path)).stdout == before


def test_a_killed_holder_does_not_lock_the_user_out(holder, db_path):
    holder.kill()
    holder.wait()
    stale = WriterLock(db_path).read_owner()
    assert stale is not None and stale.pid == holder.pid  # its sidecar is still there
    store = Store.open(db_path)
    assert not store.read_only
    assert WriterLock(db_path).read_owner().pid == os.getpid()
    store.close()
    assert WriterLock(db_path).read_owner() is None  # a clean close removes the sidecar


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="zombies are read from /proc")
@pytest.mark.parametrize("signal", ["SIGKILL", "SIGTERM"])
def test_a_dead_holder_not_yet_reaped_does_not_lock_the_user_out(holder, db_path, signal):
    """Restarting right after a crash: the dead window may still be a zombie (its parent
    has not waited for it). It has dropped the OS lock, and its sidecar names a pid that
    os.kill still finds; that must not count as in use."""
    holder.kill() if signal == "SIGKILL" else holder.terminate()  # not waited for
    # The signal is delivered asynchronously, and the main thread of a process shows 'Z'
    # while its other threads (the daily backup's) still exit and hold its files open.
    deadline = time.monotonic() + 60  # a guard against hanging, not a measurement
    while process_state(holder.pid) not in ("Z", "X") or len(os.listdir(f"/proc/{holder.pid}/task")) > 1:
        assert time.monotonic() < deadline, "the holder did not die"
        os.sched_yield()
    assert WriterLock(db_path).read_owner().pid == holder.pid
    store = Store.open(db_path)  # at once, not after the zombie is reaped
    try:
        assert not store.read_only
        assert process_state(holder.pid) == "Z"  # still unreaped: it really was a zombie
    finally:
        store.close()


def write_sidecar(db_path, owner: LockOwner) -> None:
    lock = WriterLock(db_path)
    lock.owner_path.write_text(json.dumps(owner.__dict__), encoding="utf-8")


def test_free_lock_but_live_owner_on_this_machine_is_in_use(db_path):
    """The OS lock is free but the sidecar names a running process here: the lock is not
    honoured on this file system (a network drive), so the file is treated as in use."""
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        owner = LockOwner("anne", socket.gethostname(), sleeper.pid, "2026-11-27T14:03:00+01:00",
                          process_start_token(sleeper.pid))
        write_sidecar(db_path, owner)
        with pytest.raises(FileInUse) as caught:
            Store.open(db_path)
        assert "anne på maskinen" in str(caught.value) and "siden 27-11-2026 kl. 14:03" in str(caught.value)
    finally:
        sleeper.kill()
        sleeper.wait()
    Store.open(db_path).close()  # once it is gone, the file is free


@pytest.mark.parametrize("kind", ["dead pid", "reused pid", "other machine", "garbage"])
def test_stale_sidecars_are_taken_over(db_path, kind):
    if kind == "reused pid" and not process_start_token(os.getpid()):
        pytest.skip("process start times are read from /proc (Linux)")
    if kind == "garbage":
        WriterLock(db_path).owner_path.write_text("{not json", encoding="utf-8")
    else:
        dead = subprocess.Popen([sys.executable, "-c", "pass"])
        dead.wait()
        pid = {"dead pid": dead.pid, "reused pid": os.getppid(), "other machine": os.getppid()}[kind]
        host = "EN-ANDEN-PC" if kind == "other machine" else socket.gethostname()
        write_sidecar(db_path, LockOwner("bo", host, pid, "2026-11-27T08:00:00+01:00", "boot:123"))
    store = Store.open(db_path)
    assert not store.read_only
    store.close()
