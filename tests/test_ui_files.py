"""Files, settings, the first start, read-only files, search and renaming in place."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from referat_desktop.app import build_window, start_path
from referat_desktop.paths import default_db_path
from referat_desktop.store import Store
from referat_desktop.ui.files import AfterError
from referat_desktop.ui.item_tree import HEADING_ROLE
from referat_desktop.ui.launcher import Launcher
from ui_support import focused, open_window, temp_settings

CTRL = Qt.KeyboardModifier.ControlModifier


def make_launcher(qtbot, tmp_path, answers: list[AfterError]) -> Launcher:
    settings = temp_settings(tmp_path)
    asked: list[str] = []

    def ask(parent, path, message, can_read_only):
        asked.append(message)
        return answers.pop(0)

    def build(store):
        window = build_window(store, settings)
        qtbot.addWidget(window)
        return window

    launcher = Launcher(settings, build, ask)
    launcher.asked = asked  # type: ignore[attr-defined]
    return launcher


def test_launcher_opens_remembers_and_switches_files(qtbot, tmp_path, sample_meeting) -> None:
    first, second = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    store = Store.open(second)
    store.add_meeting(sample_meeting)
    store.close()
    launcher = make_launcher(qtbot, tmp_path, [])
    assert launcher.open(first)
    window = launcher.window
    assert window.isVisible() and window.windowTitle() == "Referat – a.sqlite"
    assert launcher.settings.last_database() == first.resolve()

    window.recent_menu.refresh()
    window.database_requested.emit(str(second))  # what Åbn database… and Seneste filer do
    assert launcher.window is not window and not window.isVisible()
    assert launcher.window.windowTitle() == "Referat – b.sqlite"
    assert launcher.settings.recent_databases() == [second.resolve(), first.resolve()]
    menu = launcher.window.recent_menu
    menu.refresh()
    assert [a.text() for a in menu.actions()][0].startswith("&1 b.sqlite")
    launcher.window.close()


def test_a_file_that_cannot_be_opened_offers_another(qtbot, tmp_path, monkeypatch) -> None:
    foreign = tmp_path / "noter.sqlite"
    foreign.write_bytes(b"Dette er ikke en database\n" * 10)
    good = tmp_path / "god.sqlite"
    launcher = make_launcher(qtbot, tmp_path, [AfterError.CANCEL])
    assert launcher.open(foreign) is False and launcher.window is None
    assert "ikke en Referat-database" in launcher.asked[0]
    assert foreign.read_bytes() == b"Dette er ikke en database\n" * 10

    launcher = make_launcher(qtbot, tmp_path, [AfterError.OTHER_FILE])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(good), ""))
    assert launcher.open(foreign)
    assert launcher.window.windowTitle() == "Referat – god.sqlite"
    launcher.window.close()


def test_start_path_prefers_db_then_environment_then_last_file(tmp_path, monkeypatch) -> None:
    last = tmp_path / "sidst.sqlite"
    monkeypatch.delenv("REFERAT_DB", raising=False)
    assert start_path(None, last) == default_db_path()  # the last file is gone
    last.write_bytes(b"")
    assert start_path(None, last) == last
    assert start_path(str(tmp_path / "cli.sqlite"), last) == tmp_path / "cli.sqlite"
    monkeypatch.setenv("REFERAT_DB", str(tmp_path / "env.sqlite"))
    assert start_path(None, last) == tmp_path / "env.sqlite"


def test_geometry_and_splitters_are_remembered(qtbot, db_path, tmp_path, store, sample_meeting) -> None:
    store.add_meeting(sample_meeting)
    store.close()
    window = open_window(qtbot, db_path, tmp_path)
    window.resize(760, 560)  # the offscreen screen is 800×600; the window's minimum may be wider
    window.splitter.setSizes([200, 260, 280])
    size, sizes = (window.width(), window.height()), window.splitter.sizes()
    window.close()
    again = open_window(qtbot, db_path, tmp_path)
    assert (again.width(), again.height()) == size and again.splitter.sizes() == sizes
    assert size[1] == 560
    assert (tmp_path / "settings.ini").exists()
    again.close()


def test_first_start_offers_the_sample_meeting(qtbot, db_path, tmp_path) -> None:
    window = open_window(qtbot, db_path, tmp_path)
    assert window.pages.currentWidget() is window.empty_state
    qtbot.mouseClick(window.empty_state.sample_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.splitter
    assert window.meeting_form.body.text() == "Direktionen" and window.item_model.rowCount() == 6
    window.editing.undo()
    assert window.pages.currentWidget() is window.empty_state


def test_a_read_only_file_can_be_read_but_not_changed(
    qtbot, db_path, tmp_path, store, sample_meeting
) -> None:
    store.add_meeting(sample_meeting)
    store.close()
    window = open_window(qtbot, db_path, tmp_path, read_only=True)
    bar = window.centralWidget().layout().itemAt(0).widget()
    assert bar.isVisible() and "skrivebeskyttet" in bar.text()
    assert not any(a.isEnabled() for a in window.acts.editing())
    assert window.acts.print_agenda.isEnabled() and window.acts.print_public_agenda.isEnabled()
    assert all(a.isEnabled() for a in window.export_acts.values())
    assert window.meeting_form.body.isReadOnly()
    model = window.item_model
    window.item_view.setCurrentIndex(model.index(2, 0, model.index(0, 0)))  # a Beslutning it lacks
    assert window.editor.section_editor.text_edit.isReadOnly()
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable


def test_search_lists_hits_and_jumps_to_the_item(qtbot, db_path, tmp_path, store, sample_meeting) -> None:
    store.add_meeting(sample_meeting)
    store.close()
    window = open_window(qtbot, db_path, tmp_path)
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is window.search.field
    qtbot.keyClicks(window.search.field, "charlottekvarter")
    qtbot.waitUntil(lambda: window.search.results.count() == 1, timeout=2000)
    assert not window.meeting_view.isVisible()
    qtbot.keyClick(window.search.field, Qt.Key.Key_Return)
    # The word is in the title and in the text: the section where it was found opens, the
    # word selected (issue 16).
    current = window.item_view.currentIndex()
    assert current.parent().data(HEADING_ROLE) == "Punkt 3: Udviklingsgreb i Charlottekvarteret"
    selected = window.editor.section_editor.text_edit.textCursor().selectedText()
    assert selected.casefold().startswith("charlottekvarter")
    focused(qtbot, window.search.field)
    qtbot.keyClick(window.search.field, Qt.Key.Key_Escape)
    assert window.meeting_view.isVisible() and window.search.field.text() == ""


def test_f2_renames_an_item_in_place(qtbot, db_path, tmp_path, store, sample_meeting) -> None:
    store.add_meeting(sample_meeting)
    store.close()
    window = open_window(qtbot, db_path, tmp_path)
    window.item_view.setCurrentIndex(window.item_model.index(3, 0))
    focused(qtbot, window.item_view)
    qtbot.keyClick(window.item_view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "Ophør af madproduktion i kulturhusene"
    editor.selectAll()
    qtbot.keyClicks(editor, "Madproduktion i kulturhusene")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event loop turn
    qtbot.waitUntil(
        lambda: window.item_model.index(3, 0).data(HEADING_ROLE) == "Punkt 4: Madproduktion i kulturhusene",
        timeout=1000,
    )
    assert window.editor.item_form.title.text() == "Madproduktion i kulturhusene"
    stored = window.session.get_item(window.item_model.item_ids()[3])
    assert stored.title == "Madproduktion i kulturhusene"
    assert Path(window.session.path) == db_path


def test_read_only_after_in_use_says_who_has_the_file(qtbot, tmp_path, sample_meeting) -> None:
    import socket

    from referat_desktop.ui.panels import ReadOnlyBar

    path = tmp_path / "direktionen.sqlite"
    holder = Store.open(path)  # the secretary's other window
    holder.add_meeting(sample_meeting)
    try:
        launcher = make_launcher(qtbot, tmp_path, [AfterError.READ_ONLY])
        assert launcher.open(path)
        assert "allerede åbnet til redigering" in launcher.asked[0]
        window = launcher.window
        bar = window.findChild(ReadOnlyBar)
        assert window.read_only and bar is not None
        assert bar.text().startswith("direktionen.sqlite er åbnet til redigering af ")
        assert socket.gethostname() in bar.text() and "ikke ændre noget" in bar.text()
        window.close()
    finally:
        holder.close()


def test_a_damaged_file_offers_its_backup_as_a_new_file(qtbot, tmp_path, sample_meeting, monkeypatch) -> None:
    """Issue 16: "Gendan fra sikkerhedskopi…" where backups exist beside a damaged file;
    the restored copy is a new file and the damaged one keeps every byte."""
    from PySide6.QtWidgets import QMessageBox

    from referat_desktop.store import backup

    path = tmp_path / "referat.sqlite"
    store = Store.open(path)
    store.add_meeting(sample_meeting)
    store.close()
    conn = sqlite3.connect(path)
    backup.daily_backup(conn, path, dt.date(2026, 11, 29))
    conn.close()
    with open(path, "r+b") as handle:
        handle.truncate(path.stat().st_size // 2)
    damaged = path.read_bytes()

    offered: list[frozenset] = []
    settings = temp_settings(tmp_path)

    def ask(parent, asked_path, message, offers):
        offered.append(offers)
        return AfterError.RESTORE_BACKUP

    def build(opened):
        window = build_window(opened, settings)
        qtbot.addWidget(window)
        return window

    monkeypatch.setattr(QMessageBox, "information", lambda *args: QMessageBox.StandardButton.Ok)
    chosen = []
    monkeypatch.setattr("referat_desktop.ui.files.ask_backup",
                        lambda parent, name, backups: chosen.append(backups) or backups[0].path)
    launcher = Launcher(settings, build, ask)
    assert launcher.open(path)
    assert AfterError.RESTORE_BACKUP in offered[0] and AfterError.READ_ONLY not in offered[0]
    assert [b.made.date() for b in chosen[0]] == [dt.date(2026, 11, 29)]
    opened = launcher.window.session.path
    assert opened.parent == tmp_path and opened.name.startswith("referat-gendannet-")
    assert [m.body for m in launcher.window.session.list_meetings()] == ["Direktionen"]
    assert path.read_bytes() == damaged  # never overwritten
    launcher.window.close()


def test_no_backup_no_offer(qtbot, tmp_path, sample_meeting) -> None:
    path = tmp_path / "referat.sqlite"
    store = Store.open(path)
    store.add_meeting(sample_meeting)
    store.close()
    with open(path, "r+b") as handle:
        handle.truncate(path.stat().st_size // 2)
    offered = []
    launcher = Launcher(temp_settings(tmp_path), lambda s: None,
                        lambda parent, p, message, offers: offered.append(offers) or AfterError.CANCEL)
    assert launcher.open(path) is False
    assert offered == [frozenset()]
