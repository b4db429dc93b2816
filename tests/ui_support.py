"""Helpers for the window tests: the real window on a temporary database and settings file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from referat_desktop.app import build_window
from referat_desktop.store import Store
from referat_desktop.ui.main_window import MainWindow
from referat_desktop.ui.settings import UiSettings


def temp_settings(tmp_path: Path) -> UiSettings:
    """Settings in an ini file under tmp_path: a test never touches the user's settings."""
    return UiSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def data_folder(tmp_path: Path) -> Path:
    """The user's data folder (personal word list) for a test: under tmp_path."""
    return tmp_path / "brugerdata"


def open_window(qtbot, db_path: Path, tmp_path: Path, read_only: bool = False) -> MainWindow:
    store = Store.open(db_path, read_only=read_only)
    window = build_window(store, temp_settings(tmp_path), data_folder(tmp_path))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    return window


def focused(qtbot, widget) -> None:
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=1000)


def type_line(qtbot, edit, text: str) -> None:
    """Replace a line edit's text the way a user does, then leave it with Tab."""
    focused(qtbot, edit)
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
