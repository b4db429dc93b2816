"""The rule behind "Nyt møde ud fra dette" (domain only, no Qt)."""

from __future__ import annotations

import datetime as dt

from referat_desktop.domain.model import Attachment, Item, Meeting, Section, SectionKind
from referat_desktop.domain.recurring import is_recurring, new_item, next_meeting, next_meeting_date


def test_next_date_is_a_week_later_same_weekday() -> None:
    assert next_meeting_date(dt.date(2019, 12, 16), today=dt.date(2019, 12, 16)) == dt.date(2019, 12, 23)


def test_next_date_of_an_old_meeting_is_not_in_the_past() -> None:
    date = next_meeting_date(dt.date(2019, 12, 16), today=dt.date(2024, 5, 1))  # a Wednesday
    assert date.weekday() == 0 and dt.date(2024, 5, 1) <= date < dt.date(2024, 5, 8)
    # Today itself is fine when it falls on the same weekday.
    assert next_meeting_date(dt.date(2024, 4, 22), today=dt.date(2024, 5, 6)) == dt.date(2024, 5, 6)


def test_recurring_titles_ignore_case_and_trailing_words() -> None:
    assert is_recurring(Item("Øvrige sager 16-12-2019"))
    assert is_recurring(Item("eventuelt"))
    assert not is_recurring(Item("Status sociale investeringer"))
    assert not is_recurring(Item("Sager om eventuelt salg"))


def test_next_meeting_keeps_facts_and_standing_items(sample_meeting: Meeting) -> None:
    sample_meeting.absent = ["Per Aalbæk Nielsen"]
    new = next_meeting(sample_meeting, today=dt.date(2019, 12, 16))
    assert (new.body, new.date, new.time, new.location) == (
        "Direktionen", dt.date(2019, 12, 23), "09:00", "Mødelokale B105")
    assert new.participants == sample_meeting.participants
    assert new.participants is not sample_meeting.participants
    assert new.secretary == "Kathrine Seier Skaastrup" and new.absent == []
    assert [i.title for i in new.items] == ["Øvrige sager 23-12-2019"]
    item = new.items[0]
    assert item.case_number == "19/227" and item.attachments == [] and item.id is None
    original = sample_meeting.items[0].section(SectionKind.BAGGRUND)
    assert [(s.kind, s.text) for s in item.sections] == [
        (SectionKind.BAGGRUND, original.text), (SectionKind.INDSTILLING, ""),
        (SectionKind.BESLUTNING, ""), (SectionKind.SAGSFREMSTILLING, "")]


def test_extra_sections_and_attachments_stay_behind() -> None:
    old = Meeting("Byrådet", dt.date(2024, 1, 8), items=[Item(
        "Eventuelt",
        sections=[Section(SectionKind.BESLUTNING, "Intet."), Section(SectionKind.EXTRA, "x", "Økonomi")],
        attachments=[Attachment("bilag.pdf")])])
    item = next_meeting(old, today=dt.date(2024, 1, 8)).items[0]
    assert all(s.kind is not SectionKind.EXTRA and s.text == "" for s in item.sections)
    assert item.attachments == []


def test_new_item_has_the_four_standard_sections_empty() -> None:
    item = new_item("Nyt punkt")
    assert [s.kind for s in item.sections] == [
        SectionKind.BAGGRUND, SectionKind.INDSTILLING, SectionKind.BESLUTNING, SectionKind.SAGSFREMSTILLING]
    assert all(s.is_empty for s in item.sections)
