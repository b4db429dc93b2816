"""The agenda of one meeting: `Punkt N: title` rows with their sections below, over the store.

Item rows are the top level (internal id 0); a section row's internal id is its item's
database id, which stays valid while items move. The fixed sections an item lacks
(an imported "Øvrige sager" may have only a Baggrund) are shown anyway, with no id, so the
secretary can still type a decision; the window creates such a section when it is opened.
Edits in place and drops do not change anything here: they ask for an undo command
through signals, and the Session's signals then move or repaint exactly the rows affected.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QWidget

from referat_desktop.domain.model import Item, SectionKind
from referat_desktop.domain.texts import item_heading
from referat_desktop.ui.item_rows import Child, Node, Row, row_from_item
from referat_desktop.ui.operations import (
    ItemAdded,
    ItemChanged,
    ItemContentChanged,
    ItemMoved,
    ItemRemoved,
    OpChanges,
    SectionTextSaved,
)
from referat_desktop.ui.session import Session

NODE_ROLE = Qt.ItemDataRole.UserRole + 1  # a Node (item_rows.py)
ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 2
SECTION_ID_ROLE = Qt.ItemDataRole.UserRole + 3  # 0 for a fixed section not created yet
SECTION_KIND_ROLE = Qt.ItemDataRole.UserRole + 4
# "Punkt N: title". Not the display role: a row's display data must not change when a row
# is inserted above it (qtmodeltester checks that), so the delegate paints this instead.
HEADING_ROLE = Qt.ItemDataRole.UserRole + 5
MIME_TYPE = "application/x-referat-item-id"
HEADERS = ("Punkt", "Sagsnr.")
CLOSED_TIP = "Lukket punkt: kun nummer og titel kommer med i den offentlige udgave"
AnyIndex = QModelIndex | QPersistentModelIndex


class ItemTreeModel(QAbstractItemModel):
    title_edit_requested = Signal(int, str)  # item_id, new title
    case_number_edit_requested = Signal(int, str)  # item_id, new case number
    heading_edit_requested = Signal(int, int, str)  # item_id, section_id, new heading
    move_requested = Signal(int, int)  # item_id, new position

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.meeting_id = 0
        self._rows: list[Row] = []
        self._row_cache: dict[int, int] | None = None  # item id -> row, rebuilt after changes
        self._editable = not session.read_only
        self._icon: QIcon | None = None  # the protocol marker, made on first use
        session.changed.connect(self.on_changes)

    def set_editable(self, editable: bool) -> None:
        """Titles typed in place and drops: off for a read-only file or an approved meeting."""
        self._editable = editable

    def show_meeting(self, meeting_id: int, items: list[Item]) -> None:
        self.beginResetModel()
        self.meeting_id = meeting_id
        self._rows = [row_from_item(item) for item in items]
        self._row_cache = None
        self.endResetModel()

    # --- Qt's model interface ----------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, self._rows[parent.row()].id)

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(self.row_of(index.internalId()), 0, 0)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802
        if not parent.isValid():
            return len(self._rows)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._rows[parent.row()].children)
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802
        return len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled if self._editable else Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self._editable:
            return flags
        if index.internalId() == 0:
            movable = Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
            return flags | Qt.ItemFlag.ItemIsEditable | movable
        child = self._child(index)
        if child.kind == SectionKind.EXTRA.value and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._item_data(index.row(), index.column(), role)
        row = self._rows[self.row_of(index.internalId())]
        return self._child_data(row, self._child(index), index.column(), role)

    def _item_data(self, row_number: int, column: int, role: int):
        row = self._rows[row_number]
        if role in (Qt.ItemDataRole.DisplayRole, HEADING_ROLE):
            if column == 1:
                return row.case_number
            text = item_heading(row_number + 1, row.title) if role == HEADING_ROLE else row.title
            return f"{text} (lukket)" if row.closed else text
        if role == Qt.ItemDataRole.EditRole:
            return row.title if column == 0 else row.case_number
        if role == Qt.ItemDataRole.ForegroundRole and row.closed:
            return QApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.FontRole and column == 0:
            font = QFont()
            font.setBold(True)
            font.setItalic(row.closed)
            return font
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and row.has_protocol:
            return self._protocol_icon()
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            # The whole heading first: the row shows only what fits, ending in "…".
            notes = [item_heading(row_number + 1, row.title)]
            if row.closed:
                notes.append(CLOSED_TIP)
            if row.has_protocol:
                notes.append("Protokol: fravær, inhabilitet, afstemning eller protokoltilførsel er ført")
            return "\n".join(notes)
        if role == NODE_ROLE:
            return Node.ITEM
        if role == ITEM_ID_ROLE:
            return row.id
        return None

    def _protocol_icon(self) -> QIcon:
        if self._icon is None:
            self._icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)
        return self._icon

    def _child_data(self, row: Row, child: Child, column: int, role: int):
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == 1:
                return ""
            return child.heading if role == Qt.ItemDataRole.EditRole else child.label
        if role == Qt.ItemDataRole.ForegroundRole and child.empty:
            return QBrush(QColor(130, 130, 130))
        if role == Qt.ItemDataRole.ToolTipRole and child.empty:
            return "Tomt – kommer ikke med i udskriften"
        if role == NODE_ROLE:
            return child.node
        if role == ITEM_ID_ROLE:
            return row.id
        if role == SECTION_ID_ROLE:
            return child.section_id
        if role == SECTION_KIND_ROLE:
            return child.kind
        return None

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not self._editable:
            return False
        text = str(value).strip()
        if index.internalId() == 0:
            row = self._rows[index.row()]
            if index.column() == 0:
                if not text:  # an item must keep a title; the old one stays
                    return False
                if text != row.title:
                    self.title_edit_requested.emit(row.id, text)
            elif text != row.case_number:
                self.case_number_edit_requested.emit(row.id, text)
            return True
        child = self._child(index)
        if child.kind != SectionKind.EXTRA.value or not text:
            return False
        if text != child.heading:
            self.heading_edit_requested.emit(index.internalId(), child.section_id, text)
        return True

    # --- drag and drop: a drop only asks for a move command ----------------------------

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        data = QMimeData()
        items = [i for i in indexes if i.isValid() and i.internalId() == 0]
        if items:
            data.setData(MIME_TYPE, QByteArray(str(self._rows[items[0].row()].id).encode()))
        return data

    def canDropMimeData(self, data: QMimeData, action, row: int, column: int, parent: AnyIndex) -> bool:  # noqa: N802
        return self._editable and data.hasFormat(MIME_TYPE) and self._drop_position(row, parent) is not None

    def dropMimeData(self, data: QMimeData, action, row: int, column: int, parent: AnyIndex) -> bool:  # noqa: N802
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        item_id = int(bytes(data.data(MIME_TYPE).data()).decode())
        old = self.row_of(item_id)
        target = self._drop_position(row, parent)
        if old < 0 or target is None:
            return False
        if parent.isValid() and row < 0:
            new = parent.row()  # dropped onto an item: take its place
        else:
            new = target - 1 if target > old else target  # counted after the item is taken out
        new = max(0, min(new, len(self._rows) - 1))
        if new != old:
            self.move_requested.emit(item_id, new)
        # False: the move command has already moved the row; the view must remove nothing.
        return False

    def _drop_position(self, row: int, parent: AnyIndex) -> int | None:
        """The row before which a drop lands, or None where a drop makes no sense."""
        if not parent.isValid():
            return len(self._rows) if row < 0 else row
        if parent.internalId() == 0:  # onto an item, or among its sections: just after it
            return parent.row() if row < 0 else parent.row() + 1
        return None

    # --- lookups -----------------------------------------------------------------------

    def row_of(self, item_id: int) -> int:
        """The row of an item (-1 if not shown); every paint asks, so it is a dict lookup."""
        if self._row_cache is None:
            self._row_cache = {row.id: number for number, row in enumerate(self._rows)}
        return self._row_cache.get(item_id, -1)

    def item_ids(self) -> list[int]:
        return [row.id for row in self._rows]

    def item_index(self, item_id: int, column: int = 0) -> QModelIndex:
        number = self.row_of(item_id)
        return self.index(number, column) if number >= 0 else QModelIndex()

    def section_index(self, item_id: int, section_id: int = 0, kind: str = "") -> QModelIndex:
        """The row of a section (by id, or by kind for a fixed one) or, with neither, of Bilag."""
        parent = self.item_index(item_id)
        if not parent.isValid():
            return QModelIndex()
        for number, child in enumerate(self._rows[parent.row()].children):
            if (section_id and child.section_id == section_id) or (
                not section_id and (child.kind == kind if kind else child.node is Node.ATTACHMENTS)
            ):
                return self.index(number, 0, parent)
        return QModelIndex()

    def row_facts(self, item_id: int) -> Row | None:
        number = self.row_of(item_id)
        return self._rows[number] if number >= 0 else None

    def _set_section_empty(self, section_id: int, empty: bool) -> None:
        """Grey or un-grey a section row as its text is saved."""
        for row in self._rows:
            for number, child in enumerate(row.children):
                if child.section_id == section_id and child.empty != empty:
                    child.empty = empty
                    index = self.createIndex(number, 0, row.id)
                    self.dataChanged.emit(index, index.siblingAtColumn(1))
                    return

    def _child(self, index: AnyIndex) -> Child:
        return self._rows[self.row_of(index.internalId())].children[index.row()]

    # --- following the Session ---------------------------------------------------------

    def _renumbered(self, first: int) -> None:
        """`Punkt N` follows every insert, remove and move at once."""
        if first < len(self._rows):
            self.dataChanged.emit(self.index(first, 0), self.index(len(self._rows) - 1, 0), [HEADING_ROLE])

    def on_changes(self, op: OpChanges) -> None:
        """Move, insert or repaint exactly the rows the change names, from its values."""
        change = op.change
        if isinstance(change, ItemAdded) and change.meeting_id == self.meeting_id:
            self._on_item_added(change.item, change.position)
        elif isinstance(change, ItemRemoved) and change.meeting_id == self.meeting_id:
            self._on_item_removed(change.item_id)
        elif isinstance(change, ItemMoved) and change.meeting_id == self.meeting_id:
            self._on_item_moved(change.item_id, change.position)
        elif isinstance(change, ItemChanged):
            self._refresh_item(change.item_id, change.fields)
        elif isinstance(change, ItemContentChanged):
            self._refresh_children(change.item)
        elif isinstance(change, SectionTextSaved):
            self._set_section_empty(change.section_id, change.empty)

    def _on_item_added(self, item: Item, position: int) -> None:
        row = row_from_item(item)
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.insert(position, row)
        self._row_cache = None
        self.endInsertRows()
        self._renumbered(position + 1)

    def _on_item_removed(self, item_id: int) -> None:
        number = self.row_of(item_id)
        if number < 0:
            return
        self.beginRemoveRows(QModelIndex(), number, number)
        del self._rows[number]
        self._row_cache = None
        self.endRemoveRows()
        self._renumbered(number)

    def _on_item_moved(self, item_id: int, new: int) -> None:
        old = self.row_of(item_id)
        if old < 0 or old == new:
            return
        self.beginMoveRows(QModelIndex(), old, old, QModelIndex(), new + 1 if new > old else new)
        self._rows.insert(new, self._rows.pop(old))
        self._row_cache = None
        self.endMoveRows()
        self._renumbered(min(old, new))

    def _refresh_item(self, item_id: int, fields: Mapping[str, object]) -> None:
        number = self.row_of(item_id)
        if number < 0:
            return
        row = self._rows[number]
        for name, value in fields.items():
            setattr(row, name, value)
        self.dataChanged.emit(self.index(number, 0), self.index(number, 1))

    def _refresh_children(self, item: Item) -> None:
        assert item.id is not None
        number = self.row_of(item.id)
        if number < 0:
            return
        row = self._rows[number]
        if row.has_protocol != (not item.protocol.is_empty):
            row.has_protocol = not row.has_protocol
            self.dataChanged.emit(self.index(number, 0), self.index(number, 0))
        old, new = row.children, row_from_item(item).children
        parent = self.index(number, 0)
        same = 0
        while same < min(len(old), len(new)) and old[same].section_id == new[same].section_id:
            same += 1
        if len(new) == len(old) + 1:
            self.beginInsertRows(parent, same, same)
            row.children = new
            self.endInsertRows()
        elif len(new) == len(old) - 1:
            self.beginRemoveRows(parent, same, same)
            row.children = new
            self.endRemoveRows()
        elif len(new) != len(old):
            self.beginRemoveRows(parent, 0, len(old) - 1)
            row.children = []
            self.endRemoveRows()
            self.beginInsertRows(parent, 0, len(new) - 1)
            row.children = new
            self.endInsertRows()
        else:
            row.children = new
        self.dataChanged.emit(self.index(0, 0, parent), self.index(len(new) - 1, 1, parent))
