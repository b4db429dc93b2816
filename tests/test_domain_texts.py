"""The template's fixed wording, produced from the domain model (no Qt, no SQL)."""

import datetime as dt

import pytest

from referat_desktop.domain.model import Item, Meeting, Section, SectionKind
from referat_desktop.domain.texts import (
    Variant,
    decision_heading,
    document_title,
    item_heading,
    long_date,
    meeting_facts,
    meeting_when,
    participants_line,
    printed_sections,
)


def test_sample_front_page_texts(sample_meeting):
    assert document_title(sample_meeting, Variant.MINUTES) == "REFERAT Direktionen d. 16-12-2019"
    assert document_title(sample_meeting, Variant.AGENDA) == "DAGSORDEN Direktionen d. 16-12-2019"
    assert meeting_when(sample_meeting) == "Mandag d. 16. december 2019 kl. 09:00"
    assert decision_heading(sample_meeting) == "Beslutning Direktionen den 16-12-2019"
    assert participants_line(sample_meeting) == (
        "Lars Holte, Jørgen Lerhard, Per Aalbæk Nielsen, Charlotte Markussen, "
        "Kathrine Seier Skaastrup (sekretær)"
    )
    assert [label for label, _ in meeting_facts(sample_meeting)] == ["Mødedato", "Mødested", "Mødedeltagere"]
    assert item_heading(2, "Status sociale investeringer - dec 2019") == (
        "Punkt 2: Status sociale investeringer - dec 2019"
    )


WEEKDAYS = ["Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag", "Søndag"]
MONTHS = [
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
]  # fmt: skip


@pytest.mark.parametrize("month", range(1, 13))
def test_danish_dates_across_a_year(month):
    for day in (1, 9, 28):
        date = dt.date(2026, month, day)
        expected = f"{WEEKDAYS[date.weekday()]} d. {day}. {MONTHS[month - 1]} 2026"
        assert long_date(date) == expected


def test_no_time_leaves_out_kl():
    meeting = Meeting(body="Byrådet", date=dt.date(2026, 1, 5))
    assert meeting_when(meeting) == "Mandag d. 5. januar 2026"


def test_absent_row_only_when_someone_sent_apologies():
    meeting = Meeting(body="Direktionen", date=dt.date(2026, 3, 2), participants=["A"], absent=["B", "C"])
    assert meeting_facts(meeting)[-1] == ("Afbud", "B, C")
    assert participants_line(meeting) == "A"


def test_sections_in_template_order_and_empty_ones_left_out():
    item = Item(
        title="x",
        sections=[
            Section(SectionKind.EXTRA, "e1", heading="Økonomi"),
            Section(SectionKind.SAGSFREMSTILLING, "s"),
            Section(SectionKind.BESLUTNING, "b"),
            Section(SectionKind.INDSTILLING, "  \n"),
            Section(SectionKind.EXTRA, "e2", heading="Tidsplan"),
            Section(SectionKind.BAGGRUND, "a"),
        ],
    )
    minutes = printed_sections(item, Variant.MINUTES)
    assert [(s.kind, s.text) for s in minutes] == [
        (SectionKind.BAGGRUND, "a"),
        (SectionKind.BESLUTNING, "b"),
        (SectionKind.SAGSFREMSTILLING, "s"),
        (SectionKind.EXTRA, "e1"),
        (SectionKind.EXTRA, "e2"),
    ]
    agenda = printed_sections(item, Variant.AGENDA)
    assert SectionKind.BESLUTNING not in [s.kind for s in agenda]
