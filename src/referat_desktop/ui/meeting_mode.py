"""Meeting mode (Mødetilstand, F11): typing the decisions while the meeting goes on.

The meeting list and the facts form fold away and the item's decision takes the room, its
Indstilling shown read-only above it and the protocol entries beside it; a clock shows the
time. Ctrl+PgDown / Ctrl+PgUp go to the next / previous item's decision with the cursor at
the end of its text. Nothing here saves anything: the decision is the ordinary section
editor, shown by the window as any selected section, so the window's autosaver saves it
and an approved meeting's decision stays read-only. Leaving (F11 again, or Esc in the text
or the agenda) puts back the splitter sizes, the panes and the selection as they were.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from referat_desktop.domain.model import SectionKind
from referat_desktop.domain.section_text import parse
from referat_desktop.ui.editor_pane import EditorPane
from referat_desktop.ui.item_tree import ITEM_ID_ROLE, ItemTreeModel
from referat_desktop.ui.item_tree_view import ItemTreeView
from referat_desktop.ui.rich_text import insert_blocks
from referat_desktop.ui.session import Session

AGENDA_MIN_CHARS = 28  # the agenda in meeting mode: "Punkt 12: Budgetopfølgning…" still reads
AGENDA_CHARS = 52  # ... and its width where the screen has room
CLOCK_TICK_MS = 1000  # the clock shows minutes; a one-second tick turns it on time


@dataclass
class ModeParts:
    """What the mode folds away, shows and drives; the window hands them over."""

    session: Session
    splitter: QSplitter  # meetings | facts over agenda | editor
    middle_splitter: QSplitter  # facts over agenda
    item_model: ItemTreeModel
    item_view: ItemTreeView
    editor: EditorPane
    toggle: QAction  # Mødetilstand (F11), checkable
    next_item: QAction  # Ctrl+PgDown
    previous_item: QAction  # Ctrl+PgUp
    flush: Callable[[], bool]  # the window's: commit forms, save pending text


@dataclass
class _Layout:
    """The window as it was when the mode was entered, to put back exactly."""

    # The splitters' own states: they hold the sizes asked for (what is saved at closing),
    # which differ from the sizes shown while the window is smaller than they ask.
    splitter: QByteArray
    middle_splitter: QByteArray
    hidden: list[bool]  # per folded widget: hidden before the mode
    current: QPersistentModelIndex  # the node selected in the agenda
    item_id: int  # its item, should the node itself be gone
    focus: QWidget | None


class ModeBar(QWidget):
    """The strip over the heading: what mode this is, the keys, and the clock."""

    def __init__(self, now: Callable[[], dt.datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._now = now
        title = QLabel("Mødetilstand")
        title.setStyleSheet("font-weight: 600;")
        keys = QLabel("Ctrl+PgDown: næste punkt  ·  Ctrl+PgUp: forrige  ·  F11 eller Esc: afslut")
        keys.setStyleSheet("color: #5f6368;")
        self.clock = QLabel()
        self.clock.setAccessibleName("Klokken")
        self.clock.setStyleSheet("font-size: 16pt; font-weight: 600;")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.addWidget(title)
        layout.addSpacing(12)
        layout.addWidget(keys, 1)
        layout.addWidget(self.clock)
        self.timer = QTimer(self)
        self.timer.setInterval(CLOCK_TICK_MS)
        self.timer.timeout.connect(self.tick)

    def tick(self) -> None:
        text = self._now().strftime("%H:%M")
        if self.clock.text() != text:  # repaint once a minute, not every second
            self.clock.setText(text)


class RecommendationView(QGroupBox):
    """The item's Indstilling, read-only, as the decision is typed under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Indstilling", parent)
        self._shown: str | None = None
        self.text = QTextBrowser()
        self.text.setAccessibleName("Indstilling")
        self.text.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from the agenda to the decision
        self.text.setMaximumHeight(7 * self.text.fontMetrics().lineSpacing())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 6)
        layout.addWidget(self.text)

    def show_markdown(self, markdown: str) -> None:
        if markdown == self._shown:  # the same item's again (in and out, the same item)
            return
        self._shown = markdown
        document = self.text.document()
        document.setUndoRedoEnabled(False)  # nothing here is typed: no history to keep
        document.clear()
        if markdown.strip():
            insert_blocks(QTextCursor(document), parse(markdown))
        else:
            document.setPlainText("(Punktet har ingen indstilling.)")

    def plain_text(self) -> str:
        return self.text.toPlainText()


class MeetingMode(QObject):
    def __init__(self, parts: ModeParts, now: Callable[[], dt.datetime] = dt.datetime.now,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.parts = parts
        self._saved: _Layout | None = None
        self.bar = ModeBar(now)
        self.recommendation = RecommendationView()
        for widget in (self.bar, self.recommendation):
            widget.hide()
        parts.editor.add_meeting_mode_parts(self.bar, self.recommendation)
        # Esc leaves too, but only where Esc means nothing else: in the decision text and
        # in the agenda (not while a title is edited in place, a search or a table cell).
        self.leave_action = QAction("Forlad mødetilstand", parts.editor)
        self.leave_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.leave_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.leave_action.setEnabled(False)
        self.leave_action.triggered.connect(self.leave)
        parts.editor.section_editor.text_edit.addAction(self.leave_action)
        parts.item_view.addAction(self.leave_action)
        parts.toggle.toggled.connect(self._on_toggled)
        parts.next_item.triggered.connect(lambda: self.go_to_item(+1))
        parts.previous_item.triggered.connect(lambda: self.go_to_item(-1))
        parts.item_view.selectionModel().currentChanged.connect(self._on_node_changed)
        self._enable_navigation(False)

    def active(self) -> bool:
        return self._saved is not None

    def enter(self) -> None:
        if not self.active():
            self.parts.toggle.setChecked(True)

    def leave(self) -> None:
        if self.active():
            self.parts.toggle.setChecked(False)

    def go_to_item(self, step: int) -> None:
        """The next (+1) or previous (-1) item's decision, the cursor at its end."""
        ids = self.parts.item_model.item_ids()
        if not ids:
            return
        current = self._current_item_id()
        position = ids.index(current) + step if current in ids else 0
        if 0 <= position < len(ids):
            self._open_decision(ids[position])

    # --- inside ----------------------------------------------------------------------

    def _folded(self) -> list[QWidget]:
        """The meetings pane (search and list) and the facts form."""
        folded = [self.parts.splitter.widget(0), self.parts.middle_splitter.widget(0)]
        return [widget for widget in folded if widget is not None]

    def _on_toggled(self, on: bool) -> None:
        if on == self.active():
            return
        # One repaint of the window at the end, not one per pane folded or put back.
        window = self.parts.splitter.window()
        window.setUpdatesEnabled(False)
        try:
            if on:
                self._enter()
            else:
                self._leave()
        finally:
            window.setUpdatesEnabled(True)

    def _enter(self) -> None:
        p = self.parts
        p.item_view.finish_editing()
        p.flush()
        folded = self._folded()
        current = p.item_view.currentIndex()
        sizes = p.splitter.sizes()
        self._saved = _Layout(p.splitter.saveState(), p.middle_splitter.saveState(),
                              [w.isHidden() for w in folded], QPersistentModelIndex(current),
                              self._current_item_id(), QApplication.focusWidget())
        for widget in folded:
            widget.hide()
        # The agenda gives the decision and its protocol the room: it narrows to what its
        # headings need to be told apart (AGENDA_CHARS); on a narrow screen to what the
        # protocol beside the text still needs, never below AGENDA_MIN_CHARS. (Narrowing is
        # cheap since the tree no longer re-measures its rows on a resize.)
        # The folded facts form no longer holds the agenda's pane wide once its layout
        # has heard of it (a posted event): let it hear now, so setSizes may narrow it.
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        average = p.item_view.fontMetrics().averageCharWidth()
        agenda = min(sizes[1], AGENDA_CHARS * average)
        shortfall = p.editor.beside_width() - (sizes[0] + sizes[1] + sizes[2] - agenda)
        if shortfall > 0:
            agenda = max(AGENDA_MIN_CHARS * average, agenda - shortfall)
        p.splitter.setSizes([0, agenda, sum(sizes) - agenda])
        p.editor.put_protocol_beside(True)
        self.bar.tick()
        self.bar.timer.start()
        self.bar.show()
        self.recommendation.show()
        self._enable_navigation(True)
        item_id = self._current_item_id() or next(iter(p.item_model.item_ids()), 0)
        if item_id:
            self._open_decision(item_id)
        if p.item_view.currentIndex() == current:  # no node change showed it: the decision was open
            self._show_recommendation()

    def _leave(self) -> None:
        saved, self._saved = self._saved, None
        assert saved is not None
        p = self.parts
        p.item_view.finish_editing()
        p.flush()
        self.bar.timer.stop()
        self.bar.hide()
        self.recommendation.hide()
        p.editor.put_protocol_beside(False)
        self._enable_navigation(False)
        for widget, hidden in zip(self._folded(), saved.hidden, strict=True):
            widget.setHidden(hidden)
        p.splitter.restoreState(saved.splitter)
        p.middle_splitter.restoreState(saved.middle_splitter)
        if self._current_item_id() not in (0, saved.item_id):
            # She went on to another item in the meeting: stay there, in its decision.
            p.item_view.scrollTo(p.item_view.currentIndex())
            p.editor.section_editor.text_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        index = p.item_model.index(saved.current.row(), saved.current.column(), saved.current.parent())
        if not saved.current.isValid() or not index.isValid():
            index = p.item_model.item_index(saved.item_id)
        if index.isValid() and index != p.item_view.currentIndex():
            p.item_view.setCurrentIndex(index)
            p.item_view.scrollTo(index)
        if saved.focus is not None and saved.focus.isVisible():
            saved.focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def _enable_navigation(self, on: bool) -> None:
        for action in (self.parts.next_item, self.parts.previous_item, self.leave_action):
            action.setEnabled(on)

    def _current_item_id(self) -> int:
        index = self.parts.item_view.currentIndex()
        return int(index.data(ITEM_ID_ROLE) or 0) if index.isValid() else 0

    def _open_decision(self, item_id: int) -> None:
        p = self.parts
        index = p.item_model.section_index(item_id, kind=SectionKind.BESLUTNING.value)
        if not index.isValid():
            return
        p.item_view.setCurrentIndex(index)  # the window shows it, as a click would
        p.item_view.scrollTo(index)
        text = p.editor.section_editor.text_edit
        text.moveCursor(QTextCursor.MoveOperation.End)
        text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        text.ensureCursorVisible()

    def _on_node_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        if self.active():
            self._show_recommendation()

    def _show_recommendation(self) -> None:
        item_id = self._current_item_id()
        if not item_id:
            self.recommendation.show_markdown("")
            return
        item = self.parts.session.get_item(item_id)
        markdown = next((s.text for s in item.sections if s.kind is SectionKind.INDSTILLING), "")
        self.recommendation.show_markdown(markdown)
