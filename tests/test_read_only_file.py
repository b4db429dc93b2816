"""A file that may not be written opens read-only: viewing, searching and exporting work,
edits are refused with a Danish explanation, and the file's bytes stay as they were.

The tests run as root, which ignores permission bits, so three routes are covered:
chmod 0o444 (detected from the permission bits, which root could override but we respect),
a real read-only bind mount (skipped where mounting is not allowed), and os.access
patched to answer as it would for an ordinary user.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys

import pytest

from referat_desktop.domain.model import Item
from referat_desktop.domain.texts import Variant
from referat_desktop.export.pipeline import write_export
from referat_desktop.store import ReadOnlyFile, Store
from referat_desktop.store.opening import write_blocker


@pytest.fixture
def saved_file(db_path, sample_meeting):
    store = Store.open(db_path, backup=False)
    store.import_meetings([sample_meeting])
    store.close()
    return db_path


def check_read_only(path, out_folder):
    before = path.read_bytes()
    store = Store.open(path)
    try:
        assert store.read_only and "skrivebeskyttet" in store.read_only_reason
        [summary] = store.list_meetings()
        meeting = store.get_meeting(summary.id)
        assert len(meeting.items) == 6
        assert store.search("økonomisk")
        edits = [
            lambda: store.update_meeting(summary.id, location="B105"),
            lambda: store.add_item(summary.id, Item(title="Nyt")),
            lambda: store.set_section_text(meeting.items[0].sections[0].id, "ny tekst"),
            lambda: store.import_meetings([meeting]),
            lambda: store.delete_meeting(summary.id),
        ]
        for edit in edits:
            with pytest.raises(ReadOnlyFile) as caught:
                edit()
            assert "Ændringer kan ikke gemmes" in str(caught.value)
        out = out_folder / "export.json"
        write_export(meeting, "json", Variant.MINUTES, out)
        assert "Direktionen" in out.read_text(encoding="utf-8")
    finally:
        store.close()
    listed = subprocess.run([sys.executable, "-m", "referat_desktop.cli", "list", "--db", str(path)],
                            capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0 and "\tDirektionen\t6" in listed.stdout, listed.stderr
    assert path.read_bytes() == before
    assert not (path.parent / "backups").exists()  # no backup of a file we only read


def test_file_without_write_permission(saved_file, tmp_path):
    os.chmod(saved_file, 0o444)
    try:
        check_read_only(saved_file, tmp_path)
        assert not saved_file.with_name(saved_file.name + ".lock.json").exists()  # no writer
        imported = subprocess.run(
            [sys.executable, "-m", "referat_desktop.cli", "import", "x.json", "--db", str(saved_file)],
            capture_output=True, text=True, timeout=60,
        )
        assert imported.returncode == 1  # x.json is missing; checked before the database
    finally:
        os.chmod(saved_file, 0o644)


def test_cli_import_into_read_only_file_is_one_line(saved_file, sample_json_path):
    os.chmod(saved_file, 0o444)
    before = saved_file.read_bytes()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "referat_desktop.cli", "import", str(sample_json_path),
             "--db", str(saved_file)],
            capture_output=True, text=True, timeout=60,
        )
    finally:
        os.chmod(saved_file, 0o644)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "skrivebeskyttet" in result.stderr
    assert saved_file.read_bytes() == before


@pytest.fixture
def read_only_mount(tmp_path):
    source, target = tmp_path / "usb", tmp_path / "mnt"
    source.mkdir()
    target.mkdir()
    yield source, target
    subprocess.run(["umount", str(target)], capture_output=True)


def test_file_on_read_only_media(saved_file, read_only_mount, tmp_path):
    source, target = read_only_mount
    shutil.copy(saved_file, source / "referat.sqlite")
    mounted = subprocess.run(["mount", "--bind", "-o", "ro", str(source), str(target)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("mounting needs privileges this machine does not give")
    path = target / "referat.sqlite"
    assert write_blocker(path) == "Filen ligger på et skrivebeskyttet drev."
    check_read_only(path, tmp_path)
    assert sorted(p.name for p in source.iterdir()) == ["referat.sqlite"]


def test_detection_for_an_ordinary_user(saved_file, monkeypatch):
    assert write_blocker(saved_file) is None
    real_access = os.access

    def access(path, mode, *args, **kwargs):
        if mode == os.W_OK and os.fspath(path) == os.fspath(saved_file):
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    assert write_blocker(saved_file) == "Filen er skrivebeskyttet."
    assert Store.open(saved_file).read_only


def test_folder_without_write_permission(saved_file, monkeypatch):
    real_access = os.access
    folder = saved_file.resolve().parent

    def access(path, mode, *args, **kwargs):
        if mode == os.W_OK and os.fspath(path) == os.fspath(folder):
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    reason = write_blocker(saved_file)
    assert reason and "skriveret til mappen" in reason
    store = Store.open(saved_file)
    assert store.read_only
    with pytest.raises(ReadOnlyFile) as caught:
        store.update_meeting(1, time="10:00")
    assert reason in str(caught.value)
    store.close()


def test_explicit_read_only_open_of_a_writable_file(saved_file):
    store = Store.open(saved_file, read_only=True)
    assert store.read_only and store.read_only_reason == "Filen er åbnet skrivebeskyttet."
    with pytest.raises(ReadOnlyFile):
        store.update_meeting(1, date=dt.date(2020, 1, 1))
    store.close()
    assert not Store.open(saved_file).read_only


def test_missing_file_cannot_be_opened_read_only(tmp_path):
    from referat_desktop.store import StoreError

    with pytest.raises(StoreError, match="findes ikke"):
        Store.open(tmp_path / "nej.sqlite", read_only=True)
    assert not (tmp_path / "nej.sqlite").exists()
