"""Meeting mode (issue 16) with the real window, driven by keys: F11 in and out, Ctrl+PgDown
/ Ctrl+PgUp between the decisions, typing saved by the ordinary autosaver, the clock."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from referat_desktop.domain.model import SectionKind
from referat_desktop.ui.meeting_mode import ModeBar
from ui_support import focused, open_window

CTRL = Qt.KeyboardModifier.ControlModifier
SAVE_MS = 2000


@pytest.fixture
def window(qtbot, db_path, tmp_path, store, sample_meeting):
    store.add_meeting(sample_meeting)
    store.close()
    window = open_window(qtbot, db_path, tmp_path)
    window.resize(1300, 800)
    # Item 2's Baggrund selected: the mode must go to the same item's decision.
    model = window.item_model
    background = model.section_index(model.item_ids()[1], kind=SectionKind.BAGGRUND.value)
    window.item_view.setCurrentIndex(background)
    focused(qtbot, window.item_view)
    return window


def press_f11(qtbot, window) -> None:
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F11)


def decision_text(window, row: int) -> str:
    item = window.session.get_item(window.item_model.item_ids()[row])
    return next((s.text for s in item.sections if s.kind is SectionKind.BESLUTNING), "")


def test_f11_folds_the_panes_and_f11_again_restores_the_exact_layout(qtbot, window):
    window.splitter.setSizes([300, 420, 580])
    window.middle_splitter.setSizes([260, 400])
    QApplication.processEvents()
    sizes, middle = window.splitter.sizes(), window.middle_splitter.sizes()
    before = window.item_view.currentIndex()

    press_f11(qtbot, window)
    mode = window.meeting_mode
    assert mode.active() and window.acts.meeting_mode.isChecked()
    assert not window.meeting_view.isVisible() and not window.search.field.isVisible()
    assert not window.meeting_form.isVisible()
    assert window.item_view.isVisible()  # the agenda stays, narrow
    assert window.splitter.sizes()[2] > sizes[2]  # the editor took the room
    # The same item's decision, its Indstilling above it, the protocol entries beside it.
    assert window.editor.shown() == "section"
    assert window.editor.section_editor._kind is SectionKind.BESLUTNING
    assert window.editing.item_id() == window.item_model.item_ids()[1]
    assert mode.recommendation.isVisible()
    assert mode.recommendation.plain_text().startswith("Det indstilles, at direktionen godkender")
    protocol, text = window.editor.protocol_editor, window.editor.section_editor.text_edit
    assert protocol.isVisible()
    assert protocol.geometry().left() >= text.mapTo(window.editor, text.rect().topRight()).x()
    assert QApplication.focusWidget() is text

    press_f11(qtbot, window)
    QApplication.processEvents()
    assert not mode.active() and not window.acts.meeting_mode.isChecked()
    assert window.meeting_view.isVisible() and window.meeting_form.isVisible()
    assert not mode.recommendation.isVisible() and not mode.bar.isVisible()
    assert window.splitter.sizes() == sizes and window.middle_splitter.sizes() == middle
    assert window.item_view.currentIndex() == before  # the Baggrund selected before
    assert window.editor.section_editor._kind is SectionKind.BAGGRUND
    # The protocol part is back under the text (it is hidden under a Baggrund anyway).
    window.item_view.setCurrentIndex(window.item_model.section_index(
        window.item_model.item_ids()[1], kind=SectionKind.BESLUTNING.value))
    assert protocol.geometry().top() >= text.mapTo(window.editor, text.rect().bottomLeft()).y()


def test_esc_in_the_decision_leaves_the_mode(qtbot, window):
    press_f11(qtbot, window)
    text = window.editor.section_editor.text_edit
    assert QApplication.focusWidget() is text
    qtbot.keyClick(text, Qt.Key.Key_Escape)
    assert not window.meeting_mode.active()
    assert window.meeting_view.isVisible()


def test_ctrl_page_down_and_up_go_between_decisions_with_the_cursor_at_the_end(qtbot, window):
    press_f11(qtbot, window)
    text = window.editor.section_editor.text_edit
    ids = window.item_model.item_ids()
    qtbot.keyClick(text, Qt.Key.Key_PageDown, CTRL)
    assert window.editing.item_id() == ids[2]
    assert window.editor.section_editor._kind is SectionKind.BESLUTNING
    assert text.toPlainText().startswith("Taget til efterretning.")
    assert QApplication.focusWidget() is text
    assert text.textCursor().atEnd() and not text.textCursor().hasSelection()
    recommendation = window.meeting_mode.recommendation.plain_text()
    assert recommendation == "At direktionen tager orienteringen til efterretning."
    qtbot.keyClick(text, Qt.Key.Key_PageUp, CTRL)
    assert window.editing.item_id() == ids[1]
    assert text.textCursor().atEnd()
    # Past the last item it stays on the last one.
    for _ in range(len(ids) + 2):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown, CTRL)
    assert window.editing.item_id() == ids[-1]
    # Outside the mode the keys do nothing.
    press_f11(qtbot, window)
    assert not window.acts.next_item.isEnabled()


def test_typing_in_meeting_mode_reaches_the_store(qtbot, window, db_path):
    press_f11(qtbot, window)
    text = window.editor.section_editor.text_edit
    qtbot.keyClick(text, Qt.Key.Key_PageDown, CTRL)
    qtbot.keyClicks(text, " Enstemmigt.")
    qtbot.waitUntil(lambda: decision_text(window, 2).endswith("Enstemmigt."), timeout=SAVE_MS)
    assert decision_text(window, 2).startswith("Taget til efterretning.")
    assert window.save_status.text().startswith("Gemt")
    # An item whose decision was never typed: the section is made on first use, as elsewhere.
    qtbot.keyClick(text, Qt.Key.Key_PageUp, CTRL)
    qtbot.keyClick(text, Qt.Key.Key_PageUp, CTRL)
    assert window.editing.item_id() == window.item_model.item_ids()[0]
    qtbot.keyClicks(text, "Drøftet.")
    press_f11(qtbot, window)  # leaving saves what is pending at once
    assert decision_text(window, 0) == "Drøftet."


def test_an_approved_meeting_keeps_its_decision_read_only(qtbot, window):
    def ask(dialog) -> bool:
        dialog.by.setText("Lars Holte")
        dialog.on.setDate(dt.date(2019, 12, 18))
        return True

    window.approve(ask)
    press_f11(qtbot, window)
    text = window.editor.section_editor.text_edit
    assert window.meeting_mode.active() and text.isReadOnly()
    before = decision_text(window, 1)
    qtbot.keyClicks(text, "xyz")
    assert text.toPlainText() == before and decision_text(window, 1) == before
    qtbot.keyClick(text, Qt.Key.Key_PageDown, CTRL)  # reading on still works
    assert window.editing.item_id() == window.item_model.item_ids()[2]


def test_the_clock_shows_hours_and_minutes_and_ticks_while_in_the_mode(qtbot):
    times = iter([dt.datetime(2025, 3, 4, 9, 5, 59), dt.datetime(2025, 3, 4, 9, 6, 0)])
    bar = ModeBar(lambda: next(times))
    qtbot.addWidget(bar)
    bar.tick()
    assert bar.clock.text() == "09:05"
    bar.tick()
    assert bar.clock.text() == "09:06"


def test_the_window_clock_runs_only_in_the_mode(qtbot, window):
    mode = window.meeting_mode
    assert not mode.bar.timer.isActive()
    press_f11(qtbot, window)
    assert mode.bar.timer.isActive() and mode.bar.clock.text() == dt.datetime.now().strftime("%H:%M")
    press_f11(qtbot, window)
    assert not mode.bar.timer.isActive()


def test_closing_in_meeting_mode_saves_the_ordinary_layout(qtbot, window):
    window.splitter.setSizes([300, 420, 580])
    ordinary = window.splitter.saveState()
    press_f11(qtbot, window)
    assert window.splitter.saveState() != ordinary
    window.close()
    assert window.settings.state("splitter") == ordinary


def test_ctrl_f_in_meeting_mode_leaves_it_for_the_search_box(qtbot, window):
    press_f11(qtbot, window)
    text = window.editor.section_editor.text_edit
    qtbot.keyClick(text, Qt.Key.Key_F, CTRL)
    assert not window.meeting_mode.active()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search.field, timeout=1000)
    assert window.search.field.isVisible()


def test_leaving_after_going_on_stays_at_the_item_she_reached(qtbot, window):
    press_f11(qtbot, window)
    text = window.editor.section_editor.text_edit
    ids = window.item_model.item_ids()
    qtbot.keyClick(text, Qt.Key.Key_PageDown, CTRL)
    qtbot.keyClick(text, Qt.Key.Key_PageDown, CTRL)
    press_f11(qtbot, window)
    assert not window.meeting_mode.active() and window.meeting_view.isVisible()
    assert window.editing.item_id() == ids[3]
    assert window.editor.section_editor._kind is SectionKind.BESLUTNING
    assert QApplication.focusWidget() is text
