"""Autosave with a real store: typing is saved within a second, failures are loud and retried."""

from __future__ import annotations

import time

import pytest
from PySide6.QtWidgets import QApplication

from referat_desktop.domain.model import SectionKind
from referat_desktop.ui.autosave import Autosaver, SaveStatus
from referat_desktop.ui.section_editor import SectionEditor


@pytest.fixture
def section(store, sample_meeting):
    """(store, id, text) of the sample meeting's first decision section."""
    meeting_id = store.add_meeting(sample_meeting)
    meeting = store.get_meeting(meeting_id)
    decision = next(s for item in meeting.items for s in item.sections if s.kind == SectionKind.BESLUTNING)
    return decision.id, decision.text


def stored_text(store, section_id: int) -> str:
    return store.db.execute("SELECT text FROM sections WHERE id = ?", [section_id]).fetchone()[0]


@pytest.fixture
def wired(qtbot, store, section):
    section_id, text = section
    editor = SectionEditor()
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    autosaver = Autosaver(store.set_section_text)
    status = SaveStatus(autosaver)
    qtbot.addWidget(status)
    editor.edited.connect(autosaver.schedule)
    editor.set_section(section_id, SectionKind.BESLUTNING, text)
    editor.text_edit.setFocus()
    editor.text_edit.moveCursor(editor.text_edit.textCursor().MoveOperation.End)
    return editor, autosaver, status, section_id, text


def test_typing_is_in_the_file_within_a_second_of_the_last_keystroke(qtbot, store, wired):
    editor, autosaver, status, section_id, text = wired
    qtbot.keyClicks(editor.text_edit, " Enstemmigt.")
    last_key = time.monotonic()
    assert autosaver.pending()
    assert stored_text(store, section_id) == text  # typing did not wait for the disk
    qtbot.waitUntil(lambda: stored_text(store, section_id) == text + " Enstemmigt.", timeout=1000)
    assert time.monotonic() - last_key <= 1.0
    assert not autosaver.pending()
    assert status.text().startswith("Gemt ") and len(status.text()) == len("Gemt 12:34:56")
    assert not status.is_failing()


def test_flush_saves_at_once(qtbot, store, wired):
    editor, autosaver, status, section_id, text = wired
    qtbot.keyClicks(editor.text_edit, " Udsat.")
    with qtbot.waitSignal(autosaver.saved, timeout=100):
        assert autosaver.flush() is True
    assert stored_text(store, section_id) == text + " Udsat."
    assert autosaver.flush() is True  # nothing pending: no second save signal


def test_only_the_latest_text_of_each_section_is_written(qtbot, store, section):
    calls = []
    autosaver = Autosaver(lambda section_id, text: calls.append((section_id, text)), delay_ms=50)
    for text in ("a", "ab", "abc"):
        autosaver.schedule(1, text)
    autosaver.schedule(2, "x")
    with qtbot.waitSignal(autosaver.saved, timeout=1000):
        pass
    assert calls == [(1, "abc"), (2, "x")]


class FlakyDisk:
    """A save function that fails with a full disk until it is told there is room again."""

    def __init__(self, store) -> None:
        self.store = store
        self.full = True
        self.attempts = 0

    def __call__(self, section_id: int, text: str) -> None:
        self.attempts += 1
        if self.full:
            raise OSError(28, "No space left on device")
        self.store.set_section_text(section_id, text)


def test_a_failed_save_is_kept_shown_in_red_and_retried(qtbot, store, section):
    section_id, text = section
    disk = FlakyDisk(store)
    autosaver = Autosaver(disk, delay_ms=50, retry_ms=200)
    status = SaveStatus(autosaver)
    qtbot.addWidget(status)
    autosaver.schedule(section_id, "Godkendt.")
    with qtbot.waitSignal(autosaver.failed, timeout=1000) as blocker:
        pass
    assert "Disken er fuld" in blocker.args[0] and "prøves igen" in blocker.args[0]
    assert status.is_failing() and "Disken er fuld" in status.text()
    assert "#b71c1c" in status.styleSheet()
    assert autosaver.pending() and autosaver.pending_text(section_id) == "Godkendt."
    assert autosaver.flush() is False
    assert stored_text(store, section_id) == text
    # It keeps trying on its own, every retry interval.
    attempts = disk.attempts
    qtbot.waitUntil(lambda: disk.attempts >= attempts + 2, timeout=2000)
    disk.full = False
    with qtbot.waitSignal(autosaver.saved, timeout=1000):
        pass
    assert stored_text(store, section_id) == "Godkendt."
    assert not autosaver.pending() and not autosaver.is_failing()
    assert status.text().startswith("Gemt ") and status.styleSheet() == "" and not status.is_failing()


def test_newer_typing_during_a_failure_is_what_gets_saved(qtbot, store, section):
    section_id, _text = section
    disk = FlakyDisk(store)
    autosaver = Autosaver(disk, delay_ms=30, retry_ms=5000)
    autosaver.schedule(section_id, "gammel")
    with qtbot.waitSignal(autosaver.failed, timeout=1000):
        pass
    disk.full = False
    autosaver.schedule(section_id, "ny")  # typing again tries again soon, not after 5 s
    with qtbot.waitSignal(autosaver.saved, timeout=1000):
        pass
    assert stored_text(store, section_id) == "ny"


def test_read_only_store_failure_has_a_danish_message(qtbot, db_path, store, section):
    from referat_desktop.store import Store

    section_id, _text = section
    store.close()
    read_only = Store.open(db_path, read_only=True)
    try:
        autosaver = Autosaver(read_only.set_section_text, delay_ms=10, retry_ms=10_000)
        with qtbot.waitSignal(autosaver.failed, timeout=1000) as blocker:
            autosaver.schedule(section_id, "x")
        assert "Traceback" not in blocker.args[0] and "prøves igen" in blocker.args[0]
        assert autosaver.pending_text(section_id) == "x"
        autosaver.discard(section_id)
        assert not autosaver.pending()
    finally:
        read_only.close()
    QApplication.processEvents()


def test_typing_without_a_pause_is_saved_while_it_goes_on(qtbot, store, wired):
    """A keystroke every 0.3 s for 2.4 s: the file must not wait for the typing to stop
    (a debounce would save nothing until the pause, and a power cut would take it all)."""
    editor, autosaver, status, section_id, text = wired
    saved_while_typing = []
    for n in range(8):
        qtbot.keyClicks(editor.text_edit, str(n))
        qtbot.wait(300)
        saved_while_typing.append(stored_text(store, section_id))
    assert saved_while_typing[-1] != text
    assert saved_while_typing[-1].startswith(text + "012345")  # at most one interval behind
    qtbot.waitUntil(lambda: stored_text(store, section_id) == text + "01234567", timeout=1000)
