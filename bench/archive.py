"""Synthetic archives for the benchmarks: N meetings of M items, text like the sample's."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

from referat_desktop.domain import interchange
from referat_desktop.domain.model import Item, Meeting
from referat_desktop.resources_path import SAMPLE_MEETING, resource
from referat_desktop.store import Store


def sample_meeting() -> Meeting:
    return interchange.loads(resource(*SAMPLE_MEETING).read_text(encoding="utf-8"))[0]


def big_meeting(items: int) -> Meeting:
    """A meeting of `items` items, cycling through the sample's six."""
    meeting = sample_meeting()
    source = meeting.items
    meeting.items = []
    for n in range(items):
        item: Item = copy.deepcopy(source[n % len(source)])
        item.title = f"{item.title} ({n + 1})"
        meeting.items.append(item)
    return meeting


def make_archive(path: Path, meetings: int = 2000, items_per_meeting: int = 12) -> Path:
    """Write (once) a database of `meetings` weekly meetings going back from 2026."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    template = big_meeting(items_per_meeting)
    store = Store.open(path)
    try:
        batch = []
        start = dt.date(2026, 11, 23)
        for n in range(meetings):
            meeting = copy.deepcopy(template)
            meeting.date = start - dt.timedelta(weeks=n)
            meeting.body = ("Direktionen", "Økonomiudvalget", "Byrådet")[n % 3]
            batch.append(meeting)
            if len(batch) == 100:
                store.import_meetings(batch)
                batch = []
        if batch:
            store.import_meetings(batch)
    finally:
        store.close()
    return path
