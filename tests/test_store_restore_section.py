"""Undoing the deletion of a section puts it back with its id, text and place."""

from __future__ import annotations

import datetime as dt

from referat_desktop.domain.model import Item, Meeting, Section, SectionKind


def test_restore_section_keeps_id_text_and_place(store, sample_meeting: Meeting) -> None:
    meeting_id = store.add_meeting(sample_meeting)
    item_id = store.item_ids(meeting_id)[1]
    store.add_section(item_id, Section(SectionKind.EXTRA, "Budget 2020", heading="Økonomi"))
    store.add_section(item_id, Section(SectionKind.EXTRA, "Tre stillinger", heading="Personale"))
    before = store.get_item(item_id).sections
    economy = next(s for s in before if s.heading == "Økonomi")
    index = before.index(economy)

    deleted = store.delete_section(economy.id)
    assert [s.heading for s in store.get_item(item_id).sections].count("Økonomi") == 0

    assert store.restore_section(item_id, deleted, index) == economy.id
    assert store.get_item(item_id).sections == before


def test_restore_section_index_past_the_end_appends(store) -> None:
    meeting_id = store.add_meeting(Meeting("Direktionen", dt.date(2024, 1, 8)))
    item_id = store.add_item(meeting_id, Item("Punkt", sections=[Section(SectionKind.BAGGRUND, "a")]))
    section = Section(SectionKind.EXTRA, "x", heading="Ekstra", id=999)
    assert store.restore_section(item_id, section, 50) == 999
    assert [s.id for s in store.get_item(item_id).sections][-1] == 999
