"""Danish spell check (issue 16) in the real window, with the dictionary shipped in
resources/dictionaries: typed with keys, menus opened with a real context-menu event."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu

from referat_desktop.domain.model import SectionKind
from referat_desktop.ui.spelling import WORD_LIST_NAME
from ui_support import data_folder, focused, open_window, temp_settings

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, db_path, tmp_path, store, sample_meeting):
    store.add_meeting(sample_meeting)
    store.close()
    window = open_window(qtbot, db_path, tmp_path)
    qtbot.waitUntil(window.spelling.active, timeout=5000)
    return window


def open_section(window, row: int, kind: SectionKind):
    model = window.item_model
    window.item_view.setCurrentIndex(model.section_index(model.item_ids()[row], kind=kind.value))
    return window.editor.section_editor


def type_paragraph(qtbot, window, text: str):
    """A new paragraph at the end of item 1's decision, typed; the editor."""
    editor = open_section(window, 0, SectionKind.BESLUTNING)
    focused(qtbot, editor.text_edit)
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_End, CTRL)
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.text_edit, text)
    return editor


def flagged_words(editor) -> list[str]:
    """The words the editor shows with the spell-check underline (the layout's formats)."""
    words = []
    block = editor.text_edit.document().begin()
    while block.isValid():
        for part in block.layout().formats():
            if part.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline:
                assert part.format.underlineColor() == Qt.GlobalColor.red
                words.append(block.text()[part.start:part.start + part.length])
        block = block.next()
    return words


def last_block_flags(qtbot, editor, expected: list[str]) -> None:
    def check() -> bool:
        block = editor.text_edit.document().lastBlock()
        flagged = [block.text()[f.start:f.start + f.length] for f in block.layout().formats()
                   if f.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline]
        return flagged == expected
    qtbot.waitUntil(check, timeout=1000)


def context_menu(qtbot, widget, pos: QPoint) -> QMenu:
    """Right-click at `pos`: the menu the widget pops up."""
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, widget.mapToGlobal(pos))
    QApplication.sendEvent(widget, event)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=1000)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


def choose(menu: QMenu, text: str) -> None:
    action = next(a for a in menu.actions() if a.text() == text)
    action.trigger()
    menu.close()


def word_position(editor, word: str) -> QPoint:
    """The middle of `word`'s first occurrence in the last paragraph, in viewport pixels."""
    block = editor.text_edit.document().lastBlock()
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + block.text().index(word) + 2)
    return editor.text_edit.cursorRect(cursor).center()


def stored_decision(window) -> str:
    item_id = window.item_model.item_ids()[0]
    sections = window.session.get_item(item_id).sections
    return next(s.text for s in sections if s.kind == SectionKind.BESLUTNING)


def test_a_misspelt_word_is_flagged_and_correct_words_and_names_are_not(qtbot, window) -> None:
    editor = type_paragraph(qtbot, window, "Kathrine Skaastrup noterede en beslutnig i kommunalbestyrelsen")
    last_block_flags(qtbot, editor, ["beslutnig"])
    # The names are the meeting's (the secretary); elsewhere the dictionary flags "Skaastrup".
    assert not window.spelling.checker.dictionary.check("Skaastrup")


def test_case_numbers_abbreviations_and_urls_are_not_flagged(qtbot, window) -> None:
    editor = type_paragraph(qtbot, window, "Sag 19/18529 fra ØU, se www.eksempel.dk og 5eren")
    last_block_flags(qtbot, editor, [])


def test_a_suggestion_replaces_the_word_in_one_undo_step_and_is_saved(qtbot, window) -> None:
    editor = type_paragraph(qtbot, window, "En beslutnig")
    last_block_flags(qtbot, editor, ["beslutnig"])
    menu = context_menu(qtbot, editor.text_edit.viewport(), word_position(editor, "beslutnig"))
    texts = [a.text() for a in menu.actions()]
    assert "beslutning" in texts[:5] and "Tilføj til ordbog" in texts
    assert any("Kopiér" in t or "Copy" in t or "&Copy" in t for t in texts)  # the normal menu follows
    choose(menu, "beslutning")
    assert editor.text_edit.document().lastBlock().text() == "En beslutning"
    last_block_flags(qtbot, editor, [])
    qtbot.waitUntil(lambda: stored_decision(window).endswith("En beslutning"), timeout=2000)
    editor.text_edit.undo()  # one step takes the whole replacement back
    assert editor.text_edit.document().lastBlock().text() == "En beslutnig"


def test_add_to_word_list_writes_the_file_and_unflags(qtbot, window, tmp_path) -> None:
    editor = type_paragraph(qtbot, window, "Mødet i Charlottekvarteret")
    last_block_flags(qtbot, editor, ["Charlottekvarteret"])
    menu = context_menu(qtbot, editor.text_edit.viewport(), word_position(editor, "Charlottekvarteret"))
    choose(menu, "Tilføj til ordbog")
    last_block_flags(qtbot, editor, [])
    word_file = data_folder(tmp_path) / WORD_LIST_NAME
    assert word_file.read_text(encoding="utf-8") == "Charlottekvarteret\n"
    assert not list(word_file.parent.glob(".ordbog-*"))  # no temporary file left behind


def test_a_participant_added_in_the_form_is_no_longer_flagged(qtbot, window) -> None:
    editor = type_paragraph(qtbot, window, "Bemærkning fra Zørkelbrand")
    last_block_flags(qtbot, editor, ["Zørkelbrand"])
    participants = window.meeting_form.participants
    focused(qtbot, participants)
    qtbot.keyClick(participants, Qt.Key.Key_End, CTRL)
    qtbot.keyClick(participants, Qt.Key.Key_Return)
    qtbot.keyClicks(participants, "Ib Zørkelbrand")
    qtbot.waitUntil(lambda: "Ib Zørkelbrand" in window.session.get_meeting(
        window.item_model.meeting_id).participants, timeout=2000)
    last_block_flags(qtbot, editor, [])


def reddish_pixels(widget) -> int:
    image = widget.grab().toImage()
    return sum(1 for x in range(image.width()) for y in range(image.height())
               if (c := image.pixelColor(x, y)).red() > c.green() + 60 and c.red() > c.blue() + 40)


def test_the_item_title_is_checked_and_corrected_from_its_menu(qtbot, window) -> None:
    model = window.item_model
    window.item_view.setCurrentIndex(model.index(0, 0))
    title = window.editor.item_form.title
    focused(qtbot, title)
    title.selectAll()
    qtbot.keyClicks(title, "Godkendelse af beslutnig")
    title.deselect()
    qtbot.waitUntil(lambda: reddish_pixels(title) > 5, timeout=1000)  # the wavy line is drawn
    before = title.text()
    middle = title.height() // 2
    inside = before.index("beslutnig") + 2
    x = next(x for x in range(title.width()) if title.cursorPositionAt(QPoint(x, middle)) >= inside)
    menu = context_menu(qtbot, title, QPoint(x, middle))
    choose(menu, "beslutning")
    assert title.text() == "Godkendelse af beslutning"
    qtbot.waitUntil(lambda: reddish_pixels(title) == 0, timeout=1000)
    qtbot.waitUntil(lambda: window.session.get_item(model.item_ids()[0]).title == "Godkendelse af beslutning",
                    timeout=2000)


def test_the_toggle_turns_marks_off_and_is_remembered(qtbot, window, db_path, tmp_path) -> None:
    editor = type_paragraph(qtbot, window, "En beslutnig")
    last_block_flags(qtbot, editor, ["beslutnig"])
    action = window.spelling.action
    assert action.isChecked() and action in window.menus["edit"].actions()
    qtbot.keyClick(window, Qt.Key.Key_F7)
    assert not action.isChecked()
    last_block_flags(qtbot, editor, [])
    window.close()
    assert temp_settings(tmp_path).spell_check() is False
    again = open_window(qtbot, db_path, tmp_path)
    assert not again.spelling.action.isChecked() and not again.spelling.enabled
    again.spelling.action.trigger()
    qtbot.waitUntil(again.spelling.active, timeout=5000)
    assert temp_settings(tmp_path).spell_check() is True


def test_without_a_usable_dictionary_folder_the_window_says_so_and_works(qtbot, db_path, tmp_path) -> None:
    data_folder(tmp_path).write_text("not a folder")  # the data folder's place is taken by a file
    window = open_window(qtbot, db_path, tmp_path)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == (
        "Stavekontrollen virker ikke: den danske ordbog kunne ikke indlæses."), timeout=5000)
    assert not window.spelling.active()
    assert data_folder(tmp_path).read_text() == "not a folder"
