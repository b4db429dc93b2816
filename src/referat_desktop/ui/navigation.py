"""Keyboard flow between the window's parts.

- F6 / Shift+F6 move the focus between the three panes (meetings, agenda, editor), as in
  Word and the file managers; a pane that is folded away (meeting mode) is skipped.
- Tab (or Shift+Tab) into the section text puts the cursor at the end of the text, where
  she goes on writing, not at its start.
- A search hit opens the section where the words were found with the first of them
  selected; a hit in the title or case number selects the item row, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt
from PySide6.QtGui import QAction, QFocusEvent, QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QApplication, QSplitter, QTextEdit, QWidget

from referat_desktop.ui.editor_pane import EditorPane
from referat_desktop.ui.item_tree import ItemTreeModel
from referat_desktop.ui.item_tree_view import ItemTreeView
from referat_desktop.ui.meeting_list import MeetingListView
from referat_desktop.ui.search import SearchBox


@dataclass
class Pane:
    container: QWidget  # everything that belongs to the pane (the focus may be anywhere in it)
    target: Callable[[], QWidget | None]  # where F6 puts the focus


def first_focusable(container: QWidget) -> QWidget | None:
    """The first widget inside `container` that Tab would stop at."""
    widget = container.nextInFocusChain()
    while widget is not container and widget is not None:
        if (container.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            return widget
        widget = widget.nextInFocusChain()
    return None


class Navigation(QObject):
    def __init__(self, splitter: QSplitter, search: SearchBox, meeting_view: MeetingListView,
                 item_model: ItemTreeModel, item_view: ItemTreeView, editor: EditorPane,
                 next_pane: QAction, previous_pane: QAction, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.meeting_view, self.item_model, self.item_view, self.editor = (
            meeting_view, item_model, item_view, editor)
        meetings, agenda = splitter.widget(0), splitter.widget(1)
        assert meetings is not None and agenda is not None
        self.panes = [
            # The meeting list, or the search results that replace it while searching.
            Pane(meetings, lambda: next(
                (w for w in (meeting_view, search.results, search.field) if w.isVisible()), None)),
            Pane(agenda, lambda: item_view),
            Pane(editor, self._editor_target),
        ]
        next_pane.triggered.connect(lambda: self.cycle(+1))
        previous_pane.triggered.connect(lambda: self.cycle(-1))
        editor.section_editor.text_edit.installEventFilter(self)

    # --- F6 ------------------------------------------------------------------------------

    def cycle(self, step: int) -> None:
        """Focus the next (+1) or previous (-1) shown pane after the one with the focus."""
        shown = [pane for pane in self.panes if pane.container.isVisible()]
        if not shown:
            return
        focus = QApplication.focusWidget()
        # No pane has the focus (a menu, say): F6 starts at the first, Shift+F6 at the last.
        here = next((n for n, pane in enumerate(shown) if focus is not None
                     and (focus is pane.container or pane.container.isAncestorOf(focus))),
                    -1 if step > 0 else 0)
        for offset in range(1, len(shown) + 1):
            target = shown[(here + step * offset) % len(shown)].target()
            if target is not None and target.isVisible() and target.isEnabled():
                target.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def _editor_target(self) -> QWidget | None:
        page = self.editor.stack.currentWidget()
        if page is self.editor.section_editor:
            return self.editor.section_editor.text_edit
        return first_focusable(page) if page is not None else None

    # --- Tab into the text --------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QTextEdit):
            assert isinstance(event, QFocusEvent)
            if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
                watched.moveCursor(QTextCursor.MoveOperation.End)
                watched.ensureCursorVisible()
        return super().eventFilter(watched, event)

    # --- search hits -------------------------------------------------------------------

    def go_to(self, meeting_id: int, item_id: int, section_id: int = 0, query: str = "") -> None:
        """Show a search hit: its meeting, and its section with the word selected (or the
        item row, when the words were found in the title or case number)."""
        self.meeting_view.select_meeting(meeting_id)
        index = self.item_model.section_index(item_id, section_id) if section_id else None
        if index is None or not index.isValid():
            index = self.item_model.item_index(item_id)
            section_id = 0
        if not index.isValid():
            return
        self.item_view.setCurrentIndex(index)
        self.item_view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        text = self.editor.section_editor.text_edit
        if section_id and self.editor.section_editor.current_section_id() == section_id:
            select_first_word(text, query)
            text.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.item_view.setFocus()


def select_first_word(text: QTextEdit, query: str) -> bool:
    """Select the first word in the text that starts with one of the query's words (the
    search matches word beginnings); the whole word is selected. False if none is found."""
    words = [w for w in query.replace('"', " ").split() if w]
    document = text.document()
    found = None
    for word in words:
        pattern = QRegularExpression(
            r"\b" + QRegularExpression.escape(word) + r"\w*",
            QRegularExpression.PatternOption.CaseInsensitiveOption
            | QRegularExpression.PatternOption.UseUnicodePropertiesOption)
        cursor = document.find(pattern)
        if not cursor.isNull() and (found is None or cursor.selectionStart() < found.selectionStart()):
            found = cursor
    if found is None:
        return False
    text.setTextCursor(found)
    text.ensureCursorVisible()
    return True
