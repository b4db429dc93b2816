"""The `Bilag` section: an item's attachments, edited as a list of names.

Names are added from the field (Enter or "Tilføj bilag") or taken from files the user
picks, renamed in place (F2 or double-click), removed and moved up and down. After each
change ``changed(item_id, names)`` carries the whole list, which the window stores.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGridLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from referat_desktop.ui.live_edit import LiveEditDelegate, commit_open_editor

_OLD_NAME = Qt.ItemDataRole.UserRole  # the name before an in-place rename


class _NameList(QListWidget):
    """The list itself; F2 renames, Delete removes and Alt+Up/Down move the current name,
    taking precedence over window shortcuts on the same keys while the list has the focus."""

    def __init__(self, editor: AttachmentsEditor) -> None:
        super().__init__(editor)
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
        if self._own_key(event) and self.state() != self.State.EditingState:
            if event.key() == Qt.Key.Key_F2:  # not the window's F2, which renames the item
                self._editor.rename_current()
            elif event.key() == Qt.Key.Key_Delete:
                self._editor.remove_current()
            else:
                self._editor.move_current(-1 if event.key() == Qt.Key.Key_Up else 1)
            return
        super().keyPressEvent(event)


class AttachmentsEditor(QWidget):
    changed = Signal(int, list)  # item id, the attachment names in order
    typed = Signal()  # a name is being typed in place (commit_typed saves it)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._item_id: int | None = None
        self._read_only = False
        self._updating = False

        self.list = _NameList(self)
        self.list.setAccessibleName("Bilag")
        delegate = LiveEditDelegate(self.list)
        delegate.typed.connect(self.typed)
        self.list.setItemDelegate(delegate)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.name_field = QLineEdit(self)
        self.name_field.setPlaceholderText("Navn på nyt bilag")
        self.name_field.setAccessibleName("Navn på nyt bilag")
        self.add_button = QPushButton("Tilføj bilag", self)
        self.add_button.setToolTip("Tilføj navnet i feltet som bilag (Enter i feltet)")
        self.pick_button = QPushButton("Vælg filer…", self)
        self.pick_button.setToolTip("Tilføj bilag ud fra filer på disken (filnavnene)")
        self.rename_button = QPushButton("Omdøb", self)
        f2 = QKeySequence("F2").toString()
        self.rename_button.setToolTip(f"Omdøb det valgte bilag ({f2} eller dobbeltklik)")
        self.remove_button = QPushButton("Fjern", self)
        self.remove_button.setToolTip("Fjern det valgte bilag (Delete)")
        self.up_button = QPushButton("Flyt op", self)
        self.up_button.setToolTip("Flyt det valgte bilag op (Alt+Op)")
        self.down_button = QPushButton("Flyt ned", self)
        self.down_button.setToolTip("Flyt det valgte bilag ned (Alt+Ned)")

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 0, 0, 5, 2)
        side_buttons = (self.rename_button, self.remove_button, self.up_button, self.down_button)
        for row, button in enumerate(side_buttons):
            layout.addWidget(button, row, 2)
        layout.addWidget(self.name_field, 5, 0)
        layout.addWidget(self.add_button, 5, 1)
        layout.addWidget(self.pick_button, 5, 2)
        layout.setRowStretch(4, 1)

        self.name_field.returnPressed.connect(self.add_from_field)
        self.add_button.clicked.connect(self.add_from_field)
        self.pick_button.clicked.connect(self.pick_files)
        self.rename_button.clicked.connect(self.rename_current)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.list.itemChanged.connect(self._on_item_changed)
        self.list.currentRowChanged.connect(self._update_enabled)
        self.name_field.textChanged.connect(self._update_enabled)
        self.set_item(None, [])

    # --- the interface the window uses -----------------------------------------------

    def set_item(self, item_id: int | None, names: list[str]) -> None:
        """Show an item's attachment names (None: no item selected). Emits nothing."""
        self._updating = True
        try:
            self.list.clear()
            for name in names:
                self.list.addItem(self._new_entry(name))
        finally:
            self._updating = False
        self._item_id = item_id
        self.name_field.clear()
        if names:
            self.list.setCurrentRow(0)
        self._update_enabled()

    def names(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._update_enabled()

    def commit_typed(self) -> bool:
        """Save the name being typed in place so far (the editor stays open)."""
        return commit_open_editor(self.list)

    # --- the user's actions ------------------------------------------------------------

    def add_names(self, names: list[str]) -> None:
        names = [name.strip() for name in names if name.strip()]
        if not names or not self._editable():
            return
        self._updating = True
        try:
            for name in names:
                self.list.addItem(self._new_entry(name))
        finally:
            self._updating = False
        self.list.setCurrentRow(self.list.count() - 1)
        self._emit()

    def add_from_field(self) -> None:
        name = self.name_field.text().strip()
        if name and self._editable():
            self.add_names([name])
            self.name_field.clear()

    def pick_files(self) -> None:
        if not self._editable():
            return
        paths, _filter = QFileDialog.getOpenFileNames(self, "Vælg bilag")
        self.add_names([Path(path).name for path in paths])

    def rename_current(self) -> None:
        entry = self.list.currentItem()
        if entry is not None and self._editable():
            self.list.editItem(entry)

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row < 0 or not self._editable():
            return
        self.list.takeItem(row)
        self._emit()

    def move_current(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count() or not self._editable():
            return
        self._updating = True
        try:
            entry = self.list.takeItem(row)
            self.list.insertItem(target, entry)
        finally:
            self._updating = False
        self.list.setCurrentRow(target)
        self._emit()

    # --- inside --------------------------------------------------------------------------

    def _new_entry(self, name: str) -> QListWidgetItem:
        entry = QListWidgetItem(name)
        entry.setData(_OLD_NAME, name)
        entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsEditable)
        return entry

    def _on_item_changed(self, entry: QListWidgetItem) -> None:
        if self._updating:
            return
        name = entry.text().strip()
        old = entry.data(_OLD_NAME)
        self._updating = True
        try:
            # An attachment is removed with "Fjern", never by emptying its name.
            entry.setText(name or old)
            entry.setData(_OLD_NAME, name or old)
        finally:
            self._updating = False
        if name and name != old:
            self._emit()

    def _emit(self) -> None:
        self._update_enabled()
        if self._item_id is not None:
            self.changed.emit(self._item_id, self.names())

    def _editable(self) -> bool:
        return self._item_id is not None and not self._read_only

    def _update_enabled(self, *_args: object) -> None:
        editable = self._editable()
        row = self.list.currentRow()
        self.setEnabled(self._item_id is not None)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
            if editable
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        self.name_field.setEnabled(editable)
        self.add_button.setEnabled(editable and bool(self.name_field.text().strip()))
        self.pick_button.setEnabled(editable)
        self.rename_button.setEnabled(editable and row >= 0)
        self.remove_button.setEnabled(editable and row >= 0)
        self.up_button.setEnabled(editable and row > 0)
        self.down_button.setEnabled(editable and 0 <= row < self.list.count() - 1)
