"""Synthetic archives for the benchmarks: N meetings of M items, text like the sample's.

Every third item of the archive carries decision-protocol entries (issue 12: an absent
member, an inhabil member, a vote, a protokoltilførsel), so opening a meeting, switching
items and autosave are measured with them present.
"""

from __future__ import annotations

import copy
import datetime as dt
import sqlite3
from pathlib import Path

from referat_desktop.domain import interchange
from referat_desktop.domain.model import Item, Meeting
from referat_desktop.domain.protocol import Conflict, Protocol, Statement, Vote
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


PROTOCOL_EVERY = 3  # every third item has protocol entries


def bench_protocol() -> Protocol:
    """Entries of every kind, as a committee meeting typically records them."""
    return Protocol(
        absent=["Carla Nielsen (O)"],
        conflicts=[Conflict("Bo Jensen (V)", "Inhabil som bestyrelsesmedlem i foreningen")],
        votes=[Vote("Indstillingen", ["A", "C", "O"], ["Ø"], ["F"], "Godkendt")],
        statements=[Statement("Ø", "Enhedslisten kan ikke støtte forslaget, da puljen bør gå til "
                                   "foreninger, der ikke selv kan skaffe en væsentlig egenfinansiering.")],
    )


def _has_protocol_entries(path: Path) -> bool:
    """Whether an archive made earlier already has protocol entries (older ones had none)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(items)")}
        query = "SELECT 1 FROM items WHERE json_array_length(protocol, '$.votes') > 0 LIMIT 1"
        return "protocol" in columns and conn.execute(query).fetchone() is not None
    finally:
        conn.close()


def make_archive(path: Path, meetings: int = 2000, items_per_meeting: int = 12) -> Path:
    """Write (once) a database of `meetings` weekly meetings going back from 2026. An
    archive from before the protocol entries existed is made again."""
    if path.exists():
        if _has_protocol_entries(path):
            return path
        for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            stale.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    template = big_meeting(items_per_meeting)
    for item in template.items[::PROTOCOL_EVERY]:
        item.protocol = bench_protocol()
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
