"""Files we must not harm, through the command line and the window: each is refused with
one line (CLI, non-zero exit) or a Danish message (window), and its bytes stay the same,
with nothing left beside it."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys

import pytest

from referat_desktop.app import build_window
from referat_desktop.store import Store
from referat_desktop.ui.files import AfterError
from referat_desktop.ui.launcher import Launcher
from ui_support import temp_settings


def text_file(folder, _meeting):
    path = folder / "noter.sqlite"
    path.write_text("Dagsorden\nPunkt 1\n", encoding="utf-8")
    return path, "ikke en Referat-database"


def truncated(folder, meeting):
    whole = folder / "hel.sqlite"
    store = Store.open(whole, backup=False)
    store.import_meetings([meeting] * 4)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    path = folder / "afkortet.sqlite"
    shutil.copy(whole, path)
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size // 2)
    return path, "beskadiget"


def foreign(folder, _meeting):
    path = folder / "fotos.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    return path, "andet program"


def newer(folder, meeting):
    path = folder / "ny.sqlite"
    store = Store.open(path, backup=False)
    store.add_meeting(meeting)
    store.db.execute("PRAGMA user_version = 99")
    store.close()
    return path, "nyere version"


@pytest.fixture(params=["text", "truncated", "foreign", "newer"])
def bad_file(request, tmp_path, sample_meeting):
    folder = tmp_path / "files"
    folder.mkdir()
    make = {"text": text_file, "truncated": truncated, "foreign": foreign, "newer": newer}[request.param]
    path, words = make(folder, sample_meeting)
    return path, words, path.read_bytes(), sorted(p.name for p in folder.iterdir())


def assert_untouched(path, before, listing):
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == listing  # no -wal, -shm, .lock, backups/


@pytest.mark.parametrize(
    "command", [("list",), ("export", "1", "--format", "json", "-o", "OUT"), ("import", "SAMPLE")]
)
def test_command_line_refuses_with_one_line(bad_file, command, tmp_path, sample_json_path):
    path, words, before, listing = bad_file
    args = [str(tmp_path / "out.json") if a == "OUT" else str(sample_json_path) if a == "SAMPLE" else a
            for a in command]
    result = subprocess.run([sys.executable, "-m", "referat_desktop.cli", *args, "--db", str(path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert words in result.stderr
    assert_untouched(path, before, listing)
    assert not (tmp_path / "out.json").exists()


def test_window_refuses_with_a_danish_message(bad_file, qtbot, tmp_path):
    path, words, before, listing = bad_file
    settings = temp_settings(tmp_path)
    asked = []

    def ask(parent, file_path, message, can_read_only):
        asked.append((message, can_read_only))
        return AfterError.CANCEL

    def build(store):
        window = build_window(store, settings)
        qtbot.addWidget(window)
        return window

    launcher = Launcher(settings, build, ask)
    assert launcher.open(path) is False and launcher.window is None
    [(message, can_read_only)] = asked
    assert words in message and not can_read_only  # read-only would not help with these
    assert_untouched(path, before, listing)
