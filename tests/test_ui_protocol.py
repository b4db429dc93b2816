"""The decision's protocol part with the real window, entered by keyboard (issue 12)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from referat_desktop.domain.model import SectionKind
from referat_desktop.domain.protocol import Conflict, Statement, Vote
from referat_desktop.ui.protocol_editor import party_letters, split_names
from ui_support import focused, open_window

ALT = Qt.KeyboardModifier.AltModifier
SAVE_MS = 1000

PARTICIPANTS = ["Anne Hansen (A)", "Bo Jensen (V)", "Carla Nielsen (O)", "Dorte Madsen (Ø)"]


@pytest.fixture
def window(qtbot, db_path, tmp_path, store, sample_meeting):
    sample_meeting.participants = PARTICIPANTS
    sample_meeting.absent = ["Dorte Madsen (Ø)"]
    store.add_meeting(sample_meeting)
    store.close()
    window = open_window(qtbot, db_path, tmp_path)
    model = window.item_model
    decision = model.section_index(model.item_ids()[1], kind=SectionKind.BESLUTNING.value)
    window.item_view.setCurrentIndex(decision)
    return window


def protocol(window):
    return window.session.get_item(window.editing.item_id()).protocol


def test_party_letters_and_vote_cells():
    assert party_letters(PARTICIPANTS + ["Erik Berg", "Frank Lund (A)"]) == ["A", "V", "O", "Ø"]
    assert split_names(" A, C ,V,, ") == ["A", "C", "V"]


def test_the_protocol_part_shows_under_a_decision_only(qtbot, window):
    editor = window.editor.protocol_editor
    assert editor.isVisibleTo(window)
    offered = [editor.absent.item(r).text() for r in range(editor.absent.count())]
    assert offered == PARTICIPANTS[:3]  # absent from the whole meeting: not offered
    model = window.item_model
    background = model.section_index(model.item_ids()[1], kind=SectionKind.BAGGRUND.value)
    window.item_view.setCurrentIndex(background)
    assert not editor.isVisibleTo(window)


def test_absent_for_the_item_is_ticked_by_keyboard_and_undone(qtbot, window):
    editor = window.editor.protocol_editor
    focused(qtbot, window.editor.section_editor.text_edit)
    qtbot.keyClick(window.editor.section_editor.text_edit, Qt.Key.Key_V, ALT)  # Fra&værende
    assert QApplication.focusWidget() is editor.absent
    editor.absent.setCurrentRow(2)
    qtbot.keyClick(editor.absent, Qt.Key.Key_Space)
    assert protocol(window).absent == ["Carla Nielsen (O)"]
    row = window.item_model.item_index(window.editing.item_id())
    assert row.data(Qt.ItemDataRole.DecorationRole) is not None  # the marker in the tree
    assert window.stack.undoText() == "Ret protokol"
    window.editing.undo()
    assert protocol(window).absent == []
    assert editor.absent.item(2).checkState() == Qt.CheckState.Unchecked
    assert row.data(Qt.ItemDataRole.DecorationRole) is None


def add_row(qtbot, button) -> QLineEdit:
    focused(qtbot, button)
    qtbot.keyClick(button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit), timeout=1000)
    return QApplication.focusWidget()


def next_cell(qtbot) -> QLineEdit:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit), timeout=1000)
    return QApplication.focusWidget()


def test_inhabil_with_a_note_is_saved_while_typed(qtbot, window):
    editor = window.editor.protocol_editor
    cell = add_row(qtbot, editor.add_conflict)
    assert cell.completer() is not None and "Bo Jensen (V)" in cell.completer().model().stringList()
    qtbot.keyClicks(cell, "Bo Jensen (V)")
    qtbot.waitUntil(lambda: protocol(window).conflicts == [Conflict("Bo Jensen (V)")], timeout=SAVE_MS)
    cell = next_cell(qtbot)
    qtbot.keyClicks(cell, "Bestyrelsesmedlem i foreningen")
    qtbot.waitUntil(lambda: protocol(window).conflicts[0].note == "Bestyrelsesmedlem i foreningen",
                    timeout=SAVE_MS)
    assert QApplication.focusWidget() is cell  # still typing there
    qtbot.keyClick(cell, Qt.Key.Key_Return)
    steps = window.stack.count()
    window.editing.undo()  # the note, however many saves, is one step
    assert protocol(window).conflicts == [Conflict("Bo Jensen (V)")]
    assert window.stack.count() == steps


def test_a_vote_is_typed_left_to_right_as_letters(qtbot, window):
    editor = window.editor.protocol_editor
    cell = add_row(qtbot, editor.add_vote)
    for text in ("Indstillingen", "A, V", "O", "", "Godkendt"):
        qtbot.keyClicks(cell, text)
        if text != "Godkendt":
            cell = next_cell(qtbot)
    qtbot.keyClick(cell, Qt.Key.Key_Return)
    expected = [Vote("Indstillingen", ["A", "V"], ["O"], [], "Godkendt")]
    qtbot.waitUntil(lambda: protocol(window).votes == expected, timeout=SAVE_MS)


def test_a_statement_and_its_removal(qtbot, window):
    editor = window.editor.protocol_editor
    cell = add_row(qtbot, editor.add_statement)
    qtbot.keyClicks(cell, "O")
    cell = next_cell(qtbot)
    qtbot.keyClicks(cell, "Dansk Folkeparti kan ikke støtte forslaget.")
    qtbot.keyClick(cell, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: protocol(window).statements
                    == [Statement("O", "Dansk Folkeparti kan ikke støtte forslaget.")], timeout=SAVE_MS)
    editor.statements.setFocus()
    editor.statements.setCurrentCell(0, 0)
    qtbot.keyClick(editor.statements, Qt.Key.Key_Delete)  # the row, not the item
    assert protocol(window).statements == []
    assert len(window.item_model.item_ids()) == 6


def test_the_protocol_sample_is_offered_in_the_window(qtbot, window):
    window.acts.add_protocol_sample.trigger()
    assert window.meeting_form.body.text() == "Økonomiudvalget"
    items = window.session.get_meeting(window.item_model.meeting_id).items
    assert any(item.protocol.votes for item in items) and any(item.protocol.statements for item in items)
    marked = [window.item_model.index(r, 0).data(Qt.ItemDataRole.DecorationRole) is not None
              for r in range(window.item_model.rowCount())]
    assert marked == [not item.protocol.is_empty for item in items] and any(marked)
