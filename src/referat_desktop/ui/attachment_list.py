"""The Bilag list widget itself (ui/attachments_editor.py holds it): names with a note
after each, its own keys (F2, Delete, Alt+Up/Down, Enter, Ctrl+V) and file drops."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QListWidget, QStyleOptionViewItem, QWidget

from referat_desktop.ui.attachment_files import local_files
from referat_desktop.ui.live_edit import LiveEditDelegate


class ListOwner(Protocol):
    """What the list asks of the editor around it."""

    def rename_current(self) -> None: ...
    def remove_current(self) -> None: ...
    def move_current(self, step: int) -> None: ...
    def open_current(self) -> None: ...
    def paste_files(self) -> None: ...
    def accepts_files(self) -> bool: ...
    def add_files(self, paths: list[str]) -> None: ...


OLD_NAME = Qt.ItemDataRole.UserRole  # the name before an in-place rename
ATTACHMENT = Qt.ItemDataRole.UserRole + 1  # the Attachment the row shows
NOTE = Qt.ItemDataRole.UserRole + 2  # what is shown after the name: size, closed, PDF problem
NOT_IN_COMBINED_PDF = "kan ikke sættes ind i samlet PDF"


class NoteDelegate(LiveEditDelegate):
    """Shows each name followed by its note; the in-place editor edits the name alone."""

    def initStyleOption(self, option: QStyleOptionViewItem,  # noqa: N802 (Qt's name)
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        note = index.data(NOTE)
        if note:
            option.text = f"{option.text}   ({note})"


class NameList(QListWidget):
    """The list itself; F2 renames, Delete removes and Alt+Up/Down move the current name,
    taking precedence over window shortcuts on the same keys while the list has the focus."""

    def __init__(self, editor: ListOwner, parent: QWidget) -> None:
        super().__init__(parent)
        self._editor = editor

    def _own_key(self, event: QKeyEvent) -> bool:
        alt = event.modifiers() == Qt.KeyboardModifier.AltModifier
        return (alt and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)) or (
            event.modifiers() == Qt.KeyboardModifier.NoModifier
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_F2)
        )

    def event(self, event: QEvent) -> bool:
        own = event.type() == QEvent.Type.ShortcutOverride and self._own_key(event)  # type: ignore[arg-type]
        if own and self.state() != self.State.EditingState:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.matches(QKeySequence.StandardKey.Paste) and self.state() != self.State.EditingState:
            self._editor.paste_files()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != self.State.EditingState:
            self._editor.open_current()
            return
        if self._own_key(event) and self.state() != self.State.EditingState:
            if event.key() == Qt.Key.Key_F2:  # not the window's F2, which renames the item
                self._editor.rename_current()
            elif event.key() == Qt.Key.Key_Delete:
                self._editor.remove_current()
            else:
                self._editor.move_current(-1 if event.key() == Qt.Key.Key_Up else 1)
            return
        super().keyPressEvent(event)


    # Files dropped on the list are added to the item (issue 15).
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        if local_files(event.mimeData()) and self._editor.accepts_files():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 (Qt's name)
        if local_files(event.mimeData()) and self._editor.accepts_files():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        paths = local_files(event.mimeData())
        if paths and self._editor.accepts_files():
            event.acceptProposedAction()
            self._editor.add_files(paths)
        else:
            super().dropEvent(event)
