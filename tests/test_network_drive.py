"""A file on a network drive opens with a rollback journal, not WAL (issue 10, point 3).

The detection (store/filesystems.py) is replaced by a stand-in that says "network"; the
file itself is local, which SQLite cannot tell apart.
"""

from __future__ import annotations

import shutil

import pytest

from referat_desktop.cli import main as cli_main
from referat_desktop.store import FileInUse, Store, filesystems, reading
from referat_desktop.store.filesystems import _windows_is_remote, is_network_path, mount_type


@pytest.fixture
def on_network(monkeypatch):
    monkeypatch.setattr(filesystems, "is_network_path", lambda path: True)


def wal(path):
    return path.with_name(path.name + "-wal")


def test_a_network_file_uses_a_rollback_journal_and_is_whole_after_each_edit(
    on_network, db_path, sample_meeting, capsys
):
    store = Store.open(db_path)
    try:
        assert store.journal_mode == "delete"
        [meeting_id] = store.import_meetings([sample_meeting])
        store.update_meeting(meeting_id, location="Rådhuset")
        assert not wal(db_path).exists()
        assert not store.checkpoint_due(1e12)  # nothing to copy: commits go to the main file
        store.checkpoint()
        with pytest.raises(FileInUse):  # the writer lock works on this file too
            Store.open(db_path)
        copy = db_path.with_name("copy.sqlite")
        shutil.copy(db_path, copy)  # while the writer has it open, no checkpoint asked for
        # The read-only paths read a DELETE-mode file: beside the writer and as a copy.
        for path in (db_path, copy):
            conn = reading.open_read_only(path)
            try:
                assert reading.read_meeting(conn, meeting_id).location == "Rådhuset"
            finally:
                conn.close()
            capsys.readouterr()
            assert cli_main(["list", "--db", str(path)]) == 0
            out, err = capsys.readouterr()
            assert out.startswith(f"{meeting_id}\t2019-12-16") and err == ""
        reader = Store.open(db_path, read_only=True)
        assert reader.get_meeting(meeting_id).location == "Rådhuset"
        reader.close()
    finally:
        store.close()
    reopened = Store.open(db_path)
    try:
        assert reopened.get_meeting(meeting_id).location == "Rådhuset"
    finally:
        reopened.close()


def test_a_wal_file_moved_to_the_network_and_back(monkeypatch, db_path, sample_meeting):
    store = Store.open(db_path)
    [meeting_id] = store.import_meetings([sample_meeting])
    assert store.journal_mode == "wal"
    store.close()
    monkeypatch.setattr(filesystems, "is_network_path", lambda path: True)
    store = Store.open(db_path)
    assert store.journal_mode == "delete"
    store.update_meeting(meeting_id, location="Netværksdrevet")
    store.close()
    monkeypatch.undo()  # a later open from a local disk goes back to WAL
    store = Store.open(db_path)
    try:
        assert store.journal_mode == "wal"
        assert store.get_meeting(meeting_id).location == "Netværksdrevet"
    finally:
        store.close()


MOUNTINFO = """\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
30 22 0:40 / /srv/nfs rw,relatime shared:5 - nfs4 server:/export rw,vers=4.2
31 30 0:41 / /srv/nfs/local\\040disk rw,relatime - ext4 /dev/sdb1 rw
32 22 0:42 / /mnt/share rw,relatime - cifs //pc/share rw
33 22 0:43 / /home/anne/fjern rw,nosuid - fuse.sshfs anne@host: rw
34 22 0:44 / /mnt/shared rw - tmpfs tmpfs rw
"""


@pytest.mark.parametrize(("path", "kind"), [
    ("/home/anne/referat.sqlite", "ext4"),
    ("/srv/nfs/referat.sqlite", "nfs4"),
    ("/srv/nfs", "nfs4"),
    ("/srv/nfs/local disk/referat.sqlite", "ext4"),  # a local disk mounted inside the share
    ("/srv/nfsx/referat.sqlite", "ext4"),  # a prefix of the name is not the mount
    ("/mnt/share/referater/referat.sqlite", "cifs"),
    ("/mnt/shared/referat.sqlite", "tmpfs"),
    ("/home/anne/fjern/referat.sqlite", "fuse.sshfs"),
])
def test_the_mount_holding_a_path(path, kind):
    assert mount_type(path, MOUNTINFO) == kind


def test_network_types_and_paths():
    assert {"nfs4", "cifs", "fuse.sshfs", "9p", "smb3"} <= filesystems.NETWORK_TYPES
    assert "ext4" not in filesystems.NETWORK_TYPES and "tmpfs" not in filesystems.NETWORK_TYPES
    assert _windows_is_remote("\\\\server\\share\\referat.sqlite")
    assert _windows_is_remote("\\\\?\\UNC\\server\\share\\referat.sqlite")


def test_a_local_folder_is_not_a_network_drive(tmp_path):
    assert not is_network_path(tmp_path / "not-yet" / "referat.sqlite")
