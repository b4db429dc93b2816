"""The permissions a file we create should get: what the user's umask gives any new file.

Files written to a temporary name and moved into place (exports, backups) are created by
`tempfile.mkstemp`, which always makes them 0600 (owner only), or by SQLite, which makes
them 0644 whatever the umask allows. A colleague in the same group could then not open
an exported PDF on a shared drive. So they are given 0666 minus the umask, as a text
editor's saved file is: 0644 under umask 022, 0664 under 002.

No imports from the rest of the program: export/ and store/ both use it.
Windows has no such permission bits (ACLs are inherited from the folder): a no-op there.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

_umask_lock = threading.Lock()


def current_umask() -> int:
    """The process's umask, read without changing it where the system says it (Linux
    4.7+: /proc/self/status). Elsewhere it can only be read by setting it and setting it
    back, which a thread creating a file at that moment would notice; the lock keeps
    our own callers from doing it twice at once."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    with _umask_lock:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def normal_mode() -> int:
    """0666 minus the umask: the mode a program's newly saved file gets."""
    return 0o666 & ~current_umask()


def give_normal_mode(fd: int) -> None:
    """Give the open file `fd` (one we just created) the user's normal permissions."""
    set_fd_mode(fd, normal_mode())


def set_fd_mode(fd: int, mode: int) -> None:
    if os.name == "posix":
        os.fchmod(fd, mode)


def set_mode(path: Path, mode: int) -> None:
    if os.name == "posix":
        os.chmod(path, mode)
