"""Approved minutes (issue 13): the canonical form, its digest, the corrections' chain.

An approved meeting is sealed. At approval the store keeps the SHA-256 of the meeting's
*canonical form* (`canonical_json`), and a copy of that form, so that `referat verify` can
say what changed behind the program's back. Corrections ("Tilføj rettelse") are outside
the digest; each carries its own digest, chained to the one before it, so editing or
removing one is detected too. docs/formats.md spells out both so that another program can
verify an exported file without ours.

The canonical form of a meeting is its referat/1 JSON object (one meeting, not the
document around it) as `interchange` writes it, without `approval`, without each item's
`corrections`, with every object member whose value is "", false, null, [] or {} left out
(after its own members are; list entries are kept), keys sorted, no whitespace, UTF-8:
``json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))``. Leaving
out empty values keeps the digest of a meeting approved today the same when a field is
added to referat/1 later (a new field is added with an empty default).

Bilag files (issue 15) keep the form unchanged: an attachment's `data` is its base64, as
in referat/1, but the digest is computed over pieces (`canonical_chunks`), each file
streamed from the store, so no file is ever whole in memory. An attachment's `closed`
flag is false unless set, so it is left out and older approvals keep their digest. The
copy the store keeps at approval (`canonical_data`) names each file by
``"sha256:<hex>"`` instead of its base64; a copy kept before issue 15 holds the base64,
and `differences_of` summarises both the same way.

The chain of corrections runs over the meeting's items in their order, and over each
item's corrections in their list order (the order they were added). It starts at the
approval's *seal*, ``sha256(sha256 + "\n" + approved_on + "\n" + approved_by)``, so the
approval's date and name are covered too; each link is
``sha256(previous + "\\n" + str(item_index) + "\\n" + canonical JSON of the correction
without its sha256)`` with `item_index` the item's 0-based place in the meeting.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Iterator
from difflib import SequenceMatcher
from typing import Any

from referat_desktop.domain import interchange, interchange_files
from referat_desktop.domain.model import (
    ITEM_FIELDS,
    MEETING_FIELDS,
    SECTION_KINDS,
    Approval,
    Attachment,
    Correction,
    Meeting,
)

__all__ = [
    "Approval",
    "Correction",
    "approval_seal",
    "canonical_chunks",
    "canonical_data",
    "canonical_json",
    "chain",
    "chain_problems",
    "correction_digest",
    "differences",
    "differences_of",
    "digest_of",
    "meeting_digest",
]


def _canonical_with_placeholders(meeting: Meeting) -> tuple[dict[str, Any], list[Attachment]]:
    """The canonical form with each file's data as a placeholder, and the files in order."""
    files: list[Attachment] = []
    data = interchange.data_from_meetings([meeting], files)["meetings"][0]
    data.pop("approval", None)
    for item in data["items"]:
        item.pop("corrections", None)
    pruned = _pruned(data)
    assert isinstance(pruned, dict)
    return pruned, files


def canonical_chunks(meeting: Meeting) -> Iterator[bytes]:
    """`canonical_json(meeting)` in pieces, each file's base64 produced chunk by chunk
    from `Attachment.chunks()`: how the digest of a meeting with large bilag is computed
    without holding a file in memory (issue 15)."""
    data, files = _canonical_with_placeholders(meeting)
    return interchange_files.with_files_chunks(dumps_canonical(data).decode("utf-8"), files)


def canonical_json(meeting: Meeting) -> bytes:
    """The bytes whose SHA-256 is the approval's digest."""
    return b"".join(canonical_chunks(meeting))


def canonical_data(meeting: Meeting) -> dict[str, Any]:
    """The canonical form as a JSON object with each file's data summarised as
    ``"sha256:<hex of the file's bytes>"`` (FILE_REF): what the store keeps as the copy
    at approval and what `differences_of` compares. `canonical_json` has the base64."""
    data, files = _canonical_with_placeholders(meeting)
    refs = {interchange_files.file_placeholder(i): file_ref(a) for i, a in enumerate(files)}
    for item in data.get("items", []):
        for attachment in item.get("attachments", []):
            if "data" in attachment:
                attachment["data"] = refs[attachment["data"]]
    return data


FILE_REF = "sha256:"


def file_ref(attachment: Attachment) -> str:
    """FILE_REF and the hex SHA-256 of the attachment's file (the stored one if known)."""
    if attachment.sha256 and attachment.data is None:
        return FILE_REF + attachment.sha256
    hasher = hashlib.sha256()
    for chunk in attachment.chunks():
        hasher.update(chunk)
    return FILE_REF + hasher.hexdigest()


def summarised(data: dict[str, Any]) -> dict[str, Any]:
    """A canonical form with any base64 file data (a copy stored before issue 15)
    replaced by its FILE_REF, so old and new copies compare by content."""
    for item in data.get("items", []):
        for attachment in item.get("attachments", []):
            value = attachment.get("data")
            if isinstance(value, str) and not value.startswith(FILE_REF):
                try:
                    decoded = base64.b64decode(value)
                except (binascii.Error, ValueError):
                    continue
                attachment["data"] = FILE_REF + hashlib.sha256(decoded).hexdigest()
    return data


def expanded_copy_digest(copy: dict[str, Any], meeting: Meeting) -> str | None:
    """The digest of a stored copy (`canonical_data`'s form) with each FILE_REF replaced
    by the base64 of the meeting's file with that SHA-256, streamed; None when a file
    it names is no longer in the meeting (the copy then cannot be checked)."""
    by_ref: dict[str, Attachment] = {}
    for item in meeting.items:
        for attachment in item.attachments:
            if attachment.has_file:
                by_ref.setdefault(file_ref(attachment), attachment)
    files: list[Attachment] = []
    for item in copy.get("items", []):
        for attachment in item.get("attachments", []):
            value = attachment.get("data")
            if isinstance(value, str) and value.startswith(FILE_REF):
                if value not in by_ref:
                    return None
                attachment["data"] = interchange_files.file_placeholder(len(files))
                files.append(by_ref[value])
    hasher = hashlib.sha256()
    for piece in interchange_files.with_files_chunks(dumps_canonical(copy).decode("utf-8"), files):
        hasher.update(piece)
    return hasher.hexdigest()


def dumps_canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def meeting_digest(meeting: Meeting) -> str:
    """The hex SHA-256 of `canonical_json(meeting)`, streamed."""
    hasher = hashlib.sha256()
    for piece in canonical_chunks(meeting):
        hasher.update(piece)
    return hasher.hexdigest()


def approval_seal(approval: Approval) -> str:
    """Where the chain of corrections starts: the approval's digest, date and name."""
    text = f"{approval.sha256}\n{approval.approved_on.isoformat()}\n{approval.approved_by}"
    return digest_of(text.encode("utf-8"))


def chain_problems(meeting: Meeting, approval: Approval, head: str | None) -> list[str]:
    """Danish lines naming the corrections whose digest is not what the chain says, and,
    when `head` (the last digest as the store noted it) is given and differs, what was
    removed at the end."""
    start = approval_seal(approval)
    links = chain(meeting, start)
    problems = []
    for number, (item_index, index, correction, expected) in enumerate(links):
        if correction.sha256 != expected:
            what = f"Rettelse {index + 1} til punkt {item_index + 1}"
            if number == 0:
                what += " (eller godkendelsens dato eller navn)"
            problems.append(f"{what} er ændret eller fjernet")
    last = links[-1][2].sha256 if links else start
    if head is not None and head != last:
        if links:
            item_index, index = links[-1][0], links[-1][1]
            problems.append(f"En rettelse efter rettelse {index + 1} til punkt {item_index + 1} er fjernet")
        else:
            problems.append("Godkendelsens dato eller navn er ændret, eller rettelser er fjernet")
    return problems


def correction_digest(previous: str, item_index: int, correction: Correction) -> str:
    """One link of the chain: sha256 over the previous digest (the approval's for the
    first), a line feed, the item's 0-based index, a line feed, and the correction's
    canonical JSON without its sha256 (`{"by":…,"date":"YYYY-MM-DD","text":…}`)."""
    body = {"by": correction.by, "date": correction.date.isoformat(), "text": correction.text}
    return digest_of(f"{previous}\n{item_index}\n".encode() + dumps_canonical(body))


def chain(meeting: Meeting, start: str) -> list[tuple[int, int, Correction, str]]:
    """Every correction of the meeting in chain order as (item index, index within the
    item, correction, expected digest), each expected digest computed from the *stored*
    digest of the correction before it, so an edit shows at the edited correction only."""
    links = []
    previous = start
    for item_index, item in enumerate(meeting.items):
        for index, correction in enumerate(item.corrections):
            links.append((item_index, index, correction, correction_digest(previous, item_index, correction)))
            previous = correction.sha256
    return links


def _pruned(value: Any) -> Any:
    if isinstance(value, dict):
        kept = {key: _pruned(v) for key, v in value.items()}
        return {key: v for key, v in kept.items() if not _empty(v)}
    if isinstance(value, list):
        return [_pruned(v) for v in value]
    return value


def _empty(value: Any) -> bool:
    return value is None or value is False or value == "" or value == [] or value == {}


# --- naming what changed -------------------------------------------------------------

_MEETING_LABELS = {spec.name: spec.undo_label for spec in MEETING_FIELDS}
_ITEM_LABELS = {spec.name: spec.label.replace("&", "") for spec in ITEM_FIELDS}
_SECTION_LABELS = {spec.kind.value: spec.label for spec in SECTION_KINDS}
_PROTOCOL_KEYS = ("absent", "conflicts", "votes", "statements")


def differences(approved: Meeting, current: Meeting) -> list[str]:
    """Plain Danish lines naming what differs between two meetings' canonical forms."""
    return differences_of(canonical_data(approved), canonical_data(current))


def differences_of(approved: dict[str, Any], current: dict[str, Any]) -> list[str]:
    """As `differences`, on canonical forms (the store keeps the approved one as JSON)."""
    approved, current = summarised(approved), summarised(current)
    lines = []
    for key in sorted((set(approved) | set(current)) - {"items"}):
        if approved.get(key) != current.get(key):
            lines.append(f"Mødets {_MEETING_LABELS.get(key, key)} er ændret")
    old, new = approved.get("items", []), current.get("items", [])
    matcher = SequenceMatcher(a=[_key(i) for i in old], b=[_key(i) for i in new], autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            continue
        pairs = min(a1 - a0, b1 - b0) if tag == "replace" else 0
        for k in range(pairs):
            lines += _item_differences(a0 + k, old[a0 + k], new[b0 + k])
        lines += [f"{_item_name(n, old[n])} er slettet" for n in range(a0 + pairs, a1)]
        lines += [f"{_item_name(n, new[n])} er tilføjet" for n in range(b0 + pairs, b1)]
    return lines


def _key(item: dict[str, Any]) -> bytes:
    return dumps_canonical(item)


def _item_name(index: int, item: dict[str, Any]) -> str:
    return f'Punkt {index + 1} "{item.get("title", "")}"'


def _item_differences(index: int, old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    name = _item_name(index, old)
    lines = []
    for key in sorted((set(old) | set(new)) - {"sections", "attachments", *_PROTOCOL_KEYS}):
        if old.get(key) != new.get(key):
            lines.append(f"{name}: feltet {_ITEM_LABELS.get(key, key)} er ændret")
    lines += [f"{name}: {line}" for line in _section_differences(old.get("sections", []),
                                                                 new.get("sections", []))]
    if old.get("attachments") != new.get("attachments"):
        lines.append(f"{name}: bilagene er ændret")
    if any(old.get(key) != new.get(key) for key in _PROTOCOL_KEYS):
        lines.append(f"{name}: beslutningsprotokollen er ændret")
    return lines


def _section_name(section: dict[str, Any]) -> str:
    kind = section.get("kind", "")
    return str(section.get("heading") or _SECTION_LABELS.get(kind, kind))


def _section_differences(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[str]:
    def ident(s: dict[str, Any]) -> tuple[str, str]:
        return (str(s.get("kind", "")), str(s.get("heading", "")))

    lines = []
    matcher = SequenceMatcher(a=[ident(s) for s in old], b=[ident(s) for s in new], autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            lines += [f"afsnittet {_section_name(old[a0 + k])} er ændret"
                      for k in range(a1 - a0) if old[a0 + k] != new[b0 + k]]
            continue
        lines += [f"afsnittet {_section_name(old[n])} er slettet" for n in range(a0, a1)]
        lines += [f"afsnittet {_section_name(new[n])} er tilføjet" for n in range(b0, b1)]
    return lines
