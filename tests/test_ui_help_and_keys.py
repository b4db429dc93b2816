"""Help and keyboard flow (issue 16) with the real window: the F1 list against the window's
actions, the Formatér menu, Om, Tab into the text, a search hit's word selected, F6, and a
keyboard default in every dialog."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton

from referat_desktop import __version__
from referat_desktop.domain.model import SectionKind
from referat_desktop.ui.approval import ApprovalDialog
from referat_desktop.ui.backups import BackupListDialog
from referat_desktop.ui.files import OPTIONAL_CHOICES, ask_after_error
from referat_desktop.ui.help import AboutDialog, ShortcutsDialog, keys_text, licence_files, plain
from ui_support import focused, open_window

SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot, db_path, tmp_path, store, sample_meeting):
    store.add_meeting(sample_meeting)
    store.close()
    return open_window(qtbot, db_path, tmp_path)


def open_section(window, row: int, kind: SectionKind):
    model = window.item_model
    window.item_view.setCurrentIndex(model.section_index(model.item_ids()[row], kind=kind.value))
    return window.editor.section_editor.text_edit


def dialog_opened(qtbot, window, key=Qt.Key.Key_F1):
    qtbot.keyClick(QApplication.focusWidget() or window, key)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QDialog), timeout=2000)
    return QApplication.activeModalWidget()


# --- F1 ----------------------------------------------------------------------------------


def test_f1_lists_every_shortcut_of_every_action(qtbot, window):
    focused(qtbot, window.item_view)
    dialog = dialog_opened(qtbot, window)
    assert isinstance(dialog, ShortcutsDialog)
    listed = {(dialog.table.topLevelItem(r).text(0), dialog.table.topLevelItem(r).text(1))
              for r in range(dialog.table.topLevelItemCount())}
    with_keys = [a for a in window.findChildren(QAction) if a.shortcuts()]
    expected = {(keys_text(a.shortcuts()), plain(a.text())) for a in with_keys}
    assert expected <= listed
    # The ones a user hunts for, by name, so the list is not only self-consistent.
    for keys, command in [("F11", "Mødetilstand"), ("Ctrl+PgDown", "Næste punkt"), ("F6", "Næste rude"),
                          ("Ctrl+B", "Fed"), ("Alt+1", "Indsæt »Godkendt.«"), ("F1", "Tastaturgenveje"),
                          ("Del", "Slet"), ("Esc", "Forlad mødetilstand"), ("Ctrl+N", "Nyt punkt")]:
        assert (keys, command) in listed, (keys, command)
    # Each action's row says where it is: its menu, or the part of the window.
    wheres = {r.command: r.where for r in dialog.rows}
    assert wheres["Fed"] == "Formatér"
    assert wheres["Indsæt »Godkendt.«"] == "Formatér › Standardtekst i beslutning"
    assert wheres["Mødetilstand"] == "Vis" and wheres["Nyt møde"] == "Møde"
    assert dialog.close_button.isDefault()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_new_action_appears_in_the_list_by_itself(qtbot, window):
    action = QAction("Prøvehandling", window)
    action.setShortcut("Ctrl+Alt+J")
    window.addAction(action)
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    assert any(r.command == "Prøvehandling" and r.keys == "Ctrl+Alt+J" for r in dialog.rows)


# --- Formatér ----------------------------------------------------------------------------


def test_the_format_menu_holds_the_editor_actions_and_they_work(qtbot, window):
    menu = window.menus["format"]
    titles = [plain(a.text()) for a in window.menuBar().actions()]
    assert titles.index("Formatér") == titles.index("Rediger") + 1
    by_name = {plain(a.text()): a for a in menu.actions()}
    assert {"Fed", "Kursiv", "Punktopstilling", "Nummereret liste", "Underoverskrift"} <= set(by_name)
    assert by_name["Fed"].shortcut().toString() == "Ctrl+B"
    # The toolbar still shows its short labels.
    toolbar = window.editor.section_editor.toolbar
    assert toolbar.widgetForAction(by_name["Fed"]).text() == "F"

    text = open_section(window, 1, SectionKind.BESLUTNING)
    focused(qtbot, text)
    text.selectAll()
    by_name["Fed"].trigger()
    qtbot.waitUntil(lambda: window.editor.section_editor.markdown().startswith("**"), timeout=1000)
    phrases = by_name["Standardtekst i beslutning"].menu()
    godkendt = next(a for a in phrases.actions() if a.text() == "Indsæt »Godkendt.«")
    assert godkendt.shortcut().toString() == "Alt+1"
    text.moveCursor(text.textCursor().MoveOperation.End)
    godkendt.trigger()
    assert window.editor.section_editor.markdown().endswith("Godkendt.")


# --- Om ----------------------------------------------------------------------------------


def test_about_shows_the_version_and_every_licence_file(qtbot, window):
    window.acts.about.trigger()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), AboutDialog), timeout=2000)
    dialog = QApplication.activeModalWidget()
    text = dialog.text.toPlainText()
    assert f"Referat {__version__}" in text
    files = [f.path for f in licence_files()]
    assert "fonts/LICENSE-DejaVuSans.txt" in files and "fonts/LICENSE-LiberationSans.txt" in files
    for path in files:
        assert path in text
    assert "LGPL" in text and "PySide6" in text and "reportlab" in text
    assert dialog.close_button.isDefault()
    dialog.close()


def test_a_licence_file_added_to_resources_is_found(tmp_path):
    (tmp_path / "dictionaries").mkdir()
    (tmp_path / "dictionaries" / "COPYING").write_text("GPL-2.0", encoding="utf-8")
    (tmp_path / "dictionaries" / "da_DK.dic").write_text("ord", encoding="utf-8")
    (tmp_path / "README.md").write_text("not a licence", encoding="utf-8")
    assert [(f.path, f.text) for f in licence_files(tmp_path)] == [("dictionaries/COPYING", "GPL-2.0")]


# --- Tab, search hits, F6 ----------------------------------------------------------------


def test_tab_from_the_tree_puts_the_cursor_at_the_end_of_the_text(qtbot, window):
    text = open_section(window, 1, SectionKind.BAGGRUND)
    focused(qtbot, window.item_view)
    qtbot.keyClick(window.item_view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is text
    assert text.textCursor().atEnd() and len(text.toPlainText()) > 100
    # Back and in again with Shift+Tab from the phrase row of a decision, too.
    text = open_section(window, 2, SectionKind.BESLUTNING)
    focused(qtbot, window.editor.section_editor.phrase_buttons[0])
    qtbot.keyClick(window.editor.section_editor.phrase_buttons[0], Qt.Key.Key_Backtab, SHIFT)
    assert QApplication.focusWidget() is text and text.textCursor().atEnd()


def test_a_search_hit_opens_the_section_with_the_word_selected(qtbot, window):
    focused(qtbot, window.search.field)
    qtbot.keyClicks(window.search.field, "temadrøftelse")
    qtbot.keyClick(window.search.field, Qt.Key.Key_Return)
    text = window.editor.section_editor.text_edit
    assert window.editor.section_editor._kind is SectionKind.BESLUTNING
    assert window.editing.item_id() == window.item_model.item_ids()[1]
    assert text.textCursor().selectedText() == "temadrøftelse"
    assert QApplication.focusWidget() is text


def test_a_search_hit_selects_the_whole_word_it_found_by_its_beginning(qtbot, window):
    focused(qtbot, window.search.field)
    qtbot.keyClicks(window.search.field, "charlottekvart")
    qtbot.keyClick(window.search.field, Qt.Key.Key_Return)
    selected = window.editor.section_editor.text_edit.textCursor().selectedText()
    if window.editor.shown() == "section":  # found in a section's text
        assert selected.lower().startswith("charlottekvart") and selected.isalpha()
    else:  # found in the title: the item row, as before
        assert window.editor.shown() == "item"


def test_f6_and_shift_f6_cycle_the_three_panes(qtbot, window):
    open_section(window, 1, SectionKind.BAGGRUND)
    text = window.editor.section_editor.text_edit
    focused(qtbot, window.meeting_view)
    order = []
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
        order.append(QApplication.focusWidget())
    assert order == [window.item_view, text, window.meeting_view]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6, SHIFT)
    assert QApplication.focusWidget() is text
    # From a field of the facts form F6 goes on to the editor (the form is in the middle pane).
    focused(qtbot, window.meeting_form.location)
    qtbot.keyClick(window.meeting_form.location, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is text
    # In meeting mode the folded meeting list is skipped.
    window.acts.meeting_mode.trigger()
    focused(qtbot, window.item_view)
    qtbot.keyClick(window.item_view, Qt.Key.Key_F6)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    assert QApplication.focusWidget() is window.item_view


# --- keyboard defaults in dialogs ---------------------------------------------------------


def modal_default(qtbot, start) -> str | None:
    """Open a modal dialog with `start`, read its default button's text, close it."""
    seen: list[str | None] = []

    def inspect() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, inspect)
            return
        if isinstance(dialog, QMessageBox):
            button = dialog.defaultButton()
        else:
            button = next((b for b in dialog.findChildren(QPushButton) if b.isDefault()), None)
        seen.append(button.text().replace("&", "") if button is not None else None)
        dialog.reject()

    QTimer.singleShot(0, inspect)
    start()
    qtbot.waitUntil(lambda: bool(seen), timeout=2000)
    return seen[0]


def test_every_dialog_has_a_keyboard_default(qtbot, window, tmp_path):
    meetings = len(window.session.list_meetings())
    # Delete is answered No by Enter: the safe answer is the default.
    default = modal_default(qtbot, window.acts.delete_meeting.trigger)
    assert default in ("No", "Nej")
    assert len(window.session.list_meetings()) == meetings
    open_section(window, 1, SectionKind.BAGGRUND)
    assert modal_default(qtbot, window.acts.new_section.trigger) is not None  # Nyt afsnit (input)
    meeting = window.session.get_meeting(window.editing.meeting_id())
    for dialog in (ApprovalDialog(window, meeting, dt.date(2019, 12, 18)),
                   BackupListDialog("referat.sqlite", [], window)):
        assert modal_default(qtbot, dialog.exec) is not None
    ask = lambda: ask_after_error(window, Path("x.sqlite"), "Fejl", OPTIONAL_CHOICES)  # noqa: E731
    assert modal_default(qtbot, ask) is not None
    window.show_error("Disken er fuld")
    box = window.error_notice.box
    assert box is not None and box.defaultButton() is not None
    box.close()
    for dialog in (ShortcutsDialog(window), AboutDialog(window, Path("x.sqlite"))):
        qtbot.addWidget(dialog)
        assert dialog.close_button.isDefault()
