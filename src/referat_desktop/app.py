"""The composition root: parse arguments, open the store, build and show the window.

This is the one place that creates long-lived objects and wires them together; nothing
is created at import time.
"""

from __future__ import annotations

import argparse
import sys

from referat_desktop import __version__
from referat_desktop.paths import resolve_db_path


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="referat-desktop", description="Referat – dagsordener og referater")
    parser.add_argument("--db", help="databasefil (ellers REFERAT_DB eller standardfilen)")
    parser.add_argument("--version", action="version", version=f"referat-desktop {__version__}")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    # Qt is imported only here, so `--version` and `--help` stay instant.
    from PySide6.QtWidgets import QApplication, QMessageBox

    from referat_desktop.store import Store, StoreError
    from referat_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Referat")
    app.setOrganizationName("Referat")
    path = resolve_db_path(args.db)
    try:
        store = Store.open(path)
    except StoreError as exc:
        QMessageBox.critical(None, "Referat", str(exc))
        return 1
    window = MainWindow(store)
    window.show()
    return app.exec()
