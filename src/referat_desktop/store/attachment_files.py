"""Bilag files in the database (issue 15): their own table, written and read in chunks.

`attachment_files(id, size, sha256, pdf_problem, data)` holds each file once; an
`attachments` row points to it by `file_id` (migration 5, store/schema.py). Listing an
item's attachments reads the small columns only, never `data`: the bytes are read when
a file is opened, saved out or exported, through SQLite's incremental blob I/O
(`Connection.blobopen`), FILE_CHUNK at a time, and written the same way into a
`zeroblob` of the file's size. So a 100 MB file is never whole in memory, and a file is
added in one transaction with its attachment row: after a crash the file is there whole
or not at all.

A file row no attachment points to is kept until the file is next opened for writing
(`collect_garbage`), so that undoing a removal within a session finds its bytes again.

Standard library only, but for pypdf, which is imported when a PDF is checked.
"""

from __future__ import annotations

import hashlib
import io
import mimetypes
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from referat_desktop.domain.model import FILE_CHUNK, Attachment
from referat_desktop.store.errors import StoreError

MAX_FILE_SIZE = 100 * 1024 * 1024  # per file; docs/decisions.md
PDF_MEDIA_TYPE = "application/pdf"


class _Source(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class FileRefused(StoreError):
    """A file that cannot be a bilag (too big, empty, unreadable); the message names it."""


@dataclass(frozen=True)
class StoredFile:
    """A file written into `attachment_files`, and what the attachment row needs of it."""

    file_id: int
    name: str
    media_type: str
    size: int
    sha256: str
    pdf_problem: str


def attached(stored: StoredFile, name: str | None = None) -> Attachment:
    """An attachment carrying a stored file (named as the file unless `name` is given)."""
    return Attachment(name if name is not None else stored.name, media_type=stored.media_type,
                      file_id=stored.file_id, size=stored.size, sha256=stored.sha256,
                      pdf_problem=stored.pdf_problem)


def media_type_of(name: str, head: bytes = b"") -> str:
    """The media type by the file's name, or by its first bytes for a PDF without one."""
    guessed = mimetypes.guess_type(name, strict=False)[0]
    if guessed:
        return guessed
    return PDF_MEDIA_TYPE if head.startswith(b"%PDF-") else "application/octet-stream"


def _size_text(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB".replace(".", ",")


def store_path(conn: sqlite3.Connection, path: Path) -> StoredFile:
    """Write the file at `path` into the table (inside the caller's transaction); a
    FileRefused naming the file when it is a folder, unreadable, empty or over the limit."""
    path = Path(path)
    name = path.name
    try:
        size = os.stat(path).st_size
        if not path.is_file():
            raise FileRefused(f"{name} er ikke en fil og kan ikke tilføjes som bilag.")
        source = open(path, "rb")  # noqa: SIM115 (closed below, after the checks)
    except FileRefused:
        raise
    except OSError as exc:
        raise FileRefused(f"{name} kan ikke læses ({exc.strerror}) og er ikke tilføjet som bilag.") from None
    with source:
        check_size(name, size)
        head = source.read(8)
        source.seek(0)
        return store_stream(conn, source, size, name, media_type_of(name, head))


def store_bytes(conn: sqlite3.Connection, data: bytes, name: str, media_type: str) -> StoredFile:
    """As `store_path`, for bytes already in memory (a file that came in JSON). No size
    limit here: the limit is for what the secretary adds, an import keeps what it has."""
    return store_stream(conn, io.BytesIO(data), len(data), name, media_type or media_type_of(name, data[:8]))


def store_chunks(conn: sqlite3.Connection, chunks: Iterator[bytes], size: int, name: str,
                 media_type: str) -> StoredFile:
    """As `store_bytes`, for a file that arrives in chunks of a known total size."""
    return store_stream(conn, _ChunkStream(chunks), size, name, media_type or media_type_of(name))


class _ChunkStream(io.RawIOBase):
    """Chunks as a readable stream (for store_stream's reads of at most FILE_CHUNK)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        super().__init__()
        self._chunks = chunks
        self._left = b""

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        while not self._left:
            chunk = next(self._chunks, None)
            if chunk is None:
                return b""
            self._left = chunk
        size = len(self._left) if size < 0 else size
        piece, self._left = self._left[:size], self._left[size:]
        return piece


def check_size(name: str, size: int) -> None:
    if size == 0:
        raise FileRefused(f"{name} er tom (0 byte) og er ikke tilføjet som bilag.")
    if size > MAX_FILE_SIZE:
        raise FileRefused(
            f"{name} fylder {_size_text(size)}; et bilag må højst fylde {_size_text(MAX_FILE_SIZE)}."
            " Filen er ikke tilføjet."
        )


def store_stream(
    conn: sqlite3.Connection, source: _Source, size: int, name: str, media_type: str
) -> StoredFile:
    """Copy `size` bytes from `source` into a new row, FILE_CHUNK at a time."""
    cursor = conn.execute("INSERT INTO attachment_files (size, data) VALUES (?, zeroblob(?))", [size, size])
    file_id = cursor.lastrowid
    assert file_id is not None
    hasher = hashlib.sha256()
    try:
        written = _copy_into_blob(conn, file_id, source, size, hasher) if size else 0
    except OSError as exc:
        raise FileRefused(f"{name} kunne ikke læses helt ({exc.strerror}) og er ikke tilføjet.") from None
    if written != size or source.read(1):
        raise FileRefused(f"{name} ændrede sig, mens den blev læst; prøv igen.")
    problem = pdf_problem(conn, file_id) if media_type == PDF_MEDIA_TYPE else ""
    conn.execute("UPDATE attachment_files SET sha256 = ?, pdf_problem = ? WHERE id = ?",
                 [hasher.hexdigest(), problem, file_id])
    return StoredFile(file_id, name, media_type, size, hasher.hexdigest(), problem)


def _copy_into_blob(conn: sqlite3.Connection, file_id: int, source: _Source, size: int,
                    hasher: hashlib._Hash) -> int:
    written = 0
    with conn.blobopen("attachment_files", "data", file_id) as blob:
        while written < size:
            chunk = source.read(min(FILE_CHUNK, size - written))
            if not chunk:
                break
            blob.write(chunk)
            hasher.update(chunk)
            written += len(chunk)
    return written


def read_chunks(conn: sqlite3.Connection, file_id: int) -> Iterator[bytes]:
    """The file's bytes, FILE_CHUNK at a time."""
    with conn.blobopen("attachment_files", "data", file_id, readonly=True) as blob:
        while chunk := blob.read(FILE_CHUNK):
            yield chunk


def pdf_problem(conn: sqlite3.Connection, file_id: int) -> str:
    """Why the stored PDF cannot go into a combined PDF, in Danish ("" when it can).
    pypdf reads through the blob, so only the cross-reference table, the trailer and the
    page tree are read, not the pages' content."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    with conn.blobopen("attachment_files", "data", file_id, readonly=True) as blob:
        # A file without a PDF's first and last marks is damaged past what a combined PDF
        # can use; checked here, because pypdf would read all of it trying to rebuild it.
        head = blob.read(1024)
        blob.seek(max(0, len(blob) - 1024))
        if b"%PDF-" not in head or b"%%EOF" not in blob.read(1024):
            return "filen er beskadiget (den begynder eller slutter ikke som en PDF)"
        blob.seek(0)
        try:
            reader = PdfReader(io.BufferedReader(_BlobStream(blob), FILE_CHUNK // 12), strict=False)
            if reader.is_encrypted:
                return "filen er krypteret (beskyttet med adgangskode)"
            if len(reader.pages) == 0:
                return "filen har ingen sider"
        except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
            return f"filen er beskadiget ({type(exc).__name__})"
    return ""


class _BlobStream(io.RawIOBase):
    """A sqlite3.Blob as a read-only raw stream, so pypdf reads only what it seeks to."""

    def __init__(self, blob: sqlite3.Blob) -> None:
        super().__init__()
        self._blob = blob

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._blob.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        self._blob.seek(offset, whence)
        return self._blob.tell()

    def tell(self) -> int:
        return self._blob.tell()


def collect_garbage(conn: sqlite3.Connection) -> int:
    """Delete files no attachment points to (left by a removal or a replaced file in an
    earlier session, whose undo is gone); the number deleted."""
    cursor = conn.execute(
        "DELETE FROM attachment_files WHERE id NOT IN"
        " (SELECT file_id FROM attachments WHERE file_id IS NOT NULL)"
    )
    return cursor.rowcount
