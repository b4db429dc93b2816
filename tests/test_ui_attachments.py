"""The Bilag list: add, rename in place, remove and move emit the whole list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from referat_desktop.ui.attachments_editor import AttachmentsEditor


@pytest.fixture
def editor(qtbot):
    widget = AttachmentsEditor()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_item(12, ["notat.docx", "bilag 2.pdf", "kort.png"])
    return widget


@pytest.fixture
def emitted(editor):
    calls: list[tuple[int, list[str]]] = []
    editor.changed.connect(lambda item_id, listed: calls.append((item_id, [a.name for a in listed])))
    return calls


def test_loading_emits_nothing(qtbot):
    widget = AttachmentsEditor()
    qtbot.addWidget(widget)
    with qtbot.assertNotEmitted(widget.changed):
        widget.set_item(3, ["a.pdf"])
    assert widget.names() == ["a.pdf"]


def test_add_by_typing_a_name(qtbot, editor, emitted):
    qtbot.keyClicks(editor.name_field, "  Budget 2020.xlsx ")
    qtbot.keyClick(editor.name_field, Qt.Key.Key_Return)
    assert emitted == [(12, ["notat.docx", "bilag 2.pdf", "kort.png", "Budget 2020.xlsx"])]
    assert editor.name_field.text() == ""
    # an empty name is not added, and the button waits for a name
    qtbot.keyClicks(editor.name_field, "   ")
    assert not editor.add_button.isEnabled()
    qtbot.keyClick(editor.name_field, Qt.Key.Key_Return)
    assert len(emitted) == 1


def test_picked_files_go_to_the_window_to_be_stored(qtbot, editor, emitted, monkeypatch, tmp_path):
    picked = [str(tmp_path / "Referat bilag.docx"), str(tmp_path / "sub" / "plan.pdf")]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args, **kwargs: (picked, ""))
    with qtbot.waitSignal(editor.files_added) as added:
        qtbot.mouseClick(editor.pick_button, Qt.MouseButton.LeftButton)
    assert added.args == [12, picked]
    assert emitted == []  # the list changes once the files are stored (tests/test_ui_attachment_files.py)


def test_rename_in_place_with_f2(qtbot, editor, emitted):
    editor.list.setFocus()
    editor.list.setCurrentRow(1)
    qtbot.keyClick(editor.list, Qt.Key.Key_F2)
    field = QApplication.focusWidget()
    assert isinstance(field, QLineEdit)
    field.selectAll()
    qtbot.keyClicks(field, "Bilag 2 - revideret.pdf")
    qtbot.keyClick(field, Qt.Key.Key_Return)  # the view commits the edit queued
    qtbot.waitUntil(lambda: len(emitted) == 1, timeout=1000)
    assert emitted == [(12, ["notat.docx", "Bilag 2 - revideret.pdf", "kort.png"])]


def test_renaming_to_nothing_keeps_the_old_name(qtbot, editor, emitted):
    editor.list.setFocus()
    editor.list.setCurrentRow(0)
    qtbot.keyClick(editor.list, Qt.Key.Key_F2)
    field = QApplication.focusWidget()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.list.state() != editor.list.State.EditingState, timeout=1000)
    assert emitted == []
    assert editor.names() == ["notat.docx", "bilag 2.pdf", "kort.png"]


def test_remove_by_button_and_delete_key(qtbot, editor, emitted):
    editor.list.setCurrentRow(0)
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    editor.list.setFocus()
    editor.list.setCurrentRow(1)
    qtbot.keyClick(editor.list, Qt.Key.Key_Delete)
    assert emitted == [(12, ["bilag 2.pdf", "kort.png"]), (12, ["bilag 2.pdf"])]


def test_move_up_and_down(qtbot, editor, emitted):
    editor.list.setCurrentRow(2)
    qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    assert emitted[-1] == (12, ["notat.docx", "kort.png", "bilag 2.pdf"])
    assert editor.list.currentRow() == 1
    editor.list.setFocus()
    qtbot.keyClick(editor.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert emitted[-1] == (12, ["kort.png", "notat.docx", "bilag 2.pdf"])
    assert not editor.up_button.isEnabled()  # already at the top
    qtbot.keyClick(editor.list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert emitted[-1] == (12, ["notat.docx", "kort.png", "bilag 2.pdf"])
    assert len(emitted) == 3


def test_read_only_and_no_item(qtbot, editor, emitted):
    editor.set_read_only(True)
    editor.list.setCurrentRow(0)
    for button in (
        editor.add_button,
        editor.pick_button,
        editor.remove_button,
        editor.up_button,
        editor.down_button,
    ):
        assert not button.isEnabled()
    editor.list.setFocus()
    qtbot.keyClick(editor.list, Qt.Key.Key_Delete)
    editor.move_current(1)
    assert emitted == [] and editor.names() == ["notat.docx", "bilag 2.pdf", "kort.png"]
    editor.set_read_only(False)
    editor.set_item(None, [])
    assert not editor.isEnabled() and editor.names() == []
