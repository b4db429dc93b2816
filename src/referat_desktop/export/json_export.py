"""The JSON renderer: the meeting itself in the interchange format `referat/1`.

It writes the data, not the document model, so it reads the meeting (`uses_document`
is off in formats.py) and never loads markdown-it, reportlab or python-docx.
"""

from __future__ import annotations

from dataclasses import replace
from typing import BinaryIO

from referat_desktop.domain import interchange
from referat_desktop.domain.model import Meeting
from referat_desktop.domain.protocol import Protocol
from referat_desktop.export.errors import ExportWarning
from referat_desktop.export.formats import RenderInput


def render_export(source: RenderInput, out: BinaryIO) -> list[ExportWarning]:
    """The registry's entry (formats.py). A public version leaves out what the public
    PDF and Word files leave out; the agenda is the whole meeting, as before, so the
    public agenda is the same data as the public minutes (`--agenda` never changed JSON)."""
    meeting = public_copy(source.meeting) if source.variant.is_public else source.meeting
    out.write(interchange.dumps([meeting]).encode())
    return []


def public_copy(meeting: Meeting) -> Meeting:
    """The meeting without the content of closed items (they keep number and title), their
    decision protocol included."""
    items = [
        replace(it, sections=[], attachments=[], protocol=Protocol()) if it.closed else it
        for it in meeting.items
    ]
    return replace(meeting, items=items)
