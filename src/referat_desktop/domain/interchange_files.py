"""referat/1 with large files (issue 15): a file's base64 is never whole in memory.

Writing: `interchange.write` puts a placeholder where each file's base64 goes and
`with_files_chunks` writes the text with each placeholder replaced by the file's base64,
encoded chunk by chunk from `Attachment.chunks()` (the canonical form of domain/approval.py
is hashed the same way).

Reading: `loads_buffer` reads a document from a bytes-like buffer (a memory-mapped file):
each `data` value longer than LARGE_DATA characters is cut out before the JSON is parsed,
and the attachment gets a `read_file` that decodes it from the buffer, chunk by chunk,
when the store writes it. So importing a 300 MB file holds neither its text as a str nor
its files as bytes; the mapped file's pages are the operating system's to drop.
"""

from __future__ import annotations

import base64
import binascii
import re
import secrets
from collections.abc import Callable, Iterator
from typing import Any

from referat_desktop.domain.model import FILE_CHUNK, Attachment, Meeting


class FormatError(ValueError):
    """The input is not valid `referat/1`; the message names the place (interchange.py
    raises it too: it lives here so that this module needs nothing from there)."""

# A placeholder for a file's base64 in JSON text: the token is random per process and
# written with control characters no user text can produce unescaped, so it cannot be
# mistaken for content.
_PLACEHOLDER_TOKEN = secrets.token_hex(16)
_PLACEHOLDER = re.compile(
    re.escape('"\\u0000file:' + _PLACEHOLDER_TOKEN + ":") + r"(\d+)" + re.escape('\\u0000"')
)


def file_placeholder(index: int) -> str:
    return f"\x00file:{_PLACEHOLDER_TOKEN}:{index}\x00"


def with_files_chunks(text: str, files: list[Attachment]) -> Iterator[bytes]:
    """`text` (json.dumps output holding placeholders) as UTF-8 pieces, each placeholder
    replaced by the JSON string of its file's base64, produced chunk by chunk."""
    start = 0
    for match in _PLACEHOLDER.finditer(text):
        yield text[start:match.start()].encode("utf-8")
        yield b'"'
        for chunk in files[int(match.group(1))].chunks():
            yield base64.b64encode(chunk)
        yield b'"'
        start = match.end()
    yield text[start:].encode("utf-8")


LARGE_DATA = 64 * 1024  # base64 characters; a shorter value is parsed as it is

# A `data` member: the quote before `data` follows `{`, `,` or white space, which a quote
# inside a JSON string cannot (it follows a backslash there).
_DATA_MEMBER = re.compile(rb'(?<=[{,\s])"data"\s*:\s*"([^"\\]{%d,})"' % LARGE_DATA)
_CUT = "\x00cut:" + secrets.token_hex(8) + ":"


def cut_large_data(buffer: Any) -> tuple[bytes, list[tuple[int, int]]]:
    """The document with each large `data` value replaced by a short marker, and the
    (start, end) of each value in `buffer`, in order."""
    pieces: list[bytes] = []
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _DATA_MEMBER.finditer(buffer):
        pieces.append(bytes(buffer[start:match.start(1)]))
        pieces.append(f"{_CUT}{len(spans)}".encode().replace(b"\x00", b"\\u0000"))
        spans.append((match.start(1), match.end(1)))
        start = match.end(1)
    pieces.append(bytes(buffer[start:]))
    return b"".join(pieces), spans


def cut_index(value: str) -> int | None:
    """The span number of a marker left by `cut_large_data`, else None."""
    return int(value[len(_CUT):]) if value.startswith(_CUT) else None


def decoded_size(buffer: Any, start: int, end: int) -> int:
    """The number of bytes the base64 in buffer[start:end] decodes to."""
    length = end - start
    padding = bytes(buffer[max(start, end - 2):end]).count(b"=")
    return length // 4 * 3 - padding


def span_reader(buffer: Any, start: int, end: int, where: str) -> Callable[[], Iterator[bytes]]:
    """Streams the base64 in buffer[start:end] decoded, FILE_CHUNK bytes at a time."""
    def read() -> Iterator[bytes]:
        step = FILE_CHUNK // 3 * 4
        for offset in range(start, end, step):
            try:
                yield base64.b64decode(bytes(buffer[offset:min(offset + step, end)]), validate=True)
            except (binascii.Error, ValueError):
                raise FormatError(f"{where}.data: expected base64") from None

    if (end - start) % 4:
        raise FormatError(f"{where}.data: expected base64")
    return read


def take_cut_data(data: Any) -> dict[tuple[int, int, int], int]:
    """Take each cut marker out of the parsed document (the attachment is then read as a
    name only), returning (meeting, item, attachment) -> span number."""
    cut: dict[tuple[int, int, int], int] = {}
    for m, meeting in enumerate(_entries(data, "meetings")):
        for i, item in enumerate(_entries(meeting, "items")):
            for a, attachment in enumerate(_entries(item, "attachments")):
                value = attachment.get("data") if isinstance(attachment, dict) else None
                index = cut_index(value) if isinstance(value, str) else None
                if index is not None:
                    cut[(m, i, a)] = index
                    attachment["data"] = None
    return cut


def _entries(parent: Any, key: str) -> list[Any]:
    value = parent.get(key) if isinstance(parent, dict) else None
    return value if isinstance(value, list) else []


def give_cut_files(meetings: list[Meeting], cut: dict[tuple[int, int, int], int],
                   spans: list[tuple[int, int]], buffer: Any) -> None:
    """Give each attachment whose data was cut out its file, streamed from the buffer."""
    for (m, i, a), index in cut.items():
        start, end = spans[index]
        attachment = meetings[m].items[i].attachments[a]
        attachment.read_file = span_reader(buffer, start, end, f"meetings[{m}].items[{i}].attachments[{a}]")
        attachment.size = decoded_size(buffer, start, end)
