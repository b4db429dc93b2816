"""The main window: meeting list | meeting facts over the agenda tree | the editor.

The window lays out its parts and routes selection between them; what an edit does lives
in editing.py (undo commands), how each part looks lives in its own module. Everything it
needs from outside (session, undo stack, autosaver, settings) is handed in by app.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from referat_desktop.domain.model import Meeting, Section, SectionKind
from referat_desktop.domain.texts import Variant, decision_heading_of
from referat_desktop.resources_path import PROTOCOL_SAMPLE_MEETING
from referat_desktop.store import StoreError
from referat_desktop.store.backup import BackupInfo
from referat_desktop.ui.actions import (
    ActionState,
    build_actions,
    build_export_actions,
    build_menus,
    update_enabled,
)
from referat_desktop.ui.approval import ApprovalDialog, CorrectionDialog, SealBar, Sealing
from referat_desktop.ui.autosave import Autosaver, SaveStatus
from referat_desktop.ui.backups import (
    ask_backup,
    install_restore_action,
    report_backup_failure,
    restore_from_backup,
)
from referat_desktop.ui.change_follower import ChangeFollower
from referat_desktop.ui.editing import Editing
from referat_desktop.ui.editor_pane import EditorPane
from referat_desktop.ui.export_actions import ExportController
from referat_desktop.ui.field_saving import save_fields_while_typing
from referat_desktop.ui.files import RecentMenu, ask_new_database, ask_open_database
from referat_desktop.ui.format_menu import add_format_menu
from referat_desktop.ui.help import open_about, open_shortcuts
from referat_desktop.ui.item_rows import Node
from referat_desktop.ui.item_tree import (
    ITEM_ID_ROLE,
    NODE_ROLE,
    SECTION_ID_ROLE,
    SECTION_KIND_ROLE,
    ItemTreeModel,
)
from referat_desktop.ui.item_tree_view import ItemTreeView
from referat_desktop.ui.json_import import import_meetings
from referat_desktop.ui.meeting_form import MeetingForm
from referat_desktop.ui.meeting_list import MeetingListModel, MeetingListView
from referat_desktop.ui.meeting_mode import MeetingMode, ModeParts
from referat_desktop.ui.navigation import Navigation
from referat_desktop.ui.panels import EmptyState, ErrorNotice, ReadOnlyBar
from referat_desktop.ui.search import SearchBox
from referat_desktop.ui.session import Session
from referat_desktop.ui.settings import UiSettings
from referat_desktop.ui.spell_wiring import install_spell_check
from referat_desktop.ui.window_layout import WindowParts, lay_out


def _application() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


class MainWindow(QMainWindow):
    database_requested = Signal(str)  # a file to open instead of this one (the Launcher does it)
    reload_requested = Signal(str)  # rebuild on this file, then show the message (after a restore)

    def __init__(
        self,
        session: Session,
        stack: QUndoStack,
        autosaver: Autosaver,
        settings: UiSettings,
        today: Callable[[], dt.date] = dt.date.today,
        data_folder: Path | None = None,  # the personal word list's; None: no spell check
    ) -> None:
        super().__init__()
        self.session, self.stack, self.autosaver, self.settings = session, stack, autosaver, settings
        self.read_only = session.read_only
        self._flushing = False
        self._closed = False
        self.print_preview: QWidget | None = None
        self.error_notice = ErrorNotice(self)
        self.setWindowTitle(f"Referat – {session.path.name}")

        self.meeting_model = MeetingListModel(session, self)
        self.meeting_view = MeetingListView(self.meeting_model)
        self.search = SearchBox(session.search)
        self.meeting_form = MeetingForm()
        self.item_model = ItemTreeModel(session, self)
        self.item_view = ItemTreeView(self.item_model)
        self.editor = EditorPane()
        self.empty_state = EmptyState()
        self.editing = Editing(self, session, stack, self.meeting_view, self.item_view, self.flush, today)
        self.acts = build_actions(self)
        self.export_acts = build_export_actions(self)
        self.recent_menu = RecentMenu(settings, self)
        self.menus = build_menus(self.menuBar(), self.acts, self.recent_menu, self.export_acts)
        self.restore_action = install_restore_action(
            self, self.menus["files"], self.recent_menu.menuAction(), self.read_only,
            self.restore_backup,
        )
        self.exporter = ExportController(self, settings, self.current_meeting)
        self.save_status = SaveStatus(autosaver, session)
        self.seal_bar = SealBar()
        self.sealing = Sealing(self, session, stack, self.flush, self.seal_bar, today)

        self.layout_parts = lay_out(WindowParts(
            self.search, self.meeting_view, self.meeting_form, self.item_view, self.editor, self.empty_state,
            self.acts, self.menus,
            ReadOnlyBar(session.path.name, session.read_only_reason) if self.read_only else None,
            self.seal_bar,
            [self.search.field, self.meeting_view, *self.meeting_form.fields_in_order(), self.item_view],
            self._delete_in_tree,
        ))
        self.setCentralWidget(self.layout_parts.central)
        self.splitter, self.middle_splitter, self.pages = (
            self.layout_parts.splitter, self.layout_parts.middle_splitter, self.layout_parts.pages)
        self.statusBar().addPermanentWidget(self.save_status)
        self.menus["format"] = add_format_menu(self.menuBar(), self.menus["meeting"].menuAction(),
                                               self.editor.section_editor)
        self.meeting_mode = MeetingMode(ModeParts(
            session, self.splitter, self.middle_splitter, self.item_model, self.item_view, self.editor,
            self.acts.meeting_mode, self.acts.next_item, self.acts.previous_item, self.flush), parent=self)
        self.navigation = Navigation(
            self.splitter, self.search, self.meeting_view, self.item_model, self.item_view, self.editor,
            self.acts.next_pane, self.acts.previous_pane, parent=self)
        self.save_status.setText("Skrivebeskyttet" if self.read_only else "Ændringer gemmes automatisk")
        report_backup_failure(self, self.session.daily_backup)
        self._connect()
        self.spelling = install_spell_check(self, data_folder, settings, self.menus["edit"], self.editor,
                                            self.meeting_form, self.meeting_view, session)
        self.layout_parts.restore(self, settings)
        self._apply_read_only()
        self._update_empty_state()
        first = self.meeting_model.first_meeting()
        if first.isValid():
            self.meeting_view.setCurrentIndex(first)
        self._update_actions()

    # --- wiring ------------------------------------------------------------------------

    def _connect(self) -> None:
        a, e, s = self.acts, self.editing, self.session
        a.new_database.triggered.connect(lambda: self._ask_database(ask_new_database))
        a.open_database.triggered.connect(lambda: self._ask_database(ask_open_database))
        self.recent_menu.open_requested.connect(self.database_requested)
        a.import_json.triggered.connect(lambda: import_meetings(self, e, self.settings))
        a.print_agenda.triggered.connect(lambda: self.print_agenda())
        a.print_public_agenda.triggered.connect(lambda: self.print_agenda(Variant.PUBLIC_AGENDA))
        a.quit.triggered.connect(self.close)
        a.undo.triggered.connect(e.undo)
        a.redo.triggered.connect(e.redo)
        a.find.triggered.connect(self.meeting_mode.leave)  # first: the search box is folded in it
        a.find.triggered.connect(self.search.focus)
        a.new_meeting.triggered.connect(self.new_meeting)
        a.new_meeting_from_current.triggered.connect(e.new_meeting_from_current)
        a.delete_meeting.triggered.connect(e.delete_meeting)
        a.add_sample.triggered.connect(lambda: e.add_sample())
        a.add_protocol_sample.triggered.connect(lambda: e.add_sample(PROTOCOL_SAMPLE_MEETING))
        a.new_item.triggered.connect(self.new_item)
        a.delete_item.triggered.connect(e.delete_item)
        a.move_up.triggered.connect(lambda: e.move_item(-1))
        a.move_down.triggered.connect(lambda: e.move_item(+1))
        a.rename.triggered.connect(e.rename)
        a.toggle_closed.triggered.connect(e.set_closed)
        a.new_section.triggered.connect(e.new_section)
        a.delete_section.triggered.connect(e.delete_section)
        a.shortcuts.triggered.connect(lambda: open_shortcuts(self))
        a.about.triggered.connect(lambda: open_about(self, self.session.path))
        a.approve.triggered.connect(lambda: self.approve())
        a.add_correction.triggered.connect(lambda: self.add_correction())
        for kind, action in self.export_acts.items():
            action.triggered.connect(lambda _checked=False, k=kind: self.exporter.export(k))
        self.empty_state.new_meeting_clicked.connect(self.new_meeting)
        self.empty_state.sample_clicked.connect(lambda: e.add_sample())

        self.meeting_view.meeting_selected.connect(self.show_meeting)
        self.item_view.selectionModel().currentChanged.connect(self._on_node_changed)
        self.search.hit_activated.connect(lambda *hit: self.navigation.go_to(*hit))
        self.search.active_changed.connect(self._on_search_active)
        self.item_model.title_edit_requested.connect(e.edit_title)
        self.item_model.case_number_edit_requested.connect(e.edit_case_number)
        self.item_model.heading_edit_requested.connect(e.rename_section)
        self.item_model.move_requested.connect(e.move_item_to)
        self.editor.section_editor.edited.connect(self._on_text_edited)
        save_fields_while_typing(self.autosaver, e, self.meeting_form, self.editor.item_form,
                                 self.editor.attachments_editor, self.item_view, self.editor.protocol_editor)

        self.follower = ChangeFollower(self.meeting_view, self.meeting_form, self.item_view, self.editor,
                                       e.item_id, self._update_empty_state, self._update_actions)
        s.changed.connect(self.follower.on_changes)
        s.error_occurred.connect(self.show_error)
        # Bound methods, not lambdas: Qt drops them when the window goes, before the
        # stack (its child) announces its own clearing.
        self.stack.indexChanged.connect(self._update_actions)
        self.stack.undoTextChanged.connect(self._on_undo_text)
        self.stack.redoTextChanged.connect(self._on_redo_text)
        _application().focusChanged.connect(self._on_focus_changed)

    def _apply_read_only(self) -> None:
        """A read-only file, or an approved meeting shown: nothing can be typed."""
        locked = self.read_only or self.sealing.sealed()
        self.meeting_form.set_read_only(locked)
        self.editor.set_read_only(locked)
        self.item_model.set_editable(not locked)
        self.empty_state.set_read_only(self.read_only)

    def _on_undo_text(self, text: str) -> None:
        self.acts.undo.setText(f"&Fortryd {text}".strip())

    def _on_redo_text(self, text: str) -> None:
        self.acts.redo.setText(f"&Annuller fortryd {text}".strip())

    def _update_actions(self, *_args: object) -> None:
        e = self.editing
        row = self.item_model.row_facts(e.item_id())
        update_enabled(self.acts, list(self.export_acts.values()), ActionState(
            writable=not self.read_only, sealed=self.sealing.sealed(), meeting=bool(e.meeting_id()),
            item=bool(e.item_id()), extra_section=bool(e.extra_section_id()), closed=bool(row and row.closed),
            can_undo=self.stack.canUndo(), can_redo=self.stack.canRedo()))

    def _update_empty_state(self, *_args: object) -> None:
        empty = self.meeting_model.meeting_count() == 0
        self.pages.setCurrentWidget(self.empty_state if empty else self.splitter)

    # --- selection ---------------------------------------------------------------------

    def show_meeting(self, meeting_id: int) -> None:
        if meeting_id == self.item_model.meeting_id:
            return
        self.item_view.finish_editing()
        self.flush()
        if not meeting_id and self.meeting_model.meeting_count():
            # The selection fell on a year row (its last meeting was deleted): pick a meeting.
            self.meeting_view.setCurrentIndex(self.meeting_model.first_meeting())
            return
        meeting = self.session.get_meeting(meeting_id) if meeting_id else None
        self.sealing.show_meeting(meeting)
        self._apply_read_only()
        self.meeting_form.show_meeting(meeting)
        self.item_model.show_meeting(meeting_id, meeting.items if meeting else [])
        self.editor.show_nothing()
        if self.item_model.rowCount():
            self.item_view.setCurrentIndex(self.item_model.index(0, 0))
        self._update_actions()

    def _on_node_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.flush()
        index = current.siblingAtColumn(0)
        node = index.data(NODE_ROLE) if index.isValid() else None
        row = self.item_model.row_facts(index.data(ITEM_ID_ROLE) or 0) if node else None
        if row is None:
            self.editor.show_nothing()
        elif node == Node.ITEM:
            self.editor.show_item(self.item_model.row_of(row.id) + 1, row)
        elif node == Node.ATTACHMENTS:
            item, number = self.session.get_item(row.id), self.item_model.row_of(row.id) + 1
            self.editor.show_attachments(number, row, item.attachments, item.closed)
        else:
            self._show_section(index, row)
        self._update_actions()

    def _show_section(self, index: QModelIndex, row) -> None:
        kind = SectionKind(index.data(SECTION_KIND_ROLE))
        section_id = index.data(SECTION_ID_ROLE) or 0
        if not section_id and not self.read_only:
            # A fixed section the item lacks is created when first opened (not an undo
            # step: an empty section prints nothing), so typing always has a place to go.
            try:
                section_id = self.session.add_section(row.id, Section(kind))
            except StoreError as exc:
                self.show_error(str(exc))
        item = self.session.get_item(row.id)
        text = self.autosaver.pending_text(section_id) if section_id else None
        if text is None:
            text = next((s.text for s in item.sections if s.id == section_id), "")
        label = str(index.data())
        if kind is SectionKind.BESLUTNING:  # as printed: "Beslutning Direktionen den 16-12-2019"
            label = decision_heading_of(*self.meeting_form.board_and_date())
        number = self.item_model.row_of(row.id) + 1
        self.editor.show_section(number, row, section_id or None, kind, label, text)
        if kind is SectionKind.BESLUTNING:
            people, absent = self.meeting_form.saved("participants"), self.meeting_form.saved("absent")
            assert isinstance(people, list) and isinstance(absent, list)
            self.editor.show_protocol(item, people, absent)

    def approve(self, ask: Callable[[ApprovalDialog], bool] | None = None) -> None:
        """Godkend referat…: once approved, the meeting is shown sealed."""
        if self.sealing.approve(meeting_id := self.editing.meeting_id(), ask):
            self.sealing.show_meeting(self.session.get_meeting(meeting_id))
            self._apply_read_only()
            self._update_actions()

    def add_correction(self, ask: Callable[[CorrectionDialog], bool] | None = None) -> None:
        if (row := self.item_model.row_facts(self.editing.item_id())) is not None:
            self.sealing.add_correction(row.id, row.title, str(self.meeting_form.saved("secretary")), ask)

    def _delete_in_tree(self) -> None:
        """Delete in the agenda tree: an extra section if one is selected, else the item."""
        if self.editing.extra_section_id():
            self.acts.delete_section.trigger()
        else:
            self.acts.delete_item.trigger()

    def new_meeting(self) -> None:
        """Nyt møde: the cursor goes to its first fact, Udvalg, all of it selected, and a
        search in progress gives way to the meeting list, so the new meeting shows there."""
        if self.editing.new_meeting():
            self.search.clear()
            self.meeting_form.focus_first()

    def new_item(self) -> None:
        """Nyt punkt: the cursor goes to its title, selected, so typing replaces it."""
        if not self.editing.meeting_id():
            self.new_meeting()
            return
        if self.editing.new_item() and self.editor.shown() == Node.ITEM:
            self.editor.item_form.focus_first()

    def _on_search_active(self, active: bool) -> None:
        self.meeting_view.setVisible(not active)

    def _on_text_edited(self, section_id: int, markdown: str) -> None:
        self.autosaver.schedule(section_id, markdown)

    def _on_focus_changed(self, _old: QWidget | None, _new: QWidget | None) -> None:
        if self.autosaver.pending():
            self.autosaver.flush()

    # --- saving, exporting, printing ---------------------------------------------------

    def flush(self) -> bool:
        """Commit the forms and save pending text now; False if some text could not be saved."""
        if self._flushing:
            return True
        self._flushing = True
        try:
            self.meeting_form.commit()
            self.editor.item_form.commit()
            return self.autosaver.flush()
        finally:
            self._flushing = False

    def current_meeting(self) -> Meeting | None:
        """The shown meeting as saved, with the latest text (what exports and print see)."""
        self.flush()
        meeting_id = self.item_model.meeting_id
        return self.session.get_meeting(meeting_id) if meeting_id else None

    def print_agenda(self, variant: Variant = Variant.AGENDA) -> None:
        from referat_desktop.ui.printing import open_agenda_preview  # pypdfium2 loads on first print

        meeting = self.current_meeting()
        if meeting is not None:
            preview = open_agenda_preview(meeting, self, self.show_error, variant)
            self.print_preview = preview or self.print_preview

    def show_error(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)
        self.error_notice.show(message)

    # --- files and closing -------------------------------------------------------------

    def _ask_database(self, ask: Callable[[QWidget, str], Path | None]) -> None:
        """Ny database… / Åbn database…: the Launcher builds the window on the file chosen."""
        path = ask(self, self.settings.folder("database"))
        if path is not None:
            self.database_requested.emit(str(path))

    def restore_backup(self, choose: Callable[[QWidget, str, list[BackupInfo]], Path | None] = ask_backup,
                       ) -> Path | None:
        """Filer > Gendan fra sikkerhedskopi…; the copy of the replaced content, if restored."""
        def reload(message: str) -> None:
            self.stack.clear()  # its commands refer to the content just replaced
            self.reload_requested.emit(message)

        return restore_from_backup(self, self.session, self.flush, self.show_error, reload, choose)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.item_view.finish_editing()
        if not self.flush():
            answer = QMessageBox.warning(
                self, "Teksten er ikke gemt",
                "Den seneste tekst kunne ikke gemmes i databasefilen. Lukker du nu, går den tabt.\n\n"
                "Vil du lukke alligevel?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.meeting_mode.leave()  # the layout saved is the ordinary one
        self.layout_parts.save(self, self.settings)
        if not self._closed:
            _application().focusChanged.disconnect(self._on_focus_changed)
        self._closed = True
        if self.print_preview is not None:
            self.print_preview.close()
        self.editor.attachments_editor.files.cleanup()  # the opened bilag's temporary copies
        self.session.close()
        event.accept()
