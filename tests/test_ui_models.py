"""The meeting list and item tree models pass qtmodeltester, also while they change."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

from referat_desktop.domain.model import Item, Meeting, Section, SectionKind
from referat_desktop.domain.recurring import new_item
from referat_desktop.ui.item_tree import HEADING_ROLE, ITEM_ID_ROLE, NODE_ROLE, SECTION_ID_ROLE, ItemTreeModel
from referat_desktop.ui.meeting_list import MEETING_ID_ROLE, MeetingListModel
from referat_desktop.ui.session import Session


def _meetings(model: MeetingListModel) -> list[tuple[str, list[str]]]:
    years = []
    for y in range(model.rowCount()):
        year = model.index(y, 0)
        years.append((year.data(), [model.index(r, 0, year).data() for r in range(model.rowCount(year))]))
    return years


def test_meeting_list_groups_by_year_newest_first(qtmodeltester, store, sample_meeting) -> None:
    session = Session(store)
    store.add_meeting(sample_meeting)
    store.add_meeting(Meeting("Byrådet", dt.date(2020, 1, 27)))
    store.add_meeting(Meeting("Direktionen", dt.date(2019, 12, 2)))
    model = MeetingListModel(session)
    qtmodeltester.check(model, force_py=True)
    assert _meetings(model) == [("2020", ["27-01-2020"]), ("2019", ["16-12-2019", "02-12-2019"])]
    sample = model.index(0, 0, model.index(1, 0))
    assert [sample.siblingAtColumn(c).data() for c in range(3)] == ["16-12-2019", "Direktionen", "6"]


def test_meeting_list_follows_adds_moves_and_deletes(qtmodeltester, store, sample_meeting) -> None:
    session = Session(store)
    sample_id = store.add_meeting(sample_meeting)
    model = MeetingListModel(session)
    qtmodeltester.check(model, force_py=True)
    kept = QPersistentModelIndex(model.index_of(sample_id))

    other = session.add_meeting(Meeting("Byrådet", dt.date(2021, 3, 1)))
    assert _meetings(model) == [("2021", ["01-03-2021"]), ("2019", ["16-12-2019"])]
    # A new date moves the meeting into another (new) year; a persistent index follows it.
    session.update_meeting(sample_id, {"date": dt.date(2022, 5, 2)})
    assert _meetings(model) == [("2022", ["02-05-2022"]), ("2021", ["01-03-2021"])]
    assert kept.isValid() and kept.data(MEETING_ID_ROLE) == sample_id
    session.update_meeting(sample_id, {"date": dt.date(2021, 2, 1), "body": "Økonomiudvalget"})
    assert _meetings(model) == [("2021", ["01-03-2021", "01-02-2021"])]
    assert model.index_of(sample_id, 1).data() == "Økonomiudvalget"
    session.add_item(other, Item("Nyt"), 0)
    assert model.index_of(other, 2).data() == "1"

    deleted = session.delete_meeting(sample_id)
    assert _meetings(model) == [("2021", ["01-03-2021"])]
    session.restore_meeting(deleted)
    session.delete_meeting(other)
    assert _meetings(model) == [("2021", ["01-02-2021"])]
    assert model.meeting_count() == 1


def _tree(model: ItemTreeModel) -> list[str]:
    return [model.index(r, 0).data(HEADING_ROLE) for r in range(model.rowCount())]


def test_item_tree_shows_items_and_sections(qtmodeltester, store, sample_meeting) -> None:
    session = Session(store)
    meeting_id = store.add_meeting(sample_meeting)
    model = ItemTreeModel(session)
    model.show_meeting(meeting_id, store.get_meeting(meeting_id).items)
    qtmodeltester.check(model, force_py=True)
    assert _tree(model)[:2] == [
        "Punkt 1: Øvrige sager 16-12-2019",
        "Punkt 2: Status sociale investeringer - dec 2019",
    ]
    assert model.index(1, 1).data() == "19/18529"
    first = model.index(0, 0)
    children = [model.index(r, 0, first).data() for r in range(model.rowCount(first))]
    # Øvrige sager has only a Baggrund; the other fixed sections are offered anyway.
    assert children == ["Baggrund", "Indstilling", "Beslutning", "Sagsfremstilling", "Bilag (1)"]
    assert [model.index(r, 0, first).data(SECTION_ID_ROLE) > 0 for r in range(4)] == [
        True,
        False,
        False,
        False,
    ]
    assert model.index(4, 0, first).data(NODE_ROLE) == "attachments"


def test_item_tree_follows_every_structural_edit(qtmodeltester, store, sample_meeting) -> None:
    session = Session(store)
    meeting_id = store.add_meeting(sample_meeting)
    model = ItemTreeModel(session)
    model.show_meeting(meeting_id, store.get_meeting(meeting_id).items)
    qtmodeltester.check(model, force_py=True)
    ids = model.item_ids()
    kept = QPersistentModelIndex(model.index(1, 0))

    session.move_item(ids[1], 4)
    assert kept.row() == 4 and kept.data(ITEM_ID_ROLE) == ids[1]
    assert _tree(model)[4] == "Punkt 5: Status sociale investeringer - dec 2019"
    session.move_item(ids[1], 0)
    assert _tree(model)[0].startswith("Punkt 1: Status") and _tree(model)[1].startswith("Punkt 2: Øvrige")

    new_id = session.add_item(meeting_id, new_item("Budget"), 2)
    assert _tree(model)[2] == "Punkt 3: Budget" and _tree(model)[3].startswith("Punkt 4: Udviklingsgreb")
    session.update_item(new_id, {"closed": True, "case_number": "24/1"})
    assert (
        model.index(2, 0).data(HEADING_ROLE) == "Punkt 3: Budget (lukket)"
        and model.index(2, 1).data() == "24/1"
    )
    assert model.index(2, 0).data() == "Budget (lukket)"

    parent = model.index(2, 0)
    extra = session.add_section(new_id, Section(SectionKind.EXTRA, heading="Økonomi"))
    assert model.rowCount(parent) == 6 and model.index(4, 0, parent).data() == "Økonomi"
    session.set_section_heading(new_id, extra, "Økonomi og personale")
    assert model.index(4, 0, parent).data() == "Økonomi og personale"
    section, index = session.delete_section(new_id, extra)
    assert model.rowCount(parent) == 5
    session.restore_section(new_id, section, index)
    assert model.index(4, 0, parent).data(SECTION_ID_ROLE) == extra

    # Creating a missing fixed section replaces the placeholder row in place.
    first_item = model.item_index(ids[0])
    session.add_section(ids[0], Section(SectionKind.BESLUTNING))
    assert model.rowCount(model.index(1, 0)) == 5
    assert model.index(2, 0, model.index(1, 0)).data(SECTION_ID_ROLE) > 0
    assert first_item.isValid()

    session.delete_item(new_id)
    assert len(_tree(model)) == 6 and _tree(model)[2].startswith("Punkt 3: Udviklingsgreb")
    session.set_section_text(model.index(0, 0, model.index(0, 0)).data(SECTION_ID_ROLE), "")  # greys the row
    # Edits in another meeting leave this tree alone.
    other = session.add_meeting(Meeting("Byrådet", dt.date(2020, 1, 1)))
    session.add_item(other, Item("Andet"), 0)
    assert len(_tree(model)) == 6
    model.show_meeting(other, store.get_meeting(other).items)
    assert _tree(model) == ["Punkt 1: Andet"]
    assert model.parent(QModelIndex()) == QModelIndex()


def test_drop_asks_for_a_move_instead_of_moving(qtbot, store, sample_meeting) -> None:
    session = Session(store)
    meeting_id = store.add_meeting(sample_meeting)
    model = ItemTreeModel(session)
    model.show_meeting(meeting_id, store.get_meeting(meeting_id).items)
    ids = model.item_ids()
    data = model.mimeData([model.index(0, 0)])
    with qtbot.waitSignal(model.move_requested) as moved:
        # Dropped between rows 3 and 4 (before row 3): after removal it lands at position 2.
        assert model.dropMimeData(data, model.supportedDropActions(), 3, 0, QModelIndex()) is False
    assert moved.args == [ids[0], 2]
    assert model.item_ids() == ids  # unchanged until the command runs
    with qtbot.waitSignal(model.move_requested) as moved:
        model.dropMimeData(
            model.mimeData([model.index(5, 0)]), model.supportedDropActions(), -1, 0, model.index(1, 0)
        )
    assert moved.args == [ids[5], 1]  # dropped onto item 2: takes its place
    assert not model.canDropMimeData(
        data, model.supportedDropActions(), 0, 0, model.index(0, 0, model.index(0, 0))
    )


def test_case_number_column_fits_its_longest_number(qtbot, store, sample_meeting) -> None:
    """The Sagsnr. column is measured from its texts (not ResizeToContents): a long KLE
    number shows whole, and the column follows an edit."""
    from PySide6.QtGui import QFont, QFontMetrics

    from referat_desktop.ui.item_tree_view import ItemTreeView

    meeting_id = store.add_meeting(sample_meeting)
    session = Session(store)
    model = ItemTreeModel(session)
    view = ItemTreeView(model)
    qtbot.addWidget(view)
    model.show_meeting(meeting_id, session.get_meeting(meeting_id).items)
    bold = QFont(view.font())
    bold.setBold(True)

    def fits(text: str) -> bool:
        return view.header().sectionSize(1) >= QFontMetrics(bold).horizontalAdvance(text)

    assert fits("19/18529")
    long_number = "00.01.00-A00-123456-2026"
    item_id = model.item_ids()[0]
    session.update_item(item_id, {"case_number": long_number})
    assert fits(long_number)
