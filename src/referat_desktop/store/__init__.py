"""The SQLite file, through sqlite-utils. No Qt.

`Store` and `SearchHit` are imported on first use (PEP 562), so that the command line's
read-only path (store/reading.py) and `from referat_desktop.store import StoreError` do not
pay for importing sqlite-utils and filelock.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from referat_desktop.store.errors import (
    DamagedFile,
    FileInUse,
    NewerVersion,
    NotFound,
    NotOurFile,
    ReadOnlyFile,
    StoreError,
)
from referat_desktop.store.reading import MeetingSummary

if TYPE_CHECKING:
    from referat_desktop.store.store import SearchHit, Store

__all__ = [
    "DamagedFile",
    "FileInUse",
    "MeetingSummary",
    "NewerVersion",
    "NotFound",
    "NotOurFile",
    "ReadOnlyFile",
    "SearchHit",
    "Store",
    "StoreError",
]


def __getattr__(name: str) -> object:
    if name in ("Store", "SearchHit"):
        from referat_desktop.store import store

        return getattr(store, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
