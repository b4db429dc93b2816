"""One writer at a time: an OS lock on `<db>.lock`, the holder's name in `<db>.lock.json`.

The lock itself is an fcntl/msvcrt lock (through `filelock`), which the operating system
drops the moment the holding process dies, so a crash or a power cut never locks the
secretary out of her own file. The JSON sidecar only tells a second window *who* holds
the file (user, machine, since when); a sidecar whose lock is free is stale and is
overwritten, unless it names a live process on this machine, which means the OS lock is
not honoured here (some network drives) and the file is really in use. A zombie (dead, not
yet reaped by its parent) is not live: it has closed its files, the OS lock with them.
On Windows the sidecar is never taken as proof (see docs/decisions.md, "Zombie locks").
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import socket
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import filelock

from referat_desktop.store.errors import FileInUse, StoreError


@dataclass(frozen=True)
class LockOwner:
    """Who has a database open for writing."""

    user: str
    host: str
    pid: int
    since: str  # ISO local time with offset
    start: str = ""  # the process's start token, so a reused pid is not taken for the owner

    @classmethod
    def current(cls) -> LockOwner:
        return cls(
            user=_user_name(),
            host=socket.gethostname(),
            pid=os.getpid(),
            since=dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            start=process_start_token(os.getpid()),
        )

    def describe(self) -> str:
        """'anne på maskinen LAPTOP-7 siden 27-11-2026 kl. 14:03', in Danish."""
        parts = []
        if self.user:
            parts.append(self.user)
        if self.host:
            parts.append(f"på maskinen {self.host}")
        try:
            since = dt.datetime.fromisoformat(self.since)
            parts.append(f"siden {since:%d-%m-%Y} kl. {since:%H:%M}")
        except ValueError:
            pass
        return " ".join(parts)

    def is_alive_here(self) -> bool:
        """True only when this owner is certainly a running process on this machine."""
        if self.host != socket.gethostname() or self.pid <= 0 or sys.platform == "win32":
            # On Windows os.kill(pid, 0) would send Ctrl+C; msvcrt locks are reliable there.
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            pass  # it exists but belongs to another user
        except OSError:
            return False
        # A holder that has just died may be a zombie its parent has not reaped yet:
        # os.kill still finds it, but it has closed its files and so dropped the lock.
        # Restarting right after a crash must not call the file "in use" by it.
        if process_state(self.pid) in ("Z", "X"):
            return False
        token = process_start_token(self.pid)
        return not (self.start and token and token != self.start)


def _stat_fields(pid: int) -> list[str]:
    """Fields 3.. of /proc/<pid>/stat (Linux), or [] where there is none.

    The command name (field 2) may hold spaces and parentheses; the fields after the
    last ')' are fixed: the state is field 3, the start time field 22."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return []
    return stat.rsplit(")", 1)[-1].split()


def process_state(pid: int) -> str:
    """'R', 'S', 'Z' (zombie), 'X' (dead) … on Linux; empty where that is not known."""
    fields = _stat_fields(pid)
    return fields[0] if fields else ""


def process_start_token(pid: int) -> str:
    """Boot id and start time of `pid` on Linux; empty where that is not known."""
    fields = _stat_fields(pid)
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return ""
    return f"{boot}:{fields[19]}" if len(fields) > 19 else ""


def _user_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in some services and containers
        return ""


class WriterLock:
    """The write lock of one database file. `acquire()` raises FileInUse when taken."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self.lock_path = self.db_path.with_name(self.db_path.name + ".lock")
        self.owner_path = self.db_path.with_name(self.db_path.name + ".lock.json")
        # thread_local=False: the window may close the store from another thread than
        # the one that opened it, and the release must still happen.
        self._lock = filelock.FileLock(str(self.lock_path), timeout=0, thread_local=False)
        self._owner: LockOwner | None = None

    def acquire(self) -> None:
        try:
            self._lock.acquire()
        except filelock.Timeout:
            raise in_use_error(self.db_path, self.read_owner()) from None
        except OSError as exc:
            raise StoreError(
                f"Filen {self.db_path.name} kan ikke låses til skrivning ({exc.strerror or exc})."
            ) from None
        previous = self.read_owner()
        if previous is not None and previous.pid != os.getpid() and previous.is_alive_here():
            self._lock.release()
            raise in_use_error(self.db_path, previous)
        self._owner = LockOwner.current()
        self._write_owner(self._owner)

    def release(self) -> None:
        if not self._lock.is_locked:
            return
        if self._owner is not None and self.read_owner() == self._owner:
            with contextlib.suppress(OSError):
                self.owner_path.unlink()
        self._owner = None
        self._lock.release()

    def read_owner(self) -> LockOwner | None:
        """The sidecar's owner, or None when it is missing or unreadable."""
        try:
            data = json.loads(self.owner_path.read_text(encoding="utf-8"))
            return LockOwner(
                user=str(data.get("user", "")),
                host=str(data.get("host", "")),
                pid=int(data.get("pid", 0)),
                since=str(data.get("since", "")),
                start=str(data.get("start", "")),
            )
        except (OSError, ValueError, TypeError, AttributeError):
            return None

    def _write_owner(self, owner: LockOwner) -> None:
        # Written beside and moved into place, so a reader never sees half a file. The
        # sidecar is a courtesy: failing to write it must not stop the secretary working.
        temporary = self.owner_path.with_name(self.owner_path.name + f".{os.getpid()}.tmp")
        try:
            temporary.write_text(json.dumps(asdict(owner), ensure_ascii=False), encoding="utf-8")
            os.replace(temporary, self.owner_path)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink()


def in_use_error(db_path: Path, owner: LockOwner | None) -> FileInUse:
    if owner is not None and owner.describe():
        who = f"af {owner.describe()}"
    else:
        who = "i et andet Referat-vindue eller program"
    return FileInUse(
        # No "it can be opened read-only" here: the command line cannot do that; the
        # window offers it as a button of its own (ui/files.py).
        f"Filen {db_path.name} er allerede åbnet til redigering {who}.",
        owner=owner,
        reason=f"{db_path.name} er åbnet til redigering {who}.",
    )
