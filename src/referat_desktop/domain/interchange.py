"""The public JSON interchange format `referat/1`: validation and conversion.

Fields are only ever added to this format. Reading accepts and ignores unknown fields;
writing always writes every field, defaults included, so other systems need no
knowledge of our defaults. Errors name the place, e.g.
`meetings[0].items[3].title: expected text`.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
from typing import Any

from referat_desktop.domain.model import Attachment, Item, Meeting, Section, SectionKind

FORMAT = "referat/1"
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class FormatError(ValueError):
    """The input is not valid `referat/1`; the message names the place."""


def loads(text: str) -> list[Meeting]:
    """Parse a whole `referat/1` document."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(
            f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    return meetings_from_data(data)


def meetings_from_data(data: Any) -> list[Meeting]:
    if not isinstance(data, dict):
        raise FormatError("expected a JSON object at the top")
    if data.get("format") != FORMAT:
        raise FormatError(f'format: expected "{FORMAT}", found {json.dumps(data.get("format"))}')
    meetings = _list(data, "meetings", "", required=True)
    return [_meeting(m, f"meetings[{i}]") for i, m in enumerate(meetings)]


def dumps(meetings: list[Meeting]) -> str:
    return json.dumps(data_from_meetings(meetings), ensure_ascii=False, indent=2) + "\n"


def data_from_meetings(meetings: list[Meeting]) -> dict[str, Any]:
    return {"format": FORMAT, "meetings": [_meeting_data(m) for m in meetings]}


# --- reading -------------------------------------------------------------------------


def _meeting(raw: Any, where: str) -> Meeting:
    _object(raw, where)
    date_text = _text(raw, "date", where, required=True)
    try:
        date = dt.date.fromisoformat(date_text)
    except ValueError:
        raise FormatError(f"{where}.date: expected a date as YYYY-MM-DD, found {date_text!r}") from None
    time = _text(raw, "time", where)
    if time and not _TIME.match(time):
        raise FormatError(f"{where}.time: expected a time as HH:MM, found {time!r}")
    return Meeting(
        body=_text(raw, "body", where, required=True),
        date=date,
        time=time,
        location=_text(raw, "location", where),
        participants=_names(raw, "participants", where),
        secretary=_text(raw, "secretary", where),
        absent=_names(raw, "absent", where),
        items=[_item(it, f"{where}.items[{i}]") for i, it in enumerate(_list(raw, "items", where))],
    )


def _item(raw: Any, where: str) -> Item:
    _object(raw, where)
    closed = raw.get("closed", False)
    if not isinstance(closed, bool):
        raise FormatError(f"{where}.closed: expected true or false")
    sections = [_section(s, f"{where}.sections[{i}]") for i, s in enumerate(_list(raw, "sections", where))]
    attachments = [
        _attachment(a, f"{where}.attachments[{i}]") for i, a in enumerate(_list(raw, "attachments", where))
    ]
    return Item(
        title=_text(raw, "title", where, required=True),
        case_number=_text(raw, "case_number", where),
        closed=closed,
        sections=sections,
        attachments=attachments,
    )


def _section(raw: Any, where: str) -> Section:
    _object(raw, where)
    kind_text = _text(raw, "kind", where, required=True)
    try:
        kind = SectionKind(kind_text)
    except ValueError:
        allowed = ", ".join(k.value for k in SectionKind)
        raise FormatError(f"{where}.kind: expected one of {allowed}, found {kind_text!r}") from None
    # An extra section with an empty heading is accepted (the window allows one while
    # the secretary has not named it yet); it prints its text without a heading.
    return Section(kind=kind, text=_text(raw, "text", where), heading=_text(raw, "heading", where))


def _attachment(raw: Any, where: str) -> Attachment:
    _object(raw, where)
    data = None
    encoded = _text(raw, "data", where)
    if encoded:
        try:
            data = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise FormatError(f"{where}.data: expected base64") from None
    return Attachment(
        name=_text(raw, "name", where, required=True),
        data=data,
        media_type=_text(raw, "media_type", where),
    )


def _object(raw: Any, where: str) -> None:
    if not isinstance(raw, dict):
        raise FormatError(f"{where}: expected an object")


def _text(raw: dict, key: str, where: str, required: bool = False) -> str:
    place = f"{where}.{key}" if where else key
    if key not in raw or raw[key] is None:
        if required:
            raise FormatError(f"{place}: missing")
        return ""
    value = raw[key]
    if not isinstance(value, str):
        raise FormatError(f"{place}: expected text")
    return value


def _list(raw: dict, key: str, where: str, required: bool = False) -> list:
    place = f"{where}.{key}" if where else key
    if key not in raw or raw[key] is None:
        if required:
            raise FormatError(f"{place}: missing")
        return []
    value = raw[key]
    if not isinstance(value, list):
        raise FormatError(f"{place}: expected a list")
    return value


def _names(raw: dict, key: str, where: str) -> list[str]:
    names = _list(raw, key, where)
    for i, name in enumerate(names):
        if not isinstance(name, str):
            raise FormatError(f"{where}.{key}[{i}]: expected text")
    return list(names)


# --- writing -------------------------------------------------------------------------


def _meeting_data(m: Meeting) -> dict[str, Any]:
    return {
        "body": m.body,
        "date": m.date.isoformat(),
        "time": m.time,
        "location": m.location,
        "participants": list(m.participants),
        "secretary": m.secretary,
        "absent": list(m.absent),
        "items": [_item_data(it) for it in m.items],
    }


def _item_data(item: Item) -> dict[str, Any]:
    return {
        "title": item.title,
        "case_number": item.case_number,
        "closed": item.closed,
        "sections": [_section_data(s) for s in item.sections],
        "attachments": [_attachment_data(a) for a in item.attachments],
    }


def _section_data(s: Section) -> dict[str, Any]:
    return {"kind": s.kind.value, "heading": s.heading, "text": s.text}


def _attachment_data(a: Attachment) -> dict[str, Any]:
    data: dict[str, Any] = {"name": a.name}
    if a.data is not None:
        data["data"] = base64.b64encode(a.data).decode("ascii")
        data["media_type"] = a.media_type
    return data
