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
