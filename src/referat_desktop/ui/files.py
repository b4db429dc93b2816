"""Choosing database files: Ny database…, Åbn database…, Seneste filer, and what to do
when a file cannot be opened.

Opening a database never harms a file: the store refuses foreign, damaged and newer
files without writing a byte (see store/opening.py); here the refusal becomes a dialog
that offers another file, a new one, or (where it helps) to look at it read-only.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from referat_desktop.store import DamagedFile, FileInUse, NewerVersion, NotOurFile, Store, StoreError
from referat_desktop.store.backup import BackupInfo, list_backups, recovered_copy
from referat_desktop.ui.backups import ask_backup
from referat_desktop.ui.settings import UiSettings

DB_FILTER = "Referat-database (*.sqlite *.db);;Alle filer (*)"


class AfterError(Enum):
    OTHER_FILE = "other"
    NEW_FILE = "new"
    READ_ONLY = "read_only"
    RESTORE_BACKUP = "restore_backup"
    CANCEL = "cancel"


# The choices offered only where they help; the others are always there.
OPTIONAL_CHOICES = frozenset({AfterError.READ_ONLY, AfterError.RESTORE_BACKUP})


def ask_new_database(parent: QWidget | None, folder: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent, "Ny database", str(Path(folder) / "referat.sqlite"), DB_FILTER,
        options=QFileDialog.Option.DontConfirmOverwrite,  # an existing file is opened, never replaced
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix else path.with_suffix(".sqlite")


def ask_open_database(parent: QWidget | None, folder: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Åbn database", folder, DB_FILTER)
    return Path(name) if name else None


def ask_after_error(parent: QWidget | None, path: Path, message: str,
                    offers: frozenset[AfterError]) -> AfterError:
    """The open failed: say why and let the user choose what now (blocking, like any open).
    `offers`: which of OPTIONAL_CHOICES help with this file."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Databasen kan ikke åbnes", message, parent=parent)
    choices = ["vælge en anden fil", "oprette en ny"]
    buttons = {}
    if AfterError.RESTORE_BACKUP in offers:
        restore = box.addButton("&Gendan fra sikkerhedskopi…", QMessageBox.ButtonRole.AcceptRole)
        buttons[restore] = AfterError.RESTORE_BACKUP
        choices.insert(0, "gendanne den seneste sikkerhedskopi som en ny fil ved siden af")
    other = box.addButton("Vælg en &anden fil…", QMessageBox.ButtonRole.AcceptRole)
    buttons[other] = AfterError.OTHER_FILE
    buttons[box.addButton("&Ny database…", QMessageBox.ButtonRole.ActionRole)] = AfterError.NEW_FILE
    if AfterError.READ_ONLY in offers:
        read_only = box.addButton("Åbn &skrivebeskyttet", QMessageBox.ButtonRole.ActionRole)
        buttons[read_only] = AfterError.READ_ONLY
        choices.insert(0, "åbne den skrivebeskyttet")
    cancel = box.addButton("&Annuller", QMessageBox.ButtonRole.RejectRole)
    box.setInformativeText(f"Du kan {', '.join(choices[:-1])} eller {choices[-1]}. Filen her er ikke ændret.")
    box.setDefaultButton(next(iter(buttons)))  # Enter: restore where offered, else another file
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return next((choice for button, choice in buttons.items() if button is clicked), AfterError.CANCEL)


def open_store(
    path: Path,
    parent: QWidget | None,
    settings: UiSettings,
    ask: Callable[[QWidget | None, Path, str, frozenset[AfterError]], AfterError] = ask_after_error,
    choose_backup: Callable[[QWidget | None, str, list[BackupInfo]], Path | None] | None = None,
) -> Store | None:
    """Open `path`, or whatever the user picks instead after a refusal; None if they give up."""
    read_only, in_use_reason = False, ""
    while True:
        try:
            store = Store.open(path, read_only=read_only)
        except StoreError as exc:
            # Read-only helps with a file we may not write (permissions, a locked share),
            # never with one that is not ours, damaged or from a newer version.
            offers = set()
            refused_for_content = isinstance(exc, (NotOurFile, DamagedFile, NewerVersion))
            if not read_only and path.is_file() and not refused_for_content:
                offers.add(AfterError.READ_ONLY)
            backups = list_backups(path) if isinstance(exc, DamagedFile) else []
            if backups:
                offers.add(AfterError.RESTORE_BACKUP)
            choice = ask(parent, path, str(exc), frozenset(offers))
            # The read-only bar then says who has the file, not just that it is read-only.
            in_use_reason = exc.reason if isinstance(exc, FileInUse) else ""
        else:
            if read_only and in_use_reason:
                store.read_only_reason = in_use_reason
            return store
        read_only = choice is AfterError.READ_ONLY
        if choice is AfterError.OTHER_FILE:
            picked = ask_open_database(parent, settings.folder("database"))
        elif choice is AfterError.NEW_FILE:
            picked = ask_new_database(parent, settings.folder("database"))
        elif choice is AfterError.READ_ONLY:
            picked = path
        elif choice is AfterError.RESTORE_BACKUP:
            picked = _restored_copy(parent, path, backups, choose_backup or ask_backup)
        else:
            return None
        if picked is None:
            return None
        path = picked


def _restored_copy(parent: QWidget | None, path: Path, backups: list[BackupInfo],
                   choose: Callable[[QWidget | None, str, list[BackupInfo]], Path | None]) -> Path | None:
    """The backup she picks, copied to a new file beside the damaged one (None: she
    cancelled, or the copy failed and she was told why)."""
    chosen = choose(parent, path.name, backups)
    if chosen is None:
        return None
    try:
        restored = recovered_copy(chosen, path)
    except StoreError as exc:
        QMessageBox.warning(parent, "Sikkerhedskopien kan ikke gendannes", str(exc))
        return None
    QMessageBox.information(
        parent, "Gendannet fra sikkerhedskopi",
        f"Sikkerhedskopien er gendannet som {restored.name} i samme mappe, og den åbnes nu.\n\n"
        f"Den beskadigede fil {path.name} er ikke ændret.")
    return restored


class RecentMenu(QMenu):
    """Seneste filer: refreshed each time it opens, so every window shows the same list."""

    open_requested = Signal(str)

    def __init__(self, settings: UiSettings, parent: QWidget | None = None) -> None:
        super().__init__("&Seneste filer", parent)
        self._settings = settings
        self.aboutToShow.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.clear()
        recent = self._settings.recent_databases()
        for number, path in enumerate(recent, start=1):
            action = self.addAction(f"&{number} {path.name}  ({path.parent})" if number < 10 else path.name)
            action.setToolTip(str(path))
            action.triggered.connect(lambda _checked=False, p=str(path): self.open_requested.emit(p))
        if not recent:
            self.addAction("(ingen)").setEnabled(False)
