"""The `Bilag` section: an item's attachments, each a name and optionally its file.

A file is added with "Tilføj fil…", by dropping files on the list, or by pasting them
(Ctrl+V); a name alone from the field (Enter or "Tilføj bilag"). Names are renamed in
place (F2 or double-click); an attachment is removed, moved up and down, ticked "Lukket"
(the box in front of it), opened ("Åbn", Enter), saved out ("Gem som…") or given a new
file ("Erstat fil…"). After a change of the list ``changed(item_id, attachments)``
carries the whole list; new files go out as ``files_added(item_id, paths)`` and a
replacement as ``file_replaced(item_id, row, path)``, for the window to store them.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGridLayout,
    QLineEdit,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QWidget,
)

from referat_desktop.domain.model import Attachment
from referat_desktop.ui.attachment_files import AttachmentFiles, local_files, size_text
from referat_desktop.ui.attachment_list import (
    ATTACHMENT,
    NOT_IN_COMBINED_PDF,
    NOTE,
    OLD_NAME,
    NameList,
    NoteDelegate,
)
from referat_desktop.ui.live_edit import commit_open_editor


class AttachmentsEditor(QWidget):
    changed = Signal(int, list)  # item id, the attachments (domain Attachment) in order
    files_added = Signal(int, list)  # item id, paths of files to add at the end
    file_replaced = Signal(int, int, str)  # item id, row, path of the new file
    typed = Signal()  # a name is being typed in place (commit_typed saves it)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._item_id: int | None = None
        self._item_closed = False
        self._read_only = False
        self._updating = False
        self.files = AttachmentFiles()

        self.list = NameList(self, self)
        self.list.setAccessibleName("Bilag")
        self.list.setAcceptDrops(True)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        delegate = NoteDelegate(self.list)
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
        self.pick_button = QPushButton("Tilføj fil…", self)
        self.pick_button.setToolTip("Tilføj filer som bilag; de gemmes i databasefilen"
                                    " (også ved at trække dem hertil eller indsætte dem med Ctrl+V)")
        self.open_button = QPushButton("Åbn", self)
        self.open_button.setToolTip("Åbn det valgte bilags fil med computerens program (Enter)")
        self.save_button = QPushButton("Gem som…", self)
        self.save_button.setToolTip("Gem en kopi af det valgte bilags fil på disken")
        self.replace_button = QPushButton("Erstat fil…", self)
        self.replace_button.setToolTip("Giv det valgte bilag en ny fil; navn og plads bevares")
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
        side_buttons = (self.open_button, self.save_button, self.replace_button, self.rename_button,
                        self.remove_button, self.up_button, self.down_button)
        for row, button in enumerate(side_buttons):
            layout.addWidget(button, row, 2)
        layout.addWidget(self.list, 0, 0, len(side_buttons) + 1, 2)
        bottom = len(side_buttons) + 1
        layout.addWidget(self.name_field, bottom, 0)
        layout.addWidget(self.add_button, bottom, 1)
        layout.addWidget(self.pick_button, bottom, 2)
        layout.setRowStretch(len(side_buttons), 1)

        self.name_field.returnPressed.connect(self.add_from_field)
        self.add_button.clicked.connect(self.add_from_field)
        self.pick_button.clicked.connect(self.pick_files)
        self.open_button.clicked.connect(self.open_current)
        self.save_button.clicked.connect(self.save_current)
        self.replace_button.clicked.connect(self.replace_current)
        self.rename_button.clicked.connect(self.rename_current)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.list.itemChanged.connect(self._on_item_changed)
        self.list.currentRowChanged.connect(self._update_enabled)
        self.name_field.textChanged.connect(self._update_enabled)
        self.set_item(None, [])

    # --- the interface the window uses -----------------------------------------------

    def set_item(self, item_id: int | None, attachments: list[Attachment] | list[str],
                 item_closed: bool = False) -> None:
        """Show an item's attachments (None: no item selected; plain names are taken as
        attachments without a file). Emits nothing."""
        entries = [Attachment(a) if isinstance(a, str) else a for a in attachments]
        self._item_closed = item_closed
        self._updating = True
        try:
            self.list.clear()
            for attachment in entries:
                self.list.addItem(self._new_entry(attachment))
        finally:
            self._updating = False
        self._item_id = item_id
        self.name_field.clear()
        if entries:
            self.list.setCurrentRow(0)
        self._update_enabled()

    def names(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]

    def attachments(self) -> list[Attachment]:
        """The list as shown: each row's attachment with the name and tick it has now."""
        result = []
        for row in range(self.list.count()):
            entry = self.list.item(row)
            result.append(replace(entry.data(ATTACHMENT), name=entry.text()))
        return result

    def current_attachment(self) -> Attachment | None:
        row = self.list.currentRow()
        return self.attachments()[row] if row >= 0 else None

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
                self.list.addItem(self._new_entry(Attachment(name)))
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
        paths, _filter = QFileDialog.getOpenFileNames(self, "Tilføj filer som bilag")
        self.add_files(paths)

    def accepts_files(self) -> bool:
        return self._editable()

    def add_files(self, paths: list[str]) -> None:
        """Hand files to the window to store as the item's last attachments."""
        if paths and self._item_id is not None and self._editable():
            self.files_added.emit(self._item_id, list(paths))

    def paste_files(self) -> None:
        """Ctrl+V: the files on the clipboard (copied in a file manager) become bilag."""
        self.add_files(local_files(QGuiApplication.clipboard().mimeData()))

    def open_current(self) -> None:
        attachment = self.current_attachment()
        if attachment is not None:
            self._tell(self.files.open(attachment))

    def save_current(self) -> None:
        attachment = self.current_attachment()
        if attachment is None:
            return
        if not attachment.has_file:
            self._tell(f"{attachment.name} er kun et navn; der er ingen fil at gemme.")
            return
        target, _filter = QFileDialog.getSaveFileName(self, "Gem bilaget som", attachment.name)
        if target:
            self._tell(self.files.save_as(attachment, Path(target)))

    def replace_current(self) -> None:
        row = self.list.currentRow()
        if row < 0 or self._item_id is None or not self._editable():
            return
        path, _filter = QFileDialog.getOpenFileName(self, f"Ny fil til {self.list.item(row).text()}")
        if path:
            self.file_replaced.emit(self._item_id, row, path)

    def _tell(self, message: str) -> None:
        if message:
            QMessageBox.warning(self, "Bilag", message)

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

    def _new_entry(self, attachment: Attachment) -> QListWidgetItem:
        entry = QListWidgetItem(attachment.name)
        entry.setData(OLD_NAME, attachment.name)
        entry.setData(ATTACHMENT, attachment)
        entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable)
        closed = attachment.closed or self._item_closed
        entry.setCheckState(Qt.CheckState.Checked if closed else Qt.CheckState.Unchecked)
        entry.setData(NOTE, self._note(attachment))
        entry.setToolTip("Afkrydset: lukket bilag (kommer ikke med i den offentlige udgave)")
        return entry

    def _note(self, attachment: Attachment) -> str:
        """What the row shows after the name: size, closed, why it cannot go into a combined PDF."""
        size = attachment.size or len(attachment.data or b"")
        notes = [size_text(size)] if attachment.has_file else ["kun navn"]
        if self._item_closed:
            notes.append("lukket, da punktet er lukket")
        elif attachment.closed:
            notes.append("lukket")
        if attachment.pdf_problem:
            notes.append(f"{NOT_IN_COMBINED_PDF}: {attachment.pdf_problem}")
        return ", ".join(notes)

    def _on_item_changed(self, entry: QListWidgetItem) -> None:
        if self._updating:
            return
        attachment: Attachment = entry.data(ATTACHMENT)
        ticked = entry.checkState() == Qt.CheckState.Checked
        if not self._item_closed and ticked != attachment.closed:
            # The "Lukket" tick.
            ticked_attachment = replace(attachment, closed=ticked)
            self._updating = True
            entry.setData(ATTACHMENT, ticked_attachment)
            entry.setData(NOTE, self._note(ticked_attachment))
            self._updating = False
            self._emit()
            return
        if self._item_closed and not ticked:
            self._updating = True
            entry.setCheckState(Qt.CheckState.Checked)  # a closed item's bilag are closed
            self._updating = False
        name = entry.text().strip()
        old = entry.data(OLD_NAME)
        self._updating = True
        try:
            # An attachment is removed with "Fjern", never by emptying its name.
            entry.setText(name or old)
            entry.setData(OLD_NAME, name or old)
        finally:
            self._updating = False
        if name and name != old:
            self._emit()

    def _emit(self) -> None:
        self._update_enabled()
        if self._item_id is not None:
            self.changed.emit(self._item_id, self.attachments())

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
        current = self.list.item(row).data(ATTACHMENT) if row >= 0 else None
        self.open_button.setEnabled(current is not None and current.has_file)
        self.save_button.setEnabled(current is not None and current.has_file)
        self.replace_button.setEnabled(editable and row >= 0)
        self.list.setAcceptDrops(editable)
        self.rename_button.setEnabled(editable and row >= 0)
        self.remove_button.setEnabled(editable and row >= 0)
        self.up_button.setEnabled(editable and row > 0)
        self.down_button.setEnabled(editable and 0 <= row < self.list.count() - 1)
