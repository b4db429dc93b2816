"""Approving the minutes in the window, the sealed meeting and its corrections (issue 13)."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from referat_desktop.domain.model import SectionKind
from ui_support import focused, open_window


@pytest.fixture
def window(qtbot, db_path, tmp_path, store, sample_meeting):
    store.add_meeting(sample_meeting)
    store.close()
    return open_window(qtbot, db_path, tmp_path)


def approve_as(name: str, on: dt.date):
    def ask(dialog) -> bool:
        dialog.by.setText(name)
        dialog.on.setDate(on)
        return True
    return ask


def test_approving_seals_the_meeting(qtbot, window):
    form = window.meeting_form
    focused(qtbot, form.location)
    form.location.end(False)
    qtbot.keyClicks(form.location, "!")  # an edit on the undo stack before the approval
    window.flush()
    assert window.stack.count() == 1 and window.acts.approve.isEnabled()
    window.approve(approve_as("Lars Holte", dt.date(2019, 12, 18)))
    meeting = window.session.get_meeting(window.item_model.meeting_id)
    assert meeting.approval is not None and meeting.approval.approved_by == "Lars Holte"
    assert window.session.verify(meeting.id) == []
    assert window.seal_bar.isVisibleTo(window)
    assert "godkendt 18-12-2019 af Lars Holte" in window.seal_bar.text()
    assert window.stack.count() == 0  # no undo reaches back across the approval
    assert form.body.isReadOnly() and window.editor.section_editor.text_edit.isReadOnly()
    assert not window.acts.approve.isEnabled() and not window.acts.new_item.isEnabled()
    window.item_view.setCurrentIndex(window.item_model.index(1, 0))
    assert window.acts.add_correction.isEnabled() and not window.acts.delete_item.isEnabled()
    focused(qtbot, form.location)
    qtbot.keyClicks(form.location, "x")  # typing into a sealed field changes nothing
    assert form.location.text() == "Mødelokale B105!"


def test_a_correction_is_added_to_the_item_and_printed(qtbot, window, tmp_path):
    window.approve(approve_as("Lars Holte", dt.date(2019, 12, 18)))
    window.item_view.setCurrentIndex(window.item_model.index(1, 0))
    item_id = window.editing.item_id()

    def ask(dialog) -> bool:
        dialog.text.setPlainText("Beløbet er 2,4 mio. kr., ikke 2,1 mio. kr.")
        dialog.on.setDate(dt.date(2019, 12, 20))
        return True

    window.add_correction(ask)
    (correction,) = window.session.get_item(item_id).corrections
    assert (correction.text, correction.by, correction.date) == (
        "Beløbet er 2,4 mio. kr., ikke 2,1 mio. kr.", "Kathrine Seier Skaastrup", dt.date(2019, 12, 20))
    assert window.session.verify(window.item_model.meeting_id) == []
    decision = window.item_model.section_index(item_id, kind=SectionKind.BESLUTNING.value)
    window.item_view.setCurrentIndex(decision)
    assert window.editor.corrections.isVisibleTo(window)  # shown under the decision, as printed
    assert window.editor.corrections.text().startswith("Rettelse 20-12-2019: Beløbet er 2,4 mio. kr.")


def test_a_change_behind_the_programs_back_shows_in_red(qtbot, window, db_path, tmp_path):
    window.approve(approve_as("Lars Holte", dt.date(2019, 12, 18)))
    window.close()
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE sections SET text = 'Ændret bagefter.' WHERE kind = ?",
                 [SectionKind.BESLUTNING.value])
    conn.commit()
    conn.close()
    again = open_window(qtbot, db_path, tmp_path)
    assert again.seal_bar.isVisibleTo(again)
    assert again.seal_bar.text().startswith("Referatet er ændret efter godkendelsen 18-12-2019:")
    assert again.meeting_form.body.isReadOnly()
    again.close()


def test_a_draft_shows_no_bar(qtbot, window):
    assert not window.seal_bar.isVisibleTo(window) and not window.meeting_form.body.isReadOnly()
    assert not window.acts.add_correction.isEnabled()
    assert window.meeting_form.widgets["body"].isEnabled()
