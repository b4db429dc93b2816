"""Plain dataclasses for a meeting and its agenda items, and the one table of their facts.

The objects carry database ids when they came from the store (``id`` is None for a
meeting or item that is not saved yet); nothing here knows about SQL or Qt.

Facts declared once
-------------------
A *fact* is a field of a Meeting or an Item that the secretary fills in on a form (the
Udvalg, the Dato, an item's Titel ...). Each is declared here, once, as a dataclass field
whose metadata says what the rest of the program needs to know::

    absent: list[str] = field(default_factory=list, metadata=fact("&Afbud", ValueKind.NAMES, printed=True))

From those declarations come `MEETING_FIELDS` and `ITEM_FIELDS` (tuples of `FieldSpec`,
in declaration order, which is the forms' order and tab order), and every consumer is
driven by them:

- domain/interchange.py reads and writes each fact under its name as the JSON key, with
  the checks of its `ValueKind` and the error naming the place
  (`meetings[0].signature_sheet: expected true or false`); a fact without a default in
  the dataclass is required in JSON too;
- store/columns.py stores each fact in the column of the same name (dates as ISO text,
  name lists as JSON text, flags as 0/1); Store.update_meeting / update_item accept
  exactly these names; store/reading.py builds Meeting and Item from them;
- domain/recurring.py: "Nyt møde ud fra dette" (`next_meeting`) and "Nyt møde"
  (`blank_meeting`) copy the facts marked `carried_over`;
- ui/ takes each form label (`FieldSpec.label`, with its & mnemonic), the undo text
  (`"Ret " + FieldSpec.undo_label`) and the tab order from the tables.

Adding a meeting fact therefore touches: this file (one field line), store/schema.py (a
migration adding the column; the file's schema version follows the number of
migrations), domain/texts.py only if it is printed, and a test. `FieldSpec.printed` says
whether the printed documents show it; the wording itself lives in domain/texts.py.

Section kinds are declared the same way: the `SectionKind` enum and one ordered table,
`SECTION_KINDS`, with each kind's Danish label and printed heading. A kind missing from
the table stops the import. `section_slots(item)` gives every section the editor shows,
so no kind can be left out of the item tree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import MISSING, dataclass, field, fields
from enum import Enum, StrEnum
from typing import Any

from referat_desktop.domain.protocol import Protocol


class ValueKind(Enum):
    """The kind of value a fact holds; decides its JSON check, its column and its widget."""

    TEXT = "text"  # str, "" when empty
    DATE = "date"  # datetime.date
    TIME = "time"  # str "HH:MM", or "" when not decided
    NAMES = "names"  # list[str]
    FLAG = "flag"  # bool


@dataclass(frozen=True)
class _Declared:
    """A fact's declaration: its form label, kind, and whether it is printed or carried over."""

    label: str
    kind: ValueKind
    printed: bool
    carried_over: bool


_FACT = "referat_fact"


def fact(label: str, kind: ValueKind, *, printed: bool, carried_over: bool = False) -> Mapping[str, Any]:
    """The metadata that makes a dataclass field a fact (see the module docstring)."""
    return {_FACT: _Declared(label, kind, printed, carried_over)}


@dataclass(frozen=True)
class FieldSpec:
    """One fact of a meeting or an item.

    name: the attribute, the JSON key, the store column and the keyword of
        Store.update_meeting / update_item.
    label: the Danish form label with its & mnemonic, e.g. "&Udvalg".
    kind: the kind of value (ValueKind).
    printed: whether the printed documents show it (wording in domain/texts.py).
    carried_over: whether "Nyt møde ud fra dette" and "Nyt møde" copy it.
    required: whether it has no default (then JSON must give it too).
    default: the value a new object has (a fresh list for NAMES); None when required.
    """

    name: str
    label: str
    kind: ValueKind
    printed: bool
    carried_over: bool
    required: bool
    default_factory: Callable[[], Any] | None = None

    @property
    def default(self) -> Any:
        return None if self.default_factory is None else self.default_factory()

    @property
    def undo_label(self) -> str:
        """The label as the undo text uses it: "Ret " + "udvalg"."""
        return self.label.replace("&", "").lower()


def _specs(cls: type) -> tuple[FieldSpec, ...]:
    specs = []
    for f in fields(cls):
        declared = f.metadata.get(_FACT)
        if declared is None:
            continue
        factory: Callable[[], Any] | None = None
        if f.default is not MISSING:
            factory = _constant(f.default)
        elif f.default_factory is not MISSING:
            factory = f.default_factory
        specs.append(FieldSpec(
            name=f.name,
            label=declared.label,
            kind=declared.kind,
            printed=declared.printed,
            carried_over=declared.carried_over,
            required=factory is None,
            default_factory=factory,
        ))
    return tuple(specs)


def _constant(value: object) -> Callable[[], object]:
    return lambda: value


# --- section kinds -------------------------------------------------------------------


class SectionKind(StrEnum):
    """The kinds of section an item can hold (their order is SECTION_KINDS')."""

    BAGGRUND = "baggrund"
    INDSTILLING = "indstilling"
    BESLUTNING = "beslutning"
    SAGSFREMSTILLING = "sagsfremstilling"
    EXTRA = "extra"


@dataclass(frozen=True)
class SectionKindSpec:
    """kind; label: its Danish name in the editor ("Beslutning"); printed_heading: the
    fixed printed heading, or "" when the heading is made per meeting (Beslutning, see
    texts.decision_heading) or per section (extra sections carry their own); fixed: every
    item has one (shown, and created on first use, even when missing)."""

    kind: SectionKind
    label: str
    printed_heading: str
    fixed: bool = True


# The template prints sections in this order; extra sections keep the order the
# secretary gave them, after the fixed ones (sorted() is stable).
SECTION_KINDS: tuple[SectionKindSpec, ...] = (
    SectionKindSpec(SectionKind.BAGGRUND, "Baggrund", "Baggrund"),
    SectionKindSpec(SectionKind.INDSTILLING, "Indstilling", "Indstilling"),
    SectionKindSpec(SectionKind.BESLUTNING, "Beslutning", ""),
    SectionKindSpec(SectionKind.SAGSFREMSTILLING, "Sagsfremstilling", "Sagsfremstilling"),
    SectionKindSpec(SectionKind.EXTRA, "Andet afsnit", "", fixed=False),
)
if {s.kind for s in SECTION_KINDS} != set(SectionKind) or len(SECTION_KINDS) != len(SectionKind):
    raise RuntimeError("domain/model.py: every SectionKind needs exactly one line in SECTION_KINDS")

SECTION_ORDER: dict[SectionKind, int] = {spec.kind: rank for rank, spec in enumerate(SECTION_KINDS)}
FIXED_HEADINGS: dict[SectionKind, str] = {
    s.kind: s.printed_heading for s in SECTION_KINDS if s.printed_heading
}


def section_kind(kind: SectionKind) -> SectionKindSpec:
    return SECTION_KINDS[SECTION_ORDER[kind]]


def fixed_section_kinds() -> tuple[SectionKind, ...]:
    """The kinds every item has, in the template's order (a new item gets one of each)."""
    return tuple(s.kind for s in SECTION_KINDS if s.fixed)


# --- the objects ---------------------------------------------------------------------


@dataclass(frozen=True)
class Approval:
    """Who approved the minutes and when (issue 13), with the SHA-256 of the meeting's
    canonical form at that moment (domain/approval.py). Not a fact: never on a form."""

    approved_on: dt.date
    approved_by: str
    sha256: str


@dataclass(frozen=True)
class Correction:
    """A dated correction of an approved item ("Tilføj rettelse"); `sha256` chains it to
    the one before it (domain/approval.correction_digest)."""

    date: dt.date
    by: str
    text: str
    sha256: str = ""


@dataclass
class Section:
    """One section of an item (Baggrund, Indstilling, Beslutning, ...): its Markdown text."""

    kind: SectionKind
    text: str = ""
    heading: str = ""  # only extra sections carry their own heading
    id: int | None = None

    @property
    def is_empty(self) -> bool:
        return not self.text.strip()


# How much of a file is handed on at a time when it is streamed (a multiple of 3, so
# base64 of the chunks joined is base64 of the whole).
FILE_CHUNK = 3 * 256 * 1024


@dataclass
class Attachment:
    """A bilag: a name, and optionally its file. A file comes either as `data` (read from
    JSON, or made in memory) or, from the store, as `file_id` with its `size`, `sha256`
    and a `read_file` that streams the bytes on demand: an item read from the store never
    holds the bytes (issue 15). `pdf_problem` is the Danish reason a PDF cannot go into a
    combined PDF ("" when it can, or when the file is no PDF)."""

    name: str
    data: bytes | None = None
    media_type: str = ""
    id: int | None = None
    closed: bool = False  # confidential even in an open item: left out of every public variant
    file_id: int | None = None
    size: int = 0
    sha256: str = ""
    pdf_problem: str = ""
    read_file: Callable[[], Iterator[bytes]] | None = field(default=None, compare=False, repr=False)

    @property
    def has_file(self) -> bool:
        return self.data is not None or self.file_id is not None or self.read_file is not None

    def chunks(self) -> Iterator[bytes]:
        """The file's bytes in chunks of at most FILE_CHUNK (nothing for a name only)."""
        if self.data is not None:
            for start in range(0, len(self.data), FILE_CHUNK):
                yield self.data[start:start + FILE_CHUNK]
        elif self.read_file is not None:
            yield from self.read_file()
        elif self.file_id is not None:
            raise ValueError(f"attachment {self.name!r} has a stored file but no reader")


@dataclass
class Item:
    """One agenda item: its facts, sections, bilag and protocol."""

    # Facts, in form order (see the module docstring).
    title: str = field(metadata=fact("Ti&tel", ValueKind.TEXT, printed=True, carried_over=True))
    case_number: str = field(
        default="", metadata=fact("Sags&nummer", ValueKind.TEXT, printed=True, carried_over=True)
    )
    closed: bool = field(
        default=False, metadata=fact("&Lukket punkt", ValueKind.FLAG, printed=True, carried_over=True)
    )
    # Contents.
    sections: list[Section] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    protocol: Protocol = field(default_factory=Protocol)  # absent, inhabil, votes, tilførsler
    corrections: list[Correction] = field(default_factory=list)  # only on approved minutes
    id: int | None = None

    def ordered_sections(self) -> list[Section]:
        """The sections in the template's order (stable for extras)."""
        return sorted(self.sections, key=lambda s: SECTION_ORDER[s.kind])

    def attachment_closed(self, attachment: Attachment) -> bool:
        """A bilag is closed when it is marked so, or when its item is closed."""
        return self.closed or attachment.closed

    def section(self, kind: SectionKind) -> Section | None:
        """The first section of a fixed kind, if the item has one."""
        return next((s for s in self.sections if s.kind == kind), None)


def section_slots(item: Item) -> list[tuple[SectionKind, Section | None]]:
    """Every section the editor shows, in the template's order: for each fixed kind its
    sections, or `(kind, None)` when the item has none yet (shown anyway, created when
    first opened); then the other kinds' sections (extra) in their own order. Every
    section of the item is in the list exactly once."""
    slots: list[tuple[SectionKind, Section | None]] = []
    for spec in SECTION_KINDS:
        sections = [s for s in item.sections if s.kind is spec.kind]
        if spec.fixed and not sections:
            slots.append((spec.kind, None))
        slots.extend((spec.kind, s) for s in sections)
    return slots


class Role(StrEnum):
    """Who someone is on the front page; the value is the word the template prints."""

    PARTICIPANT = "deltager"
    SECRETARY = "sekretær"
    ABSENT = "afbud"


@dataclass(frozen=True)
class Person:
    """Someone named on the front page, with the role the template prints."""

    name: str
    role: Role = Role.PARTICIPANT


@dataclass
class Meeting:
    """One meeting of a board: its facts, people and items in agenda order."""

    # Facts, in form order (see the module docstring). Adding one: a line here, a
    # migration in store/schema.py, its wording in domain/texts.py if printed, a test.
    body: str = field(metadata=fact("&Udvalg", ValueKind.TEXT, printed=True, carried_over=True))
    date: dt.date = field(metadata=fact("&Dato", ValueKind.DATE, printed=True))
    time: str = field(
        default="", metadata=fact("T&idspunkt", ValueKind.TIME, printed=True, carried_over=True)
    )
    location: str = field(
        default="", metadata=fact("Møde&sted", ValueKind.TEXT, printed=True, carried_over=True)
    )
    participants: list[str] = field(
        default_factory=list, metadata=fact("Delta&gere", ValueKind.NAMES, printed=True, carried_over=True)
    )
    absent: list[str] = field(default_factory=list, metadata=fact("&Afbud", ValueKind.NAMES, printed=True))
    secretary: str = field(
        default="", metadata=fact("Se&kretær", ValueKind.TEXT, printed=True, carried_over=True)
    )
    signature_sheet: bool = field(
        default=False, metadata=fact("Underskrifts&blad", ValueKind.FLAG, printed=True, carried_over=True)
    )
    # Contents.
    items: list[Item] = field(default_factory=list)
    approval: Approval | None = None  # None: a draft (issue 13); not a fact, not on the form
    id: int | None = None

    def people(self) -> list[Person]:
        """Everyone on the front page: participants, then the secretary, then apologies."""
        people = [Person(name) for name in self.participants if name.strip()]
        if self.secretary.strip():
            people.append(Person(self.secretary, Role.SECRETARY))
        people.extend(Person(name, Role.ABSENT) for name in self.absent if name.strip())
        return people


MEETING_FIELDS: tuple[FieldSpec, ...] = _specs(Meeting)
ITEM_FIELDS: tuple[FieldSpec, ...] = _specs(Item)
_BY_NAME = {"meeting": {s.name: s for s in MEETING_FIELDS}, "item": {s.name: s for s in ITEM_FIELDS}}


def meeting_field(name: str) -> FieldSpec:
    """The fact of a meeting called `name`; KeyError if there is none."""
    return _BY_NAME["meeting"][name]


def item_field(name: str) -> FieldSpec:
    """The fact of an item called `name`; KeyError if there is none."""
    return _BY_NAME["item"][name]
