"""The real window, typed into and then left running until it is killed (the window kill test).

    python tests/window_worker.py DB SETTINGS.ini TEXT [title]

Opens DB the way `referat-desktop` does (Launcher, build_window), selects the first
item's Beslutning, types TEXT into its editor with QTest, waits until the autosave has
written it, prints `SAVED <json of the editor's Markdown>`, types a few more keys that
are not yet saved, prints `TYPING` and runs the event loop until it is killed.

With `title`, it types TEXT at the end of the first item's Titel field instead, prints
`TYPED` at once (nothing waits for the save) and runs the event loop until it is killed.
With `statement`, it adds a protokoltilførsel by Ø under the first item's decision and
types TEXT as its text, the same way.
"""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from referat_desktop.app import build_window  # noqa: E402
from referat_desktop.ui.launcher import Launcher  # noqa: E402
from referat_desktop.ui.settings import UiSettings  # noqa: E402


def main(db_path: str, settings_path: str, text: str, field: str = "") -> int:
    app = QApplication(sys.argv[:1])
    settings = UiSettings(QSettings(settings_path, QSettings.Format.IniFormat))
    launcher = Launcher(settings, lambda store: build_window(store, settings))
    if not launcher.open(db_path):
        return 1
    window = launcher.window
    model = window.item_model
    if field == "title":
        window.item_view.setCurrentIndex(model.index(0, 0))
        title = window.editor.item_form.title
        title.setFocus()
        title.end(False)
        QTest.keyClicks(title, text)
        print("TYPED", flush=True)
        return app.exec()
    if field == "statement":
        window.item_view.setCurrentIndex(model.section_index(model.item_ids()[0], kind="beslutning"))
        protocol = window.editor.protocol_editor
        protocol.add_statement.click()  # opens the new row's first cell for typing
        table = protocol.statements
        QTest.keyClicks(table.indexWidget(table.currentIndex()), "Ø")
        QTest.keyClick(table.indexWidget(table.currentIndex()), Qt.Key.Key_Tab)  # on to its text
        QTest.keyClicks(table.indexWidget(table.currentIndex()), text)
        print("TYPED", flush=True)
        return app.exec()
    window.item_view.setCurrentIndex(model.section_index(model.item_ids()[0], kind="beslutning"))
    edit = window.editor.section_editor.text_edit
    edit.setFocus()
    QTest.keyClicks(edit, text)
    deadline = time.monotonic() + 10
    while window.autosaver.pending() and time.monotonic() < deadline:
        QTest.qWait(20)  # the autosave timer fires about a second after the last key
    if window.autosaver.pending():
        return 2
    print("SAVED", json.dumps(window.editor.section_editor.markdown(), ensure_ascii=False), flush=True)
    QTest.keyClicks(edit, " og mere")
    print("TYPING", flush=True)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:5]))
