"""The fixed wording of the municipal template, produced from a Meeting.

Danish weekday and month names come from Babel's CLDR data rather than our own tables.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from referat_desktop.domain.model import FIXED_HEADINGS, Item, Meeting, Role, Section, SectionKind


class Variant(StrEnum):
    """Which document is being produced from a meeting."""

    MINUTES = "referat"
    AGENDA = "dagsorden"
    PUBLIC = "offentlig"  # minutes without the content of closed items


CLOSED_ITEM_TEXT = "Lukket punkt"


def short_date(date: dt.date) -> str:
    """`16-12-2019`, the form the template uses in titles and decision headings."""
    return date.strftime("%d-%m-%Y")


def document_title(meeting: Meeting, variant: Variant) -> str:
    """`REFERAT Direktionen d. 16-12-2019`, or `DAGSORDEN ...` for an agenda."""
    kind = "DAGSORDEN" if variant is Variant.AGENDA else "REFERAT"
    return f"{kind} {meeting.body} d. {short_date(meeting.date)}".replace("  ", " ")


def long_date(date: dt.date) -> str:
    """`Mandag d. 16. december 2019`: weekday capitalised, month in lower case."""
    from babel.dates import format_date  # on first use: Babel's import is ~30 ms of start-up

    text = format_date(date, "EEEE 'd.' d. MMMM y", locale="da")
    return text[:1].upper() + text[1:]


def meeting_when(meeting: Meeting) -> str:
    """`Mandag d. 16. december 2019 kl. 09:00`; without `kl.` when no time is set."""
    when = long_date(meeting.date)
    return f"{when} kl. {meeting.time}" if meeting.time.strip() else when


def participants_line(meeting: Meeting) -> str:
    """Participants separated by `, `, the secretary last with ` (sekretær)`."""
    names = [p.name for p in meeting.people() if p.role == Role.PARTICIPANT]
    names += [f"{p.name} (sekretær)" for p in meeting.people() if p.role == Role.SECRETARY]
    return ", ".join(names)


def absent_line(meeting: Meeting) -> str:
    """Names of those who sent apologies; empty when nobody did."""
    return ", ".join(p.name for p in meeting.people() if p.role == Role.ABSENT)


def decision_heading(meeting: Meeting) -> str:
    """`Beslutning Direktionen den 16-12-2019`."""
    return decision_heading_of(meeting.body, meeting.date)


def decision_heading_of(body: str, date: dt.date) -> str:
    return f"Beslutning {body} den {short_date(date)}"


def item_heading(number: int, title: str) -> str:
    """`Punkt 2: Status sociale investeringer - dec 2019`."""
    return f"Punkt {number}: {title}"


def section_heading(meeting: Meeting, section: Section) -> str:
    if section.kind is SectionKind.BESLUTNING:
        return decision_heading(meeting)
    if section.kind is SectionKind.EXTRA:
        return section.heading
    return FIXED_HEADINGS[section.kind]


ATTACHMENTS_HEADING = "Bilag"
TOC_HEADING = "Indholdsfortegnelse"


def meeting_facts(meeting: Meeting) -> list[tuple[str, str]]:
    """The label/value rows of the front page; `Afbud` only when someone sent apologies."""
    rows = [
        ("Mødedato", meeting_when(meeting)),
        ("Mødested", meeting.location),
        ("Mødedeltagere", participants_line(meeting)),
    ]
    absent = absent_line(meeting)
    if absent:
        rows.append(("Afbud", absent))
    return rows


def printed_sections(item: Item, variant: Variant) -> list[Section]:
    """Sections that appear in print: in template order, non-empty, no decision in an agenda."""
    return [
        s
        for s in item.ordered_sections()
        if not s.is_empty and not (variant is Variant.AGENDA and s.kind is SectionKind.BESLUTNING)
    ]
