"""Files we must not harm: refused with a clear message, bytes unchanged afterwards."""

import shutil
import sqlite3

import pytest

from referat_desktop.store import DamagedFile, NewerVersion, NotOurFile, Store


def refuse(path, error):
    before = path.read_bytes()
    with pytest.raises(error) as caught:
        Store.open(path)
    assert path.read_bytes() == before
    assert "\n" not in str(caught.value) and str(caught.value)
    for suffix in ("-wal", "-shm", "-journal"):
        assert not path.with_name(path.name + suffix).exists()
    return str(caught.value)


def test_text_file_is_refused(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("Dagsorden\nPunkt 1\n", encoding="utf-8")
    assert "ikke en Referat-database" in refuse(path, NotOurFile)


def test_foreign_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    assert "andet program" in refuse(path, NotOurFile)


def test_newer_schema_is_refused(tmp_path, sample_meeting):
    path = tmp_path / "new.sqlite"
    s = Store.open(path)
    s.add_meeting(sample_meeting)
    s.db.execute("PRAGMA user_version = 99")
    s.close()
    assert "nyere version" in refuse(path, NewerVersion)


def test_truncated_database_is_refused(tmp_path, sample_meeting):
    path = tmp_path / "whole.sqlite"
    s = Store.open(path)
    for _ in range(5):
        s.add_meeting(sample_meeting)
    s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    s.close()
    cut = tmp_path / "cut.sqlite"
    shutil.copy(path, cut)
    with cut.open("r+b") as handle:
        handle.truncate(cut.stat().st_size // 2)
    assert "beskadiget" in refuse(cut, DamagedFile)


def test_garbage_after_header_is_refused(tmp_path):
    path = tmp_path / "garbage.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 20)
    message = refuse(path, (DamagedFile, NotOurFile))
    assert "Referat" in message or "beskadiget" in message


def test_truncated_large_file_is_refused_without_the_full_check(tmp_path, sample_meeting, monkeypatch):
    """Above QUICK_CHECK_LIMIT only the header's page count guards against a cut-off copy."""
    from referat_desktop.store import file_format

    monkeypatch.setattr(file_format, "QUICK_CHECK_LIMIT", 0)
    path = tmp_path / "whole.sqlite"
    s = Store.open(path)
    for _ in range(5):
        s.add_meeting(sample_meeting)
    s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    s.close()
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size - 4096)
    assert "afkortet" in refuse(path, DamagedFile)
