"""The real window, driven end to end from the keyboard: a meeting from nothing to reopened."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from referat_desktop.domain.model import SectionKind
from referat_desktop.ui.item_tree import HEADING_ROLE, NODE_ROLE
from ui_support import focused, open_window, type_line

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def headings(window) -> list[str]:
    model = window.item_model
    return [model.index(r, 0).data(HEADING_ROLE) for r in range(model.rowCount())]


def add_item(qtbot, window, title: str) -> None:
    """Ctrl+N opens the new item's title for typing; Enter commits it."""
    qtbot.keyClick(window.item_view, Qt.Key.Key_N, CTRL)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "Nyt punkt"
    editor.selectAll()
    qtbot.keyClicks(editor, title)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: title in " ".join(headings(window)), timeout=1000)


def open_section(window, row: int, kind: SectionKind):
    model = window.item_model
    index = model.section_index(model.item_ids()[row], kind=kind.value)
    window.item_view.setCurrentIndex(index)
    assert window.editor.shown() == "section"
    return window.editor.section_editor


def type_into_section(qtbot, window, row: int, kind: SectionKind, text: str) -> None:
    editor = open_section(window, row, kind)
    focused(qtbot, editor.text_edit)
    qtbot.keyClicks(editor.text_edit, text)


def test_a_meeting_from_nothing_survives_closing_and_reopening(qtbot, db_path, tmp_path) -> None:
    window = open_window(qtbot, db_path, tmp_path)
    assert window.windowTitle() == f"Referat – {db_path.name}"
    assert window.pages.currentWidget() is window.empty_state

    qtbot.keyClick(window, Qt.Key.Key_N, CTRL | SHIFT)
    assert window.pages.currentWidget() is window.splitter
    form = window.meeting_form
    # The first meeting of a file has no board to copy: its Udvalg waits, selected, for typing.
    assert form.body.text() == "Nyt udvalg" and form.date.date().toPython() == dt.date.today()
    assert QApplication.focusWidget() is form.body and form.body.selectedText() == "Nyt udvalg"

    qtbot.keyClicks(form.body, "Økonomiudvalget")
    qtbot.keyClick(form.body, Qt.Key.Key_Tab)
    focused(qtbot, form.date)
    form.date.setDate(QDate(2025, 2, 3))
    qtbot.keyClick(form.date, Qt.Key.Key_Tab)
    type_line(qtbot, form.time, "9.30")
    assert form.time.text() == "09:30"
    type_line(qtbot, form.location, "Byrådssalen")
    focused(qtbot, form.participants)
    qtbot.keyClicks(form.participants, "Anna Holm")
    qtbot.keyClick(form.participants, Qt.Key.Key_Return)
    qtbot.keyClicks(form.participants, "Bo Berg")
    focused(qtbot, form.absent)
    qtbot.keyClicks(form.absent, "Carl Dahl")
    type_line(qtbot, form.secretary, "Dorte Eg")

    focused(qtbot, window.item_view)
    for title in ("Budget 2026", "Skoleudbygning", "Eventuelt"):
        add_item(qtbot, window, title)
    assert headings(window) == ["Punkt 1: Budget 2026", "Punkt 2: Skoleudbygning", "Punkt 3: Eventuelt"]
    first = window.item_model.index(0, 0)
    assert [window.item_model.index(r, 0, first).data() for r in range(5)] == [
        "Baggrund",
        "Indstilling",
        "Beslutning",
        "Sagsfremstilling",
        "Bilag",
    ]

    type_into_section(qtbot, window, 0, SectionKind.BESLUTNING, "Godkendt.")
    type_into_section(qtbot, window, 1, SectionKind.BAGGRUND, "Skolen er for lille.")
    assert window.save_status.text().startswith("Gemt ")  # switching sections saved the first

    # Move "Eventuelt" to the top with Alt+Up twice: the numbers follow at once.
    window.item_view.setCurrentIndex(window.item_model.index(2, 0))
    focused(qtbot, window.item_view)
    qtbot.keyClick(window.item_view, Qt.Key.Key_Up, ALT)
    assert headings(window)[1] == "Punkt 2: Eventuelt"
    qtbot.keyClick(window.item_view, Qt.Key.Key_Up, ALT)
    qtbot.keyClick(window.item_view, Qt.Key.Key_Down, ALT)
    qtbot.keyClick(window.item_view, Qt.Key.Key_Up, ALT)
    assert headings(window) == ["Punkt 1: Eventuelt", "Punkt 2: Budget 2026", "Punkt 3: Skoleudbygning"]
    assert window.item_view.currentIndex().data(HEADING_ROLE) == "Punkt 1: Eventuelt"

    # The last text is saved by the autosave timer, without leaving the editor.
    type_into_section(qtbot, window, 0, SectionKind.BAGGRUND, "Intet.")
    qtbot.waitUntil(lambda: not window.autosaver.pending(), timeout=3000)
    window.close()

    again = open_window(qtbot, db_path, tmp_path)
    form = again.meeting_form
    assert again.meeting_model.index(0, 0).data() == "2025"
    assert (form.body.text(), form.date.date().toPython(), form.time.text(), form.location.text()) == (
        "Økonomiudvalget",
        dt.date(2025, 2, 3),
        "09:30",
        "Byrådssalen",
    )
    assert form.participants.names() == ["Anna Holm", "Bo Berg"]
    assert form.absent.names() == ["Carl Dahl"] and form.secretary.text() == "Dorte Eg"
    assert headings(again) == ["Punkt 1: Eventuelt", "Punkt 2: Budget 2026", "Punkt 3: Skoleudbygning"]
    assert open_section(again, 0, SectionKind.BAGGRUND).markdown() == "Intet."
    assert open_section(again, 1, SectionKind.BESLUTNING).markdown() == "Godkendt."
    assert open_section(again, 2, SectionKind.BAGGRUND).markdown() == "Skolen er for lille."
    assert again.editor.heading.full_text() == "Baggrund"
    again.close()


def test_selecting_rows_shows_the_matching_editor(qtbot, db_path, tmp_path, store, sample_meeting) -> None:
    store.add_meeting(sample_meeting)
    store.close()
    window = open_window(qtbot, db_path, tmp_path)
    model = window.item_model
    # The newest meeting opens with its first item selected.
    assert window.editor.shown() == "item"
    assert window.editor.item_form.title.text() == "Øvrige sager 16-12-2019"
    beslutning = open_section(window, 1, SectionKind.BESLUTNING)
    # The offscreen screen is 800 pixels wide: the heading may be elided, never lost.
    heading = window.editor.heading
    assert heading.full_text() == heading.toolTip() == "Beslutning Direktionen den 16-12-2019"
    assert heading.full_text().startswith(heading.text().removesuffix("…"))
    assert beslutning.markdown().startswith("Det blev aftalt")
    window.item_view.setCurrentIndex(model.section_index(model.item_ids()[4]))
    assert window.editor.shown() == "attachments"
    assert window.editor.attachments_editor.names() == ["Vækstregnskab 2019", "I - Vækstregnskab 2019 - ØU"]
    window.item_view.setCurrentIndex(model.index(2, 0, model.index(0, 0)))
    # Øvrige sager had no Beslutning: opening it creates one to type into.
    assert window.item_view.currentIndex().data(NODE_ROLE) == "section"
    assert window.editor.section_editor.current_section_id() is not None
    assert window.editor.section_editor.phrase_row.isVisibleTo(window)


def test_leaving_the_text_saves_it_at_once(qtbot, db_path, tmp_path, store, sample_meeting) -> None:
    store.add_meeting(sample_meeting)
    store.close()
    window = open_window(qtbot, db_path, tmp_path)
    editor = open_section(window, 3, SectionKind.BESLUTNING)
    focused(qtbot, editor.text_edit)
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(editor.text_edit, " Tilføjet.")
    assert window.autosaver.pending()
    focused(qtbot, window.search.field)  # a change of focus is a save, no timer needed
    assert not window.autosaver.pending()
    item = window.session.get_item(window.item_model.item_ids()[3])
    assert item.section(SectionKind.BESLUTNING).text.endswith("Tilføjet.")


def test_closing_while_a_title_is_typed_in_place_keeps_it(
    qtbot, db_path, tmp_path, store, sample_meeting
) -> None:
    store.add_meeting(sample_meeting)
    store.close()
    window = open_window(qtbot, db_path, tmp_path)
    window.item_view.setCurrentIndex(window.item_model.index(0, 0))
    focused(qtbot, window.item_view)
    qtbot.keyClick(window.item_view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "Øvrige sager og eventuelt")
    window.close()
    again = open_window(qtbot, db_path, tmp_path)
    assert headings(again)[0] == "Punkt 1: Øvrige sager og eventuelt"


def test_delete_key_deletes_the_selected_item_only_in_the_tree(
    qtbot, db_path, tmp_path, store, sample_meeting
) -> None:
    store.add_meeting(sample_meeting)
    store.close()
    window = open_window(qtbot, db_path, tmp_path)
    window.item_view.setCurrentIndex(window.item_model.index(5, 0))
    focused(qtbot, window.meeting_form.location)
    qtbot.keyClick(window.meeting_form.location, Qt.Key.Key_Delete)  # deletes a character, not an item
    assert window.item_model.rowCount() == 6
    focused(qtbot, window.item_view)
    qtbot.keyClick(window.item_view, Qt.Key.Key_Delete)
    assert window.item_model.rowCount() == 5
