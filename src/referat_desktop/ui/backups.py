"""The backups in the window: Filer > Gendan fra sikkerhedskopi… picks one of the file's
backups and loads it, and a failed daily backup is reported in the status bar.

The store copies the current content into backups/ first (store/backup.py), so a restore
can itself be undone by restoring that copy. Afterwards the undo stack is cleared (its
commands refer to the content that is gone) and the window asks to be rebuilt on the
restored file (`reload_requested`), so no view shows anything stale.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from referat_desktop.store import StoreError
from referat_desktop.store.backup import BackupInfo, DailyBackup, list_backups
from referat_desktop.ui.language import DANISH

PATH_ROLE = Qt.ItemDataRole.UserRole


class RestorableFile(Protocol):
    """What the restore needs of the open file (the window's Session)."""

    @property
    def path(self) -> Path: ...
    def restore_backup(self, backup_path: Path) -> Path: ...


def describe_made(backup: BackupInfo) -> str:
    """'27-11-2026' for a daily copy, '27-11-2026 kl. 14:30:05 (før gendannelse)' for the other kind."""
    day = f"{backup.made:%d-%m-%Y}"
    if backup.before_restore:
        return f"{day} kl. {backup.made:%H:%M:%S} (før gendannelse)"
    return day


def describe_size(size: int) -> str:
    return DANISH.formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


class BackupListDialog(QDialog):
    """The backups of one file, newest first, with their date and size."""

    def __init__(self, file_name: str, backups: list[BackupInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Gendan fra sikkerhedskopi")
        self.resize(560, 380)
        intro = QLabel(
            f"Vælg den udgave af {file_name}, du vil vende tilbage til. Referat gemmer først den "
            "nuværende udgave som en sikkerhedskopi, så du kan fortryde gendannelsen.",
            self,
        )
        intro.setWordWrap(True)
        self.list = QTreeWidget(self)
        self.list.setHeaderLabels(["Gemt", "Størrelse", "Fil"])
        self.list.setRootIsDecorated(False)
        self.list.setAllColumnsShowFocus(True)
        for backup in backups:
            row = QTreeWidgetItem([describe_made(backup), describe_size(backup.size), backup.path.name])
            row.setData(0, PATH_ROLE, str(backup.path))
            row.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.list.addTopLevelItem(row)
        self.list.resizeColumnToContents(0)
        self.buttons = QDialogButtonBox(self)
        self.restore_button = self.buttons.addButton("&Gendan", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Annuller", QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.setEnabled(False)
        self.restore_button.setDefault(True)  # Enter restores the chosen backup
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.currentItemChanged.connect(
            lambda current, _previous: self.restore_button.setEnabled(current is not None)
        )
        self.list.itemActivated.connect(lambda _item, _column: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        first = self.list.topLevelItem(0)
        if first is not None:
            self.list.setCurrentItem(first)
        self.list.setFocus()

    def chosen(self) -> Path | None:
        current = self.list.currentItem()
        return Path(current.data(0, PATH_ROLE)) if current is not None else None


def ask_backup(parent: QWidget | None, file_name: str, backups: list[BackupInfo]) -> Path | None:
    dialog = BackupListDialog(file_name, backups, parent)
    try:
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def restore_from_backup(
    parent: QWidget,
    file: RestorableFile,
    save_pending: Callable[[], bool],
    show_error: Callable[[str], None],
    reload: Callable[[str], None],
    choose: Callable[[QWidget, str, list[BackupInfo]], Path | None] = ask_backup,
) -> Path | None:
    """Let the user pick a backup and load it; returns the copy of the content it replaced.

    `save_pending()` saves what was typed first (False: it could not, so nothing is
    restored); `reload(message)` is called after a restore, to rebuild the window on the
    file (which also drops the undo stack, whose commands refer to the replaced content)."""
    backups = list_backups(file.path)
    if not backups:
        QMessageBox.information(
            parent, "Gendan fra sikkerhedskopi",
            f"Der er endnu ingen sikkerhedskopier af {file.path.name}. Referat laver en, første gang "
            "filen åbnes hver dag, i mappen backups ved siden af filen.",
        )
        return None
    chosen = choose(parent, file.path.name, backups)
    if chosen is None:
        return None
    if not save_pending():
        show_error("Den seneste tekst kunne ikke gemmes, så intet er gendannet.")
        return None
    try:
        safety = file.restore_backup(chosen)
    except StoreError as exc:
        show_error(str(exc))
        return None
    made = next((describe_made(b) for b in backups if b.path == chosen), chosen.name)
    reload(f"Gendannet fra sikkerhedskopien {made}. Den tidligere udgave er gemt som {safety.name}.")
    return safety


def install_restore_action(window: QWidget, files_menu: QMenu, after: QAction,
                           read_only: bool, trigger: Callable[[], object]) -> QAction:
    """Add 'Gendan fra sikkerhedskopi…' to the Filer menu right after `after` (disabled
    for a read-only file)."""
    action = QAction("&Gendan fra sikkerhedskopi…", window)
    action.setToolTip("Vend tilbage til en tidligere udgave af filen fra mappen backups")
    action.setEnabled(not read_only)
    action.triggered.connect(lambda _checked=False: trigger())
    actions = files_menu.actions()
    following = actions.index(after) + 1 if after in actions else len(actions)
    if following < len(actions):
        files_menu.insertAction(actions[following], action)
    else:
        files_menu.addAction(action)
    return action


def report_backup_failure(window: QMainWindow, job: DailyBackup | None, poll_ms: int = 500) -> QTimer | None:
    """Show in the status bar if today's backup (running in the background) fails.

    The file itself is fine then, so a status message rather than a dialog."""
    if job is None:
        return None
    timer = QTimer(window)

    def check() -> None:
        if job.done:
            timer.stop()
            timer.deleteLater()
            if job.error:
                window.statusBar().showMessage(job.error, 30000)

    timer.timeout.connect(check)
    timer.start(poll_ms)
    return timer
