"""Errors the store raises, each with a message a secretary can act on (in Danish).

The window shows the message as it is; the command line prints it on one line.
"""


class StoreError(Exception):
    """Base for every problem with the database file."""


class NotOurFile(StoreError):
    """The file is not a Referat database (not SQLite, or another program's SQLite)."""


class DamagedFile(StoreError):
    """The file claims to be SQLite but cannot be read in full."""


class NewerVersion(StoreError):
    """The file was written by a newer Referat with a schema we do not know."""


class FileInUse(StoreError):
    """Another Referat window or process has the file open for writing.

    `owner` is a `store.lock.LockOwner` (user, host, pid, since) when it is known;
    `reason` says who has it in one sentence, for a window that then opens it read-only.
    """

    def __init__(self, message: str, owner: object | None = None, reason: str = "") -> None:
        super().__init__(message)
        self.owner = owner
        self.reason = reason


class ReadOnlyFile(StoreError):
    """An edit was attempted on a file opened read-only."""


class NotFound(StoreError):
    """A meeting, item or section id that is not (or no longer) in the file."""
