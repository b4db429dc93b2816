"""The agenda tree's view: `Punkt N: title` rows, drag and drop within the meeting, F2;
files dropped on an item become its bilag (issue 15)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from referat_desktop.ui.attachment_files import local_files
from referat_desktop.ui.item_tree import HEADING_ROLE, ITEM_ID_ROLE, ItemTreeModel
from referat_desktop.ui.live_edit import AnyIndex, LiveEditDelegate, commit_open_editor


class ItemDelegate(LiveEditDelegate):
    """Paints an item row as `Punkt N: title`; editing in place edits the title alone and
    is saved while it is typed (see live_edit.py)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: AnyIndex) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        if index.column() == 0 and not index.parent().isValid():
            option.text = index.data(HEADING_ROLE)


class ItemTreeView(QTreeView):
    """The agenda tree: drag and drop within the meeting, F2 edits in place."""

    files_dropped = Signal(int, list)  # item id, paths of files dropped on it (or its rows)

    def __init__(self, model: ItemTreeModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.delegate = ItemDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setAccessibleName("Punkter")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setUniformRowHeights(True)
        self.setExpandsOnDoubleClick(True)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # The case-number column fits its texts, measured here once per change; not
        # ResizeToContents, which asks every row's delegate for its size on each relayout
        # (most of what meeting mode's switch cost: every fold and unfold relays the tree).
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        model.modelReset.connect(self.fit_case_numbers)
        model.rowsInserted.connect(self.fit_case_numbers)
        model.dataChanged.connect(self.fit_case_numbers)
        self.fit_case_numbers()
        model.modelReset.connect(self.expandAll)
        model.rowsInserted.connect(self._expand_new_items)

    def fit_case_numbers(self, *_changed: object) -> None:
        """Size the Sagsnr. column to its longest text (item rows are bold) and its header."""
        model = self.model()
        bold = QFont(self.font())
        bold.setBold(True)
        widths = [QFontMetrics(bold).horizontalAdvance(str(model.index(row, 1).data() or ""))
                  for row in range(model.rowCount())]
        header_text = str(model.headerData(1, Qt.Orientation.Horizontal) or "")
        widths.append(self.header().fontMetrics().horizontalAdvance(header_text))
        margin = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 12
        if self.header().sectionSize(1) != max(widths) + margin:
            self.header().resizeSection(1, max(widths) + margin)

    def finish_editing(self) -> None:
        """Commit a title or heading being typed in place (before a switch or close)."""
        if self.state() != QAbstractItemView.State.EditingState:
            return
        commit_open_editor(self)
        editor = self.indexWidget(self.currentIndex())
        if editor is not None:
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _item_at(self, event: QDropEvent | QDragMoveEvent) -> int:
        """The item under a drag of files (0: none). A read-only or approved file refuses
        the files with its own message when they are added."""
        if not local_files(event.mimeData()):
            return 0
        index = self.indexAt(event.position().toPoint())
        return int(index.siblingAtColumn(0).data(ITEM_ID_ROLE) or 0) if index.isValid() else 0

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        if local_files(event.mimeData()):
            event.acceptProposedAction()  # where it may land is decided while it moves
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 (Qt's name)
        if not local_files(event.mimeData()):
            super().dragMoveEvent(event)
        elif self._item_at(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        if not local_files(event.mimeData()):
            super().dropEvent(event)
            return
        item_id = self._item_at(event)
        if item_id:
            event.acceptProposedAction()
            self.files_dropped.emit(item_id, local_files(event.mimeData()))
        else:
            event.ignore()

    def _expand_new_items(self, parent: QModelIndex, first: int, last: int) -> None:
        if not parent.isValid():
            for number in range(first, last + 1):
                self.expand(self.model().index(number, 0))
