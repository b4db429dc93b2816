"""The fixed wording of the municipal template, produced from a Meeting.

Danish weekday and month names come from Babel's CLDR data rather than our own tables.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from referat_desktop.domain.model import (
    FIXED_HEADINGS,
    SECTION_ORDER,
    Approval,
    Correction,
    Item,
    Meeting,
    Role,
    Section,
    SectionKind,
)
from referat_desktop.domain.protocol import Conflict, Protocol, Statement, Vote


class Variant(StrEnum):
    """Which document is being produced from a meeting."""

    MINUTES = "referat"
    AGENDA = "dagsorden"
    PUBLIC = "offentlig"  # minutes without the content of closed items
    PUBLIC_AGENDA = "offentlig dagsorden"  # the agenda without the content of closed items

    @property
    def is_agenda(self) -> bool:
        """An agenda, internal or public: titled DAGSORDEN, no decisions, no protocol."""
        return self in (Variant.AGENDA, Variant.PUBLIC_AGENDA)

    @property
    def is_public(self) -> bool:
        """For publishing: closed items keep only their number, title and `Lukket punkt`."""
        return self in (Variant.PUBLIC, Variant.PUBLIC_AGENDA)


CLOSED_ITEM_TEXT = "Lukket punkt"  # under a closed item's heading, in every variant


def short_date(date: dt.date) -> str:
    """`16-12-2019`, the form the template uses in titles and decision headings."""
    return date.strftime("%d-%m-%Y")


def document_title(meeting: Meeting, variant: Variant) -> str:
    """`REFERAT Direktionen d. 16-12-2019`, or `DAGSORDEN ...` for an agenda (the public one
    too: the template's title; the file's subject says it is the public version)."""
    kind = "DAGSORDEN" if variant.is_agenda else "REFERAT"
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
    """Sections that appear in print: in template order, non-empty, no decision in an agenda.
    An item whose protocol or corrections print (see `printed_protocol`) always has its
    decision section, an empty one if it has no decision text, so the entries get their
    heading."""
    sections = [
        s
        for s in item.ordered_sections()
        if not s.is_empty and not (variant.is_agenda and s.kind is SectionKind.BESLUTNING)
    ]
    entries = printed_protocol(item, variant) or printed_corrections(item, variant)
    if entries and not any(s.kind is SectionKind.BESLUTNING for s in sections):
        sections = sorted([*sections, Section(SectionKind.BESLUTNING)], key=lambda s: SECTION_ORDER[s.kind])
    return sections


# --- the decision protocol (issue 12) ------------------------------------------------
# Printed inside the item's decision section, after the decision text, one paragraph per
# line of `protocol_lines`: absent, inhabilitet, votes, protokoltilførsler. Names, party
# letters, motions and results print as typed (only trimmed); lists are joined the Danish
# way by Babel ("A, C og V"); a note or a result that does not end a sentence gets a full
# stop. A statement's text is the member's own words and is printed exactly as typed.


def printed_protocol(item: Item, variant: Variant) -> list[str]:
    """The protocol's lines as this variant prints them: none in an agenda (it happens at
    the meeting), none for a closed item in a public version, all of them otherwise."""
    if variant.is_agenda or (variant.is_public and item.closed):
        return []
    return protocol_lines(item.protocol)


def protocol_lines(protocol: Protocol) -> list[str]:
    """Every printed line, in the fixed order; entries left blank print nothing."""
    lines = []
    absent = item_absent_line(protocol.absent)
    if absent:
        lines.append(absent)
    lines += [line for line in map(conflict_line, protocol.conflicts) if line]
    lines += [line for line in map(vote_line, protocol.votes) if line]
    lines += [line for line in map(statement_line, protocol.statements) if line]
    return lines


def item_absent_line(names: list[str]) -> str:
    """`Fraværende: Carla Nielsen (O) og Dorte Berg (Ø).`; empty when nobody was absent."""
    listed = _listed(names)
    return _sentence(f"Fraværende: {listed}") if listed else ""


def conflict_line(conflict: Conflict) -> str:
    """`Bo Jensen (V) erklærede sig inhabil og deltog ikke i behandlingen af punktet.`, then
    the note as a sentence of its own: `... af punktet. Inhabil som bestyrelsesmedlem i
    foreningen.`; empty when the name is blank."""
    name = conflict.name.strip()
    if not name:
        return ""
    line = f"{name} erklærede sig inhabil og deltog ikke i behandlingen af punktet."
    note = conflict.note.strip()
    return f"{line} {_sentence(note)}" if note else line


def vote_line(vote: Vote) -> str:
    """`Indstillingen blev sat til afstemning. For stemte: A, C og V. Imod stemte: Ø.
    Undlod at stemme: F. Godkendt.` Each part only when given (no motion: the line starts
    at `For stemte`); empty when nothing is."""
    parts = []
    motion = vote.motion.strip()
    if motion:
        parts.append(_sentence(f"{motion} blev sat til afstemning"))
    for label, names in (("For stemte", vote.in_favour), ("Imod stemte", vote.against),
                         ("Undlod at stemme", vote.abstain)):
        listed = _listed(names)
        if listed:
            parts.append(_sentence(f"{label}: {listed}"))
    result = vote.result.strip()
    if result:
        parts.append(_sentence(result))
    return " ".join(parts)


def statement_line(statement: Statement) -> str:
    """`Ø ønskede følgende ført til protokol: Enhedslisten kan ikke støtte forslaget, da ...`
    (the text as typed, line breaks kept); `Ført til protokol: ...` if nobody is named;
    empty when the text is blank."""
    text = statement.text.strip()
    if not text:
        return ""
    by = statement.by.strip()
    return f"{by} ønskede følgende ført til protokol: {text}" if by else f"Ført til protokol: {text}"


# --- approved minutes (issue 13) -------------------------------------------------------

APPROVED_STATUS = "Godkendt"  # the document properties' status of approved minutes
SIGNATURES_HEADING = "Underskrifter"


def approval_line(approval: Approval) -> str:
    """`Referatet er godkendt 18-12-2019 af Lars Holte.`, under the front page's facts."""
    when, by = short_date(approval.approved_on), approval.approved_by.strip()
    return _sentence(f"Referatet er godkendt {when} af {by}")


def printed_approval(meeting: Meeting, variant: Variant) -> str:
    """The approval line as this variant prints it: none for a draft or an agenda."""
    if meeting.approval is None or variant.is_agenda:
        return ""
    return approval_line(meeting.approval)


def correction_line(correction: Correction) -> str:
    """`Rettelse 20-12-2019: Beløbet er 200 kr. (Kathrine Seier Skaastrup)`: the text as
    typed (a full stop added if it ends no sentence), who made it in brackets."""
    line = f"Rettelse {short_date(correction.date)}: {_sentence(correction.text.strip())}"
    by = correction.by.strip()
    return f"{line} ({by})" if by else line


def printed_corrections(item: Item, variant: Variant) -> list[str]:
    """Printed after the decision (after its protocol lines), like the protocol: none in an
    agenda, none for a closed item in a public version."""
    if variant.is_agenda or (variant.is_public and item.closed):
        return []
    return [correction_line(c) for c in item.corrections if c.text.strip()]


def signatories(meeting: Meeting) -> list[str]:
    """Who signs the minutes: every participant present at the meeting (those in Afbud are
    not), in the participants' order; the secretary does not sign."""
    absent = {name.strip() for name in meeting.absent}
    return [p.name.strip() for p in meeting.people()
            if p.role is Role.PARTICIPANT and p.name.strip() not in absent]


def _listed(names: list[str]) -> str:
    """`A, C og V` (Babel's Danish list); blank names are left out."""
    from babel.lists import format_list  # on first use, like format_date

    return format_list([n.strip() for n in names if n.strip()], locale="da")


def _sentence(text: str) -> str:
    """The text with a full stop unless it already ends a sentence (`.`, `!`, `?`, `:`)."""
    return text if text.endswith((".", "!", "?", ":")) else f"{text}."
