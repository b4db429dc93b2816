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


# --- the decision protocol (issue 12) --------------------------------------------------


def test_protocol_wording():
    from referat_desktop.domain.protocol import Conflict, Statement, Vote
    from referat_desktop.domain.texts import conflict_line, item_absent_line, statement_line, vote_line

    assert item_absent_line(["Carla Nielsen (O)"]) == "Fraværende: Carla Nielsen (O)."
    assert item_absent_line(["Carla Nielsen (O)", " ", "Dorte Berg (Ø)"]) == (
        "Fraværende: Carla Nielsen (O) og Dorte Berg (Ø)."
    )
    assert item_absent_line([]) == item_absent_line([" "]) == ""
    assert conflict_line(Conflict("Bo Jensen (V)")) == (
        "Bo Jensen (V) erklærede sig inhabil og deltog ikke i behandlingen af punktet."
    )
    assert conflict_line(Conflict("Bo Jensen (V)", "Inhabil som bestyrelsesmedlem i foreningen")) == (
        "Bo Jensen (V) erklærede sig inhabil og deltog ikke i behandlingen af punktet."
        " Inhabil som bestyrelsesmedlem i foreningen."
    )
    assert conflict_line(Conflict(" ", "x")) == ""
    assert vote_line(Vote("Indstillingen", ["A", "C", "V"], ["Ø"], ["F"], "Godkendt")) == (
        "Indstillingen blev sat til afstemning. For stemte: A, C og V. Imod stemte: Ø."
        " Undlod at stemme: F. Godkendt."
    )
    assert vote_line(Vote(in_favour=["A", "C"], against=["Ø"], result="Indstillingen blev godkendt!")) == (
        "For stemte: A og C. Imod stemte: Ø. Indstillingen blev godkendt!"
    )
    assert vote_line(Vote(result="Enstemmigt godkendt")) == "Enstemmigt godkendt."
    assert vote_line(Vote()) == ""
    assert statement_line(Statement("Ø", "Enhedslisten kan ikke støtte forslaget, da ...")) == (
        "Ø ønskede følgende ført til protokol: Enhedslisten kan ikke støtte forslaget, da ..."
    )
    assert statement_line(Statement(" ", "Tekst")) == "Ført til protokol: Tekst"
    assert statement_line(Statement("Ø", " ")) == ""


def protocol_item(closed=False, decision="Godkendt."):
    from referat_desktop.domain.protocol import Conflict, Protocol, Statement, Vote

    sections = [Section(SectionKind.BAGGRUND, "b"), Section(SectionKind.SAGSFREMSTILLING, "s")]
    if decision:
        sections.append(Section(SectionKind.BESLUTNING, decision))
    protocol = Protocol(["C"], [Conflict("B")], [Vote(result="Godkendt")], [Statement("Ø", "Nej.")])
    return Item("Punkt", closed=closed, sections=sections, protocol=protocol)


def test_protocol_lines_in_order_and_per_variant():
    from referat_desktop.domain.texts import printed_protocol, protocol_lines

    item = protocol_item()
    lines = protocol_lines(item.protocol)
    assert [line.split()[0] for line in lines] == ["Fraværende:", "B", "Godkendt.", "Ø"]
    assert printed_protocol(item, Variant.MINUTES) == lines
    assert printed_protocol(item, Variant.PUBLIC) == lines
    assert printed_protocol(item, Variant.AGENDA) == []
    assert printed_protocol(protocol_item(closed=True), Variant.PUBLIC) == []
    assert printed_protocol(protocol_item(closed=True), Variant.MINUTES) == lines


def test_protocol_without_decision_text_still_gets_the_decision_section():
    item = protocol_item(decision="")
    kinds = [s.kind for s in printed_sections(item, Variant.MINUTES)]
    assert kinds == [SectionKind.BAGGRUND, SectionKind.BESLUTNING, SectionKind.SAGSFREMSTILLING]
    assert SectionKind.BESLUTNING not in [s.kind for s in printed_sections(item, Variant.AGENDA)]
    item.protocol = type(item.protocol)()
    assert SectionKind.BESLUTNING not in [s.kind for s in printed_sections(item, Variant.MINUTES)]
