""""New meeting from this one": the next meeting of the same board with its standing items.

The rule, so a secretary can predict it:
- The new meeting keeps the facts marked `carried_over` in domain/model.py (body, time,
  location, participants, secretary, signature_sheet); nobody has sent apologies yet, so
  `absent` starts empty. "Nyt møde" (`blank_meeting`) copies the same facts.
- It falls one week later on the same weekday; if that is already in the past (copying an
  old meeting), the first such weekday from today on.
- Only recurring items come along: an item is recurring when its title begins with one of
  RECURRING_TITLES (case is ignored), e.g. "Øvrige sager 16-12-2019" or "Eventuelt".
- A copied item keeps its facts marked `carried_over` (title, case number, closed; a
  standing case has a standing journal number) and its Baggrund text (the standing
  description); Indstilling, Beslutning and
  Sagsfremstilling start empty; extra sections and attachments are left behind. A date
  written in the title as DD-MM-YYYY is changed to the new meeting's date.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from referat_desktop.domain.model import (
    ITEM_FIELDS,
    MEETING_FIELDS,
    Item,
    Meeting,
    Section,
    SectionKind,
    ValueKind,
    fixed_section_kinds,
)
from referat_desktop.domain.texts import short_date

RECURRING_TITLES = (
    "Øvrige sager",
    "Eventuelt",
    "Meddelelser",
    "Orientering",
    "Godkendelse af dagsorden",
    "Godkendelse af referat",
)

# The fixed kinds (domain/model.py's SECTION_KINDS); kept under this name for ui/item_tree.py.
STANDARD_KINDS = fixed_section_kinds()

_DATE_IN_TITLE = re.compile(r"\b\d{2}-\d{2}-\d{4}\b")


def is_recurring(item: Item) -> bool:
    title = item.title.strip().casefold()
    return any(title.startswith(prefix.casefold()) for prefix in RECURRING_TITLES)


def next_meeting_date(previous: dt.date, today: dt.date) -> dt.date:
    """One week after `previous`, moved on by whole weeks until it is not before `today`."""
    date = previous + dt.timedelta(days=7)
    if date < today:
        date += dt.timedelta(days=7 * -(-(today - date).days // 7))
    return date


def standard_sections(baggrund: str = "") -> list[Section]:
    """The four fixed sections every new item starts with (empty unless a Baggrund is given)."""
    return [Section(kind, baggrund if kind is SectionKind.BAGGRUND else "") for kind in STANDARD_KINDS]


def new_item(title: str) -> Item:
    return Item(title=title, sections=standard_sections())


NEW_BODY = "Nyt udvalg"  # the first meeting of a new file, until she types the board


def blank_meeting(latest: Meeting | None, today: dt.date) -> Meeting:
    """"Nyt møde": a meeting today of the board of the newest meeting, with its place, time,
    participants and secretary (as a follow-up meeting has), and no items."""
    if latest is None:
        return Meeting(body=NEW_BODY, date=today)
    return Meeting(**{**_carried_over(latest), "date": today})


def next_meeting(meeting: Meeting, today: dt.date) -> Meeting:
    """The follow-up meeting described in the module docstring (no ids: not saved yet)."""
    date = next_meeting_date(meeting.date, today)
    items = [_carry_over(item, date) for item in meeting.items if is_recurring(item)]
    return Meeting(**{**_carried_over(meeting), "date": date, "items": items})


def _carried_over(meeting: Meeting) -> dict[str, Any]:
    """The facts a follow-up meeting copies (lists copied); the rest take their defaults."""
    return {s.name: _copy(s.kind, getattr(meeting, s.name)) for s in MEETING_FIELDS if s.carried_over}


def _copy(kind: ValueKind, value: Any) -> Any:
    return list(value) if kind is ValueKind.NAMES else value


def _carry_over(item: Item, date: dt.date) -> Item:
    baggrund = item.section(SectionKind.BAGGRUND)
    facts = {s.name: _copy(s.kind, getattr(item, s.name)) for s in ITEM_FIELDS if s.carried_over}
    facts["title"] = _DATE_IN_TITLE.sub(short_date(date), item.title)
    return Item(**facts, sections=standard_sections(baggrund.text if baggrund else ""))
