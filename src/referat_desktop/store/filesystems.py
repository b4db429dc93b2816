"""Is a database file on a network drive? There SQLite's WAL mode is not safe.

WAL keeps its index in shared memory (the -shm file, mapped by every connection), which
network file systems do not share between machines (https://www.sqlite.org/wal.html,
"WAL does not work over a network filesystem"). A file on a network drive is opened
with a rollback journal (`journal_mode=DELETE`) instead: no shared memory, and every
commit is in the main file when it returns.

Detection is by path, without touching the file:
- Windows: a UNC path (`\\\\server\\share\\...`) or a drive letter whose type is
  DRIVE_REMOTE (GetDriveTypeW), which is what a mapped network drive is.
- Linux: the file system type of the mount holding the path, from /proc/self/mountinfo.
- macOS and others: not detected (treated as local); the users are on Windows.
When in doubt (the check itself fails) the answer is "local": WAL is what we always did.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

# Linux file system types that live on another machine (FUSE ones as "fuse.<name>").
NETWORK_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "coda", "9p",
    "ceph", "glusterfs", "lustre", "gpfs", "ocfs2", "gfs2", "davfs", "beegfs", "orangefs",
    "fuse.sshfs", "fuse.glusterfs", "fuse.davfs2", "fuse.rclone", "fuse.s3fs", "fuse.cephfs",
    "fuse.smbnetfs", "fuse.gvfsd-fuse", "fuse.juicefs", "fuse.gcsfuse", "fuse.goofys",
})
DRIVE_REMOTE = 4  # GetDriveTypeW


def is_network_path(path: Path | str) -> bool:
    """True when `path` (which need not exist yet) is on a network file system."""
    try:
        if sys.platform == "win32":
            return _windows_is_remote(str(Path(path).absolute()))
        if sys.platform.startswith("linux"):
            mountinfo = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
            return mount_type(_existing(Path(path)), mountinfo) in NETWORK_TYPES
    except (OSError, ValueError):
        pass
    return False


def _existing(path: Path) -> str:
    """The path with symlinks resolved, up to its deepest existing folder."""
    path = Path(os.path.abspath(path))
    while not path.exists() and path.parent != path:
        path = path.parent
    return str(path.resolve())


def mount_type(path: str, mountinfo: str) -> str:
    """The file system type of the mount holding `path`, from mountinfo's text (the
    last, i.e. topmost, mount of the longest matching mount point)."""
    best, best_type = "", ""
    for line in mountinfo.splitlines():
        before, sep, after = line.partition(" - ")
        fields = before.split()
        if not sep or len(fields) < 5 or not after.split():
            continue
        point = _unescape(fields[4])
        inside = path == point or path.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, best_type = point, after.split()[0]
    return best_type


def _unescape(field: str) -> str:
    # The kernel writes space, tab, newline and backslash in mount points as \ooo.
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def _windows_is_remote(absolute: str) -> bool:
    if absolute.startswith("\\\\?\\UNC\\"):
        return True
    absolute = absolute.removeprefix("\\\\?\\")
    if absolute.startswith("\\\\"):
        return True  # \\server\share\...
    import ctypes

    root = os.path.splitdrive(absolute)[0] + "\\"
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    return bool(kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)) == DRIVE_REMOTE)
