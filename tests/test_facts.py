"""The facts of a meeting and an item, declared once in domain/model.py, and the
signature_sheet flag added through them (issue 11). Never starts Qt."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from referat_desktop.domain import interchange
from referat_desktop.domain.interchange import FormatError
from referat_desktop.domain.model import (
    ITEM_FIELDS,
    MEETING_FIELDS,
    SECTION_KINDS,
    FieldSpec,
    Item,
    Meeting,
    Role,
    Section,
    SectionKind,
    ValueKind,
    fixed_section_kinds,
    item_field,
    meeting_field,
    section_kind,
    section_slots,
)
from referat_desktop.domain.recurring import blank_meeting, new_item, next_meeting
from referat_desktop.domain.texts import absent_line, participants_line
from referat_desktop.store import Store
from referat_desktop.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

TODAY = dt.date(2026, 11, 30)


def unusual_value(spec: FieldSpec) -> Any:
    """A value of the fact's kind that is not its default."""
    return {
        ValueKind.TEXT: f"Æøå {spec.name} <&>",
        ValueKind.DATE: dt.date(2031, 2, 28),
        ValueKind.TIME: "17:45",
        ValueKind.NAMES: [f"{spec.name} 1", "Ærlig Øster"],
        ValueKind.FLAG: True,
    }[spec.kind]


def unusual_meeting() -> Meeting:
    """A meeting with a value other than the default in every fact, and such an item."""
    sections = [Section(SectionKind.BAGGRUND, "x")]
    item = Item(**{s.name: unusual_value(s) for s in ITEM_FIELDS}, sections=sections)
    meeting = Meeting(**{s.name: unusual_value(s) for s in MEETING_FIELDS}, items=[item])
    for spec in MEETING_FIELDS:
        assert getattr(meeting, spec.name) != spec.default, spec.name
    for spec in ITEM_FIELDS:
        assert getattr(item, spec.name) != spec.default, spec.name
    return meeting


def facts(obj: Meeting | Item, specs: tuple[FieldSpec, ...]) -> dict[str, Any]:
    return {s.name: getattr(obj, s.name) for s in specs}


# --- the tables ----------------------------------------------------------------------


def test_meeting_facts_in_form_order_with_their_labels() -> None:
    assert [(s.name, s.label) for s in MEETING_FIELDS] == [
        ("body", "&Udvalg"),
        ("date", "&Dato"),
        ("time", "T&idspunkt"),
        ("location", "Møde&sted"),
        ("participants", "Delta&gere"),
        ("absent", "&Afbud"),
        ("secretary", "Se&kretær"),
        ("signature_sheet", "Underskrifts&blad"),
    ]
    assert [(s.name, s.label) for s in ITEM_FIELDS] == [
        ("title", "Ti&tel"), ("case_number", "Sags&nummer"), ("closed", "&Lukket punkt"),
    ]


def test_undo_labels_and_lookup() -> None:
    assert [meeting_field(n).undo_label for n in ("body", "location", "participants", "secretary")] == [
        "udvalg", "mødested", "deltagere", "sekretær",
    ]
    assert item_field("closed").undo_label == "lukket punkt"
    with pytest.raises(KeyError):
        meeting_field("items")


def test_required_defaults_and_flags() -> None:
    assert [s.name for s in MEETING_FIELDS if s.required] == ["body", "date"]
    assert [s.name for s in ITEM_FIELDS if s.required] == ["title"]
    assert [s.name for s in MEETING_FIELDS if s.carried_over] == [
        "body", "time", "location", "participants", "secretary", "signature_sheet",
    ]
    sheet = meeting_field("signature_sheet")
    assert (sheet.kind, sheet.default, sheet.printed) == (ValueKind.FLAG, False, True)  # the sheet (issue 13)
    participants = meeting_field("participants")
    assert participants.default == [] and participants.default is not participants.default  # fresh lists
    mnemonics = [s.label[s.label.index("&") + 1].lower() for s in MEETING_FIELDS + ITEM_FIELDS]
    assert len(set(mnemonics)) == len(mnemonics)


def test_role_prints_the_same_words() -> None:
    meeting = Meeting("Byrådet", TODAY, participants=["A", "B"], secretary="S", absent=["C"])
    roles = [p.role for p in meeting.people()]
    assert roles == [Role.PARTICIPANT, Role.PARTICIPANT, Role.SECRETARY, Role.ABSENT]
    assert [str(p.role) for p in meeting.people()] == ["deltager", "deltager", "sekretær", "afbud"]
    assert participants_line(meeting) == "A, B, S (sekretær)"
    assert absent_line(meeting) == "C"


# --- section kinds -------------------------------------------------------------------


def test_every_section_kind_has_one_line_in_the_table() -> None:
    assert [s.kind for s in SECTION_KINDS] == list(SectionKind)
    assert fixed_section_kinds() == (
        SectionKind.BAGGRUND, SectionKind.INDSTILLING, SectionKind.BESLUTNING, SectionKind.SAGSFREMSTILLING,
    )
    assert section_kind(SectionKind.BESLUTNING).label == "Beslutning"
    assert [s.kind for s in new_item("x").sections] == list(fixed_section_kinds())


def test_section_slots_show_every_section_once_and_missing_fixed_ones() -> None:
    extra = Section(SectionKind.EXTRA, "e", "Økonomi")
    sections = [extra, Section(SectionKind.BESLUTNING, "b"), Section(SectionKind.BAGGRUND, "a"),
                Section(SectionKind.BAGGRUND, "a2")]
    slots = section_slots(Item("x", sections=sections))
    assert [kind for kind, _ in slots] == [
        SectionKind.BAGGRUND, SectionKind.BAGGRUND, SectionKind.INDSTILLING, SectionKind.BESLUTNING,
        SectionKind.SAGSFREMSTILLING, SectionKind.EXTRA,
    ]
    shown = [s for _, s in slots if s is not None]
    assert sorted(map(id, shown)) == sorted(map(id, sections))
    assert [kind for kind, s in slots if s is None] == [SectionKind.INDSTILLING, SectionKind.SAGSFREMSTILLING]


# --- every fact survives the store and JSON ------------------------------------------


def test_every_fact_round_trips_through_the_store(store: Store) -> None:
    meeting = unusual_meeting()
    back = store.get_meeting(store.add_meeting(meeting))
    assert facts(back, MEETING_FIELDS) == facts(meeting, MEETING_FIELDS)
    assert facts(back.items[0], ITEM_FIELDS) == facts(meeting.items[0], ITEM_FIELDS)


def test_every_fact_round_trips_through_json() -> None:
    meeting = unusual_meeting()
    data = interchange.data_from_meetings([meeting])["meetings"][0]
    assert set(s.name for s in MEETING_FIELDS) <= set(data)
    assert set(s.name for s in ITEM_FIELDS) <= set(data["items"][0])
    back = interchange.loads(interchange.dumps([meeting]))[0]
    assert facts(back, MEETING_FIELDS) == facts(meeting, MEETING_FIELDS)
    assert facts(back.items[0], ITEM_FIELDS) == facts(meeting.items[0], ITEM_FIELDS)


def test_every_fact_can_be_updated_and_back(store: Store) -> None:
    meeting_id = store.add_meeting(Meeting("Byrådet", TODAY, items=[Item("Punkt")]))
    item_id = store.get_meeting(meeting_id).items[0].id
    assert item_id is not None
    wanted = unusual_meeting()
    store.update_meeting(meeting_id, **facts(wanted, MEETING_FIELDS))
    store.update_item(item_id, **facts(wanted.items[0], ITEM_FIELDS))
    back = store.get_meeting(meeting_id)
    assert facts(back, MEETING_FIELDS) == facts(wanted, MEETING_FIELDS)
    assert facts(back.items[0], ITEM_FIELDS) == facts(wanted.items[0], ITEM_FIELDS)
    with pytest.raises(ValueError, match="unknown meeting facts"):
        store.update_meeting(meeting_id, items=[])
    with pytest.raises(ValueError, match="unknown item fields"):
        store.update_item(item_id, sections=[])


# --- signature_sheet -----------------------------------------------------------------


def test_signature_sheet_in_json_is_optional_false_and_written() -> None:
    doc = {"format": "referat/1", "meetings": [{"body": "B", "date": "2026-11-30"}]}
    assert interchange.meetings_from_data(doc)[0].signature_sheet is False
    doc["meetings"][0]["signature_sheet"] = True
    meeting = interchange.meetings_from_data(doc)[0]
    assert meeting.signature_sheet is True
    assert json.loads(interchange.dumps([meeting]))["meetings"][0]["signature_sheet"] is True
    assert json.loads(interchange.dumps([Meeting("B", TODAY)]))["meetings"][0]["signature_sheet"] is False


@pytest.mark.parametrize("value", ["true", 1, None, []])
def test_signature_sheet_must_be_a_boolean(value: object) -> None:
    doc = {"format": "referat/1", "meetings": [{"body": "B", "date": "2026-11-30", "signature_sheet": value}]}
    with pytest.raises(FormatError, match=r"^meetings\[0\]\.signature_sheet: expected true or false$"):
        interchange.meetings_from_data(doc)


def test_signature_sheet_stored_and_updated(store: Store) -> None:
    meeting_id = store.add_meeting(Meeting("Byrådet", TODAY, signature_sheet=True))
    assert store.get_meeting(meeting_id).signature_sheet is True
    store.update_meeting(meeting_id, signature_sheet=False)
    assert store.get_meeting(meeting_id).signature_sheet is False
    row = store.db.execute("SELECT signature_sheet FROM meetings WHERE id = ?", [meeting_id]).fetchone()
    assert row[0] == 0


def test_new_meetings_copy_the_signature_sheet() -> None:
    meeting = Meeting("Byrådet", dt.date(2026, 11, 23), signature_sheet=True, absent=["X"])
    following = next_meeting(meeting, TODAY)
    assert following.signature_sheet is True and following.absent == []
    assert blank_meeting(meeting, TODAY).signature_sheet is True
    assert blank_meeting(None, TODAY).signature_sheet is False
    assert next_meeting(Meeting("Byrådet", TODAY), TODAY).signature_sheet is False


def make_version_1_file(path: Path) -> None:
    """A file as the version before signature_sheet wrote it, with one meeting."""
    db = sqlite_utils.Database(path)
    MIGRATIONS[0](db)
    db.execute("PRAGMA user_version = 1")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(
        "INSERT INTO meetings (body, date, time, participants)"
        " VALUES ('Byrådet', '2019-12-16', '09:00', '[\"A\"]')"
    )
    db.conn.commit()
    db.close()


def test_a_file_from_before_signature_sheet_upgrades_on_open(db_path: Path) -> None:
    make_version_1_file(db_path)
    store = Store.open(db_path, backup=False)
    try:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        (summary,) = store.list_meetings()
        meeting = store.get_meeting(summary.id)
        assert (meeting.body, meeting.time, meeting.participants) == ("Byrådet", "09:00", ["A"])
        assert meeting.signature_sheet is False
        store.update_meeting(summary.id, signature_sheet=True)
        assert store.get_meeting(summary.id).signature_sheet is True
    finally:
        store.close()
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        conn.close()


def test_schema_version_is_the_number_of_migrations() -> None:
    from referat_desktop.store import file_format

    assert file_format.SCHEMA_VERSION == SCHEMA_VERSION == len(MIGRATIONS)


def test_referat_import_and_export_json_carry_the_signature_sheet(tmp_path: Path, db_path: Path) -> None:
    from referat_desktop import cli

    source = tmp_path / "in.json"
    doc = {"format": "referat/1", "meetings": [{"body": "B", "date": "2026-11-30", "signature_sheet": True}]}
    source.write_text(json.dumps(doc), encoding="utf-8")
    assert cli.main(["import", str(source), "--db", str(db_path)]) == 0
    store = Store.open(db_path, read_only=True)
    (summary,) = store.list_meetings()
    store.close()
    out = tmp_path / "out.json"
    args = ["export", str(summary.id), "--format", "json", "-o", str(out), "--db", str(db_path)]
    assert cli.main(args) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["meetings"][0]["signature_sheet"] is True
