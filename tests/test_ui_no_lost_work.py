"""The window's side of issue 5: a file in use is offered read-only, a read-only file
says why, and Filer > Gendan fra sikkerhedskopi… restores and rebuilds the window."""

from __future__ import annotations

import datetime as dt
import os
import socket

from PySide6.QtWidgets import QMessageBox

from referat_desktop.app import build_window
from referat_desktop.store import Store
from referat_desktop.store.backup import daily_backup, list_backups
from referat_desktop.ui.backups import BackupListDialog, describe_made
from referat_desktop.ui.commands import DeleteMeetingCommand
from referat_desktop.ui.files import AfterError
from referat_desktop.ui.launcher import Launcher
from ui_support import open_window, temp_settings


def make_launcher(qtbot, tmp_path, answers):
    settings = temp_settings(tmp_path)
    asked = []

    def ask(parent, path, message, can_read_only):
        asked.append((message, can_read_only))
        return answers.pop(0)

    def build(store):
        window = build_window(store, settings)
        qtbot.addWidget(window)
        return window

    launcher = Launcher(settings, build, ask)
    return launcher, asked


def test_a_file_in_use_is_offered_read_only(qtbot, tmp_path, db_path, sample_meeting) -> None:
    holder = Store.open(db_path)
    holder.add_meeting(sample_meeting)
    try:
        launcher, asked = make_launcher(qtbot, tmp_path, [AfterError.READ_ONLY])
        assert launcher.open(db_path)
        [(message, can_read_only)] = asked
        assert can_read_only and "allerede åbnet til redigering" in message
        assert f"på maskinen {socket.gethostname()}" in message
        window = launcher.window
        assert window.read_only and window.meeting_model.meeting_count() == 1
        assert not window.restore_action.isEnabled()
        window.close()
    finally:
        holder.close()


def test_read_only_bar_says_why(qtbot, tmp_path, db_path, sample_meeting) -> None:
    store = Store.open(db_path)
    store.add_meeting(sample_meeting)
    store.close()
    os.chmod(db_path, 0o444)
    try:
        window = open_window(qtbot, db_path, tmp_path)
        bar = window.centralWidget().layout().itemAt(0).widget()
        assert "Filen er skrivebeskyttet." in bar.text()
        window.close()
    finally:
        os.chmod(db_path, 0o644)


def test_backup_list_dialog(qtbot, tmp_path, db_path, sample_meeting) -> None:
    store = Store.open(db_path)
    store.add_meeting(sample_meeting)
    for day in (25, 26):
        daily_backup(store.db.conn, db_path, today=dt.date(2026, 11, day))
    store.restore_backup(list_backups(db_path)[0].path)  # adds a copy "før gendannelse"
    store.close()
    backups = list_backups(db_path)
    dialog = BackupListDialog(db_path.name, backups)
    qtbot.addWidget(dialog)
    entries = [dialog.list.topLevelItem(r) for r in range(dialog.list.topLevelItemCount())]
    rows = [[entry.text(c) for c in range(3)] for entry in entries]
    assert [r[0] for r in rows[1:]] == ["26-11-2026", "25-11-2026"]
    assert rows[0][0].endswith("(før gendannelse)")
    assert all(r[1].endswith((" kB", " MB")) and "," in r[1] for r in rows)  # e.g. "404,0 kB"
    assert dialog.restore_button.isEnabled() and dialog.chosen() == backups[0].path
    dialog.list.setCurrentItem(dialog.list.topLevelItem(2))
    assert dialog.chosen() == backups[2].path


def test_restore_from_backup_rebuilds_the_window(qtbot, tmp_path, db_path, sample_meeting) -> None:
    store = Store.open(db_path)
    store.add_meeting(sample_meeting)
    old = daily_backup(store.db.conn, db_path, today=dt.date(2026, 11, 20))
    store.close()
    launcher, _asked = make_launcher(qtbot, tmp_path, [])
    assert launcher.open(db_path)
    window = launcher.window
    assert window.restore_action.isEnabled()
    assert window.restore_action in window.menus["files"].actions()
    # Deleted through the undo stack, as Slet møde does after its question.
    window.stack.push(DeleteMeetingCommand(window.session, window.session.list_meetings()[0].id))
    assert window.meeting_model.meeting_count() == 0 and window.stack.canUndo()

    offered = []

    def choose(parent, file_name, backups):
        offered.extend(b.path for b in backups)
        return old

    safety = window.restore_backup(choose)
    assert old in offered
    assert launcher.window is not window and not window.isVisible()
    assert window.stack.count() == 0  # its commands referred to the content that was replaced
    new = launcher.window
    assert new.meeting_model.meeting_count() == 1 and new.meeting_form.body.text() == "Direktionen"
    assert "Gendannet fra sikkerhedskopien 20-11-2026" in new.statusBar().currentMessage()
    assert safety.name in new.statusBar().currentMessage()
    copy = Store.open(safety, read_only=True)
    assert copy.list_meetings() == []  # the state before the restore, kept
    copy.close()
    new.close()


def test_no_backups_yet_is_explained(qtbot, tmp_path, db_path, monkeypatch) -> None:
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    window = open_window(qtbot, db_path, tmp_path)
    assert window.restore_backup(lambda *args: None) is None
    assert "ingen sikkerhedskopier" in told[0]
    window.close()


def test_describe_made() -> None:
    from pathlib import Path

    from referat_desktop.store.backup import BackupInfo

    daily = BackupInfo(Path("r-2026-11-27.sqlite"), dt.datetime(2026, 11, 27), 1)
    assert describe_made(daily) == "27-11-2026"
    before = BackupInfo(Path("r-2026-11-27-143005.sqlite"), dt.datetime(2026, 11, 27, 14, 30, 5), 1, True)
    assert describe_made(before) == "27-11-2026 kl. 14:30:05 (før gendannelse)"


def test_a_failed_daily_backup_shows_in_the_status_bar(qtbot, tmp_path, db_path, sample_meeting) -> None:
    store = Store.open(db_path)
    store.add_meeting(sample_meeting)
    store.close()
    (tmp_path / "backups").write_text("a file where the folder should be")
    window = open_window(qtbot, db_path, tmp_path)
    qtbot.waitUntil(lambda: "sikkerhedskopi kunne ikke laves" in window.statusBar().currentMessage(),
                    timeout=5000)
    assert not window.read_only
    window.close()
