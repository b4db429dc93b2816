"""The public JSON interchange format `referat/1`: validation and conversion.

Fields are only ever added to this format. Reading accepts and ignores unknown fields;
writing always writes every field, defaults included, so other systems need no
knowledge of our defaults. Errors name the place, e.g.
`meetings[0].items[3].title: expected text`.

A meeting's and an item's facts are read and written from the tables in domain/model.py
(MEETING_FIELDS, ITEM_FIELDS): the JSON key is the fact's name, the check comes from its
ValueKind, and a fact without a default is required. A new fact needs nothing here.

An item's decision protocol (domain/protocol.py: `absent`, `conflicts`, `votes`,
`statements`) is read here with its own checks and written with `Protocol.to_json`,
empty lists included, like every other field.

Approval (issue 13, domain/approval.py): a meeting's `approval` object
(`approved_on`, `approved_by`, `sha256`) is written only for approved minutes; an item's
`corrections` list is written on every item, empty ones included.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import io
import json
import re
from typing import Any, BinaryIO

from referat_desktop.domain.interchange_files import (
    FormatError,
    cut_large_data,
    file_placeholder,
    give_cut_files,
    take_cut_data,
    with_files_chunks,
)
from referat_desktop.domain.model import (
    ITEM_FIELDS,
    MEETING_FIELDS,
    Approval,
    Attachment,
    Correction,
    FieldSpec,
    Item,
    Meeting,
    Section,
    SectionKind,
    ValueKind,
)
from referat_desktop.domain.protocol import Conflict, Protocol, Statement, Vote

__all__ = ["FORMAT", "FormatError", "data_from_meetings", "dumps", "loads", "loads_buffer", "write"]

FORMAT = "referat/1"
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def loads(text: str) -> list[Meeting]:
    """Parse a whole `referat/1` document."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(
            f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    return meetings_from_data(data)


def loads_buffer(buffer: Any) -> list[Meeting]:
    """Parse a whole `referat/1` document from a bytes-like buffer (a memory-mapped file),
    leaving large files in the buffer to be streamed when stored (interchange_files.py)."""
    skeleton, spans = cut_large_data(buffer)
    try:
        data = json.loads(skeleton)
    except json.JSONDecodeError as exc:
        raise FormatError(f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except UnicodeDecodeError:
        raise FormatError("not UTF-8 text") from None
    cut = take_cut_data(data)
    meetings = meetings_from_data(data)
    give_cut_files(meetings, cut, spans, buffer)
    return meetings


def meetings_from_data(data: Any) -> list[Meeting]:
    if not isinstance(data, dict):
        raise FormatError("expected a JSON object at the top")
    if data.get("format") != FORMAT:
        raise FormatError(f'format: expected "{FORMAT}", found {json.dumps(data.get("format"))}')
    meetings = _list(data, "meetings", "", required=True)
    return [_meeting(m, f"meetings[{i}]") for i, m in enumerate(meetings)]


def dumps(meetings: list[Meeting]) -> str:
    """The document as text, every file's bytes in it (fine for small files; `write`
    streams)."""
    out = io.BytesIO()
    write(meetings, out)
    return out.getvalue().decode("utf-8")


def write(meetings: list[Meeting], out: BinaryIO) -> None:
    """Write the document to `out`, each attachment's file base64-encoded in chunks
    straight from `Attachment.chunks()`, so a file is never whole in memory."""
    files: list[Attachment] = []
    text = json.dumps(data_from_meetings(meetings, files), ensure_ascii=False, indent=2) + "\n"
    for piece in with_files_chunks(text, files):
        out.write(piece)


def data_from_meetings(meetings: list[Meeting], files: list[Attachment] | None = None) -> dict[str, Any]:
    """The document as a JSON object. With `files`, each attachment's `data` is a
    placeholder (`file_placeholder`) and the attachment is appended to `files` in the
    placeholder's order; without, the data is base64 in place."""
    return {"format": FORMAT, "meetings": [_meeting_data(m, files) for m in meetings]}


# --- reading -------------------------------------------------------------------------


def _meeting(raw: Any, where: str) -> Meeting:
    _object(raw, where)
    facts = _facts(raw, MEETING_FIELDS, where)
    items = [_item(it, f"{where}.items[{i}]") for i, it in enumerate(_list(raw, "items", where))]
    return Meeting(**facts, items=items, approval=_approval(raw, where))


def _approval(raw: dict[str, Any], where: str) -> Approval | None:
    """Missing or null: a draft."""
    value = raw.get("approval")
    if value is None:
        return None
    where = f"{where}.approval"
    _object(value, where)
    return Approval(
        approved_on=_date(value, "approved_on", where),
        approved_by=_filled(value, "approved_by", where),
        sha256=_digest(value, "sha256", where, required=True),
    )


def _correction(raw: Any, where: str) -> Correction:
    _object(raw, where)
    return Correction(
        date=_date(raw, "date", where),
        by=_filled(raw, "by", where),
        text=_filled(raw, "text", where),
        sha256=_digest(raw, "sha256", where),
    )


def _date(raw: dict[str, Any], key: str, where: str) -> dt.date:
    text = _text(raw, key, where, required=True)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise FormatError(f"{where}.{key}: expected a date as YYYY-MM-DD, found {text!r}") from None


def _digest(raw: dict[str, Any], key: str, where: str, required: bool = False) -> str:
    """A SHA-256 as 64 lower-case hex digits; a correction's may be missing (then `referat
    verify` reports it)."""
    text = _text(raw, key, where, required=required)
    if (text or required) and not _SHA256.match(text):
        raise FormatError(f"{where}.{key}: expected 64 lower-case hexadecimal digits")
    return text


def _item(raw: Any, where: str) -> Item:
    _object(raw, where)
    facts = _facts(raw, ITEM_FIELDS, where)
    sections = [_section(s, f"{where}.sections[{i}]") for i, s in enumerate(_list(raw, "sections", where))]
    attachments = [
        _attachment(a, f"{where}.attachments[{i}]") for i, a in enumerate(_list(raw, "attachments", where))
    ]
    corrections = [
        _correction(c, f"{where}.corrections[{i}]") for i, c in enumerate(_list(raw, "corrections", where))
    ]
    return Item(**facts, sections=sections, attachments=attachments, protocol=_protocol(raw, where),
                corrections=corrections)


def _protocol(raw: dict[str, Any], where: str) -> Protocol:
    """The item's decision protocol (issue 12): four optional lists, empty by default."""
    return Protocol(
        absent=_text_list(raw, "absent", where),
        conflicts=[
            _conflict(c, f"{where}.conflicts[{i}]") for i, c in enumerate(_list(raw, "conflicts", where))
        ],
        votes=[_vote(v, f"{where}.votes[{i}]") for i, v in enumerate(_list(raw, "votes", where))],
        statements=[
            _statement(s, f"{where}.statements[{i}]") for i, s in enumerate(_list(raw, "statements", where))
        ],
    )


def _conflict(raw: Any, where: str) -> Conflict:
    _object(raw, where)
    return Conflict(name=_filled(raw, "name", where), note=_text(raw, "note", where))


def _vote(raw: Any, where: str) -> Vote:
    _object(raw, where)
    sides = {key: _text_list(raw, key, where) for key in ("for", "against", "abstain")}
    return Vote(
        motion=_text(raw, "motion", where),
        in_favour=sides["for"],
        against=sides["against"],
        abstain=sides["abstain"],
        result=_text(raw, "result", where),
    )


def _statement(raw: Any, where: str) -> Statement:
    _object(raw, where)
    # `by` may be blank: the window keeps a tilførsel whose author is not typed yet, and it
    # prints as "Ført til protokol: ..." (a JSON export must import again).
    return Statement(by=_text(raw, "by", where, required=True), text=_filled(raw, "text", where))


def _filled(raw: dict[str, Any], key: str, where: str) -> str:
    """Required text that is not only spaces (a conflict's name, a statement's text)."""
    value = _text(raw, key, where, required=True)
    if not value.strip():
        raise FormatError(f"{where}.{key}: expected non-empty text")
    return value


def _facts(raw: dict[str, Any], specs: tuple[FieldSpec, ...], where: str) -> dict[str, Any]:
    return {spec.name: _fact(raw, spec, where) for spec in specs}


def _fact(raw: dict[str, Any], spec: FieldSpec, where: str) -> Any:
    """One fact's value, checked by its kind. Missing (or null, except for a flag, which
    must be true or false when given) gives its default."""
    key, place = spec.name, f"{where}.{spec.name}"
    if spec.kind is ValueKind.NAMES:
        return _names(raw, key, where)
    if spec.kind is ValueKind.FLAG:
        if key not in raw and not spec.required:
            return spec.default
        value = raw.get(key)
        if not isinstance(value, bool):
            raise FormatError(f"{place}: expected true or false")
        return value
    text = _text(raw, key, where, required=spec.required)
    if spec.kind is ValueKind.DATE:
        if not text and not spec.required:
            return spec.default
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise FormatError(f"{place}: expected a date as YYYY-MM-DD, found {text!r}") from None
    if spec.kind is ValueKind.TIME and text and not _TIME.match(text):
        raise FormatError(f"{place}: expected a time as HH:MM, found {text!r}")
    return text


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
    closed = raw.get("closed", False)
    if closed is None:
        closed = False
    if not isinstance(closed, bool):
        raise FormatError(f"{where}.closed: expected true or false")
    return Attachment(
        name=_text(raw, "name", where, required=True),
        data=data,
        media_type=_text(raw, "media_type", where),
        closed=closed,
    )


def _object(raw: Any, where: str) -> None:
    if not isinstance(raw, dict):
        raise FormatError(f"{where}: expected an object")


def _text(raw: dict[str, Any], key: str, where: str, required: bool = False) -> str:
    place = f"{where}.{key}" if where else key
    if key not in raw or raw[key] is None:
        if required:
            raise FormatError(f"{place}: missing")
        return ""
    value = raw[key]
    if not isinstance(value, str):
        raise FormatError(f"{place}: expected text")
    return value


def _list(raw: dict[str, Any], key: str, where: str, required: bool = False) -> list[Any]:
    place = f"{where}.{key}" if where else key
    if key not in raw or raw[key] is None:
        if required:
            raise FormatError(f"{place}: missing")
        return []
    value = raw[key]
    if not isinstance(value, list):
        raise FormatError(f"{place}: expected a list")
    return value


def _names(raw: dict[str, Any], key: str, where: str) -> list[str]:
    names = _list(raw, key, where)
    for i, name in enumerate(names):
        if not isinstance(name, str):
            raise FormatError(f"{where}.{key}[{i}]: expected text")
    return list(names)


def _text_list(raw: dict[str, Any], key: str, where: str) -> list[str]:
    """A protocol list of names or party letters: missing or null is empty; anything but
    a list of texts is one error for the whole list."""
    value = raw.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise FormatError(f"{where}.{key}: expected a list of text")
    return list(value)


# --- writing -------------------------------------------------------------------------


def _meeting_data(m: Meeting, files: list[Attachment] | None = None) -> dict[str, Any]:
    data = {**_facts_data(m, MEETING_FIELDS), "items": [_item_data(it, files) for it in m.items]}
    if m.approval is not None:
        data["approval"] = approval_data(m.approval)
    return data


def approval_data(approval: Approval) -> dict[str, Any]:
    """The `approval` object (also how the store keeps it)."""
    return {"approved_on": approval.approved_on.isoformat(), "approved_by": approval.approved_by,
            "sha256": approval.sha256}


def approval_from_data(raw: dict[str, Any]) -> Approval:
    """Back from `approval_data` (trusted input: the store's own column)."""
    return Approval(dt.date.fromisoformat(raw["approved_on"]), raw["approved_by"], raw["sha256"])


def correction_data(c: Correction) -> dict[str, Any]:
    """One entry of an item's `corrections` (also how the store keeps them)."""
    return {"date": c.date.isoformat(), "by": c.by, "text": c.text, "sha256": c.sha256}


def correction_from_data(raw: dict[str, Any]) -> Correction:
    """Back from `correction_data` (trusted input: the store's own column)."""
    return Correction(dt.date.fromisoformat(raw["date"]), raw["by"], raw["text"], raw.get("sha256", ""))


def _item_data(item: Item, files: list[Attachment] | None = None) -> dict[str, Any]:
    return {
        **_facts_data(item, ITEM_FIELDS),
        "sections": [_section_data(s) for s in item.sections],
        "attachments": [_attachment_data(a, files) for a in item.attachments],
        **item.protocol.to_json(),
        "corrections": [correction_data(c) for c in item.corrections],
    }


def _facts_data(obj: Meeting | Item, specs: tuple[FieldSpec, ...]) -> dict[str, Any]:
    return {spec.name: _fact_data(spec, getattr(obj, spec.name)) for spec in specs}


def _fact_data(spec: FieldSpec, value: Any) -> Any:
    if spec.kind is ValueKind.DATE:
        return value.isoformat() if value is not None else ""
    if spec.kind is ValueKind.NAMES:
        return list(value)
    return value


def _section_data(s: Section) -> dict[str, Any]:
    return {"kind": s.kind.value, "heading": s.heading, "text": s.text}


def _attachment_data(a: Attachment, files: list[Attachment] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"name": a.name}
    if a.has_file:
        if files is None:
            data["data"] = b"".join(base64.b64encode(chunk) for chunk in a.chunks()).decode("ascii")
        else:
            data["data"] = file_placeholder(len(files))
            files.append(a)
        data["media_type"] = a.media_type
    # Written after the fields above, and dropped from the canonical form when false,
    # so a meeting approved before the flag existed keeps its digest (domain/approval.py).
    data["closed"] = a.closed
    return data
