"""The SQLite file, through sqlite-utils. No Qt."""

from referat_desktop.store.errors import (
    DamagedFile,
    FileInUse,
    NewerVersion,
    NotFound,
    NotOurFile,
    ReadOnlyFile,
    StoreError,
)
from referat_desktop.store.store import MeetingSummary, SearchHit, Store

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
