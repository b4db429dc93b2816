"""One-line fields are saved while they are typed, like the section editors.

Every form and in-place editor reports a keystroke with a `typed` signal; this module
hands the matching commit to the window's autosaver, which calls it at most a second
later (and at every flush: focus change, item switch, close). A commit is an undo command;
consecutive commits of one field merge into one undo step. When the store refuses a
commit (disk full, read-only file), the form is told to keep the text as unsaved, so the
next attempt tries again instead of thinking it is saved.
"""

from __future__ import annotations

import datetime as dt

from referat_desktop.domain.protocol import Protocol
from referat_desktop.ui.attachments_editor import AttachmentsEditor
from referat_desktop.ui.autosave import Autosaver
from referat_desktop.ui.editing import Editing
from referat_desktop.ui.item_form import ItemForm
from referat_desktop.ui.item_tree_view import ItemTreeView
from referat_desktop.ui.live_edit import commit_open_editor
from referat_desktop.ui.meeting_form import MeetingForm
from referat_desktop.ui.operations import ItemContentChanged, OpChanges
from referat_desktop.ui.protocol_editor import ProtocolEditor


def save_fields_while_typing(
    autosaver: Autosaver,
    editing: Editing,
    meeting_form: MeetingForm,
    item_form: ItemForm,
    attachments: AttachmentsEditor,
    tree: ItemTreeView,
    protocol: ProtocolEditor,
) -> None:
    def fact_edited(meeting_id: int, fact: str, old: object, new: object) -> None:
        if not editing.edit_fact(meeting_id, fact, old, new, meeting_form):
            meeting_form.forget_commit(fact, old)

    def item_field_edited(item_id: int, field: str, old: object, new: object) -> None:
        if not editing.edit_item_field(item_id, field, old, new, item_form):
            item_form.forget_commit(field, old)

    meeting_form.edited.connect(fact_edited)
    attachments.changed.connect(lambda item_id, listed: editing.set_attachments(item_id, listed, attachments))
    attachments.files_added.connect(editing.add_attachment_files)
    tree.files_dropped.connect(editing.add_attachment_files)
    attachments.file_replaced.connect(editing.replace_attachment_file)

    def attachments_saved(op: OpChanges) -> None:
        # A bilag change is written when made: say so, as a saved keystroke does.
        if isinstance(op.change, ItemContentChanged) and op.change.attachments:
            autosaver.saved.emit(dt.datetime.now().strftime("%H:%M:%S"))

    editing.session.changed.connect(attachments_saved)
    item_form.edited.connect(item_field_edited)
    meeting_form.typed.connect(
        lambda fact: autosaver.schedule_commit(("meeting", fact), lambda: meeting_form.commit_typed(fact)))
    item_form.typed.connect(
        lambda field: autosaver.schedule_commit(("item", field), lambda: item_form.commit_typed(field)))
    attachments.typed.connect(lambda: autosaver.schedule_commit("attachment name", attachments.commit_typed))
    def protocol_edited(item_id: int, old: Protocol, new: Protocol, key: str) -> None:
        if not editing.set_protocol(item_id, old, new, key, protocol):
            protocol.forget_commit(old)

    protocol.edited.connect(protocol_edited)
    protocol.typed.connect(lambda: autosaver.schedule_commit("protocol", protocol.commit_typed))
    tree.delegate.typed.connect(lambda: autosaver.schedule_commit("tree", lambda: commit_open_editor(tree)))
