"""The window's actions and menus: every command has a menu entry with a mnemonic, so the
whole program can be used from the keyboard. The window connects them to its handlers."""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from referat_desktop.ui.export_actions import EXPORT_KINDS, ExportKind


@dataclass
class WindowActions:
    new_database: QAction
    open_database: QAction
    import_json: QAction
    print_agenda: QAction
    print_public_agenda: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    find: QAction
    new_meeting: QAction
    new_meeting_from_current: QAction
    delete_meeting: QAction
    add_sample: QAction
    add_protocol_sample: QAction
    approve: QAction
    add_correction: QAction
    new_item: QAction
    delete_item: QAction
    move_up: QAction
    move_down: QAction
    rename: QAction
    toggle_closed: QAction
    new_section: QAction
    delete_section: QAction
    meeting_mode: QAction
    next_item: QAction
    previous_item: QAction
    next_pane: QAction
    previous_pane: QAction
    shortcuts: QAction
    about: QAction

    def editing(self) -> list[QAction]:
        """Actions that change the database (disabled for a read-only file)."""
        return [self.import_json,
                self.new_meeting, self.new_meeting_from_current, self.delete_meeting, self.add_sample,
                self.add_protocol_sample, self.approve, self.add_correction,
                self.new_item, self.delete_item, self.move_up, self.move_down, self.rename,
                self.toggle_closed, self.new_section, self.delete_section, self.undo, self.redo]

    def all(self) -> list[QAction]:
        return [getattr(self, f.name) for f in fields(self)]


@dataclass(frozen=True)
class ActionState:
    """What the window's actions depend on."""

    writable: bool  # the file can be written
    sealed: bool  # the shown meeting is approved: only corrections
    meeting: bool  # a meeting is shown
    item: bool  # an item (or one of its sections) is selected
    extra_section: bool  # the selection is an extra section
    closed: bool  # the selected item is closed
    can_undo: bool
    can_redo: bool


def update_enabled(a: WindowActions, exports: list[QAction], s: ActionState) -> None:
    """Enable what can be done now (Nyt punkt with no meeting makes one)."""
    edit = s.writable and not s.sealed
    for action in (a.new_meeting, a.add_sample, a.add_protocol_sample, a.import_json):
        action.setEnabled(s.writable)
    a.new_item.setEnabled(s.writable and not (s.meeting and s.sealed))
    a.new_meeting_from_current.setEnabled(s.writable and s.meeting)
    a.delete_meeting.setEnabled(edit and s.meeting)
    a.approve.setEnabled(edit and s.meeting)
    a.add_correction.setEnabled(s.writable and s.sealed and s.item)
    for action in (a.delete_item, a.move_up, a.move_down, a.rename, a.toggle_closed, a.new_section):
        action.setEnabled(edit and s.item)
    a.delete_section.setEnabled(edit and s.extra_section)
    a.toggle_closed.setChecked(s.closed)
    a.undo.setEnabled(s.writable and s.can_undo)
    a.redo.setEnabled(s.writable and s.can_redo)
    a.print_agenda.setEnabled(s.meeting)
    a.print_public_agenda.setEnabled(s.meeting)
    for action in exports:
        action.setEnabled(s.meeting)


def _action(parent: QWidget, text: str, shortcut: str | QKeySequence.StandardKey = "",
            tip: str = "") -> QAction:
    action = QAction(text, parent)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    return action


def build_actions(window: QWidget) -> WindowActions:
    a = WindowActions(
        new_database=_action(window, "&Ny database…", "", "Opret en ny, tom databasefil"),
        open_database=_action(window, "Å&bn database…", "Ctrl+O", "Åbn en anden databasefil"),
        import_json=_action(window, "&Importér møder (referat/1 JSON)…", "",
                            "Tilføj møderne fra en referat/1 JSON-fil, fx et andet programs eksport"),
        print_agenda=_action(window, "&Udskriv dagsorden…", "Ctrl+P",
                             "Vis dagsordenen, som den bliver udskrevet"),
        print_public_agenda=_action(window, "Udskriv &offentlig dagsorden…", "Ctrl+Shift+P",
                                    "Vis den offentlige dagsorden (lukkede punkter kun med nummer "
                                    "og titel), som den bliver udskrevet"),
        quit=_action(window, "&Afslut", "Ctrl+Q"),
        undo=_action(window, "&Fortryd", "Ctrl+Z"),
        redo=_action(window, "&Annuller fortryd", "Ctrl+Shift+Z"),
        find=_action(window, "&Søg…", "Ctrl+F", "Søg i punkternes titler, sagsnumre og tekst"),
        new_meeting=_action(window, "&Nyt møde", "Ctrl+Shift+N", "Opret et nyt møde med dags dato"),
        new_meeting_from_current=_action(
            window, "Nyt møde &ud fra dette", "",
            "Samme udvalg, deltagere og faste punkter (fx Øvrige sager), en uge senere"),
        delete_meeting=_action(window, "&Slet møde…", "", "Slet det valgte møde (kan fortrydes)"),
        add_sample=_action(window, "Tilføj &eksempelmødet", "", "Tilføj Direktionens møde 16-12-2019"),
        add_protocol_sample=_action(window, "Tilføj eksempel med &protokol", "",
                                    "Tilføj et opdigtet økonomiudvalgsmøde med fravær, inhabilitet, "
                                    "afstemninger og protokoltilførsler"),
        approve=_action(window, "&Godkend referat…", "",
                        "Godkend referatet: derefter kan det kun rettes med en dateret rettelse"),
        add_correction=_action(window, "Tilføj &rettelse…", "",
                               "Tilføj en dateret rettelse til punktet i et godkendt referat"),
        new_item=_action(window, "&Nyt punkt", "Ctrl+N", "Tilføj et punkt efter det valgte"),
        delete_item=_action(window, "&Slet punkt", "", "Slet det valgte punkt (kan fortrydes)"),
        move_up=_action(window, "Flyt o&p", "Alt+Up"),
        move_down=_action(window, "Flyt n&ed", "Alt+Down"),
        rename=_action(window, "&Omdøb", "F2", "Ret punktets titel eller afsnittets overskrift"),
        toggle_closed=_action(window, "&Lukket punkt", "", "Kun nummer og titel i den offentlige udgave"),
        new_section=_action(window, "Nyt &afsnit…", "", "Tilføj et afsnit med egen overskrift"),
        delete_section=_action(window, "Slet afsni&t", "", "Slet det valgte ekstra afsnit (kan fortrydes)"),
        meeting_mode=_action(window, "&Mødetilstand", "F11",
                             "Skriv beslutningerne under mødet: kun punkt, indstilling, beslutning og ur"),
        next_item=_action(window, "&Næste punkt", "Ctrl+PgDown", "Næste punkts beslutning"),
        previous_item=_action(window, "&Forrige punkt", "Ctrl+PgUp", "Forrige punkts beslutning"),
        next_pane=_action(window, "Næste &rude", "F6", "Møder, dagsorden, tekst"),
        previous_pane=_action(window, "Forrige r&ude", "Shift+F6", "Tekst, dagsorden, møder"),
        shortcuts=_action(window, "&Tastaturgenveje", "F1", "Alle tastaturgenveje"),
        about=_action(window, "&Om Referat"),
    )
    a.toggle_closed.setCheckable(True)
    a.meeting_mode.setCheckable(True)
    a.quit.setMenuRole(QAction.MenuRole.QuitRole)
    a.undo.setEnabled(False)
    a.redo.setEnabled(False)
    for action in a.all():
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        window.addAction(action)
    return a


def build_menus(
    bar: QMenuBar, a: WindowActions, recent: QMenu, export_actions: dict[ExportKind, QAction]
) -> dict[str, QMenu]:
    files = bar.addMenu("&Filer")
    files.addActions([a.new_database, a.open_database])
    files.addMenu(recent)
    files.addSeparator()
    files.addAction(a.import_json)
    # The JSON export is an Eksport entry (the format registry's); it sits here too,
    # beside its counterpart, where one looks for "import/export a file".
    files.addActions([action for kind, action in export_actions.items() if kind.fmt == "json"])
    files.addSeparator()
    files.addActions([a.print_agenda, a.print_public_agenda])
    files.addSeparator()
    files.addAction(a.quit)

    edit = bar.addMenu("&Rediger")
    edit.addActions([a.undo, a.redo])
    edit.addSeparator()
    edit.addAction(a.find)

    meeting = bar.addMenu("&Møde")
    meeting.addActions([a.new_meeting, a.new_meeting_from_current])
    meeting.addSeparator()
    meeting.addActions([a.delete_meeting, a.add_sample, a.add_protocol_sample])
    meeting.addSeparator()
    meeting.addAction(a.approve)

    item = bar.addMenu("&Punkt")
    item.addActions([a.new_item, a.delete_item])
    item.addSeparator()
    item.addActions([a.move_up, a.move_down, a.rename, a.toggle_closed])
    item.addSeparator()
    item.addActions([a.new_section, a.delete_section])
    item.addSeparator()
    item.addAction(a.add_correction)

    export = bar.addMenu("&Eksport")
    for kind, following in zip(EXPORT_KINDS, EXPORT_KINDS[1:] + (None,), strict=True):
        export.addAction(export_actions[kind])
        if following is not None and following.variant is not kind.variant:
            export.addSeparator()  # between the minutes, the agenda and the public version

    view = bar.addMenu("&Vis")
    view.addActions([a.meeting_mode, a.next_item, a.previous_item])
    view.addSeparator()
    view.addActions([a.next_pane, a.previous_pane])

    help_menu = bar.addMenu("&Hjælp")
    help_menu.addActions([a.shortcuts, a.about])
    return {"files": files, "edit": edit, "meeting": meeting, "item": item, "export": export,
            "view": view, "help": help_menu}


def build_export_actions(window: QWidget) -> dict[ExportKind, QAction]:
    result = {}
    for kind in EXPORT_KINDS:
        action = _action(window, kind.label, kind.shortcut)
        window.addAction(action)
        result[kind] = action
    return result
