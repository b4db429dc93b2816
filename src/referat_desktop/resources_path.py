"""Where the shipped resources are, installed or frozen."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def resource(*parts: str) -> Traversable:
    """A file under resources/, e.g. resource("samples", "direktionen-2019-12-16.json")."""
    path = files("referat_desktop.resources")
    for part in parts:
        path = path / part
    return path


SAMPLE_MEETING = ("samples", "direktionen-2019-12-16.json")
# A fictional Økonomiudvalget meeting with every kind of decision-protocol entry (absent
# per item, inhabilitet, votes, protokoltilførsler), a closed item and an item with
# entries but no decision text.
PROTOCOL_SAMPLE_MEETING = ("samples", "oekonomiudvalget-2026-11-24.json")
SAMPLE_MEETINGS = (SAMPLE_MEETING, PROTOCOL_SAMPLE_MEETING)
