"""One undo stack for every structural edit: moves, deletes, facts, meetings, attachments."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from referat_desktop.domain.model import SectionKind
from referat_desktop.ui.item_tree import HEADING_ROLE
from ui_support import focused, open_window, type_line

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def sample_window(qtbot, db_path, tmp_path, store, sample_meeting):
    store.add_meeting(sample_meeting)
    store.close()
    return open_window(qtbot, db_path, tmp_path)


def titles(window) -> list[str]:
    model = window.item_model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def stored_titles(window) -> list[str]:
    meeting_id = window.item_model.meeting_id
    return [i.title for i in window.session.get_meeting(meeting_id).items]


def test_undo_and_redo_a_move_and_a_delete(qtbot, sample_window) -> None:
    window, view = sample_window, sample_window.item_view
    original = titles(window)
    view.setCurrentIndex(window.item_model.index(1, 0))
    focused(qtbot, view)

    qtbot.keyClick(view, Qt.Key.Key_Down, ALT)
    moved = original[:1] + [original[2], original[1]] + original[3:]
    assert titles(window) == moved == stored_titles(window)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert titles(window) == original == stored_titles(window)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert titles(window) == moved == stored_titles(window)
    assert view.currentIndex().data(HEADING_ROLE) == f"Punkt 3: {original[1]}"

    # Delete "Status sociale investeringer" (now item 3) with its texts and attachment.
    item_id = window.editing.item_id()
    before = window.session.get_item(item_id)
    window.acts.delete_item.trigger()
    assert original[1] not in titles(window) and len(stored_titles(window)) == 5
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert titles(window) == moved
    assert window.session.get_item(item_id) == before  # same id, texts and attachment
    assert view.currentIndex().data(HEADING_ROLE) == f"Punkt 3: {original[1]}"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert len(titles(window)) == 5
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # and the move before it
    assert titles(window) == original == stored_titles(window)
    assert window.acts.undo.isEnabled() is False and window.acts.redo.text().startswith("&Annuller fortryd")


def test_text_typed_into_a_new_item_comes_back_with_redo(qtbot, sample_window) -> None:
    window = sample_window
    window.item_view.setCurrentIndex(window.item_model.index(5, 0))
    window.acts.new_item.trigger()
    item_id = window.editing.item_id()
    qtbot.keyClick(window.item_view.focusWidget() or window.item_view, Qt.Key.Key_Escape)
    index = window.item_model.section_index(item_id, kind=SectionKind.INDSTILLING.value)
    window.item_view.setCurrentIndex(index)
    focused(qtbot, window.editor.section_editor.text_edit)
    qtbot.keyClicks(window.editor.section_editor.text_edit, "Vi indstiller.")
    window.editing.undo()  # saves the text first, then removes the item
    assert len(titles(window)) == 6
    window.editing.redo()
    texts = {s.kind: s.text for s in window.session.get_item(item_id).sections}
    assert texts[SectionKind.INDSTILLING] == "Vi indstiller."


def test_fact_edits_merge_and_undo_shows_the_value(qtbot, sample_window) -> None:
    window, form = sample_window, sample_window.meeting_form
    type_line(qtbot, form.location, "Byrådssalen")
    type_line(qtbot, form.location, "Mødelokale A")
    assert window.stack.count() == 1  # two edits of one field are one undo step
    type_line(qtbot, form.time, "kvart over ni")
    assert form.errors["time"].isVisibleTo(window) and form.time.text() == "kvart over ni"
    type_line(qtbot, form.time, "10")
    assert form.time.text() == "10:00" and not form.errors["time"].isVisibleTo(window)
    window.editing.undo()
    assert form.time.text() == "09:00"
    window.editing.undo()
    assert form.location.text() == "Mødelokale B105"
    assert window.session.get_meeting(window.item_model.meeting_id).location == "Mødelokale B105"


def test_closed_flag_title_and_sections_through_the_stack(qtbot, sample_window, monkeypatch) -> None:
    window = sample_window
    model = window.item_model
    window.item_view.setCurrentIndex(model.index(2, 0))
    item_id = window.editing.item_id()
    window.acts.toggle_closed.trigger()
    assert model.index(2, 0).data(HEADING_ROLE).endswith("(lukket)")
    assert window.editor.item_form.closed.isChecked()
    type_line(qtbot, window.editor.item_form.case_number, "19/4768")
    assert model.index(2, 1).data() == "19/4768"

    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Økonomi", True))
    window.acts.new_section.trigger()
    assert window.item_view.currentIndex().data() == "Økonomi"
    assert window.acts.delete_section.isEnabled()
    focused(qtbot, window.item_view)
    qtbot.keyClick(window.item_view, Qt.Key.Key_F2)  # an extra section's heading is renamed in place
    heading_editor = QApplication.focusWidget()
    heading_editor.selectAll()
    qtbot.keyClicks(heading_editor, "Økonomi og personale")
    qtbot.keyClick(heading_editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.item_view.currentIndex().data() == "Økonomi og personale", timeout=1000)
    assert window.editor.heading.full_text() == "Økonomi og personale"  # elided on the 800-px test screen
    window.editing.undo()
    assert window.item_view.currentIndex().data() == "Økonomi"
    window.acts.delete_section.trigger()
    assert [s.heading for s in window.session.get_item(item_id).sections if s.heading] == []
    window.editing.undo()
    assert [s.heading for s in window.session.get_item(item_id).sections if s.heading] == ["Økonomi"]
    for _ in range(3):
        window.editing.undo()
    item = window.session.get_item(item_id)
    assert (item.closed, item.case_number) == (False, "19/4767")
    assert not model.index(2, 0).data(HEADING_ROLE).endswith("(lukket)")


def test_delete_a_meeting_after_confirming_and_undo_it(qtbot, sample_window, monkeypatch) -> None:
    window = sample_window
    meeting_id = window.item_model.meeting_id
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.No)
    window.acts.delete_meeting.trigger()
    assert window.meeting_model.meeting_count() == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    window.acts.delete_meeting.trigger()
    assert window.meeting_model.meeting_count() == 0
    assert window.pages.currentWidget() is window.empty_state
    window.editing.undo()
    assert window.pages.currentWidget() is window.splitter
    assert window.item_model.meeting_id == meeting_id and len(titles(window)) == 6


def test_new_meeting_from_this_one_and_undo_while_another_is_shown(qtbot, sample_window) -> None:
    window = sample_window
    sample_id = window.item_model.meeting_id
    window.editing.today = lambda: dt.date(2019, 12, 17)
    window.acts.new_meeting_from_current.trigger()
    new_id = window.item_model.meeting_id
    assert new_id != sample_id
    assert window.meeting_form.date.date().toPython() == dt.date(2019, 12, 23)
    assert window.meeting_form.participants.names()[0] == "Lars Holte"
    assert titles(window) == ["Øvrige sager 23-12-2019"]
    window.item_view.setCurrentIndex(window.item_model.index(0, 0))
    window.acts.new_item.trigger()  # in the new meeting
    window.meeting_view.select_meeting(sample_id)
    window.editing.undo()  # shows the new meeting again, then removes its item
    assert window.item_model.meeting_id == new_id and len(titles(window)) == 1
    window.editing.undo()
    assert window.item_model.meeting_id == sample_id and window.meeting_model.meeting_count() == 1


def test_attachment_edits_are_undoable_and_keep_files(qtbot, sample_window) -> None:
    window = sample_window
    model = window.item_model
    item_id = model.item_ids()[4]
    window.item_view.setCurrentIndex(model.section_index(item_id))
    editor = window.editor.attachments_editor
    editor.add_names(["Tidsplan"])
    assert [a.name for a in window.session.get_item(item_id).attachments][-1] == "Tidsplan"
    assert model.section_index(item_id).data() == "Bilag (3)"
    window.editing.undo()
    assert editor.names() == ["Vækstregnskab 2019", "I - Vækstregnskab 2019 - ØU"]
    assert model.section_index(item_id).data() == "Bilag (2)"


def test_a_failing_store_call_is_reported_and_dropped(qtbot, sample_window, monkeypatch) -> None:
    window = sample_window
    from referat_desktop.store import StoreError

    def broken(*args, **kwargs):
        raise StoreError("Disken er fuld.")

    monkeypatch.setattr(window.session, "move_item", broken)
    window.item_view.setCurrentIndex(window.item_model.index(0, 0))
    with qtbot.waitSignal(window.session.error_occurred) as error:
        window.acts.move_down.trigger()
    assert error.args == ["Disken er fuld."]
    assert window.stack.count() == 0 and window.statusBar().currentMessage() == "Disken er fuld."
