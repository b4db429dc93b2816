"""Guard against a PySide6 regression that would crash the window after a while.

PySide6 6.12.0's `SignalInstance.emit()` returns True without a reference of its own, so
every emit whose result is dropped takes one reference from True; after a few thousand
emits (a few thousand keystrokes in a section) Python aborts with "deallocating True".
pyproject.toml therefore keeps PySide6 below 6.12; this test fails on a version with the bug.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    happened = Signal(int)


def test_emitting_a_signal_keeps_the_reference_count_of_true(qapp) -> None:
    emitter = _Emitter()
    received: list[int] = []
    emitter.happened.connect(received.append)
    before = sys.getrefcount(True)
    for number in range(50):
        emitter.happened.emit(number)
    assert len(received) == 50
    assert sys.getrefcount(True) >= before - 5  # a few may move elsewhere; 50 would be the bug
