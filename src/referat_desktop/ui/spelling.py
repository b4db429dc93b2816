"""Danish spell check in the section editors and the prose one-line fields (an item's Titel).

A misspelt word gets Word's red wavy underline; right-clicking it offers up to five
suggestions (choosing one replaces the word as one undoable edit, saved like typing),
"Tilføj til ordbog" (the personal word list) and "Ignorér", above the field's normal menu.
The meeting's participants, absent members and secretary are never flagged.

The dictionary loads on a thread of its own a moment after the window is up (Enchant
works in C and lets the window's thread run); until it is ready nothing is flagged.
Rich text gets a QSyntaxHighlighter. A QLineEdit has none, so its marks are handed to it
the way an input method marks its text: a QInputMethodEvent with TextFormat attributes and
no text, which changes neither the text, the cursor nor the undo history.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QInputMethodEvent,
    QKeySequence,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QLineEdit, QMenu, QMessageBox, QTextEdit, QWidget

from referat_desktop.ui.spell_checker import PersonalWordList, SpellChecker, open_danish, prepare_folder
from referat_desktop.ui.spell_words import word_at, words_to_check

WORD_LIST_NAME = "personlig-ordbog.txt"
ENCHANT_FOLDER = "stavekontrol"  # in the data folder: Enchant's own files and our dictionary's links
CHECK_BUDGET_S = 0.006  # dictionary look-ups per turn of the event loop (a frame is 16 ms)
LOAD_DELAY_MS = 250  # after the window's first paint: starting is not slowed down
POLL_MS = 40


def misspelt_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
    fmt.setUnderlineColor(QColor(Qt.GlobalColor.red))
    return fmt


class Spelling(QObject):
    """The window's spell check: the checker, its loading, and whether it is on."""

    changed = Signal()  # what is flagged may have changed: marks are redrawn
    unavailable = Signal(str)  # the dictionary could not be loaded (a message in Danish)

    def __init__(self, folder: Path | None, enabled: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.enabled = enabled
        self.checker = SpellChecker(PersonalWordList(folder / WORD_LIST_NAME) if folder else None)
        self.error = ""
        self.action: QAction | None = None  # Rediger > Stavekontrol, once the window has it
        self._deadline: float | None = None  # this event-loop turn's end of look-ups
        self._pending: set[str] = set()  # words still to look up
        self._result: list[object] = []
        self._thread: threading.Thread | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._check_loaded)
        if enabled and folder is not None:
            QTimer.singleShot(LOAD_DELAY_MS, self, self.start_loading)

    def active(self) -> bool:
        return self.enabled and self.checker.ready

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled
        if enabled:
            self.start_loading()
        self.changed.emit()

    def set_names(self, names: list[str]) -> None:
        if self.checker.set_names(names) and self.active():
            self.changed.emit()

    def start_loading(self) -> None:
        if self._thread is not None or self.folder is None or self.checker.ready:
            return
        result = self._result
        try:
            prepare_folder(self.folder / ENCHANT_FOLDER)
        except OSError as exc:
            result.append(exc)

        def run() -> None:
            # Only a list append crosses threads; the timer below picks it up.
            try:
                result.append(open_danish())
            except Exception as exc:  # noqa: BLE001 (no libenchant, unreadable files: all the same to her)
                result.append(exc)

        self._thread = threading.Thread(target=run, name="stavekontrol", daemon=True)
        if not result:
            self._thread.start()
        self._poll.start()

    def _check_loaded(self) -> None:
        if not self._result:
            return
        self._poll.stop()
        outcome = self._result[0]
        if isinstance(outcome, Exception):
            self.error = (
                "Stavekontrollen virker ikke: biblioteket Enchant (libenchant-2) mangler på maskinen."
                if isinstance(outcome, ImportError)
                else "Stavekontrollen virker ikke: den danske ordbog kunne ikke indlæses."
            )
            if self.action is not None:  # the technical reason, for whoever helps her
                self.action.setToolTip(f"{self.error}\n{outcome}")
            self.unavailable.emit(self.error)
            return
        self.checker.set_dictionary(outcome)  # type: ignore[arg-type]
        self.changed.emit()

    def misspelt_spans(self, text: str) -> list[tuple[int, int]]:
        """The misspelt words of `text` as far as they are known now. Looking up words
        the checker has not seen is limited to CHECK_BUDGET_S per turn of the event loop;
        the rest are looked up in the next turns, and then the marks are drawn again. So
        showing a long section for the first time never stalls the window."""
        if not self.active():
            return []
        if self._deadline is None:
            self._deadline = time.perf_counter() + CHECK_BUDGET_S
            QTimer.singleShot(0, self, self._next_turn)
        spans = []
        for start, length in words_to_check(text):
            word = text[start:start + length]
            verdict = self.checker.known_verdict(word)
            if verdict is None:
                if time.perf_counter() > self._deadline:
                    self._pending.add(word)
                    continue
                verdict = self.checker.misspelt(word)
            if verdict:
                spans.append((start, length))
        return spans

    def _next_turn(self) -> None:
        self._deadline = None
        if not self._pending:
            return
        deadline = time.perf_counter() + CHECK_BUDGET_S
        while self._pending and time.perf_counter() < deadline:
            self.checker.misspelt(self._pending.pop())
        if self._pending:
            QTimer.singleShot(0, self, self._next_turn)
        else:
            self.changed.emit()  # every word known now: draw the marks again, from the cache

    # --- the context menu's commands -----------------------------------------------

    def add_word(self, word: str, parent: QWidget) -> None:
        try:
            self.checker.add_to_word_list(word)
        except OSError:
            where = self.checker.word_list.path if self.checker.word_list else ""
            QMessageBox.warning(parent, "Referat", f"Ordet »{word}« kunne ikke gemmes i din ordbog, {where}.")
            return
        self.changed.emit()

    def ignore_word(self, word: str) -> None:
        self.checker.ignore(word)
        self.changed.emit()

    def menu_for_word(self, parent: QWidget, word: str, replace: Callable[[str], None] | None,
                      standard: QMenu) -> QMenu:
        """Suggestions, Tilføj til ordbog and Ignorér above the field's own menu."""
        menu = QMenu(parent)
        suggestions = self.checker.suggestions(word) if replace is not None else []
        for suggestion in suggestions:
            action = menu.addAction(suggestion)
            font = action.font()
            font.setBold(True)
            action.setFont(font)
            action.triggered.connect(lambda _=False, s=suggestion: replace(s) if replace else None)
        if replace is not None and not suggestions:
            menu.addAction("(ingen forslag)").setEnabled(False)
        menu.addAction("Tilføj til ordbog").triggered.connect(lambda: self.add_word(word, parent))
        menu.addAction("Ignorér").triggered.connect(lambda: self.ignore_word(word))
        menu.addSeparator()
        for action in standard.actions():
            action.setParent(menu)  # the standard menu goes, its actions stay with ours
            menu.addAction(action)
        standard.deleteLater()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return menu


class SpellHighlighter(QSyntaxHighlighter):
    """Marks the misspelt words of a rich-text document, one paragraph at a time (a
    keystroke re-checks only its paragraph, from the checker's cache)."""

    def __init__(self, spelling: Spelling, parent: QObject) -> None:
        super().__init__(parent)
        self.spelling = spelling
        self.misspelt = misspelt_format()
        spelling.changed.connect(self.rehighlight)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        for start, length in self.spelling.misspelt_spans(text):
            self.setFormat(start, length, self.misspelt)


def popped_up(menu_at: Callable[[QPoint], QMenu | None], event: QEvent) -> bool:
    """For a right-click: show the spelling menu `menu_at` gives for the word under the
    pointer (True), or leave the event to the widget's own menu (no word: False)."""
    if event.type() == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
        menu = menu_at(event.pos())
        if menu is not None:
            menu.popup(event.globalPos())
            return True
    return False


class TextEditSpelling(QObject):
    """Spell check for a QTextEdit whose document may be replaced (the section editor
    loads every section into a new document: call `follow_document` then)."""

    def __init__(self, spelling: Spelling, edit: QTextEdit) -> None:
        super().__init__(edit)
        self.spelling, self.edit = spelling, edit
        self.highlighter = SpellHighlighter(spelling, self)
        self.follow_document()
        edit.viewport().installEventFilter(self)

    def follow_document(self) -> None:
        if self.highlighter.document() is not self.edit.document():
            self.highlighter.setDocument(self.edit.document())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        return popped_up(self.menu_at, event)

    def menu_at(self, pos: QPoint) -> QMenu | None:
        """The spelling menu for the word at `pos` (viewport coordinates), or None for
        the normal menu (no misspelt word there)."""
        cursor = self.edit.cursorForPosition(pos)
        block = cursor.block()
        found = word_at(block.text(), cursor.positionInBlock())
        if found is None or not self.spelling.active():
            return None
        start, length = found
        word = block.text()[start:start + length]
        if not self.spelling.checker.misspelt(word):
            return None
        begin = block.position() + start

        def replace(suggestion: str) -> None:
            edit_cursor = QTextCursor(self.edit.document())
            edit_cursor.setPosition(begin)
            edit_cursor.setPosition(begin + length, QTextCursor.MoveMode.KeepAnchor)
            if edit_cursor.selectedText() != word:
                return  # the text moved on since the menu opened
            edit_cursor.beginEditBlock()
            edit_cursor.insertText(suggestion)
            edit_cursor.endEditBlock()
            self.edit.setTextCursor(edit_cursor)

        writable = not self.edit.isReadOnly()
        return self.spelling.menu_for_word(self.edit, word, replace if writable else None,
                                           self.edit.createStandardContextMenu())


class LineEditSpelling(QObject):
    """Spell check for a QLineEdit: marks through an input-method event, and the menu."""

    def __init__(self, spelling: Spelling, edit: QLineEdit) -> None:
        super().__init__(edit)
        self.spelling, self.edit = spelling, edit
        self.format = misspelt_format()
        self.marked: list[tuple[int, int]] = []
        edit.textChanged.connect(self.mark)
        spelling.changed.connect(self.mark)
        edit.installEventFilter(self)
        self.mark()

    def mark(self, *_args: object) -> None:
        spans = [] if self.edit.isReadOnly() else self.spelling.misspelt_spans(self.edit.text())
        if not spans and not self.marked:
            return
        self.marked = spans
        cursor = self.edit.cursorPosition()  # attribute positions count from the cursor
        attributes = [
            QInputMethodEvent.Attribute(QInputMethodEvent.AttributeType.TextFormat, start - cursor, length,
                                        self.format)
            for start, length in spans
        ]
        QCoreApplication.sendEvent(self.edit, QInputMethodEvent("", attributes))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if popped_up(self.menu_at, event):
            return True
        if event.type() == QEvent.Type.ReadOnlyChange:
            QTimer.singleShot(0, self, self.mark)
        return False

    def menu_at(self, pos: QPoint) -> QMenu | None:
        text = self.edit.text()
        found = word_at(text, self.edit.cursorPositionAt(pos))
        if found is None or not self.spelling.active():
            return None
        start, length = found
        word = text[start:start + length]
        if not self.spelling.checker.misspelt(word):
            return None

        def replace(suggestion: str) -> None:
            if self.edit.text()[start:start + length] != word:
                return
            # insert() is one undo step and counts as typing (textEdited): it is saved.
            self.edit.setSelection(start, length)
            self.edit.insert(suggestion)

        writable = not self.edit.isReadOnly()
        return self.spelling.menu_for_word(self.edit, word, replace if writable else None,
                                           self.edit.createStandardContextMenu())


def spell_check_action(parent: QWidget, spelling: Spelling) -> QAction:
    """Rediger > Stavekontrol (F7, as in Word): on or off."""
    action = QAction("S&tavekontrol", parent)
    action.setCheckable(True)
    action.setChecked(spelling.enabled)
    action.setShortcut(QKeySequence("F7"))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    tip = "Marker stavefejl med rødt (dansk ordbog)"
    action.setStatusTip(tip)
    action.setToolTip(tip)
    action.setEnabled(spelling.folder is not None)
    parent.addAction(action)
    return action
