"""The meeting list: newest first, grouped under year rows, as a thin model over the store.

The model holds only ids and the few facts a row shows (one `list_meetings` query at
start); it follows the Session's changes with precise insert/remove/move signals, so the
selection survives a change of date and a 2,000-meeting archive is never reloaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from referat_desktop.store import MeetingSummary
from referat_desktop.ui.operations import (
    ItemAdded,
    ItemRemoved,
    MeetingAdded,
    MeetingChanged,
    MeetingRemoved,
    OpChanges,
)
from referat_desktop.ui.session import Session

MEETING_ID_ROLE = Qt.ItemDataRole.UserRole + 1
HEADERS = ("Dato", "Udvalg", "Punkter")
BODY_MIN_CHARS = 14  # the Udvalg column's least width, in average characters
OPEN_YEARS = 2  # years shown unfolded at start; selecting a meeting unfolds its year
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass
class _Row:
    id: int
    date: dt.date
    body: str
    item_count: int

    @property
    def date_text(self) -> str:
        return f"{self.date.day:02d}-{self.date.month:02d}-{self.date.year}"  # short_date, but cheap

    def sort_key(self) -> tuple[dt.date, int]:
        return (self.date, self.id)


class MeetingListModel(QAbstractItemModel):
    """Year rows at the top level (internal id 0); meeting rows below (internal id = year)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._years: list[int] = []  # newest first
        self._rows: dict[int, list[_Row]] = {}  # year -> meetings, newest first
        self._reload(session.list_meetings())
        session.changed.connect(self.on_changes)

    # --- Qt's model interface ----------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, self._years[parent.row()])

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(self._years.index(index.internalId()), 0, 0)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802
        if not parent.isValid():
            return len(self._years)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._rows[self._years[parent.row()]])
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802
        return len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == 0:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == 0:
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return str(self._years[index.row()])
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        row = self._rows[index.internalId()][index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.date_text, row.body, str(row.item_count))[index.column()]
        if role == MEETING_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.body} {row.date_text}, {row.item_count} punkter"
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # --- lookups -----------------------------------------------------------------------

    def meeting_count(self) -> int:
        return sum(len(rows) for rows in self._rows.values())

    def index_of(self, meeting_id: int, column: int = 0) -> QModelIndex:
        for year_row, year in enumerate(self._years):
            for row, entry in enumerate(self._rows[year]):
                if entry.id == meeting_id:
                    return self.index(row, column, self.index(year_row, 0))
        return QModelIndex()

    def first_meeting(self) -> QModelIndex:
        return self.index(0, 0, self.index(0, 0)) if self._years else QModelIndex()

    # --- following the Session ---------------------------------------------------------

    def _reload(self, summaries: list[MeetingSummary]) -> None:
        self.beginResetModel()
        self._years, self._rows = [], {}
        for s in summaries:  # already newest first
            if s.date.year not in self._rows:
                self._years.append(s.date.year)
                self._rows[s.date.year] = []
            self._rows[s.date.year].append(_Row(s.id, s.date, s.body, s.item_count))
        self.endResetModel()

    def _year_row(self, year: int) -> int:
        """The row of `year`, inserting the year if it is new."""
        if year in self._rows:
            return self._years.index(year)
        row = sum(1 for y in self._years if y > year)
        self.beginInsertRows(QModelIndex(), row, row)
        self._years.insert(row, year)
        self._rows[year] = []
        self.endInsertRows()
        return row

    def _drop_year_if_empty(self, year: int) -> None:
        if self._rows[year]:
            return
        row = self._years.index(year)
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._years[row]
        del self._rows[year]
        self.endRemoveRows()

    @staticmethod
    def _slot(rows: list[_Row], entry: _Row) -> int:
        return sum(1 for r in rows if r.sort_key() > entry.sort_key())

    def on_changes(self, op: OpChanges) -> None:
        change = op.change
        if isinstance(change, MeetingAdded):
            self._on_added(_Row(change.meeting_id, change.date, change.body, change.item_count))
        elif isinstance(change, MeetingRemoved):
            self._on_removed(change.meeting_id)
        elif isinstance(change, MeetingChanged):
            self._on_changed(change.meeting_id, change.facts)
        elif isinstance(change, ItemAdded):
            self._count_items(change.meeting_id, +1)
        elif isinstance(change, ItemRemoved):
            self._count_items(change.meeting_id, -1)

    def _on_added(self, entry: _Row) -> None:
        parent = self.index(self._year_row(entry.date.year), 0)
        rows = self._rows[entry.date.year]
        row = self._slot(rows, entry)
        self.beginInsertRows(parent, row, row)
        rows.insert(row, entry)
        self.endInsertRows()

    def _on_removed(self, meeting_id: int) -> None:
        index = self.index_of(meeting_id)
        if not index.isValid():
            return
        year = index.internalId()
        self.beginRemoveRows(index.parent(), index.row(), index.row())
        del self._rows[year][index.row()]
        self.endRemoveRows()
        self._drop_year_if_empty(year)

    def _on_changed(self, meeting_id: int, facts: Mapping[str, object]) -> None:
        if not {"date", "body"} & set(facts):
            return
        index = self.index_of(meeting_id)
        if not index.isValid():
            return
        entry = self._rows[index.internalId()][index.row()]
        body, date = facts.get("body", entry.body), facts.get("date", entry.date)
        assert isinstance(body, str) and isinstance(date, dt.date)
        entry.body = body
        if date != entry.date:
            self._move(entry, date)
        index = self.index_of(meeting_id)
        self.dataChanged.emit(index, index.siblingAtColumn(len(HEADERS) - 1))

    def _move(self, entry: _Row, date: dt.date) -> None:
        """Move a meeting to its new place (another year perhaps), keeping it selected."""
        old_year = entry.date.year
        new_parent_row = self._year_row(date.year)  # may insert a year row first
        source = self.index_of(entry.id)
        old_rows, new_rows = self._rows[old_year], self._rows[date.year]
        old_row = source.row()
        others = [r for r in new_rows if r is not entry]
        entry_at_new_date = _Row(entry.id, date, entry.body, entry.item_count)
        new_row = self._slot(others, entry_at_new_date)
        # beginMoveRows counts the destination before the row is taken out.
        dest = new_row + 1 if old_year == date.year and new_row >= old_row else new_row
        if old_year != date.year or dest not in (old_row, old_row + 1):
            self.beginMoveRows(source.parent(), old_row, old_row, self.index(new_parent_row, 0), dest)
            old_rows.pop(old_row)
            entry.date = date
            new_rows.insert(new_row, entry)
            self.endMoveRows()
        else:
            entry.date = date
        self._drop_year_if_empty(old_year)

    def _count_items(self, meeting_id: int, delta: int) -> None:
        index = self.index_of(meeting_id, 2)
        if index.isValid():
            self._rows[index.internalId()][index.row()].item_count += delta
            self.dataChanged.emit(index.siblingAtColumn(0), index)


class MeetingListView(QTreeView):
    """Shows the model with year rows spanning the columns; reports the selected meeting."""

    meeting_selected = Signal(int)  # meeting id, 0 when none

    def __init__(self, model: MeetingListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(False)
        self.setAccessibleName("Møder")
        # Widths from the font, never ResizeToContents: that asks every one of thousands of
        # rows for its size on each relayout and made the window sluggish on a big archive.
        header = self.header()
        header.setStretchLastSection(False)
        metrics = self.fontMetrics()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        # A meeting row sits two indentations in (the root decoration and its year).
        header.resizeSection(0, metrics.horizontalAdvance("00-00-0000") + 2 * self.indentation() + 16)
        header.resizeSection(2, metrics.horizontalAdvance(HEADERS[2]) + 16)
        # The Udvalg column keeps room for a usual board name ("Økonomiudvalget"); a longer
        # one is elided with "…" and shown whole in the row's tooltip.
        body_room = BODY_MIN_CHARS * metrics.averageCharWidth()
        columns = header.sectionSize(0) + body_room + header.sectionSize(2)
        self.setMinimumWidth(columns + 2 * self.frameWidth())
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        model.rowsInserted.connect(self._on_rows_inserted)
        model.modelReset.connect(self._span_and_expand)
        self._span_and_expand()
        self.selectionModel().currentRowChanged.connect(self._on_current_changed)

    def _span_and_expand(self) -> None:
        """Year rows span the columns; the newest years are open, older ones closed."""
        for row in range(self.model().rowCount()):
            self.setFirstColumnSpanned(row, QModelIndex(), True)
        for row in range(min(OPEN_YEARS, self.model().rowCount())):
            self.expand(self.model().index(row, 0))

    def _on_rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if parent.isValid():
            self.expand(parent)
            return
        for row in range(first, last + 1):
            self.setFirstColumnSpanned(row, QModelIndex(), True)
            self.expand(self.model().index(row, 0))

    def _on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        meeting_id = current.data(MEETING_ID_ROLE) if current.isValid() else None
        self.meeting_selected.emit(meeting_id or 0)

    def select_meeting(self, meeting_id: int) -> None:
        model = self.model()
        assert isinstance(model, MeetingListModel)
        index = model.index_of(meeting_id)
        if index.isValid():
            self.expand(index.parent())
            self.setCurrentIndex(index)
            self.scrollTo(index)
