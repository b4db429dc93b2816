"""Autosave and section editor figures on the sample meeting.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/autosave_bench.py

- one autosave write: `Store.set_section_text` (one UPDATE, WAL, synchronous=FULL) of the
  sample meeting's longest section, in a fresh database file (target ≤ 10 ms);
- one keystroke in the section editor with that section loaded: Qt's key handling plus
  the Markdown the editor hands to the autosaver (`edited`), which must not make typing lag;
- loading that section into the editor (part of switching items, target ≤ 50 ms in all).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from stats import figure, percentile, timed  # noqa: E402

from referat_desktop.domain import interchange  # noqa: E402
from referat_desktop.resources_path import SAMPLE_MEETING, resource  # noqa: E402
from referat_desktop.store import Store  # noqa: E402


def main() -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from referat_desktop.domain.model import SectionKind
    from referat_desktop.ui.section_editor import SectionEditor

    app = QApplication.instance() or QApplication([])
    meeting = interchange.loads(resource(*SAMPLE_MEETING).read_text(encoding="utf-8"))[0]
    figures = []
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "bench.sqlite")
        try:
            meeting_id = store.add_meeting(meeting)
            sections = [s for item in store.get_meeting(meeting_id).items for s in item.sections]
            longest = max(sections, key=lambda s: len(s.text))
            counter = iter(range(10**9))

            def write() -> None:
                store.set_section_text(longest.id, f"{longest.text} {next(counter)}")

            samples = timed(write, runs=300, warmup=5)
            figures.append(figure("autosave write (1 UPDATE, fsync)", samples, target=10))
            figures.append(figure("autosave write, 95th percentile", [percentile(samples, 95)], target=10))
        finally:
            store.close()

    editor = SectionEditor()
    editor.resize(900, 600)
    editor.show()
    QTest.qWaitForWindowExposed(editor)
    figures.append(
        figure(
            f"load longest section ({len(longest.text)} chars) into editor",
            timed(lambda: editor.set_section(1, SectionKind.SAGSFREMSTILLING, longest.text), runs=20),
            target=50,
        )
    )
    editor.set_section(1, SectionKind.SAGSFREMSTILLING, longest.text)
    editor.text_edit.setFocus()
    editor.text_edit.moveCursor(editor.text_edit.textCursor().MoveOperation.End)
    received: list[str] = []
    editor.edited.connect(lambda _id, text: received.append(text))
    figures.append(
        figure(
            "keystroke incl. Markdown for autosave",
            timed(lambda: QTest.keyClick(editor.text_edit, Qt.Key.Key_A), runs=100, warmup=3),
            target=16,
            target_text="≤ 16 ms (one frame)",
        )
    )
    assert received and received[-1].endswith("a"), "the editor did not report the keystrokes"
    editor.close()
    app.processEvents()

    print(f"{'figure':<52} {'median':>10}  {'target':<20} spread")
    for f in figures:
        met = "" if f.met is None else (" ok" if f.met else " MISSED")
        print(f"{f.name:<52} {f.median:>7.2f} {f.unit:<3} {f.target:<20} {f.spread}{met}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
