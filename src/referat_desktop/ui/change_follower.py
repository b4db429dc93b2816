"""Showing in the window what an operation changed (the Session's `OpChanges`).

The models follow the changes themselves; this shows the rest: what was added is
selected, an undone fact or title shows in its form, a renamed section in the pane
heading, an attachment list changed by undo in the Bilag editor. A change a widget made
itself is not shown back to it (it already shows it).
"""

from __future__ import annotations

from collections.abc import Callable

from referat_desktop.ui.editor_pane import EditorPane
from referat_desktop.ui.item_rows import Node
from referat_desktop.ui.item_tree import ItemTreeModel
from referat_desktop.ui.item_tree_view import ItemTreeView
from referat_desktop.ui.meeting_form import MeetingForm
from referat_desktop.ui.meeting_list import MeetingListView
from referat_desktop.ui.operations import (
    ItemAdded,
    ItemChanged,
    ItemContentChanged,
    ItemMoved,
    MeetingAdded,
    MeetingChanged,
    MeetingRemoved,
    OpChanges,
)


class ChangeFollower:
    def __init__(
        self,
        meeting_view: MeetingListView,
        meeting_form: MeetingForm,
        item_view: ItemTreeView,
        editor: EditorPane,
        shown_item_id: Callable[[], int],
        meetings_changed: Callable[[], None],  # the empty-database page may come or go
        item_changed: Callable[[], None],  # the actions follow the item's flags
    ) -> None:
        self.meeting_view, self.meeting_form = meeting_view, meeting_form
        self.item_view, self.editor = item_view, editor
        self._shown_item_id, self._meetings_changed, self._item_changed = (
            shown_item_id, meetings_changed, item_changed)

    @property
    def item_model(self) -> ItemTreeModel:
        model = self.item_view.model()
        assert isinstance(model, ItemTreeModel)
        return model

    def on_changes(self, op: OpChanges) -> None:
        change = op.change
        if isinstance(change, MeetingAdded):
            self._meetings_changed()
            self.meeting_view.select_meeting(change.meeting_id)
        elif isinstance(change, MeetingRemoved):
            self._meetings_changed()
        elif isinstance(change, MeetingChanged):
            if change.meeting_id == self.item_model.meeting_id and not op.started_by(self.meeting_form):
                self.meeting_form.refresh(change.facts)
        elif isinstance(change, ItemAdded):
            if change.meeting_id == self.item_model.meeting_id:
                index = self.item_model.item_index(change.item.id or 0)
                self.item_view.setCurrentIndex(index)
                self.item_view.scrollTo(index)
        elif isinstance(change, (ItemMoved, ItemChanged)):
            self._refresh_editor_item()
        elif isinstance(change, ItemContentChanged):
            self._on_item_content_changed(change, op.started_by(self.editor.attachments_editor),
                                          op.started_by(self.editor.protocol_editor))

    def _refresh_editor_item(self) -> None:
        """Number, title and closed flag of the shown item may have changed (move, undo)."""
        row = self.item_model.row_facts(self._shown_item_id())
        if row is not None:
            self.editor.update_item(self.item_model.row_of(row.id) + 1, row)
        self._item_changed()

    def _on_item_content_changed(self, change: ItemContentChanged, own_attachment_edit: bool,
                                 own_protocol_edit: bool) -> None:
        item_id = change.item.id or 0
        if change.section_added:
            index = self.item_model.section_index(item_id, change.section_added)
            if index.isValid() and index != self.item_view.currentIndex().siblingAtColumn(0):
                self.item_view.setCurrentIndex(index)
        if change.section_renamed:
            index = self.item_model.section_index(item_id, change.section_renamed)
            if index.isValid():
                self.editor.rename_section(change.section_renamed, str(index.data()))
        shown = self.editor.shown() == Node.ATTACHMENTS and self._shown_item_id() == item_id
        if change.attachments and shown and not own_attachment_edit:
            self.editor.attachments_editor.set_item(item_id, change.item.attachments, change.item.closed)
        if protocol_shown := (self.editor.protocol_editor.isVisibleTo(self.editor)
                              and self.editor.protocol_editor.item_id() == item_id):
            self.editor.show_corrections(change.item)  # a correction added
        protocol = self.editor.protocol_editor
        if change.protocol and protocol_shown and not own_protocol_edit:  # an undo or redo
            people, absent = self.meeting_form.saved("participants"), self.meeting_form.saved("absent")
            assert isinstance(people, list) and isinstance(absent, list)
            protocol.set_item(item_id, change.item.protocol, people, absent)
