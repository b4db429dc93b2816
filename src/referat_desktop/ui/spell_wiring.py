"""Puts the spell check (spelling.py) into the window: the section editor, the prose
one-line fields, the meeting's names, Rediger > Stavekontrol and its remembered state."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLineEdit, QMainWindow, QMenu

from referat_desktop.ui.editor_pane import EditorPane
from referat_desktop.ui.meeting_form import MeetingForm
from referat_desktop.ui.meeting_list import MeetingListView
from referat_desktop.ui.operations import MeetingChanged, OpChanges
from referat_desktop.ui.session import Session
from referat_desktop.ui.settings import UiSettings
from referat_desktop.ui.spelling import LineEditSpelling, Spelling, TextEditSpelling, spell_check_action

# One-line fields that hold prose. Names, dates, times, places and case numbers are not
# checked: a dictionary knows none of them.
PROSE_ITEM_FIELDS = ("title",)
NAME_FACTS = ("participants", "absent", "secretary")


def install_spell_check(
    window: QMainWindow,
    folder: Path | None,
    settings: UiSettings,
    edit_menu: QMenu,
    editor: EditorPane,
    meeting_form: MeetingForm,
    meeting_view: MeetingListView,
    session: Session,
) -> Spelling:
    """`folder`: the user's data folder (the personal word list, Enchant's own files);
    None leaves the spell check off and its menu entry disabled."""
    spelling = Spelling(folder, settings.spell_check() and folder is not None, window)
    text = TextEditSpelling(spelling, editor.section_editor.text_edit)
    editor.section_editor.document_replaced.connect(text.follow_document)
    for name in PROSE_ITEM_FIELDS:
        field = editor.item_form.widgets[name]
        assert isinstance(field, QLineEdit)
        LineEditSpelling(spelling, field)

    def names_changed() -> None:
        names: list[str] = []
        for fact in NAME_FACTS:
            value = meeting_form.saved(fact)
            names += value if isinstance(value, list) else [str(value)]
        spelling.set_names(names)

    def on_changes(changes: OpChanges) -> None:
        change = changes.change
        if isinstance(change, MeetingChanged) and set(change.facts) & set(NAME_FACTS):
            names_changed()

    meeting_view.meeting_selected.connect(lambda _meeting_id: names_changed())
    session.changed.connect(on_changes)
    names_changed()

    action = spell_check_action(window, spelling)

    def toggled(on: bool) -> None:
        settings.set_spell_check(on)
        spelling.set_enabled(on)

    action.toggled.connect(toggled)
    spelling.unavailable.connect(lambda message: window.statusBar().showMessage(message, 15000))
    edit_menu.addSeparator()
    edit_menu.addAction(action)
    spelling.action = action
    return spelling
