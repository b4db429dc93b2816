"""Bilag files outside the window (issue 15): open with the system's program, save a
copy, and what the clipboard or a drop carries.

"Åbn" writes a read-only copy into a folder of this session's own (removed when the
program ends, or when the window is closed) and hands it to the system, so the program
that shows it cannot change the bilag in the database. "Gem som…" writes through a
temporary file beside the target, renamed into place when whole (export/pipeline.py's
atomic write). Both stream the bytes from the database in chunks.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QDesktopServices

from referat_desktop.domain.model import Attachment
from referat_desktop.export.errors import ExportError
from referat_desktop.export.pipeline import atomic_write


def local_files(mime: QMimeData | None) -> list[str]:
    """The local files a drop or the clipboard carries (file URLs), in their order."""
    if mime is None or not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


def size_text(size: int) -> str:
    """A file size as a Danish reader expects it: "512 byte", "3,4 kB", "12,0 MB"."""
    if size < 1024:
        return f"{size} byte"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} kB".replace(".", ",")
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def safe_file_name(name: str) -> str:
    """The attachment's name as a file name in the temporary folder: no folders, no
    characters Windows refuses."""
    cleaned = "".join("_" if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in name).strip(" .")
    return cleaned or "bilag"


class AttachmentFiles:
    """The session's temporary folder for opened bilag, and the opening and saving."""

    def __init__(self) -> None:
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._opened = 0

    def temporary_copy(self, attachment: Attachment) -> Path:
        """A read-only copy of the file in this session's folder (a new subfolder each
        time, so two opened files of one name do not collide)."""
        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="referat-bilag-", ignore_cleanup_errors=True)
        self._opened += 1
        folder = Path(self._folder.name) / str(self._opened)
        folder.mkdir()
        target = folder / safe_file_name(attachment.name)
        with open(target, "wb") as out:
            for chunk in attachment.chunks():
                out.write(chunk)
        os.chmod(target, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        return target

    def open(self, attachment: Attachment) -> str:
        """Open the file with the system's program; "" or a Danish message why not."""
        if not attachment.has_file:
            return (f"{attachment.name} er kun et navn; der er ingen fil at åbne."
                    " Brug »Erstat fil…« for at give det en.")
        try:
            copy = self.temporary_copy(attachment)
        except OSError as exc:
            return f"{attachment.name} kunne ikke gøres klar til at åbne ({exc.strerror})."
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy))):
            return f"Der er intet program til at åbne {attachment.name} på denne computer."
        return ""

    def save_as(self, attachment: Attachment, target: Path) -> str:
        """Write the file to `target`; "" or a Danish message why not (the target is
        untouched then)."""
        try:
            atomic_write(target, lambda out: _write_chunks(attachment, out))
        except ExportError as exc:
            return f"Bilaget blev ikke gemt: {exc}."
        return ""

    def cleanup(self) -> None:
        """Remove the temporary folder and the copies in it."""
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None

    @property
    def folder(self) -> Path | None:
        return Path(self._folder.name) if self._folder is not None else None


def _write_chunks(attachment: Attachment, out: object) -> None:
    for chunk in attachment.chunks():
        out.write(chunk)  # type: ignore[attr-defined]
