"""Saving without a Save button.

Every keystroke hands the section's latest text to :class:`Autosaver`; a single-shot
timer writes it shortly after the typing stops (one small UPDATE on the UI thread, about
a millisecond), so typing never waits for the disk and a power cut loses at most the
last second. The window flushes on focus change, item switch and close.

One-line fields (titles, the meeting's facts, attachment names) use the same timer through
`schedule_commit`: the form hands over a callable that commits the field's current text as
an undo command, so a field is in the file within a second while the typing goes on, and
consecutive commits of one field still merge into one undo step.

:class:`Checkpointer` then copies the write-ahead log into the main file once the edits
pause, so a copy of the main file alone (the file people copy) holds every edit.

A write that fails (disk full, I/O error, read-only file) keeps the text pending, says
so in red in the status bar and is retried every few seconds until it succeeds: the
text is never silently dropped.
"""

from __future__ import annotations

import datetime as dt
import errno
import sqlite3
import time
from collections.abc import Callable, Hashable
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance
from PySide6.QtWidgets import QLabel, QWidget

from referat_desktop.store.errors import StoreError

DEFAULT_DELAY_MS = 700
RETRY_MS = 3000
CHECKPOINT_POLL_MS = 200  # a comparison of two numbers; the checkpoint runs only when due


class Autosaver(QObject):
    saved = Signal(str)  # the time of the save, "hh:mm:ss"
    failed = Signal(str)  # what went wrong, in Danish

    def __init__(
        self,
        save: Callable[[int, str], None],
        delay_ms: int = DEFAULT_DELAY_MS,
        retry_ms: int = RETRY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._delay_ms = delay_ms
        self._retry_ms = retry_ms
        self._pending: dict[int, str] = {}  # section id -> latest text, oldest edit first
        # field -> a callable that commits its current text; False when the store refused
        self._commits: dict[Hashable, Callable[[], bool]] = {}
        self._failing = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)

    def schedule(self, section_id: int, text: str) -> None:
        """Remember the latest text of a section; it is written at most `delay_ms` later.

        The timer is not restarted by further keystrokes: restarting it (a debounce) would
        write nothing while the secretary types without a pause, and a power cut would
        then take minutes of minutes. After a failure, a keystroke retries at once."""
        self._pending[section_id] = text
        self._start()

    def schedule_commit(self, field: Hashable, commit: Callable[[], bool]) -> None:
        """A one-line field was typed into: `commit()` is called at most `delay_ms` later
        (or at the next flush); only the latest callable per field is kept. It returns False
        when the store refused the edit (the store's message is shown by the command), and
        is then retried like a failed section save."""
        self._commits[field] = commit
        self._start()

    def _start(self) -> None:
        if self._failing or not self._timer.isActive():
            self._timer.start(self._delay_ms)

    def flush(self) -> bool:
        """Save everything pending now. False if something could not be saved (it stays
        pending and is retried)."""
        self._timer.stop()
        if not self._pending and not self._commits:
            return True
        saved_any = False
        refused = False
        for field, commit in list(self._commits.items()):
            del self._commits[field]
            if commit():
                saved_any = True
            else:
                refused = True
                self._commits.setdefault(field, commit)  # unless newer typing replaced it
        error: BaseException | None = None
        for section_id, text in list(self._pending.items()):
            try:
                self._save(section_id, text)
            except Exception as exc:  # noqa: BLE001 - any failure keeps the text pending
                error = exc
                continue
            saved_any = True
            # Typing during the save (re-entrant event loop) may have left newer text.
            if self._pending.get(section_id) == text:
                del self._pending[section_id]
        if error is not None or refused:
            self._failing = True
            self._timer.start(self._retry_ms)
            if error is not None:
                self.failed.emit(failure_message(error))
            return False
        self._failing = False
        if saved_any:
            self.saved.emit(saved_time())
        return True

    def pending(self) -> bool:
        return bool(self._pending or self._commits)

    def pending_text(self, section_id: int) -> str | None:
        """The unsaved text of a section, if any: the window shows it instead of the
        stored text when the section is opened again while a save is failing."""
        return self._pending.get(section_id)

    def discard(self, section_id: int) -> None:
        """Forget a section's pending text: for a section the user has deleted."""
        self._pending.pop(section_id, None)
        if not self._pending and not self._commits:
            self._timer.stop()

    def is_failing(self) -> bool:
        return self._failing

    def _on_timeout(self) -> None:
        self.flush()


class Checkpointable(Protocol):
    def checkpoint_due(self, now: float) -> bool: ...
    def checkpoint(self) -> None: ...


class Checkpointer(QObject):
    """Polls the store and has it copy its write-ahead log into the main file once the
    edits pause (store.checkpoint_due decides when). A poll is a comparison of two
    numbers; the checkpoint itself runs only after a pause, never between keystrokes."""

    def __init__(self, store: Checkpointable, poll_ms: int = CHECKPOINT_POLL_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.poll)
        self._timer.start(poll_ms)

    def poll(self) -> None:
        if self._store.checkpoint_due(time.monotonic()):
            try:
                self._store.checkpoint()
            except StoreError:
                pass  # the edits are safe in the -wal file; the next poll tries again


def saved_time() -> str:
    """The time shown after "Gemt": now, as hh:mm:ss."""
    return dt.datetime.now().strftime("%H:%M:%S")


def failure_message(error: BaseException) -> str:
    """A sentence the secretary can act on; the text itself is safe in the window."""
    keep = "Teksten er ikke gemt endnu, men den er bevaret, og der prøves igen om få sekunder."
    text = str(error).lower()
    if (isinstance(error, OSError) and error.errno == errno.ENOSPC) or "full" in text or "no space" in text:
        cause = "Disken er fuld."
    elif "i/o" in text:
        cause = "Disken kunne ikke skrive (I/O-fejl)."
    elif isinstance(error, StoreError):
        cause = str(error).rstrip(".") + "."
    elif "readonly" in text or "read-only" in text or isinstance(error, PermissionError):
        cause = "Filen er skrivebeskyttet."
    elif "locked" in text or "busy" in text:
        cause = "Filen er optaget af et andet program."
    elif isinstance(error, (OSError, sqlite3.Error)):
        cause = f"Filen kunne ikke skrives ({error})."
    else:
        cause = f"Der opstod en fejl ved gemning ({error})."
    return f"{cause} {keep}"


class ChangeSource(Protocol):
    """What announces every successful write: the Session's `changed` (OpChanges)."""

    @property
    def changed(self) -> SignalInstance: ...


class SaveStatus(QLabel):
    """The status bar's save indicator: `Gemt hh:mm:ss`, or red with the message while
    saving fails.

    It follows the Session's `changed`, which every successful write announces (text,
    facts, attachments, deletes, moves, protocol, approval, undo and redo alike), so a new
    kind of change cannot be forgotten here; and the autosaver, which alone knows when a
    save failed and when saving works again."""

    _ERROR_STYLE = "QLabel { color: white; background-color: #b71c1c; padding: 1px 6px; font-weight: bold; }"

    def __init__(self, autosaver: Autosaver | None = None, session: ChangeSource | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._failing = False
        self._autosaver = autosaver
        self.setAccessibleName("Gemmestatus")
        if autosaver is not None:
            self.follow(autosaver)
        if session is not None:
            session.changed.connect(self._on_changed)

    def follow(self, autosaver: Autosaver) -> None:
        autosaver.saved.connect(self.show_saved)
        autosaver.failed.connect(self.show_failed)

    def _on_changed(self, _op: object) -> None:
        """A write reached the file. While the autosaver still holds text it could not
        save, the red message stays: something typed is not in the file yet."""
        if self._autosaver is not None and self._autosaver.is_failing():
            return
        self.show_saved(saved_time())

    def show_saved(self, time_text: str) -> None:
        self._failing = False
        self.setStyleSheet("")
        self.setToolTip("Alt er gemt i databasefilen.")
        self.setText(f"Gemt {time_text}")

    def show_failed(self, message: str) -> None:
        self._failing = True
        self.setStyleSheet(self._ERROR_STYLE)
        self.setToolTip(message)
        self.setText(message)

    def is_failing(self) -> bool:
        return self._failing
