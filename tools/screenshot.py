"""Write docs/screenshot.png: the window on the sample meeting, item 2's decision open, and
docs/screenshot-meeting-mode.png beside it: the same decision in meeting mode (F11).

Run it under a real X server so fonts and styles are those a user sees:
    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python tools/screenshot.py [OUT.png]
(`make screenshot` does exactly that.) The database and settings live in a temporary
folder, so the user's own files and settings are never touched.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from referat_desktop.app import open_window
from referat_desktop.domain import interchange
from referat_desktop.resources_path import SAMPLE_MEETING, resource
from referat_desktop.store import Store

WIDTH, HEIGHT = 1360, 860


def main(argv: list[str]) -> int:
    out = (
        Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "docs" / "screenshot.png"
    )
    app = QApplication(argv[:1])
    app.setApplicationName("Referat")
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "referat.sqlite"
        store = Store.open(db_path)
        store.import_meetings(interchange.loads(resource(*SAMPLE_MEETING).read_text(encoding="utf-8")))
        store.close()
        window = open_window(
            db_path, QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        )
        window.resize(WIDTH, HEIGHT)
        window.show()
        model = window.item_model
        window.item_view.setCurrentIndex(model.section_index(model.item_ids()[1], kind="beslutning"))
        window.editor.section_editor.text_edit.setFocus()
        QTest.qWait(300)  # let the window settle and paint
        out.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(out)):
            print(f"kunne ikke gemme {out}", file=sys.stderr)
            return 1
        mode_out = out.with_name("screenshot-meeting-mode.png")
        window.acts.meeting_mode.trigger()
        QTest.qWait(300)
        if not window.grab().save(str(mode_out)):
            print(f"kunne ikke gemme {mode_out}", file=sys.stderr)
            return 1
        window.close()
    print(out)
    print(mode_out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
