"""One window per open database: opening another file replaces the window.

A window is built around one store (its models, undo stack and autosaver all belong to
that file), so switching files means a fresh window rather than re-wiring a live one.
The old window closes only after the new file has opened; if closing it is refused (its
text could not be saved), the new window is closed instead and nothing is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from referat_desktop.store import Store
from referat_desktop.ui.files import AfterError, ask_after_error, open_store
from referat_desktop.ui.main_window import MainWindow
from referat_desktop.ui.settings import UiSettings


class Launcher(QObject):
    def __init__(
        self,
        settings: UiSettings,
        build_window: Callable[[Store], MainWindow],
        ask: Callable[..., AfterError] = ask_after_error,
    ) -> None:
        super().__init__()
        self.settings = settings
        self._build_window = build_window
        self._ask = ask
        self.window: MainWindow | None = None

    def open(self, path: Path | str) -> bool:
        """Open `path` in a new window (or what the user picks after an error)."""
        path = Path(path)
        old = self.window
        if old is not None and old.session.path.resolve() == path.resolve():
            old.raise_()
            return True
        store = open_store(path, old, self.settings, self._ask)
        if store is None:
            return False
        window = self._build_window(store)
        window.database_requested.connect(self.open)
        window.reload_requested.connect(self.reload)
        # Shown before the old one closes, so the program never has no window (Qt would quit).
        window.show()
        if old is not None and not old.close():
            window.close()
            return False
        self.window = window
        self.settings.remember_database(store.path)
        self.settings.set_folder("database", store.path.resolve().parent)
        return True

    def reload(self, message: str = "") -> bool:
        """Rebuild the window on its own file (a restore replaced the whole content).

        The old window must close first: it holds the file's writer lock."""
        old = self.window
        if old is None:
            return False
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        quit_when_closed = app.quitOnLastWindowClosed()
        app.setQuitOnLastWindowClosed(False)  # for the moment with no window at all
        try:
            if not old.close():
                return False
            self.window = None
            opened = self.open(old.session.path)
        finally:
            app.setQuitOnLastWindowClosed(quit_when_closed)
        if not opened:
            app.quit()
        elif message and self.window is not None:
            self.window.statusBar().showMessage(message, 20000)
        return opened
