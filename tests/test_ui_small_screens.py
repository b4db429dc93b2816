"""Small screens and long names (issue 16): at 1366×728 (a 1366×768 laptop less a 40 px
taskbar) and at 1280×720 every visible field, label and button of the real window shows
its text whole and lies inside the window; long titles and board names are elided with
"…" and shown whole in a tooltip."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDateEdit,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QWidget,
)

from referat_desktop.domain.model import SectionKind
from referat_desktop.ui.elided_label import ElidedLabel
from ui_support import open_window

SIZES = [(1366, 728), (1280, 720)]
LONG_TITLE = ("Budgetopfølgning og forslag til omplacering af midler " * 6)[:300]
LONG_BODY = ("Udvalget for klima, miljø, teknik og bæredygtig byudvikling, " * 2)[:120]


@pytest.fixture
def window(qtbot, db_path, tmp_path, store, sample_meeting):
    sample_meeting.time = "09:30"
    store.add_meeting(sample_meeting)
    store.close()
    window = open_window(qtbot, db_path, tmp_path)
    window.acts.add_protocol_sample.trigger()  # the meeting with every kind of protocol entry
    return window


def settle(window, size: tuple[int, int]) -> None:
    window.resize(*size)
    QApplication.processEvents()
    assert (window.width(), window.height()) == size  # nothing forced the window wider


def clipped(window: QWidget) -> list[str]:
    """Every visible widget that lies outside the window or cannot show its text whole."""
    problems = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        top_left = widget.mapTo(window, widget.rect().topLeft())
        bottom_right = widget.mapTo(window, widget.rect().bottomRight())
        shown = widget.text() if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)) else ""
        name = f"{type(widget).__name__} {shown!r}"
        if (top_left.x() < 0 or top_left.y() < 0 or bottom_right.x() >= window.width()
                or bottom_right.y() >= window.height()):
            problems.append(f"{name} outside the window")
        if isinstance(widget, QLineEdit):
            text = widget.text() or widget.placeholderText()
            room = widget.contentsRect().width() - 8  # the frame's and the text's margins
            # A text longer than a field at its natural width scrolls, as in any editor;
            # a field squeezed below that width must still show its text whole.
            squeezed = widget.width() < widget.sizeHint().width()
            if squeezed and widget.fontMetrics().horizontalAdvance(text) > room:
                problems.append(f"{name} text wider than the squeezed field")
        elif isinstance(widget, (QDateEdit, QTimeEdit)):
            if widget.width() < widget.sizeHint().width():
                problems.append(f"{name} narrower than its date")
        elif isinstance(widget, (QLabel, QAbstractButton)) and not isinstance(widget, ElidedLabel):
            hint = widget.minimumSizeHint()
            if widget.width() < hint.width() or widget.height() < hint.height():
                problems.append(f"{name} {widget.width()}x{widget.height()} < {hint.width()}x{hint.height()}")
    return problems


def show_node(window, kind: str = "", item_row: int = 1) -> None:
    model = window.item_model
    item_id = model.item_ids()[item_row]
    index = model.section_index(item_id, kind=kind) if kind else model.item_index(item_id)
    window.item_view.setCurrentIndex(index)
    QApplication.processEvents()


@pytest.mark.parametrize("size", SIZES)
def test_everything_fits_with_a_decision_and_its_protocol(window, size):
    show_node(window, SectionKind.BESLUTNING.value)
    settle(window, size)
    assert window.editor.protocol_editor.isVisible()
    assert clipped(window) == []


@pytest.mark.parametrize("size", SIZES)
def test_everything_fits_with_the_item_form_and_the_time_shows_whole(window, size):
    window.meeting_view.select_meeting(window.session.list_meetings()[-1].id)  # the 2019 sample
    show_node(window)
    settle(window, size)
    time = window.meeting_form.time
    assert time.text() == "09:30"
    assert time.fontMetrics().horizontalAdvance("09:30") < time.contentsRect().width()
    body_column = window.meeting_view.columnWidth(1)
    assert body_column >= window.meeting_view.fontMetrics().horizontalAdvance("Direktionen")
    assert not window.meeting_view.horizontalScrollBar().isVisible()
    assert clipped(window) == []


@pytest.mark.parametrize("size", SIZES)
def test_meeting_mode_fits(window, size):
    settle(window, size)
    show_node(window, SectionKind.BAGGRUND.value)
    window.acts.meeting_mode.trigger()
    QApplication.processEvents()
    assert window.meeting_mode.active() and window.editor.protocol_editor.isVisible()
    assert (window.width(), window.height()) == size
    assert clipped(window) == []
    window.acts.meeting_mode.trigger()
    QApplication.processEvents()
    assert (window.width(), window.height()) == size and clipped(window) == []


def test_long_titles_and_board_names_are_elided_with_the_whole_text_as_tooltip(qtbot, window):
    settle(window, SIZES[1])
    show_node(window, item_row=0)
    form = window.editor.item_form
    form.title.setFocus()
    form.title.selectAll()
    qtbot.keyClicks(form.title, LONG_TITLE)
    qtbot.keyClick(form.title, Qt.Key.Key_Tab)
    body = window.meeting_form.body
    body.setFocus()
    body.selectAll()
    qtbot.keyClicks(body, LONG_BODY)
    qtbot.keyClick(body, Qt.Key.Key_Tab)
    meeting_id = window.item_model.meeting_id
    assert window.session.get_meeting(meeting_id).body == LONG_BODY
    show_node(window, SectionKind.BAGGRUND.value, item_row=0)

    # The editor pane's heading line: as much as fits, then "…"; the whole as tooltip.
    subheading = window.editor.subheading
    assert subheading.text().endswith("…") and len(subheading.text()) < len(LONG_TITLE)
    assert LONG_TITLE in subheading.toolTip()
    assert subheading.fontMetrics().horizontalAdvance(subheading.text()) <= subheading.contentsRect().width()

    # The agenda tree: the row is elided by the view, its tooltip holds the whole heading.
    row = window.item_model.item_index(window.item_model.item_ids()[0])
    view = window.item_view
    assert view.textElideMode() == Qt.TextElideMode.ElideRight
    assert view.visualRect(row).width() < view.fontMetrics().horizontalAdvance(LONG_TITLE)
    assert LONG_TITLE in row.data(Qt.ItemDataRole.ToolTipRole)

    # The meeting list: the Udvalg column elides, the row's tooltip names the board whole.
    meetings = window.meeting_view
    index = meetings.model().index_of(meeting_id, 1)
    assert meetings.textElideMode() == Qt.TextElideMode.ElideRight
    assert meetings.visualRect(index).width() < meetings.fontMetrics().horizontalAdvance(LONG_BODY)
    assert LONG_BODY in index.data(Qt.ItemDataRole.ToolTipRole)
    assert (window.width(), window.height()) == SIZES[1]  # a long name never widens the window
    assert clipped(window) == []
