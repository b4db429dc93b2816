"""The composition root: parse arguments, create the long-lived objects, wire them, run.

This is the one place that creates the QSettings, the store, the session, the undo stack
and the autosaver and hands them to the window; nothing is created at import time.
`build_window` and `open_window` are also what tests and bench/ use to build the real window.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from referat_desktop import __version__
from referat_desktop.danish_argparse import DanishArgumentParser
from referat_desktop.paths import default_db_path, resolve_db_path


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = DanishArgumentParser(prog="referat-desktop", description="Referat – dagsordener og referater")
    parser.add_argument("--db", metavar="PATH",
                        help="databasefil (ellers REFERAT_DB, ellers den sidst åbnede)")
    parser.add_version(f"referat-desktop {__version__}")
    return parser.parse_args(argv)


def build_window(store, settings):  # -> MainWindow (Qt is imported lazily, see main)
    """The window for an open store, with its own session, undo stack and autosaver."""
    from PySide6.QtGui import QUndoStack

    from referat_desktop.ui.autosave import Autosaver, Checkpointer
    from referat_desktop.ui.main_window import MainWindow
    from referat_desktop.ui.session import Session

    session = Session(store)
    stack = QUndoStack()
    autosaver = Autosaver(save=session.set_section_text)
    window = MainWindow(session, stack, autosaver, settings)
    # The window owns them from here on (Qt parent/child keeps them alive with it).
    session.setParent(window)
    stack.setParent(window)
    autosaver.setParent(window)
    if not store.read_only:
        Checkpointer(session, parent=window)  # the main file alone holds every edit after a pause
    return window


def open_window(db_path: Path | str, qsettings):  # -> MainWindow
    """Open `db_path` and build its window (not shown): for tests and bench/."""
    from referat_desktop.store import Store
    from referat_desktop.ui.settings import UiSettings

    return build_window(Store.open(Path(db_path)), UiSettings(qsettings))


def start_path(cli_value: str | None, last: Path | None) -> Path:
    """--db, then REFERAT_DB, then the database opened last time (if it still exists)."""
    if cli_value or os.environ.get("REFERAT_DB", "").strip():
        return resolve_db_path(cli_value)
    if last is not None and last.is_file():
        return last
    return default_db_path()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    # Qt is imported only here, so `--version` and `--help` stay instant.
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from referat_desktop.ui.language import install_danish
    from referat_desktop.ui.launcher import Launcher
    from referat_desktop.ui.settings import UiSettings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Referat")
    app.setOrganizationName("Referat")
    install_danish(app)
    settings = UiSettings(QSettings())
    launcher = Launcher(settings, lambda store: build_window(store, settings))
    if not launcher.open(start_path(args.db, settings.last_database())):
        return 1
    return app.exec()
