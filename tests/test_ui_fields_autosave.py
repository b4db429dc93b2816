"""Every one-line field is in the file within a second while the typing goes on (issue 10).

The real window, typed into with keys: the cursor stays in the field, nothing is left for
the focus change to save, the tree and the meeting list follow, and undo takes back the
whole edit of a field in one step.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from referat_desktop.domain.model import Meeting
from referat_desktop.store import StoreError
from referat_desktop.ui.item_tree import HEADING_ROLE
from ui_support import focused, open_window

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
SAVE_MS = 1000  # "at most 1 s after a keystroke"


@pytest.fixture
def window(qtbot, db_path, tmp_path, store, sample_meeting):
    store.add_meeting(sample_meeting)
    store.close()
    return open_window(qtbot, db_path, tmp_path)


def stored_meeting(window) -> Meeting:
    return window.session.get_meeting(window.item_model.meeting_id)


def type_at_end(qtbot, widget, text: str) -> None:
    focused(qtbot, widget)
    qtbot.keyClick(
        widget, Qt.Key.Key_End, CTRL if not isinstance(widget, QLineEdit) else Qt.KeyboardModifier.NoModifier
    )
    qtbot.keyClicks(widget, text)


def wait_saved(qtbot, window, check) -> None:
    qtbot.waitUntil(check, timeout=SAVE_MS)
    assert window.save_status.text().startswith("Gemt ")


@pytest.mark.parametrize(
    ("fact", "typed", "expected"),
    [
        ("body", " (ekstraordinært)", "Direktionen (ekstraordinært)"),
        ("location", ", 1. sal", "Mødelokale B105, 1. sal"),
        ("secretary", " Hansen", "Kathrine Seier Skaastrup Hansen"),
    ],
)
def test_a_meeting_fact_is_saved_while_typed(qtbot, window, fact, typed, expected) -> None:
    field = getattr(window.meeting_form, fact)
    type_at_end(qtbot, field, typed)
    wait_saved(qtbot, window, lambda: getattr(stored_meeting(window), fact) == expected)
    assert QApplication.focusWidget() is field and field.text() == expected  # still typing there
    if fact == "body":  # the meeting list follows
        assert window.meeting_view.currentIndex().siblingAtColumn(1).data() == expected
    qtbot.keyClicks(field, "!")
    wait_saved(qtbot, window, lambda: getattr(stored_meeting(window), fact) == expected + "!")
    assert window.stack.count() == 1  # one undo step for the whole edit of the field
    window.editing.undo()
    assert getattr(stored_meeting(window), fact) == field.text() == expected.removesuffix(typed)


def test_names_and_time_are_saved_while_typed(qtbot, window) -> None:
    form = window.meeting_form
    type_at_end(qtbot, form.absent, "Carla Nielsen (O)")
    wait_saved(qtbot, window, lambda: stored_meeting(window).absent == ["Carla Nielsen (O)"])
    qtbot.keyClick(form.absent, Qt.Key.Key_Return)
    qtbot.keyClicks(form.absent, "Bo Jensen (V)")
    wait_saved(qtbot, window, lambda: stored_meeting(window).absent == ["Carla Nielsen (O)", "Bo Jensen (V)"])
    type_at_end(qtbot, form.participants, "")
    qtbot.keyClick(form.participants, Qt.Key.Key_Return)
    qtbot.keyClicks(form.participants, "Ny Deltager")
    wait_saved(qtbot, window, lambda: stored_meeting(window).participants[-1] == "Ny Deltager")

    focused(qtbot, form.time)
    form.time.selectAll()
    qtbot.keyClicks(form.time, "10.1")  # not yet a time: nothing is saved, nothing is marked
    qtbot.wait(SAVE_MS)
    assert stored_meeting(window).time == "09:00" and not form.errors["time"].isVisibleTo(window)
    qtbot.keyClicks(form.time, "5")
    wait_saved(qtbot, window, lambda: stored_meeting(window).time == "10:15")
    assert form.time.text() == "10.15" and form.time.cursorPosition() == 5  # not rewritten under her
    qtbot.keyClick(form.time, Qt.Key.Key_Tab)
    assert form.time.text() == "10:15"  # tidied when she leaves it


def test_an_emptied_udvalg_waits_for_the_new_name(qtbot, window) -> None:
    body = window.meeting_form.body
    focused(qtbot, body)
    body.selectAll()
    qtbot.keyClick(body, Qt.Key.Key_Delete)
    qtbot.wait(SAVE_MS)
    assert stored_meeting(window).body == "Direktionen" and body.text() == ""
    qtbot.keyClicks(body, "Økonomiudvalget")
    wait_saved(qtbot, window, lambda: stored_meeting(window).body == "Økonomiudvalget")


@pytest.mark.parametrize("field", ["title", "case_number"])
def test_an_item_field_is_saved_while_typed_and_the_tree_follows(qtbot, window, field) -> None:
    window.item_view.setCurrentIndex(window.item_model.index(1, 0))
    item_id = window.editing.item_id()
    edit = getattr(window.editor.item_form, field)
    before = edit.text()
    type_at_end(qtbot, edit, " - revideret")
    wait_saved(
        qtbot, window, lambda: getattr(window.session.get_item(item_id), field) == before + " - revideret"
    )
    column = 0 if field == "title" else 1
    shown = window.item_model.index(1, column).data(
        HEADING_ROLE if field == "title" else Qt.ItemDataRole.DisplayRole
    )
    assert shown.endswith(before + " - revideret")
    assert QApplication.focusWidget() is edit and edit.cursorPosition() == len(edit.text())
    assert window.stack.count() == 1
    window.editing.undo()
    assert getattr(window.session.get_item(item_id), field) == before == edit.text()


def test_a_title_typed_in_the_tree_is_saved_while_typed(qtbot, window) -> None:
    window.item_view.setCurrentIndex(window.item_model.index(0, 0))
    item_id = window.editing.item_id()
    focused(qtbot, window.item_view)
    qtbot.keyClick(window.item_view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    before = editor.text()
    qtbot.keyClick(editor, Qt.Key.Key_End)
    qtbot.keyClicks(editor, " (opdateret)")
    wait_saved(qtbot, window, lambda: window.session.get_item(item_id).title == before + " (opdateret)")
    assert QApplication.focusWidget() is editor and editor.cursorPosition() == len(editor.text())
    qtbot.keyClicks(editor, "!")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits and closes the editor queued
    qtbot.waitUntil(lambda: window.session.get_item(item_id).title == before + " (opdateret)!", timeout=1000)
    assert window.stack.count() == 1


def test_an_attachment_name_is_saved_while_typed(qtbot, window) -> None:
    model = window.item_model
    item_row = next(
        r for r in range(model.rowCount()) if window.session.get_item(model.item_ids()[r]).attachments
    )
    item_id = model.item_ids()[item_row]
    window.item_view.setCurrentIndex(model.section_index(item_id))
    names = window.editor.attachments_editor.list
    focused(qtbot, names)
    names.setCurrentRow(0)
    qtbot.keyClick(names, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Notat om investeringer.docx")
    wait_saved(
        qtbot,
        window,
        lambda: window.session.get_item(item_id).attachments[0].name == "Notat om investeringer.docx",
    )
    assert QApplication.focusWidget() is editor and editor.text() == "Notat om investeringer.docx"
    qtbot.keyClicks(editor, "x")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: window.session.get_item(item_id).attachments[0].name == "Notat om investeringer.docxx",
        timeout=1000,
    )
    assert window.stack.count() == 1  # the rename, however many saves, is one undo step


def test_a_refused_commit_is_kept_and_tried_again(qtbot, window, monkeypatch) -> None:
    store = window.session
    real = store.update_meeting
    monkeypatch.setattr(
        store, "update_meeting", lambda *a, **k: (_ for _ in ()).throw(StoreError("Disken er fuld."))
    )
    type_at_end(qtbot, window.meeting_form.location, " (sal 2)")
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Disken er fuld.", timeout=SAVE_MS)
    assert window.autosaver.pending()  # not forgotten: retried
    monkeypatch.setattr(store, "update_meeting", real)
    qtbot.waitUntil(lambda: stored_meeting(window).location == "Mødelokale B105 (sal 2)", timeout=5000)
    assert not window.autosaver.pending()


# --- where the cursor goes ---------------------------------------------------------------


def test_new_meeting_takes_the_newest_meetings_board_and_puts_the_cursor_in_udvalg(qtbot, window) -> None:
    focused(qtbot, window.search.field)
    qtbot.keyClicks(window.search.field, "budget")
    qtbot.waitUntil(lambda: not window.meeting_view.isVisibleTo(window), timeout=2000)  # searching
    qtbot.keyClick(window.search.field, Qt.Key.Key_N, CTRL | SHIFT)
    assert window.meeting_view.isVisibleTo(window)  # the search gave way to the list
    form = window.meeting_form
    assert stored_meeting(window).items == []
    assert (form.body.text(), form.location.text(), form.time.text()) == (
        "Direktionen",
        "Mødelokale B105",
        "09:00",
    )
    assert form.participants.names() == stored_meeting(window).participants != []
    assert QApplication.focusWidget() is form.body and form.body.selectedText() == "Direktionen"
    qtbot.keyClicks(form.body, "Økonomiudvalget")
    wait_saved(qtbot, window, lambda: stored_meeting(window).body == "Økonomiudvalget")
    assert window.search.field.text() == ""  # what she typed did not filter the list


def test_new_item_puts_the_cursor_in_its_title(qtbot, window) -> None:
    window.item_view.setCurrentIndex(window.item_model.index(0, 0))
    focused(qtbot, window.item_view)
    qtbot.keyClick(window.item_view, Qt.Key.Key_N, CTRL)
    title = window.editor.item_form.title
    assert QApplication.focusWidget() is title and title.selectedText() == "Nyt punkt"
    qtbot.keyClicks(title, "Budget 2027")
    item_id = window.editing.item_id()
    wait_saved(qtbot, window, lambda: window.session.get_item(item_id).title == "Budget 2027")
    assert window.item_model.index(1, 0).data(HEADING_ROLE) == "Punkt 2: Budget 2027"


def test_new_item_on_an_empty_file_makes_a_meeting(qtbot, db_path, tmp_path) -> None:
    window = open_window(qtbot, db_path, tmp_path)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert window.meeting_model.meeting_count() == 1
    assert QApplication.focusWidget() is window.meeting_form.body


def test_a_copy_of_the_main_file_alone_has_the_edit_2_s_after_the_last_key(qtbot, window, tmp_path) -> None:
    """People copy referat.sqlite, not its -wal: the window checkpoints once typing pauses."""
    import shutil
    import sqlite3
    import time

    type_at_end(qtbot, window.meeting_form.location, " (kopi)")
    last_key = time.monotonic()
    copy = tmp_path / "kopi.sqlite"

    def copied_location() -> str:
        shutil.copyfile(window.session.path, copy)  # the main file alone
        conn = sqlite3.connect(copy)
        try:
            return conn.execute("SELECT location FROM meetings").fetchone()[0]
        finally:
            conn.close()

    qtbot.waitUntil(lambda: copied_location() == "Mødelokale B105 (kopi)", timeout=2000)
    assert time.monotonic() - last_key <= 2.0
    assert window.isVisible() and (window.session.path.with_name("referat.sqlite-wal")).exists()


def test_the_signature_sheet_flag_is_in_the_form_from_the_facts_table(qtbot, window) -> None:
    """A fact added to domain/model.py's table shows up in the form, its undo text and the
    tab order without the form naming it."""
    from referat_desktop.domain.model import MEETING_FIELDS

    form = window.meeting_form
    assert list(form.widgets) == [spec.name for spec in MEETING_FIELDS]
    box = form.widgets["signature_sheet"]
    assert not box.isChecked()
    focused(qtbot, form.secretary)
    qtbot.keyClick(form.secretary, Qt.Key.Key_Tab)  # the tick box follows Sekretær
    assert QApplication.focusWidget() is box
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert stored_meeting(window).signature_sheet is True
    assert window.acts.undo.text() == "&Fortryd Ret underskriftsblad"
    window.editing.undo()
    assert stored_meeting(window).signature_sheet is False and not box.isChecked()
