"""The store's work per item does not grow with the meeting (issue 10, point 5).

Counted in SQL statements (with trigger steps), not timed: importing a meeting of 300 items
must cost about twice one of 150. Renumbering every earlier item on each insert made it
four times (quadratic: 1,500 items took 50 s).
"""

from __future__ import annotations

import copy
import datetime as dt

from referat_desktop.domain.model import Item, Meeting, Section, SectionKind
from referat_desktop.store import Store


def meeting_of(items: int) -> Meeting:
    section = Section(SectionKind.SAGSFREMSTILLING, text="Tekst")
    item = Item(title="Punkt", case_number="26/1", sections=[section])
    meeting = Meeting(body="Direktionen", date=dt.date(2026, 11, 30))
    meeting.items = [copy.deepcopy(item) for _ in range(items)]
    return meeting


def statements(store: Store, operation) -> int:
    count = 0

    def trace(_sql: str) -> None:
        nonlocal count
        count += 1

    store.db.conn.set_trace_callback(trace)
    try:
        operation()
    finally:
        store.db.conn.set_trace_callback(None)
    return count


def test_import_costs_the_same_per_item_however_long_the_meeting(tmp_path):
    counts = {}
    for n in (150, 300):
        store = Store.open(tmp_path / f"{n}.sqlite", backup=False)
        try:
            counts[n] = statements(store, lambda s=store, n=n: s.import_meetings([meeting_of(n)]))
            assert store.item_ids(store.list_meetings()[0].id) and store.list_meetings()[0].item_count == n
        finally:
            store.close()
    # Linear: 2x the items, 2x the statements (plus the meeting's own few). Quadratic
    # renumbering gave about 4x.
    assert counts[300] <= 2.1 * counts[150]
    # A small constant per item: its INSERT, its section's, and the search index's trigger
    # steps (about 23 in all today; renumbering gave about 2,000 per item at 300).
    assert counts[300] <= 40 * 300


def test_an_edit_near_the_end_of_a_long_meeting_touches_only_what_moves(tmp_path):
    """Adding, moving or deleting an item shifts only the items after it (each shifted
    item also passes through the search index's update trigger). Near the end of the
    meeting that is the same few rows for 30 items as for 300; renumbering rewrote all."""

    def costs(n: int) -> list[int]:
        store = Store.open(tmp_path / f"edit-{n}.sqlite", backup=False)
        try:
            [meeting_id] = store.import_meetings([meeting_of(n)])
            ids = store.item_ids(meeting_id)
            result = [
                statements(store, lambda: store.add_item(meeting_id, Item(title="Ny"), n - 2)),
                statements(store, lambda: store.add_item(meeting_id, Item(title="Sidst"))),
                statements(store, lambda: store.move_item(ids[-1], n - 4)),
                statements(store, lambda: store.delete_item(ids[-5])),
            ]
            titles = [store.get_item(i).title for i in store.item_ids(meeting_id)]
            positions = store.db.execute(
                "SELECT position FROM items WHERE meeting_id = ? ORDER BY position", [meeting_id]
            ).fetchall()
            assert [p[0] for p in positions] == list(range(n + 1))  # still dense, 0..n
            assert titles[-4:] == ["Punkt", "Ny", "Punkt", "Sidst"]
            expected = ids[:-5] + [ids[-1], ids[-4], ids[-3]]  # ids[-5] deleted, ids[-1] moved
            assert store.item_ids(meeting_id)[:-3] == expected
            return result
        finally:
            store.close()

    assert costs(300) == costs(30)
