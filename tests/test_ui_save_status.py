"""The status bar says "Gemt hh:mm:ss" after every kind of change, not only typed text
(issue 16, "Status that tells the truth"). Each change is made through the real widgets or
the window's actions; before it the status is blanked, so only that change can set it."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox

from referat_desktop.domain.model import Section, SectionKind
from ui_support import focused, open_window, type_line

SAVED = re.compile(r"^Gemt \d\d:\d\d:\d\d$")


@pytest.fixture
def window(qtbot, db_path, tmp_path, store, sample_meeting):
    sample_meeting.items[1].sections.append(Section(SectionKind.EXTRA, heading="Økonomi", text="x"))
    store.add_meeting(sample_meeting)
    store.close()
    window = open_window(qtbot, db_path, tmp_path)
    window.item_view.setCurrentIndex(window.item_model.index(1, 0))
    return window


def blank(window) -> None:
    window.save_status.clear()
    assert not SAVED.match(window.save_status.text())


def assert_saved(qtbot, window) -> None:
    qtbot.waitUntil(lambda: bool(SAVED.match(window.save_status.text())), timeout=2000)


def item_id(window) -> int:
    return window.item_model.item_ids()[1]


def test_attachment_added_by_typing_its_name(qtbot, window):
    window.item_view.setCurrentIndex(window.item_model.section_index(item_id(window)))
    field = window.editor.attachments_editor.name_field
    blank(window)
    focused(qtbot, field)
    qtbot.keyClicks(field, "Budget 2020.xlsx")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert "Budget 2020.xlsx" in [a.name for a in window.session.get_item(item_id(window)).attachments]
    assert_saved(qtbot, window)


@pytest.mark.parametrize("action", ["move_down", "move_up", "delete_item", "new_item"])
def test_item_moves_deletes_and_additions(qtbot, window, action):
    blank(window)
    getattr(window.acts, action).trigger()
    assert window.stack.count() == 1
    assert_saved(qtbot, window)


def test_deleting_a_meeting(qtbot, window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    blank(window)
    window.acts.delete_meeting.trigger()
    assert window.session.list_meetings() == []
    assert_saved(qtbot, window)


def test_undo_and_redo(qtbot, window):
    window.acts.move_down.trigger()
    blank(window)
    window.acts.undo.trigger()
    assert_saved(qtbot, window)
    blank(window)
    window.acts.redo.trigger()
    assert_saved(qtbot, window)


def test_meeting_and_item_facts(qtbot, window):
    blank(window)
    type_line(qtbot, window.meeting_form.location, "Byrådssalen")
    assert window.session.get_meeting(window.item_model.meeting_id).location == "Byrådssalen"
    assert_saved(qtbot, window)
    blank(window)
    type_line(qtbot, window.editor.item_form.title, "Ny titel")
    assert window.session.get_item(item_id(window)).title == "Ny titel"
    assert_saved(qtbot, window)


def test_sections_added_renamed_and_removed(qtbot, window, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Høring", True))
    blank(window)
    window.acts.new_section.trigger()
    assert "Høring" in [s.heading for s in window.session.get_item(item_id(window)).sections]
    assert_saved(qtbot, window)

    extra = next(s for s in window.session.get_item(item_id(window)).sections if s.heading == "Økonomi")
    window.item_view.setCurrentIndex(window.item_model.section_index(item_id(window), extra.id or 0))
    blank(window)
    focused(qtbot, window.item_view)
    qtbot.keyClick(window.item_view, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit), timeout=1000)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "Økonomi og budget")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Økonomi og budget" in [
        s.heading for s in window.session.get_item(item_id(window)).sections], timeout=2000)
    assert_saved(qtbot, window)

    blank(window)
    window.acts.delete_section.trigger()
    assert "Økonomi og budget" not in [s.heading for s in window.session.get_item(item_id(window)).sections]
    assert_saved(qtbot, window)


def test_a_protocol_entry(qtbot, window):
    decision = window.item_model.section_index(item_id(window), kind=SectionKind.BESLUTNING.value)
    window.item_view.setCurrentIndex(decision)
    absent = window.editor.protocol_editor.absent
    assert absent.count() > 0
    blank(window)
    focused(qtbot, absent)
    absent.setCurrentRow(0)
    qtbot.keyClick(absent, Qt.Key.Key_Space)
    assert window.session.get_item(item_id(window)).protocol.absent == [absent.item(0).text()]
    assert_saved(qtbot, window)


def test_approval_and_a_correction(qtbot, window):
    def approve(dialog) -> bool:
        dialog.by.setText("Lars Holte")
        dialog.on.setDate(dt.date(2019, 12, 18))
        return True

    def correct(dialog) -> bool:
        dialog.text.setPlainText("Beløbet er 2,4 mio. kr.")
        dialog.on.setDate(dt.date(2019, 12, 20))
        return True

    blank(window)
    window.approve(approve)
    assert window.session.get_meeting(window.item_model.meeting_id).approval is not None
    assert_saved(qtbot, window)
    window.item_view.setCurrentIndex(window.item_model.index(1, 0))
    blank(window)
    window.add_correction(correct)
    assert window.session.get_item(item_id(window)).corrections
    assert_saved(qtbot, window)


def test_a_failing_save_is_not_hidden_by_a_later_change(qtbot, window, monkeypatch):
    """While typed text cannot be saved, another change that did reach the file must not
    turn the red message into "Gemt": the text is still not in the file."""
    section = window.item_model.section_index(item_id(window), kind=SectionKind.BAGGRUND.value)
    window.item_view.setCurrentIndex(section)

    def disk_full(section_id: int, text: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(window.autosaver, "_save", disk_full)
    text = window.editor.section_editor.text_edit
    focused(qtbot, text)
    qtbot.keyClicks(text, "ny tekst")
    qtbot.waitUntil(window.save_status.is_failing, timeout=2000)
    window.acts.move_down.trigger()  # reaches the file, but the text above does not
    assert window.save_status.is_failing() and "Disken er fuld" in window.save_status.text()
    monkeypatch.undo()  # the disk has room again: the text is saved and the status says so
    assert window.flush()
    assert_saved(qtbot, window)
