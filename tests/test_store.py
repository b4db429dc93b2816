"""The SQLite store: CRUD, ordering, migrations, search; never starts Qt."""

import datetime as dt
import sqlite3

import pytest

from referat_desktop.domain.model import Attachment, Item, Meeting, Section, SectionKind
from referat_desktop.store import NotFound, Store
from referat_desktop.store.schema import APPLICATION_ID, SCHEMA_VERSION


def small_meeting(title_prefix="Punkt"):
    return Meeting(
        body="Økonomiudvalget",
        date=dt.date(2026, 11, 2),
        time="16:30",
        location="Byrådssalen",
        participants=["Anne Ø", "Bo Å"],
        secretary="Cæcilie",
        absent=["Dan"],
        items=[
            Item(
                title=f"{title_prefix} {n}",
                case_number=f"26/{n:05d}",
                sections=[Section(SectionKind.BAGGRUND, f"Tekst {n}")],
                attachments=[Attachment(name=f"bilag-{n}.pdf")],
            )
            for n in range(1, 4)
        ],
    )


def titles(store, meeting_id):
    return [it.title for it in store.get_meeting(meeting_id).items]


def test_new_file_has_schema_wal_and_foreign_keys(store, db_path):
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db_path.exists()


def test_empty_file_becomes_a_database(tmp_path):
    path = tmp_path / "empty.sqlite"
    path.touch()
    s = Store.open(path)
    assert s.list_meetings() == []
    s.close()


def test_missing_folder_is_created(tmp_path):
    s = Store.open(tmp_path / "a" / "b" / "referat.sqlite")
    assert s.list_meetings() == []
    s.close()


def test_meeting_round_trip(store):
    meeting_id = store.add_meeting(small_meeting())
    got = store.get_meeting(meeting_id)
    assert got.body == "Økonomiudvalget" and got.date == dt.date(2026, 11, 2) and got.time == "16:30"
    assert got.participants == ["Anne Ø", "Bo Å"] and got.absent == ["Dan"] and got.secretary == "Cæcilie"
    assert [it.case_number for it in got.items] == ["26/00001", "26/00002", "26/00003"]
    assert got.items[1].sections[0].text == "Tekst 2"
    assert got.items[2].attachments[0].name == "bilag-3.pdf"


def test_list_newest_first_with_item_counts(store):
    older = small_meeting()
    older.date = dt.date(2025, 1, 1)
    a = store.add_meeting(older)
    b = store.add_meeting(small_meeting())
    assert [(m.id, m.item_count) for m in store.list_meetings()] == [(b, 3), (a, 3)]


def test_update_meeting_facts(store):
    meeting_id = store.add_meeting(small_meeting())
    store.update_meeting(meeting_id, location="B105", participants=["X"], date=dt.date(2027, 1, 4))
    got = store.get_meeting(meeting_id)
    assert (got.location, got.participants, got.date) == ("B105", ["X"], dt.date(2027, 1, 4))
    with pytest.raises(ValueError):
        store.update_meeting(meeting_id, colour="red")


def test_add_move_delete_items_keep_numbers_dense(store):
    meeting_id = store.add_meeting(small_meeting())
    first = store.add_item(meeting_id, Item(title="Først"), position=0)
    assert titles(store, meeting_id) == ["Først", "Punkt 1", "Punkt 2", "Punkt 3"]
    store.move_item(first, 3)
    assert titles(store, meeting_id) == ["Punkt 1", "Punkt 2", "Punkt 3", "Først"]
    item, position = store.delete_item(store.item_ids(meeting_id)[1])
    assert (item.title, position) == ("Punkt 2", 1)
    assert titles(store, meeting_id) == ["Punkt 1", "Punkt 3", "Først"]
    positions = [r[0] for r in store.db.execute("SELECT position FROM items ORDER BY position")]
    assert positions == [0, 1, 2]
    store.restore_item(meeting_id, item, position)
    assert titles(store, meeting_id) == ["Punkt 1", "Punkt 2", "Punkt 3", "Først"]
    assert store.get_item(item.id).sections[0].text == "Tekst 2"


def test_delete_meeting_cascades_and_restores_with_same_ids(store):
    meeting_id = store.add_meeting(small_meeting())
    deleted = store.delete_meeting(meeting_id)
    for table in ("meetings", "items", "sections", "attachments"):
        assert store.db[table].count == 0
    store.restore_meeting(deleted)
    assert store.get_meeting(meeting_id) == deleted


def test_sections_and_attachments(store):
    meeting_id = store.add_meeting(small_meeting())
    item_id = store.item_ids(meeting_id)[0]
    extra = store.add_section(item_id, Section(SectionKind.EXTRA, "", heading="Økonomi"))
    store.set_section_text(extra, "**100** kr.")
    store.set_section_heading(extra, "Økonomi og tid")
    store.set_attachments(item_id, [Attachment("a.docx"), Attachment("b.pdf")])
    item = store.get_item(item_id)
    assert [(s.kind, s.heading, s.text) for s in item.sections][-1] == (
        SectionKind.EXTRA, "Økonomi og tid", "**100** kr."
    )  # fmt: skip
    assert [a.name for a in item.attachments] == ["a.docx", "b.pdf"]
    store.delete_section(extra)
    assert len(store.get_item(item_id).sections) == 1
    with pytest.raises(NotFound):
        store.set_section_text(extra, "gone")


def test_closed_flag_and_item_fields(store):
    meeting_id = store.add_meeting(small_meeting())
    item_id = store.item_ids(meeting_id)[0]
    store.update_item(item_id, closed=True, title="Personalesag", case_number="")
    item = store.get_item(item_id)
    assert (item.closed, item.title, item.case_number) == (True, "Personalesag", "")


def test_import_is_all_or_nothing(store):
    good = small_meeting()
    bad = small_meeting()
    bad.items[0].title = None  # violates NOT NULL in the middle of the import
    with pytest.raises(sqlite3.IntegrityError):
        store.import_meetings([good, bad])
    assert store.list_meetings() == []


def test_search_with_danish_letters(store, sample_meeting):
    store.import_meetings([sample_meeting])
    assert "Ophør af madproduktion i kulturhusene" in [h.item_title for h in store.search("økonomisk")]
    assert store.search("okonomisk") == []  # ø is not folded to o
    charlotte = {h.item_title for h in store.search("Charlottekvarteret")}
    assert charlotte >= {"Udviklingsgreb i Charlottekvarteret"}
    # "år" is a word of its own; folding it to "ar" would match far more.
    hits = store.search("år")
    assert hits and all("år" in h.snippet.lower() or "år" in h.item_title for h in hits)
    assert store.search('"; DROP TABLE items; --') == []


def test_search_follows_edits(store):
    meeting_id = store.add_meeting(small_meeting())
    section_id = store.get_meeting(meeting_id).items[0].sections[0].id
    store.set_section_text(section_id, "Vejbump på Rådhusvej")
    assert [h.item_title for h in store.search("rådhusvej")] == ["Punkt 1"]
    store.set_section_text(section_id, "noget andet")
    assert store.search("rådhusvej") == []


def test_migration_from_version_zero_database(tmp_path):
    path = tmp_path / "old.sqlite"
    sqlite3.connect(path).close()  # an empty SQLite file: version 0, no tables
    s = Store.open(path)
    assert s.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    s.close()


def test_both_search_plans_give_the_same_hits(store, sample_meeting, monkeypatch):
    import datetime as dt

    from referat_desktop.store import search as search_module

    for year in (2017, 2019, 2018):
        sample_meeting.date = dt.date(year, 5, 1)
        store.import_meetings([sample_meeting])
    results = {}
    for few_hits in (0, 10**9):
        monkeypatch.setattr(search_module, "FEW_HITS", few_hits)
        results[few_hits] = [
            [(h.meeting_date.year, h.item_title, h.snippet) for h in store.search(q, limit=10)]
            for q in ("sociale investeringer", "Charlottekvarteret", "år", "19/23271", "intet-her", "det")
        ]
    assert results[0] == results[10**9]
    assert [year for year, _, _ in results[0][0]] == [2019, 2018, 2017]
    assert [year for year, _, _ in results[0][2]] == [2019] * 3 + [2018] * 3 + [2017] * 3
    assert len(results[0][5]) == 10  # "det" is in every item: the limit holds
    assert results[0][4] == []
